# -*- coding: utf-8 -*-
"""Tests for tcex/app/masking.py: every form of a secret, short secrets, the warning."""
from __future__ import absolute_import, division, print_function, unicode_literals

import base64
import binascii
import json
import logging
import re

from six.moves.urllib.parse import quote, quote_plus

from tcex.app.masking import MIN_SECRET_LENGTH, Masker, mask_text, secret_forms

SECRET = 'S3cr/t+K=y%"\\\xe9\u6771'


def test_every_encoded_form_is_masked():
    raw = SECRET.encode('utf-8')
    texts = [SECRET, json.dumps(SECRET), json.dumps(SECRET, ensure_ascii=False), repr(SECRET), repr(raw),
             repr([SECRET]), quote(raw, safe=str('')), quote(raw), quote_plus(raw),
             re.sub('%[0-9A-F]{2}', lambda m: m.group(0).lower(), quote(raw, safe=str(''))),
             base64.b64encode(raw).decode('ascii'),
             base64.urlsafe_b64encode(raw).decode('ascii'), binascii.hexlify(raw).decode('ascii').upper(),
             base64.b64encode(b'user:' + raw).decode('ascii'), base64.b64encode(b'ab' + raw).decode('ascii')]
    for text in texts:
        text = text.decode('ascii') if isinstance(text, bytes) else text
        masked = mask_text('before {} after'.format(text), [SECRET])
        assert '***' in masked and masked.startswith('before ') and masked.endswith(' after'), (text, masked)
        assert text not in masked


def test_short_secrets_are_not_patterns():
    assert secret_forms('abc') == set() and MIN_SECRET_LENGTH == 4
    assert mask_text('abc abcd', ['abc']) == 'abc abcd'
    assert mask_text('abc abcd', ['abcd']) == 'abc ***'


def test_masker_follows_a_live_set_and_warns_once_per_short_secret():
    records = []

    class Collect(logging.Handler):
        def emit(self, record):
            records.append(record.getMessage())

    logger = logging.getLogger('tcex.test.masking')
    logger.addHandler(Collect())
    logger.propagate = False
    secrets = set()
    masker = Masker(secrets, logger=logger)
    assert masker.mask('key1234') == 'key1234'
    secrets.update(['key1234', 'xy'])
    assert masker.mask('key1234 xy') == '*** xy'
    masker.warn_short()
    masker.warn_short()
    assert records == ['a secret of 2 characters is too short to mask safely; it is not masked']
