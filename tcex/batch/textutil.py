# -*- coding: utf-8 -*-
"""Shared text helpers of the batch builders: message formatting and a memoised text validator."""
from __future__ import absolute_import, division, print_function, unicode_literals

import re

import six

from tcex.batch import validators as v

_TEXT_VALIDATOR = v.text()
_TEXT_SEEN = {}



def is_blank(value):
    """Return whether ``value`` is None or empty text or bytes (no bytes-to-text comparison on Python 2)."""
    return value is None or (isinstance(value, (six.text_type, six.binary_type)) and not value)

def _TEXT(value):
    """Validate free text, remembering recent valid values (tags, attribute types repeat a lot)."""
    try:
        return _TEXT_SEEN[value]
    except (KeyError, TypeError):
        pass
    result = _TEXT_VALIDATOR(value)
    if len(_TEXT_SEEN) > 4096:
        _TEXT_SEEN.clear()
    if isinstance(value, type(result)) and len(value) <= 200:  # short values only: bounded memory
        _TEXT_SEEN[value] = result
    return result


# C0/C1 control characters are escaped in messages (no raw ESC/NUL reaches a log or terminal).
_CONTROL_CHARS = re.compile('[\x00-\x1f\x7f-\x9f]')


def show(value, limit=80):
    """Return a short printable form of a value for error messages."""
    if isinstance(value, six.binary_type):
        value = value.decode('utf-8', 'replace')
    if isinstance(value, six.text_type):
        text = value if len(value) <= limit else value[:limit] + '...'
        text = _CONTROL_CHARS.sub(lambda m: '\\x{:02x}'.format(ord(m.group())), text.replace('\n', '\\n'))
        return "'{}'".format(text)
    return '{!r}'.format(value)


def _bool(entity, field, value):
    if value is True or value is False:
        return value
    return entity._validate_value(v.boolean, field, value)
