# -*- coding: utf-8 -*-
"""``tc.conf``: the local stand-in for the arguments the platform passes.

``tc.conf`` sits next to the App's main script and holds a
``[threatconnect]`` section of ``key = value`` lines. ``tcex run`` turns it
into the command line the platform would build (:func:`build_argv`) and calls
the script with it, as the seed's "Wrapper Testing Utility" does.

The file is read with :mod:`configparser` (``six.moves``) without
interpolation, keys keep their case, and a key given twice keeps its last
value. Both Python 2.7 and 3 treat ``;`` after whitespace as the start of an
inline comment and read a value of ``""`` as empty.
"""
from __future__ import absolute_import, division, print_function, unicode_literals

import io
import logging
import os
from collections import OrderedDict

import six
from six.moves import configparser

from tcex.errors import ConfigError

logger = logging.getLogger('tcex.app.tc_conf')

#: The section ``tc.conf`` must have.
SECTION = 'threatconnect'

#: Standard arguments whose values are secrets (masked when a command line is shown).
SECRET_KEYS = ('api_secret_key', 'tc_token', 'tc_proxy_password')

_TRUE = ('', 'true', 'yes', '1', 'on')


def _parser():
    if six.PY2:  # pragma: no cover - exercised by the py27 env
        parser = configparser.RawConfigParser(dict_type=OrderedDict)
    else:
        parser = configparser.ConfigParser(
            interpolation=None,
            dict_type=OrderedDict,
            strict=False,
            inline_comment_prefixes=(';',),
        )
    parser.optionxform = six.text_type
    return parser


def read_tc_conf(path):
    """Read the ``[threatconnect]`` section of a ``tc.conf`` file.

    Args:
        path (str): The file.

    Returns:
        OrderedDict: key -> value (text), in file order.

    Raises:
        ConfigError: The file is missing, unreadable or malformed (naming
            ``path:line``), or has no ``[threatconnect]`` section.
    """
    try:
        with io.open(path, encoding='utf-8-sig') as handle:
            text = handle.read()
    except (IOError, OSError) as error:
        raise ConfigError(
            'cannot read tc.conf: {}'.format(error.strerror or error), value=path, path=path
        )
    except UnicodeDecodeError:
        raise ConfigError('tc.conf is not valid UTF-8 text', value=path, path=path)
    return parse_tc_conf(text, path=path)


def parse_tc_conf(text, path='tc.conf'):
    """Parse ``tc.conf`` text; see :func:`read_tc_conf`.

    Args:
        text (str): The text.
        path (str): Name used in error messages.

    Returns:
        OrderedDict: The ``[threatconnect]`` section.

    Raises:
        ConfigError: Malformed text or no ``[threatconnect]`` section.
    """
    if isinstance(text, six.binary_type):
        text = text.decode('utf-8-sig')
    text = six.text_type(text)
    parser = _parser()
    try:
        if six.PY2:  # pragma: no cover - exercised by the py27 env
            parser.readfp(io.StringIO(text), path)  # pylint: disable=deprecated-method
        else:
            parser.read_string(text, path)
    except configparser.MissingSectionHeaderError as error:
        raise ConfigError(
            "line before the [threatconnect] section header: '{}'".format(error.line.strip()),
            value=error.line.strip(),
            path=path,
            line=error.lineno,
        )
    except configparser.ParsingError as error:
        line = error.errors[0][0]
        lines = text.splitlines()
        content = lines[line - 1].strip() if 0 < line <= len(lines) else ''
        raise ConfigError(
            "malformed line '{}': expected 'key = value'".format(content),
            value=content,
            path=path,
            line=line,
        )
    except configparser.Error as error:  # duplicate section and friends
        raise ConfigError(
            six.text_type(error).splitlines()[0], path=path, line=getattr(error, 'lineno', None)
        )
    if not parser.has_section(SECTION):
        raise ConfigError('no [threatconnect] section', path=path)
    _refuse_duplicates(text, path)
    values = OrderedDict()
    for key, value in parser.items(SECTION):
        value = (value or '').strip()
        values[key] = '' if value == '""' else value
    return values


def _refuse_duplicates(text, path):
    """Raise ConfigError for a key or section given twice (configparser would keep the last)."""
    seen = {}
    section = None
    for number, line in enumerate(text.splitlines(), 1):
        stripped = line.strip()
        if not stripped or stripped[0] in '#;' or line[:1].isspace():
            continue
        if stripped.startswith('[') and stripped.endswith(']'):
            section = stripped[1:-1].strip()
            key = ('[section]', section)
        else:
            name = stripped.split('=', 1)[0].split(':', 1)[0].strip()
            key = (section, name)
        if key in seen:
            what = "section '[{}]'".format(section) if key[0] == '[section]' else "key '{}'".format(key[1])
            raise ConfigError('duplicate {} (first set on line {})'.format(what, seen[key]), value=key[1],
                              path=path, line=number)
        seen[key] = number


def _truthy(value):
    return (value or '').strip().lower() in _TRUE


def build_argv(tc_conf_values, install_conf=None):
    """Build the command line the platform would pass for these values.

    Every key becomes ``--key value``, in the given order. Empty values are
    omitted. With the App's ``install.conf``: a ``.flag`` param becomes a bare
    ``--key`` when its value is true/yes/1/on (a checked checkbox) and is
    omitted when it is empty or false/no/0/off (any other value is an error); a ``.list`` param is tokenised with
    ``list.delimiter`` and passed as repeated ``--key item`` (items stripped,
    empty items dropped).

    Args:
        tc_conf_values (dict): key -> value (e.g. from :func:`read_tc_conf`).
        install_conf (InstallConf): The App's install.conf, or None.

    Returns:
        list: The arguments (without the interpreter and script).

    Raises:
        ConfigError: A flag param's value is neither true nor false.
    """
    params = install_conf.params if install_conf is not None else {}
    argv = []
    for key, value in tc_conf_values.items():
        value = '' if value is None else six.text_type(value)
        param = params.get(key)
        option = '--{}'.format(key)
        if param is not None and param.is_flag:
            if value.strip() and _truthy(value):
                argv.append(option)
            elif value.strip().lower() not in ('', 'false', 'no', '0', 'off'):
                raise ConfigError("flag param '{}' must be true or false, not '{}'".format(key, value),
                                  value=value, path='tc.conf')
        elif param is not None and param.is_list:
            for item in install_conf.split_list(value):
                argv.extend([option, item])
        elif value != '':
            argv.extend([option, value])
    return argv


def secret_keys(install_conf=None):
    """Return the argument names whose values are secrets.

    Args:
        install_conf (InstallConf): Adds its ``.encrypt`` params.

    Returns:
        set: The names.
    """
    keys = set(SECRET_KEYS)
    if install_conf is not None:
        keys.update(install_conf.encrypt_params)
    return keys


def mask_argv(argv, secrets):
    """Return a copy of ``argv`` with the value after each secret option masked.

    Args:
        argv (list): Arguments as built by :func:`build_argv`.
        secrets (set): Argument names (without ``--``) to mask.

    Returns:
        list: The masked arguments.
    """
    masked = []
    hide = False
    for arg in argv:
        if hide and not arg.startswith('--'):
            masked.append('***')
            hide = False
            continue
        hide = arg.startswith('--') and arg[2:] in secrets
        masked.append(arg)
    return masked


def tc_conf_path_for(script):
    """Return the ``tc.conf`` path next to a script.

    Args:
        script (str): The App's main script.

    Returns:
        str: ``<script folder>/tc.conf``.
    """
    return os.path.join(os.path.dirname(os.path.abspath(script)), 'tc.conf')
