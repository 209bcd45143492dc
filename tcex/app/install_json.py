# -*- coding: utf-8 -*-
"""The ``install.json`` model: the descriptor tcex 0.8+ Apps ship instead of ``install.conf``.

:meth:`InstallJson.load` reads an ``install.json`` into an object with the same
attributes as :class:`~tcex.app.install_conf.InstallConf` (``params``,
``list_delimiter``, ``program_version``, ``program_main`` ...), so the argument
parser, ``tcex validate``, ``tcex run`` and ``tcex package`` treat both alike.
Content problems are recorded as :class:`~tcex.app.install_conf.Problem` objects
naming the file, the line and the field (``params[2].type``); nothing is raised
for them until :meth:`InstallJson.raise_on_errors`.

How ``params`` entries map to arguments:

==================================  ==========================================
``install.json``                    argument
==================================  ==========================================
``"type": "Boolean"``               a flag (``.flag``); default from ``default``
``"allowMultiple": true`` or        a list (``.list``), split on ``listDelimiter``
``"type": "MultiChoice"``
``"encrypt": true``                 a secret (``.encrypt``), masked in logs
``String``, ``Choice``,             a text value
``StringMixed``, ``KeyValueList``
==================================  ==========================================

``programMain`` without an extension names ``<programMain>.py`` for a Python App
(tcex's ``"programMain": "run"``); :attr:`InstallJson.program_main` is that file.
"""
from __future__ import absolute_import, division, print_function, unicode_literals

import json
import re
from collections import OrderedDict

import six

from tcex.app.descriptor import ERROR, WARNING, Descriptor, Param
from tcex.errors import ConfigError

#: The param types install.json may declare.
PARAM_TYPES = ('Boolean', 'Choice', 'KeyValueList', 'MultiChoice', 'String', 'StringMixed')

#: install.conf property names -> the install.json fields holding them (used in messages).
FIELD_NAMES = {
    'program.version': 'programVersion',
    'program.language': 'programLanguage',
    'language.version': 'languageVersion',
    'program.main': 'programMain',
    'list.delimiter': 'listDelimiter',
    'allow.onDemand': 'allowOnDemand',
    'repeating.minutes': 'repeatingMinutes',
}

INSTALL_JSON_FILENAME = 'install.json'


