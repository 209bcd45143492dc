# -*- coding: utf-8 -*-
"""The JSON text of entity payloads: a fast compact encoder, and the identity-only view.

``json.dumps`` builds a new C encoder on every call, which costs more than
encoding one small entity. This module builds the C encoder once (compact
separators, ASCII output so text length equals byte length) and falls back to
the pure-Python encoder where the C one is missing. :func:`quote` is the same
encoder's text (one JSON string), for entities that write their JSON text from its
parts (:meth:`tcex.batch.entity.entities.Indicator.to_text`).

The store keeps every entity's full JSON; a Delete job sends only the identity keys of
each, which :func:`identity_text` cuts from the full text when a payload is made.
"""
from __future__ import absolute_import, division, print_function, unicode_literals

import json
import json.encoder


def _default(obj):
    raise TypeError('Object of type {} is not JSON serializable'.format(type(obj).__name__))


def _build():
    c_make_encoder = getattr(json.encoder, 'c_make_encoder', None)
    c_ascii = getattr(json.encoder, 'c_encode_basestring_ascii', None)
    if c_make_encoder is None or c_ascii is None:  # pragma: no cover - CPython always has them
        return json.JSONEncoder(separators=(',', ':')).encode
    # Python 2: with byte-string separators the C encoder's ASCII pieces are all byte strings;
    # joining them as such keeps each text at a byte a character in memory instead of the 4 bytes
    # of a unicode character (unicode separators would make every piece of a dict unicode).
    iterencode = c_make_encoder(None, _default, c_ascii, None, str(':'), str(','), False, False, True)
    join = str('').join

    def encode(obj):
        """Return the compact ASCII JSON text of a dict (a byte string on Python 2)."""
        return join(iterencode(obj, 0))

    return encode


encode = _build()

#: ``quote(text)``: the compact ASCII JSON string of one text (a byte string on Python 2, as :func:`encode`).
quote = getattr(json.encoder, 'c_encode_basestring_ascii', None) or json.encoder.py_encode_basestring_ascii


#: The keys a Delete payload keeps, in the order entities write them (a Group has a name, an Indicator a summary).
IDENTITY_KEYS = ('name', 'summary', 'type', 'xid')


def identity_text(text):
    """Return the JSON text of an entity's identity keys (a Delete payload) from its full JSON text.

    Args:
        text (str): An entity's JSON text, as the store keeps it.

    Returns:
        str: ``{"name"|"summary", "type", "xid"}`` of that entity, compact ASCII JSON.
    """
    data = json.loads(text)
    return encode(dict((key, data[key]) for key in IDENTITY_KEYS if key in data))
