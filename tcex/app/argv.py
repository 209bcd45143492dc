# -*- coding: utf-8 -*-
"""The raw command line: decoding it, finding secret values, and values that start with ``-``.

These helpers run before :mod:`argparse` sees the arguments (see
:class:`tcex.app.args.TcArgumentParser`).
"""
from __future__ import absolute_import, division, print_function, unicode_literals

import re

import six

from tcex.errors import ArgumentError
from tcex.utils.text import decode_utf8

_SURROGATE = re.compile('[\ud800-\udfff]')


def decode_argv(argv):
    """Return the argument list as text (Python 2 gives bytes): UTF-8 decoded at the edge.

    Args:
        argv: A list of text or bytes.

    Returns:
        list: Text items.

    Raises:
        ArgumentError: An item is not valid UTF-8.
    """
    result = []
    for index, item in enumerate(argv):
        data = item if isinstance(item, six.binary_type) else None
        if data is None and _SURROGATE.search(item):  # Python 3 keeps undecodable bytes as surrogates
            data = item.encode('utf-8', 'surrogateescape') if six.PY3 else None
        if data is not None:
            try:
                item = decode_utf8(data)
            except UnicodeDecodeError as exc:
                after = argv[index - 1] if index else None
                where = ' (the value of {})'.format(_as_text(after)) if _is_option_text(after) else ''
                raise ArgumentError(
                    'argument {}{} is not valid UTF-8 (byte {!r} at position {})'.format(
                        index + 1, where, data[exc.start:exc.start + 1], exc.start),
                    value='argument {}'.format(index + 1))
        elif _SURROGATE.search(item):
            raise ArgumentError('argument {} has a lone surrogate character'.format(index + 1),
                                value='argument {}'.format(index + 1))
        result.append(six.text_type(item))
    return result


def _as_text(item):
    return item.decode('utf-8', 'replace') if isinstance(item, six.binary_type) else item


def _is_option_text(item):
    item = _as_text(item)
    return isinstance(item, six.text_type) and item.startswith('--') and not _SURROGATE.search(item)


def _value_actions(parser):
    """Return option string -> action for the options that take exactly one value."""
    actions = parser._option_string_actions  # pylint: disable=protected-access
    return dict((option, action) for option, action in actions.items()
                if action.nargs is None and action.option_strings)


def secret_values(parser, argv):
    """Return the values given on the command line for secret options (before parsing).

    Args:
        parser (TcArgumentParser): The parser (its ``secret_dests`` name the secrets).
        argv (list): The arguments.

    Returns:
        set: The secret values (``--key value`` and ``--key=value`` forms).
    """
    dests = set(getattr(parser, 'secret_dests', ()))
    actions = parser._option_string_actions  # pylint: disable=protected-access
    options = dict((option, action) for option, action in actions.items() if action.dest in dests)
    found = set()
    for index, item in enumerate(argv):
        if item in options and index + 1 < len(argv):
            found.add(argv[index + 1])
        elif item.startswith('--') and '=' in item and item.split('=', 1)[0] in options:
            found.add(item.split('=', 1)[1])
    return set(value for value in found if value)


def join_dash_values(parser, argv):
    """Return ``argv`` with ``--key -value`` written as ``--key=-value`` for one-value options.

    argparse reads an argument starting with ``-`` as an option, so a secret
    such as ``-abc`` passed as ``--api_secret_key -abc`` would be refused. The
    next argument is taken as the value unless it is itself a known option.

    Args:
        parser (argparse.ArgumentParser): The parser.
        argv (list): The arguments.

    Returns:
        list: The arguments, joined where needed.
    """
    takes_value = _value_actions(parser)
    known = parser._option_string_actions  # pylint: disable=protected-access
    result = []
    index = 0
    while index < len(argv):
        item = argv[index]
        if item == '--':  # everything after it is positional
            result.extend(argv[index:])
            break
        following = argv[index + 1] if index + 1 < len(argv) else None
        if (item in takes_value and following is not None and following.startswith('-')
                and following != '--' and following.split('=', 1)[0] not in known):
            result.append('{}={}'.format(item, following))
            index += 2
            continue
        result.append(item)
        index += 1
    return result


def option_names(unknown_args):
    """Return the option names among unknown arguments (values left out).

    Args:
        unknown_args (list): Leftovers from :meth:`argparse.ArgumentParser.parse_known_args`.

    Returns:
        list: Items that look like options, with any ``=value`` part cut off.
    """
    names = []
    for item in unknown_args:
        if item.startswith('-') and len(item) > 1 and not _is_number(item):
            names.append(item.split('=', 1)[0])
    return names


def _is_number(text):
    try:
        float(text)
        return True
    except ValueError:
        return False
