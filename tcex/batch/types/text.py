# -*- coding: utf-8 -*-
"""Shared text helpers of the batch builders: the free-text validator and message formatting."""
from __future__ import absolute_import, division, print_function, unicode_literals

import re

import six

from tcex.batch.types import validators as v

# Free text (names, tags, attribute types and values, association xids): compiled once, no memo.
_TEXT = v.text()


def is_blank(value):
    """Return whether ``value`` is None or empty text or bytes (no bytes-to-text comparison on Python 2)."""
    return value is None or (isinstance(value, (six.text_type, six.binary_type)) and not value)


# C0/C1 control characters are escaped in messages (no raw ESC/NUL reaches a log or terminal);
# lone surrogates too (a message holding one could not be written to a log file).
_CONTROL_CHARS = re.compile('[\x00-\x1f\x7f-\x9f]|' + v.LONE_SURROGATE.pattern)


def show(value, limit=80):
    """Return a short printable form of a value for error messages."""
    if isinstance(value, six.binary_type):
        value = value.decode('utf-8', 'replace')
    if isinstance(value, six.text_type):
        text = value if len(value) <= limit else value[:limit] + '...'
        text = _CONTROL_CHARS.sub(_escape, text.replace('\n', '\\n'))
        return "'{}'".format(text)
    return '{!r}'.format(value)


def _escape(match):
    code = ord(match.group()[0])
    return '\\x{:02x}'.format(code) if code < 0x100 else '\\u{:04x}'.format(code)


def _bool(entity, field, value):
    """Return a flag of ``entity`` validated (an error names the entity's type and ``field``)."""
    if value is True or value is False:
        return value
    return entity.spec.validate(v.boolean, field, value)
