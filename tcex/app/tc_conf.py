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
import re
from collections import OrderedDict

import six
from six.moves import configparser

from tcex.app.masking import MASK, Masker
from tcex.errors import ConfigError
from tcex.utils.text import file_lines, fs_text
from tcex.utils.booleans import to_bool

logger = logging.getLogger('tcex.app.tc_conf')

#: The section ``tc.conf`` must have.
SECTION = 'threatconnect'

#: Standard arguments whose values are secrets (masked when a command line is shown).
SECRET_KEYS = ('api_secret_key', 'tc_token', 'tc_proxy_password')

#: Standard arguments that are flags: ``true`` passes a bare ``--key``, ``false`` leaves it out.
FLAG_KEYS = ('tc_proxy_tc', 'tc_proxy_external')


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
    _refuse_nul(text, path)
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
        lines = file_lines(text)
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
        if '\n' in value:  # configparser joined an indented line to it: never shown (it may be a secret)
            match = re.search(r'(?im)^[ \t]*{}[ \t]*[=:]'.format(re.escape(key)), text)
            raise ConfigError("the value of '{}' goes on over an indented line; a value is one line (remove the "
                              "indentation of the next line)".format(key), value=key, path=path,
                              line=text.count('\n', 0, match.start()) + 1 if match else None)
        values[key] = '' if value == '""' else value
    return values


def _refuse_nul(text, path):
    """Raise ConfigError for a NUL character (no command line can carry it)."""
    position = text.find('\x00')
    if position >= 0:
        line = text.count('\n', 0, position) + 1
        raise ConfigError('NUL character in the file (no command line can carry it)', value='\\x00',
                          path=path, line=line)


def _refuse_duplicates(text, path):
    """Raise ConfigError for a key or section given twice (configparser would keep the last)."""
    seen = {}
    section = None
    for number, line in enumerate(file_lines(text), 1):
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


def build_argv(tc_conf_values, install_conf=None, path=None):
    """Build the command line the platform would pass for these values.

    Every key becomes ``--key value``, in the given order. Empty values are
    omitted. ``tc_proxy_tc``, ``tc_proxy_external`` and, with the App's
    ``install.conf``, every ``.flag`` param become a bare ``--key`` when the
    value is a true word of :mod:`tcex.utils.booleans` (a checked checkbox) and
    are omitted when it is empty or a false word (any other value is an error);
    a ``.list`` param is tokenised with
    ``list.delimiter`` and passed as repeated ``--key item`` (items stripped,
    empty items dropped).

    Args:
        tc_conf_values (dict): key -> value (e.g. from :func:`read_tc_conf`).
        install_conf (InstallConf): The App's install.conf, or None.
        path (str): The tc.conf the values come from (errors name ``path:line``).

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
        if (param is not None and param.is_flag) or (param is None and key in FLAG_KEYS):
            try:
                checked = to_bool(value, empty=False)
            except ValueError:
                raise ConfigError("flag{} '{}' must be true or false, not '{}'".format(
                    ' param' if param is not None else '', key, value),
                                  value=value, path=path or 'tc.conf', line=key_line(path, key))
            if checked:
                argv.append(option)
        elif param is not None and param.is_list:
            for item in install_conf.split_list(value):
                argv.extend([option, item])
        elif value != '':
            argv.extend([option, value])
    return argv


def key_line(path, key):
    """Return the 1-based line of ``tc.conf`` setting ``key`` (None when unknown).

    Args:
        path (str): The tc.conf (None: unknown).
        key (str): The key.

    Returns:
        int: The line number, or None.
    """
    if not path:
        return None
    try:
        with io.open(path, encoding='utf-8-sig') as handle:
            lines = file_lines(handle.read())
    except (IOError, OSError, UnicodeDecodeError):
        return None
    for number, line in enumerate(lines, 1):
        if line[:1].isspace() or line.strip()[:1] in ('#', ';', '['):
            continue
        if line.split('=', 1)[0].split(':', 1)[0].strip() == key:
            return number
    return None


def drop_overridden(tc_conf_values, extra):
    """Return a copy of the values without the keys that the extra arguments set.

    An argument given on the command line replaces tc.conf's value for the same key
    (for a list param, the command line's items replace tc.conf's list).

    Args:
        tc_conf_values (dict): key -> value (e.g. from :func:`read_tc_conf`).
        extra (list): The command line's extra arguments (``--key value`` or ``--key=value``).

    Returns:
        OrderedDict: The values still to pass.
    """
    given = set()
    for arg in extra or []:
        if arg.startswith('--') and len(arg) > 2:
            given.add(arg[2:].split('=', 1)[0])
    return OrderedDict((k, v) for k, v in tc_conf_values.items() if k not in given)


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
    """Return a copy of ``argv`` with every secret value shown as ``***``.

    The argument after a secret option (``--api_secret_key VALUE``) is masked
    whatever it looks like (a secret may start with ``-``), so is the value of
    ``--key=VALUE``, and every other argument containing one of those values
    in any encoding (see :mod:`tcex.app.masking`).

    Args:
        argv (list): Arguments as built by :func:`build_argv` (plus any extra ones).
        secrets (set): Argument names (without ``--``) whose values are secrets.

    Returns:
        list: The masked arguments.
    """
    values = set()
    masked = []
    hide = False
    for arg in argv:
        if hide:
            values.add(arg)
            masked.append(MASK)
            hide = False
            continue
        option, equals, value = arg.partition('=')
        is_secret = option.startswith('--') and option[2:] in secrets
        if is_secret and equals:
            values.add(value)
            masked.append('{}={}'.format(option, MASK))
        else:
            hide = is_secret
            masked.append(arg)
    masker = Masker(values)
    return [arg if arg == MASK else masker.mask(arg) for arg in masked]


def tc_conf_path_for(script):
    """Return the ``tc.conf`` path next to a script.

    Args:
        script (str): The App's main script.

    Returns:
        str: ``<script folder>/tc.conf``.
    """
    return os.path.join(os.path.dirname(os.path.abspath(fs_text(script))), 'tc.conf')
