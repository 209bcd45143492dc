# -*- coding: utf-8 -*-
"""tcex.utils.text: strict UTF-8 decoding, the same on Python 2 and 3."""
from __future__ import absolute_import, division, print_function, unicode_literals

import pytest

from tcex.utils.text import decode_utf8, encode_utf8


@pytest.mark.parametrize('data, text', [(b'abc', 'abc'), (b'Z\xc3\xbcrich', 'Z\u00fcrich'),
                                        (b'\xf0\x9f\x98\x80', '\U0001f600'),
                                        (b'\xed\x95\x9c \xed\x9f\xbf', '\ud55c \ud7ff')])  # lead byte ED, no surrogate
def test_valid_utf8_is_decoded(data, text):
    assert decode_utf8(data) == text


@pytest.mark.parametrize('data', [b'\xff\xfe', b'abc\x80', b'\xc3\x28', b'\xed\xa0\x80', b'ok \xed\xbf\xbf',
                                  b'\xed\x95\x9c \xed\xb0\x80'])
def test_invalid_utf8_and_encoded_surrogates_are_refused(data):
    with pytest.raises(UnicodeDecodeError):
        decode_utf8(data)


@pytest.mark.parametrize('text', ['abc', '\ud55c\uad6d \ud7ff', '\U0001f600'])
def test_text_is_encoded(text):
    assert encode_utf8(text) == text.encode('utf-8')


@pytest.mark.parametrize('text', ['\udc80', 'ok \ud800 ok', '\ud55c \udfff'])
def test_a_lone_surrogate_is_not_encoded_on_either_python(text):
    with pytest.raises(UnicodeEncodeError):
        encode_utf8(text)
