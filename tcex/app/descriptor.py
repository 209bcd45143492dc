# -*- coding: utf-8 -*-
"""What the two App descriptors share: problems, params, file reading and the queries.

:class:`~tcex.app.install_conf.InstallConf` (``install.conf``) and
:class:`~tcex.app.install_json.InstallJson` (``install.json``) both derive from
:class:`Descriptor`, so the argument parser, ``tcex validate``, ``tcex run`` and
``tcex package`` read either through the same attributes.
"""
from __future__ import absolute_import, division, print_function, unicode_literals

import io
from collections import OrderedDict

import six

from tcex.errors import ConfigError

#: Repeating intervals (minutes) the platform offers when the descriptor names none.
DEFAULT_REPEATING_MINUTES = [60, 120, 240, 360, 720]

ERROR = 'error'
WARNING = 'warning'


@six.python_2_unicode_compatible
class Problem(object):
    """One problem found in an App descriptor.

    Args:
        path (str): The file.
        line (int): 1-based line number (problems about a missing property are
            reported at line 1).
        severity (str): ``'error'`` or ``'warning'``.
        message (str): One line saying what is wrong.
    """

    def __init__(self, path, line, severity, message):
        self.path = path
        self.line = int(line or 1)
        self.severity = severity
        self.message = message

    @property
    def is_error(self):
        """bool: True for an error, False for a warning."""
        return self.severity == ERROR

    def __str__(self):
        return '{}:{}: {}: {}'.format(self.path, self.line, self.severity, self.message)

    def __repr__(self):
        return 'Problem({!r}, {!r}, {!r}, {!r})'.format(
            self.path, self.line, self.severity, self.message
        )

    def __eq__(self, other):
        if not isinstance(other, Problem):
            return NotImplemented
        return (self.path, self.line, self.severity, self.message) == (
            other.path,
            other.line,
            other.severity,
            other.message,
        )

    def __ne__(self, other):
        result = self.__eq__(other)
        return result if result is NotImplemented else not result

    __hash__ = None


class Param(object):
    """One parameter of an App descriptor (``param.X`` / a ``params`` entry).

    Attributes:
        name (str): The parameter (and command line argument) name.
        default (str): The default value, or None when empty or absent.
        label (str): The label shown to the Job creator, or None.
        is_list (bool): ``param.X.list`` is set: the value is tokenised with
            ``list.delimiter`` and passed as repeated arguments.
        is_flag (bool): ``param.X.flag`` is set: a checkbox, passed as a bare
            ``--X`` when checked.
        is_encrypt (bool): ``param.X.encrypt`` is set: a secret.
        line (int): The line that declares the parameter.
    """

    def __init__(self, name, default=None, label=None, is_list=False, is_flag=False,
                 is_encrypt=False, line=None):
        self.name = name
        self.default = default
        self.label = label
        self.is_list = bool(is_list)
        self.is_flag = bool(is_flag)
        self.is_encrypt = bool(is_encrypt)
        self.line = line

    def __repr__(self):
        return (
            'Param(name={!r}, default={!r}, label={!r}, is_list={!r}, is_flag={!r}, '
            'is_encrypt={!r}, line={!r})'.format(
                self.name, self.default, self.label, self.is_list, self.is_flag,
                self.is_encrypt, self.line,
            )
        )

    def __eq__(self, other):
        if not isinstance(other, Param):
            return NotImplemented
        return vars(self) == vars(other)

    def __ne__(self, other):
        result = self.__eq__(other)
        return result if result is NotImplemented else not result

    __hash__ = None


def read_descriptor_text(path, name):
    """Return the text of a descriptor file (UTF-8, a byte-order mark dropped).

    Args:
        path (str): The file.
        name (str): ``install.conf`` or ``install.json`` (named in the message).

    Raises:
        ConfigError: The file cannot be read or is not UTF-8.
    """
    try:
        with io.open(path, 'rb') as handle:
            data = handle.read()
    except (IOError, OSError) as error:
        raise ConfigError('cannot read {}: {}'.format(name, error.strerror or error),
                          value=path, path=path)
    try:
        return data.decode('utf-8-sig')
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b'\n') + 1
        raise ConfigError('not valid UTF-8 text', value=path, path=path, line=line)