class InstallJson(Descriptor):
    """A parsed ``install.json`` with the attributes of :class:`InstallConf`.

    Attributes:
        path (str): The file (named in problem messages).
        data (dict): The file's JSON object, as read (``tcex.install_json``).
        program_version, program_language, language_version (str): The fields, or None.
        program_main (str): The main script's file name (``run`` -> ``run.py``), or None.
        allow_on_demand (bool): ``allowOnDemand``.
        repeating_minutes (list): ``repeatingMinutes`` or the platform default.
        list_delimiter (str): ``listDelimiter``, or None.
        runtime_level: ``runtimeLevel`` (text or list), or None.
        params (OrderedDict): Name -> :class:`~tcex.app.install_conf.Param` (with
            ``required``, ``type`` and ``valid_values`` attributes).
        problems (list): :class:`~tcex.app.install_conf.Problem` objects.
        key_lines (dict): ``programMain`` style keys -> the line they are on.
        unknown_keys (OrderedDict): Always empty (install.json keys are not checked here).
    """

    #: install.conf property names -> install.json field names, for messages.
    field_names = FIELD_NAMES

    #: The descriptor's file name (named in messages).
    filename = INSTALL_JSON_FILENAME

    def __init__(self, path=INSTALL_JSON_FILENAME):
        Descriptor.__init__(self, path)
        self.data = {}
        self.runtime_level = None
        self._text = ''

    # ------------------------------------------------------------------ loading
    @classmethod
    def parse(cls, text, path=INSTALL_JSON_FILENAME):
        """Parse ``install.json`` text.

        Args:
            text (str): The JSON text.
            path (str): Name used in messages.

        Returns:
            InstallJson: The model, with content problems in ``problems``.

        Raises:
            ConfigError: The text is not a JSON object (names the line).
        """
        if isinstance(text, six.binary_type):
            text = text.decode('utf-8-sig', 'replace')
        duplicates = []

        def pairs_hook(pairs):  # JSON keeps the last of a key given twice: say so
            seen = set()
            for key, _ in pairs:
                if key in seen:
                    duplicates.append(key)
                seen.add(key)
            return OrderedDict(pairs)
        try:
            data = json.loads(text, object_pairs_hook=pairs_hook)
        except ValueError as error:
            match = re.search(r'line (\d+)', six.text_type(error))
            line = int(match.group(1)) if match else None
            reason = six.text_type(error).split(':')[0]
            raise ConfigError('not valid JSON ({})'.format(reason), value=path, path=path, line=line)
        except RuntimeError:  # RecursionError (Python 3), RuntimeError (Python 2)
            raise ConfigError('not valid JSON (nested too deeply)', value=path, path=path)
        if not isinstance(data, dict):
            raise ConfigError('install.json must hold a JSON object', value=path, path=path, line=1)
        conf = cls(path=path)
        conf._text = text  # pylint: disable=protected-access
        conf.data = data
        conf._read()  # pylint: disable=protected-access
        for key in duplicates:
            conf._problem(  # pylint: disable=protected-access
                conf._line_of(r'"{}"\s*:'.format(re.escape(key)), conf._key_offset(key) + 1),  # the second one
                WARNING, "duplicate key '{}' in an object; the last value is used".format(key))
        return conf

    # ------------------------------------------------------------------ helpers
    def _line_of(self, pattern, start=0):
        """Return the 1-based line of the first match of ``pattern`` (1 when absent)."""
        match = re.compile(pattern).search(self._text, start)
        return self._text.count('\n', 0, match.start()) + 1 if match else 1

    def _key_offset(self, key):
        """Return the offset of the first ``"key":`` in the text (0 when absent)."""
        match = re.search(r'"{}"\s*:'.format(re.escape(key)), self._text)
        return match.start() if match else 0

    def _key_line(self, key):
        return self._line_of(r'"{}"\s*:'.format(re.escape(key)))

    def _text_field(self, key):
        value = self.data.get(key)
        if value is None:
            return None
        self.key_lines[key] = self._key_line(key)
        if not isinstance(value, six.string_types):
            self._problem(self.key_lines[key], ERROR, '{} must be text, got {}'.format(
                key, json.dumps(value)))
            return None
        return value.strip() or None

    # ------------------------------------------------------------------ parsing
    def _read(self):
        data = self.data
        self.program_version = self._text_field('programVersion')
        language = self._text_field('programLanguage')
        self.program_language = language.upper() if language else None
        self.language_version = self._text_field('languageVersion')
        main = self._text_field('programMain')
        if main and self.program_language != 'JAVA' and not main.lower().endswith('.py'):
            main += '.py'
        self.program_main = main
        self.list_delimiter = self._text_field('listDelimiter')
        self.runtime_level = data.get('runtimeLevel')
        # the checks of tcex.app.validate look these up under their install.conf names
        for conf_key, key in FIELD_NAMES.items():
            if key in self.key_lines:
                self.key_lines[conf_key] = self.key_lines[key]
        on_demand = data.get('allowOnDemand', False)
        if isinstance(on_demand, bool):
            self.allow_on_demand = on_demand
        else:
            self._problem(self._key_line('allowOnDemand'), ERROR,
                          'allowOnDemand must be true or false, got {}'.format(json.dumps(on_demand)))
        self._read_minutes(data.get('repeatingMinutes'))
        self._read_params(data.get('params'))
        self.problems.sort(key=lambda problem: problem.line)

    def _read_minutes(self, minutes):
        if minutes is None:
            return
        line = self._key_line('repeatingMinutes')
        if not isinstance(minutes, list):
            self._problem(line, ERROR, 'repeatingMinutes must be a list of minutes')
            return
        values = []
        for item in minutes:
            minute = None if isinstance(item, bool) or not isinstance(item, six.integer_types) else item
            self._add_minute(values, minute, line, 'repeatingMinutes', json.dumps(item))
        if values:
            self.repeating_minutes = values

    def _read_params(self, params):
        if params is None:
            self._problem(1, ERROR, 'params is missing (use "params": [] for none)')
            return
        line = self._key_line('params')
        if not isinstance(params, list):
            self._problem(line, ERROR, 'params must be a list')
            return
        position = self._text.find('"params"')
        for index, entry in enumerate(params):
            field = 'params[{}]'.format(index)
            if not isinstance(entry, dict):
                self._problem(line, ERROR, '{} must be an object'.format(field))
                continue
            name = entry.get('name')
            if not isinstance(name, six.string_types) or not name.strip():
                self._problem(line, ERROR, '{}.name is missing'.format(field))
                continue
            name = name.strip()
            param_line = self._line_of(r'"name"\s*:\s*{}'.format(re.escape(json.dumps(name))),
                                       max(position, 0))
            if name in self.params:
                self._problem(param_line, ERROR, "{}.name '{}' is declared twice (first on line {})".format(
                    field, name, self.params[name].line))
                continue
            self.params[name] = self._param(entry, name, field, param_line)

    def _param(self, entry, name, field, line):
        kind = entry.get('type', 'String')
        if kind not in PARAM_TYPES:
            self._problem(line, ERROR, "{}.type '{}' of param '{}' is not one of {}".format(
                field, kind, name, ', '.join(PARAM_TYPES)))
            kind = 'String'
        flags = {}
        for key in ('allowMultiple', 'encrypt', 'required', 'hidden'):
            value = entry.get(key, False)
            if not isinstance(value, bool):
                self._problem(line, ERROR, '{}.{} of param {!r} must be true or false, got {}'.format(
                    field, key, str(name), json.dumps(value)))
                value = False
            flags[key] = value
        default = entry.get('default')
        if isinstance(default, bool):
            default = 'true' if default else 'false'
        elif default is not None and not isinstance(default, six.string_types):
            default = six.text_type(json.dumps(default))
        valid = entry.get('validValues') or []
        param = Param(name, default=default or None, label=entry.get('label') or None,
                      is_list=flags['allowMultiple'] or kind == 'MultiChoice',
                      is_flag=kind == 'Boolean', is_encrypt=flags['encrypt'], line=line)
        param.type = kind
        param.required = flags['required']
        param.valid_values = [six.text_type(item) for item in valid] if isinstance(valid, list) else []
        return param


