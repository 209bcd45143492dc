# -*- coding: utf-8 -*-
"""The one true/false vocabulary of the package (install.conf, tc.conf, arguments, environment).

Words are matched case-insensitively after stripping blanks. An empty value is
neither true nor false: each caller says what it means (an install.conf flag
property with no value is set; an empty tc.conf flag is unchecked).
"""
from __future__ import absolute_import, division, print_function, unicode_literals

import six

#: Words read as true.
TRUE_WORDS = frozenset(['true', 't', 'yes', 'y', 'on', '1'])
#: Words read as false.
FALSE_WORDS = frozenset(['false', 'f', 'no', 'n', 'off', '0'])

_NO_DEFAULT = object()


def to_bool(value, empty=_NO_DEFAULT):
    """Read a boolean from text (``true``/``false``, ``yes``/``no``, ``on``/``off``, ``1``/``0``, ...).

    Args:
        value: Text, bytes (UTF-8), a bool or None (None counts as empty).
        empty: What an empty (or blank) value means; omitted, an empty value is an error.

    Returns:
        bool: The value (or ``empty``).

    Raises:
        ValueError: The text is not one of :data:`TRUE_WORDS` / :data:`FALSE_WORDS`.
    """
    if isinstance(value, bool):
        return value
    if isinstance(value, six.binary_type):
        value = value.decode('utf-8', 'replace')
    text = '' if value is None else six.text_type(value).strip().lower()
    if text in TRUE_WORDS:
        return True
    if text in FALSE_WORDS:
        return False
    if text == '' and empty is not _NO_DEFAULT:
        return empty
    raise ValueError('not a boolean: {!r} (expected true or false)'.format(value))


def is_true(value):
    """True only for one of :data:`TRUE_WORDS` (or ``True``); anything else is False."""
    try:
        return to_bool(value, empty=False)
    except ValueError:
        return False


def is_false(value):
    """True only for one of :data:`FALSE_WORDS` (or ``False``); anything else is False."""
    try:
        return to_bool(value, empty=True) is False
    except ValueError:
        return False
