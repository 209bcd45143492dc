# -*- coding: utf-8 -*-
"""The ``install.conf`` model and parser.

``install.conf`` is the deployment descriptor of a Job App: ``key = value``
lines naming the App's version, language, main script, schedule options and
parameters. :meth:`InstallConf.parse` reads it into an :class:`InstallConf`
without raising for content problems; every problem it finds is recorded as a
:class:`Problem` (``path:line: severity: message``). The cross-field and
file-system checks live in :mod:`tcex.app.validate`.

Syntax accepted:

* ``key = value``; whitespace around key and value is ignored.
* Blank lines and comment lines (first non-blank character ``#`` or ``;``).
* CRLF or LF line ends, UTF-8 text with or without a byte-order mark.
* The flag properties ``param.X.list``, ``param.X.flag`` and
  ``param.X.encrypt`` may be written without ``=``. Their value, when given,
  is empty (set) or a word of :mod:`tcex.utils.booleans` (``true``/``yes``/``1``... or ``false``/``no``/``0``...).
* ``param.X.flag`` declares the parameter ``X`` as a boolean parameter on its
  own (the seed's ``param.delete.flag =``); ``.label``, ``.list`` and
  ``.encrypt`` need ``param.X`` (or a set ``.flag``) somewhere in the file.
"""
from __future__ import absolute_import, division, print_function, unicode_literals

import io
from collections import OrderedDict

import six

from tcex.errors import ConfigError
from tcex.utils.booleans import to_bool

#: Repeating intervals (minutes) the platform offers when ``repeating.minutes`` is absent.
DEFAULT_REPEATING_MINUTES = [60, 120, 240, 360, 720]

#: Languages the platform can run.
LANGUAGES = ('JAVA', 'PYTHON')

#: The top-level (non ``param.``) properties, in the seed's order.
TOP_LEVEL_KEYS = (
    'program.version',
    'program.language',
    'language.version',
    'program.main',
    'allow.onDemand',
    'repeating.minutes',
    'list.delimiter',
)

#: Suffixes of ``param.X.<suffix>`` attribute properties.
PARAM_SUFFIXES = ('label', 'list', 'flag', 'encrypt')

#: Suffixes whose property may be written without ``=``.
FLAG_SUFFIXES = ('list', 'flag', 'encrypt')

ERROR = 'error'
WARNING = 'warning'


@six.python_2_unicode_compatible
class Problem(object):
    """One problem found in an ``install.conf``.

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
    """One ``param.X`` of an ``install.conf``.

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


class _Entry(object):
    """A parsed ``key [= value]`` line."""

    __slots__ = ('key', 'value', 'line', 'has_equals')

    def __init__(self, key, value, line, has_equals):
        self.key = key
        self.value = value
        self.line = line
        self.has_equals = has_equals


def _split_param_key(key):
    """Return ``(name, suffix)`` for a ``param.`` key (suffix None for a declaration)."""
    rest = key[len('param.'):]
    head, dot, suffix = rest.rpartition('.')
    if dot and head and suffix in PARAM_SUFFIXES:
        return head, suffix
    return rest, None


