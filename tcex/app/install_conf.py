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

from collections import OrderedDict

import six

from tcex.app.descriptor import (  # noqa: F401 (Param, Problem, WARNING re-exported)
    DEFAULT_REPEATING_MINUTES,
    ERROR,
    WARNING,
    Descriptor,
    Param,
    Problem,
)
from tcex.utils.booleans import to_bool
from tcex.utils.text import file_lines

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


class InstallConf(Descriptor):
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
            :data:`~tcex.app.descriptor.DEFAULT_REPEATING_MINUTES`.
        list_delimiter (str): ``list.delimiter``, or None.
        params (OrderedDict): Parameter name -> :class:`Param`, in file order.
        problems (list): Parse-level :class:`Problem` objects.
        key_lines (dict): Property key -> the line it was (last) read from.
        unknown_keys (OrderedDict): Unrecognised top-level key -> line.
    """

    #: The descriptor's file name (named in messages).
    filename = 'install.conf'

    def __init__(self, path='install.conf'):
        Descriptor.__init__(self, path)

    # ------------------------------------------------------------------ loading
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
    def _read_entries(self, text):
        """Split text into entries, recording malformed lines and duplicate keys."""
        if text.startswith('\ufeff'):
            text = text[1:]
        entries = OrderedDict()
        for number, raw in enumerate(file_lines(text), 1):
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
            self._add_minute(minutes, minute, entry.line, 'repeating.minutes', "'{}'".format(item))
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