def load_app_config(path):
    """Load an App descriptor: ``install.json`` when the name ends in ``.json``, else ``install.conf``.

    Args:
        path (str): The file.

    Returns:
        InstallJson or InstallConf: The model (problems recorded, not raised).

    Raises:
        ConfigError: The file cannot be read (or is not JSON).
    """
    if path.lower().endswith('.json'):
        return InstallJson.load(path)
    from tcex.app.install_conf import InstallConf  # pylint: disable=import-outside-toplevel

    return InstallConf.load(path)


def as_install_json(conf):
    """Return an App descriptor as an install.json dict (``tcex.install_json``).

    Args:
        conf: An :class:`InstallJson` (its data as read), an ``InstallConf``
            (converted: ``programVersion``, ``programLanguage``, ``languageVersion``,
            ``programMain``, ``allowOnDemand``, ``repeatingMinutes``, ``listDelimiter``,
            ``params``), or None (``{}``).

    Returns:
        dict: The install.json content.
    """
    if conf is None:
        return {}
    if isinstance(conf, InstallJson):
        return conf.data
    data = OrderedDict()
    for key, value in (('programVersion', conf.program_version),
                       ('programLanguage', conf.program_language),
                       ('languageVersion', conf.language_version),
                       ('programMain', conf.program_main),
                       ('allowOnDemand', conf.allow_on_demand),
                       ('repeatingMinutes', list(conf.repeating_minutes)),
                       ('listDelimiter', conf.list_delimiter)):
        if value is not None:
            data[key] = value
    params = []
    for name, param in conf.params.items():
        entry = OrderedDict([('name', name), ('label', param.label or name),
                             ('type', 'Boolean' if param.is_flag else 'String')])
        if param.is_list:
            entry['allowMultiple'] = True
        if param.is_encrypt:
            entry['encrypt'] = True
        if param.default is not None:
            entry['default'] = param.default
        params.append(entry)
    data['params'] = params
    return data
