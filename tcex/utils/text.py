# -*- coding: utf-8 -*-
"""Strict UTF-8 decoding, the same on Python 2 and 3."""
from __future__ import absolute_import, division, print_function, unicode_literals

import re

import six

# Python 2's codec decodes an encoded UTF-16 surrogate (ED A0 80) that Python 3's refuses.
_SURROGATE = re.compile('[\ud800-\udfff]') if six.PY2 and len('\U00010000') == 1 else None


def decode_utf8(data):
    """Decode UTF-8 bytes strictly.

    Args:
        data (bytes): The bytes.

    Returns:
        str: The text.

    Raises:
        UnicodeDecodeError: The bytes are not valid UTF-8 (encoded surrogates included).
    """
    text = data.decode('utf-8')
    if _SURROGATE is not None:
        match = _SURROGATE.search(text)
        if match:
            raise UnicodeDecodeError(str('utf-8'), data, match.start(), match.start() + 1,
                                     str('encoded surrogate'))
    return text