class Descriptor(object):
    """The attributes and queries every App descriptor model has.

    Attributes:
        path (str): The file (named in problem messages).
        program_version, program_language, language_version (str): The fields, or None.
        program_main (str): The main script, or None.
        allow_on_demand (bool): Whether the Job may run on demand (False when absent).
        repeating_minutes (list): The repeating intervals (ints), or
            :data:`DEFAULT_REPEATING_MINUTES`.
        list_delimiter (str): The list delimiter, or None.
        params (OrderedDict): Parameter name -> :class:`Param`, in file order.
        problems (list): :class:`Problem` objects.
        key_lines (dict): Property key -> the line it was (last) read from.
        unknown_keys (OrderedDict): Unrecognised top-level key -> line.
    """

    def __init__(self, path):
        self.path = path
        self.program_version = None
        self.program_language = None
        self.language_version = None
        self.program_main = None
        self.allow_on_demand = False
        self.repeating_minutes = list(DEFAULT_REPEATING_MINUTES)
        self.list_delimiter = None
        self.params = OrderedDict()
        self.problems = []
        self.key_lines = {}
        self.unknown_keys = OrderedDict()

    #: The descriptor's file name (named in messages); set by each model.
    filename = None

    @classmethod
    def load(cls, path):
        """Read and parse a descriptor file.

        Args:
            path (str): The file.

        Returns:
            Descriptor: The model (of the class it is called on); content problems are in ``problems``.

        Raises:
            ConfigError: The file cannot be read or is not UTF-8 (install.json: or is not JSON).
        """
        return cls.parse(read_descriptor_text(path, cls.filename), path=path)

    @classmethod
    def parse(cls, text, path):
        """Parse a descriptor's text (each model implements it)."""
        raise NotImplementedError

    def _problem(self, line, severity, message):
        self.problems.append(Problem(self.path, line, severity, message))

    def _add_minute(self, minutes, minute, line, key, shown):
        """Add a repeating interval to ``minutes``, recording a bad or discarded one.

        Args:
            minutes (list): The intervals read so far (a repeat is left out).
            minute (int): The value, or None when it is not a whole number.
            line (int): The line of the property.
            key (str): The property name, for messages.
            shown (str): The value as the message quotes it.
        """
        if minute is None or minute <= 0:
            self._problem(line, ERROR, '{} value {} is not a positive integer'.format(key, shown))
        elif minute > 60 and minute % 60:
            self._problem(line, WARNING, '{} value {} is discarded: values over 60 must be '
                                         'divisible by 60'.format(key, minute))
        elif minute not in minutes:
            minutes.append(minute)

    @property
    def errors(self):
        """list: The error-severity problems."""
        return [problem for problem in self.problems if problem.is_error]

    @property
    def warnings(self):
        """list: The warning-severity problems."""
        return [problem for problem in self.problems if not problem.is_error]

    @property
    def list_params(self):
        """list: Names of the list params."""
        return [name for name, param in self.params.items() if param.is_list]

    @property
    def flag_params(self):
        """list: Names of the flag (Boolean) params."""
        return [name for name, param in self.params.items() if param.is_flag]

    @property
    def encrypt_params(self):
        """list: Names of the encrypted params."""
        return [name for name, param in self.params.items() if param.is_encrypt]

    def split_list(self, value):
        """Tokenise a list param's value with the list delimiter as the platform does.

        Items are stripped of surrounding whitespace and empty items dropped.

        Args:
            value (str): The value.

        Returns:
            list: The items (``[value]`` stripped when there is no delimiter).
        """
        if value is None:
            return []
        parts = value.split(self.list_delimiter) if self.list_delimiter else [value]
        return [part.strip() for part in parts if part.strip()]

    def raise_on_errors(self):
        """Raise :class:`ConfigError` for the first error-severity problem.

        Raises:
            ConfigError: ``'<path>:<line>: <reason>'``.
        """
        for problem in self.problems:
            if problem.is_error:
                raise ConfigError(problem.message, path=self.path, line=problem.line)