class InstallConf(object):
    """A parsed ``install.conf``.

    Build one with :meth:`parse` (from text) or :meth:`load` (from a file).

    Attributes:
        path (str): The file the text came from (used in problem messages).
        program_version (str): ``program.version``, or None.
        program_language (str): ``program.language`` upper-cased, or None.
        language_version (str): ``language.version``, or None.
        program_main (str): ``program.main``, or None.
        allow_on_demand (bool): ``allow.onDemand`` (False when absent).
        repeating_minutes (list): The effective repeating intervals (ints):
            the valid values of ``repeating.minutes`` or
            :data:`DEFAULT_REPEATING_MINUTES`.
        list_delimiter (str): ``list.delimiter``, or None.
        params (OrderedDict): Parameter name -> :class:`Param`, in file order.
        problems (list): Parse-level :class:`Problem` objects.
        key_lines (dict): Property key -> the line it was (last) read from.
        unknown_keys (OrderedDict): Unrecognised top-level key -> line.
    """

    def __init__(self, path='install.conf'):
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

    # ------------------------------------------------------------------ loading
    @classmethod
    def load(cls, path):
        """Read and parse an ``install.conf`` file.

        Args:
            path (str): The file.

        Returns:
            InstallConf: The model; content problems are in ``problems``.

        Raises:
            ConfigError: The file cannot be read or is not UTF-8.
        """
        try:
            with io.open(path, 'rb') as handle:
                data = handle.read()
        except (IOError, OSError) as error:
            raise ConfigError(
                'cannot read install.conf: {}'.format(error.strerror or error), value=path, path=path
            )
        try:
            text = data.decode('utf-8-sig')
        except UnicodeDecodeError as error:
            line = data[: error.start].count(b'\n') + 1
            raise ConfigError('not valid UTF-8 text', value=path, path=path, line=line)
        return cls.parse(text, path=path)

    @classmethod
    def parse(cls, text, path='install.conf'):
        """Parse ``install.conf`` text; never raises for content problems.

        Args:
            text (str): The file's text (bytes are decoded as UTF-8).
            path (str): Name used in problem messages.

        Returns:
            InstallConf: The model, with parse-level problems in ``problems``.
        """
        if isinstance(text, six.binary_type):
            text = text.decode('utf-8-sig', 'replace')
        conf = cls(path=path)
        conf._parse(text)
        return conf

    # ------------------------------------------------------------------ helpers
    def _problem(self, line, severity, message):
        self.problems.append(Problem(self.path, line, severity, message))

    def _read_entries(self, text):
        """Split text into entries, recording malformed lines and duplicate keys."""
        if text.startswith('\ufeff'):
            text = text[1:]
        entries = OrderedDict()
        for number, raw in enumerate(text.splitlines(), 1):
            line = raw.strip()
            if not line or line[0] in '#;':
                continue
            if '=' in line:
                key, value = line.split('=', 1)
                key, value, has_equals = key.strip(), value.strip(), True
            else:
                key, value, has_equals = line, '', False
            if not key or any(char.isspace() for char in key):
                self._problem(
                    number, ERROR, "malformed line '{}': expected 'key = value'".format(line)
                )
                continue
            if not has_equals and not self._may_omit_equals(key):
                self._problem(
                    number,
                    ERROR,
                    "malformed line '{}': missing '=' (only param.<name>.list, .flag and "
                    ".encrypt may omit it)".format(line),
                )
                continue
            if key in entries:
                self._problem(
                    number,
                    ERROR,
                    "duplicate key '{}' (first set on line {}); the last value is used".format(
                        key, entries[key].line
                    ),
                )
                del entries[key]
            entries[key] = _Entry(key, value, number, has_equals)
        return entries

    @staticmethod
    def _may_omit_equals(key):
        if not key.startswith('param.'):
            return False
        return _split_param_key(key)[1] in FLAG_SUFFIXES

    def _flag_value(self, entry):
        """Return the bool of a flag property's value, recording a bad value."""
        try:
            return to_bool(entry.value, empty=True)
        except ValueError:
            pass
        self._problem(
            entry.line,
            ERROR,
            "invalid value '{}' for {}: expected nothing, true or false".format(
                entry.value, entry.key
            ),
        )
        return False

    # ------------------------------------------------------------------ parsing
    def _parse(self, text):
        entries = self._read_entries(text)
        declarations = OrderedDict()  # name -> entry of ``param.X``
        attributes = []  # (name, suffix, entry)
        for key, entry in entries.items():
            self.key_lines[key] = entry.line
            if key.startswith('param.'):
                name, suffix = _split_param_key(key)
                if not name:
                    self._problem(entry.line, ERROR, "missing parameter name in '{}'".format(key))
                elif suffix is None:
                    declarations[name] = entry
                else:
                    attributes.append((name, suffix, entry))
            elif key in TOP_LEVEL_KEYS:
                self._set_top_level(entry)
            else:
                self.unknown_keys[key] = entry.line
        self._build_params(declarations, attributes)
        self.problems.sort(key=lambda problem: problem.line)

    def _set_top_level(self, entry):
        key, value = entry.key, entry.value
        if key == 'program.version':
            self.program_version = value or None
        elif key == 'program.language':
            self.program_language = value.upper() or None
        elif key == 'language.version':
            self.language_version = value or None
        elif key == 'program.main':
            self.program_main = value or None
        elif key == 'allow.onDemand':
            if value.lower() in ('true', 'false'):
                self.allow_on_demand = value.lower() == 'true'
            else:
                self._problem(
                    entry.line,
                    ERROR,
                    "invalid value '{}' for allow.onDemand: expected true or false".format(value),
                )
        elif key == 'repeating.minutes':
            self._set_repeating_minutes(entry)
        elif key == 'list.delimiter':
            if value:
                self.list_delimiter = value
            else:
                self._problem(entry.line, ERROR, 'list.delimiter is empty')

    def _set_repeating_minutes(self, entry):
        if not entry.value:
            self._problem(
                entry.line,
                WARNING,
                'repeating.minutes is empty; the default {} applies'.format(
                    ','.join(str(minute) for minute in DEFAULT_REPEATING_MINUTES)
                ),
            )
            return
        minutes = []
        for item in entry.value.split(','):
            item = item.strip()
            try:
                minute = int(item)
            except ValueError:
                minute = None
            if minute is None or minute <= 0:
                self._problem(
                    entry.line,
                    ERROR,
                    "repeating.minutes value '{}' is not a positive integer".format(item),
                )
            elif minute > 60 and minute % 60:
                self._problem(
                    entry.line,
                    WARNING,
                    'repeating.minutes value {} is discarded: values over 60 must be '
                    'divisible by 60'.format(minute),
                )
            elif minute not in minutes:
                minutes.append(minute)
        if minutes:
            self.repeating_minutes = minutes
        else:
            self._problem(
                entry.line,
                WARNING,
                'repeating.minutes has no usable value; the default {} applies'.format(
                    ','.join(str(minute) for minute in DEFAULT_REPEATING_MINUTES)
                ),
            )

    def _build_params(self, declarations, attributes):
        # ``param.X.flag`` (set) declares X on its own, at the position of its line.
        order = [(entry.line, name, entry) for name, entry in declarations.items()]
        flag_values = {}
        for name, suffix, entry in attributes:
            if suffix == 'flag':
                flag_values[name] = self._flag_value(entry)
                if name not in declarations and flag_values[name]:
                    order.append((entry.line, name, None))
        order.sort(key=lambda item: item[0])
        for line, name, entry in order:
            default = (entry.value or None) if entry is not None else None
            self.params[name] = Param(name, default=default, line=line)
        for name, suffix, entry in attributes:
            param = self.params.get(name)
            if param is None:
                self._problem(
                    entry.line,
                    ERROR,
                    "'{}' refers to param '{}' that is never declared (add 'param.{} =')".format(
                        entry.key, name, name
                    ),
                )
                continue
            if suffix == 'label':
                param.label = entry.value or None
            elif suffix == 'flag':
                param.is_flag = flag_values[name]
            elif suffix == 'list':
                param.is_list = self._flag_value(entry)
            elif suffix == 'encrypt':
                param.is_encrypt = self._flag_value(entry)

    # ------------------------------------------------------------------ queries
    @property
    def errors(self):
        """list: The error-severity parse problems."""
        return [problem for problem in self.problems if problem.is_error]

    @property
    def warnings(self):
        """list: The warning-severity parse problems."""
        return [problem for problem in self.problems if not problem.is_error]

    @property
    def list_params(self):
        """list: Names of the ``.list`` params."""
        return [name for name, param in self.params.items() if param.is_list]

    @property
    def flag_params(self):
        """list: Names of the ``.flag`` params."""
        return [name for name, param in self.params.items() if param.is_flag]

    @property
    def encrypt_params(self):
        """list: Names of the ``.encrypt`` params."""
        return [name for name, param in self.params.items() if param.is_encrypt]

    def split_list(self, value):
        """Tokenise a list param's value with ``list.delimiter`` as the platform does.

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
        """Raise :class:`ConfigError` for the first error-severity parse problem.

        Raises:
            ConfigError: ``'<path>:<line>: <reason>'``.
        """
        for problem in self.problems:
            if problem.is_error:
                raise ConfigError(problem.message, path=self.path, line=problem.line)
