# -*- coding: utf-8 -*-
"""External ids (xids) for Groups and Indicators, compatible with tcex 0.8.

The rules (Apps migrating from tcex 0.8 rely on getting identical values):

* a builder's ``xid=True`` or ``xid=None`` gives
  ``sha256("<Type>-<name or summary>").hexdigest()``;
* ``xid=False`` gives a random uuid4 (text form);
* a string is used as given.

:func:`generate_xid` is the helper tcex 0.8 exposed as ``batch.generate_xid``.
"""
from __future__ import absolute_import, division, print_function, unicode_literals

import hashlib
import uuid

import six

from tcex.batch.types.scalar_validators import text as _text_validator
from tcex.errors import ValidationError
from tcex.utils.text import number_text, surrogate_reason, to_text

_XID = _text_validator()


def _invalid(value, type_name, field, reason):
    from tcex.batch.types.text import show  # (lazy: text imports the validators)
    return ValidationError('{}field {} has invalid value {}: {}'.format(
        type_name + ' ' if type_name else '', field, show(value), reason), value=value, type_name=type_name,
        field=field)


def _text(value, type_name=None, field='xid'):
    """Return value as text: bytes (and a bytearray) UTF-8 decoded, a number as :func:`number_text`
    gives it (the same on Python 2 and 3), a ``uuid.UUID`` in its canonical form; refuse anything
    else (its text could differ from run to run or between Python 2 and 3)."""
    if isinstance(value, (six.text_type, six.binary_type, bytearray)):
        try:
            return to_text(bytes(value) if isinstance(value, bytearray) else value)
        except ValueError as exc:
            raise _invalid(value, type_name, field, exc)
    if isinstance(value, six.integer_types + (float,)) and not isinstance(value, bool):
        return number_text(value)
    if isinstance(value, uuid.UUID):
        return six.text_type(value)
    raise _invalid(value, type_name, field, 'expected text, got {}'.format(type(value).__name__))


def _identity_field(type_name):
    """``name`` for a Group type, ``summary`` for an Indicator type (for error messages)."""
    from tcex.batch.types.fields import GROUP_SPECS
    return 'name' if any(spec.name == type_name for spec in GROUP_SPECS) else 'summary'


def _sha256(text):
    return hashlib.sha256(text.encode('utf-8')).hexdigest()


def entity_xid(type_name, identity, xid=True):
    """Resolve a builder's ``xid`` argument to the xid string.

    Args:
        type_name (str): The API type name (e.g. ``Adversary``, ``Registry Key``).
        identity (str): The Group name or the Indicator summary as the App gave it.
        xid (bool|str|None): True/None (digest), False (random) or the xid itself.

    Returns:
        str: The xid.
    """
    if xid is True or xid is None:
        if isinstance(identity, six.text_type) and surrogate_reason(identity) is None:
            return _sha256('{}-{}'.format(type_name, identity))
        return _sha256('{}-{}'.format(type_name, _text(identity, type_name, _identity_field(type_name))))
    if xid is False:
        return six.text_type(uuid.uuid4())
    text = _text(xid, type_name)
    if not text.strip():
        raise ValidationError('{} xid must not be empty or blank, got {!r}'.format(type_name, text), value=xid,
                              type_name=type_name, field='xid')
    try:
        return _XID(text)  # the free-text rule, as association() applies it to the same xid
    except ValueError as exc:
        raise _invalid(xid, type_name, 'xid', exc)


def generate_xid(identifier=None):
    """Return an xid derived from ``identifier`` exactly as tcex 0.8 did.

    Args:
        identifier (str|list|None): A string is SHA-256 hashed once; a list is
            joined with ``-``, hashed, and that hex digest hashed again; None gives
            a random value (the digest of a random uuid4).

    Returns:
        str: A 64-character hex digest.
    """
    if identifier is None:
        identifier = six.text_type(uuid.uuid4())
    elif isinstance(identifier, (list, tuple)):
        # tcex 0.8 joined str() of each item, whatever its type: so does this (identical xids)
        identifier = _sha256('-'.join(_text(item) if isinstance(item, (six.text_type, six.binary_type))
                                      else six.text_type(item) for item in identifier))
    return _sha256(_text(identifier))
