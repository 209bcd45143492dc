# -*- coding: utf-8 -*-
"""Shared text helpers of the batch builders: the free-text validator and message formatting."""
from __future__ import absolute_import, division, print_function, unicode_literals

import six

from tcex.batch.types import validators as v
from tcex.utils.text import escape_controls

# Free text (names, tags, attribute types and values, association xids): compiled once, no memo.
_TEXT = v.text()


def is_blank(value):
    """Return whether ``value`` is None or empty text or bytes (no bytes-to-text comparison on Python 2)."""
    return value is None or (isinstance(value, (six.text_type, six.binary_type)) and not value)


def show(value, limit=80):
    """Return a short printable form of a value for error messages."""
    if isinstance(value, six.binary_type):
        value = value.decode('utf-8', 'replace')
    if isinstance(value, six.text_type):
        text = value if len(value) <= limit else value[:limit] + '...'
        return "'{}'".format(escape_controls(text))
    return '{!r}'.format(value)


def _bool(entity, field, value):
    """Return a flag of ``entity`` validated (an error names the entity's type and ``field``)."""
    if value is True or value is False:
        return value
    return entity.spec.validate(v.boolean, field, value)
