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


def _lower_hex(text):
    return re.sub('%[0-9A-F]{2}', lambda m: m.group(0).lower(), text)


def test_double_url_encoded_and_json_in_a_query_string_are_masked():
    secret = 'S3cr+t/Val"ue\\9'
    raw = secret.encode('utf-8')
    once = [quote(raw, safe=str('')), quote_plus(raw, safe=str('')), quote(raw), quote_plus(raw)]
    texts = []
    for single in once + [_lower_hex(text) for text in once]:
        for encode in (quote, quote_plus):
            texts.append(encode(single.encode('utf-8'), safe=str('')))
    escaped = json.dumps(secret)[1:-1].encode('utf-8')  # S3cr+t/Val\"ue\\9
    texts += [quote(escaped, safe=str('')), quote_plus(escaped), _lower_hex(quote(escaped, safe=str('')))]
    texts.append(quote(json.dumps({'key': secret}).encode('utf-8'), safe=str('')))
    basic = base64.b64encode(b'id:' + raw).decode('ascii')
    texts.append(quote(basic.encode('ascii'), safe=str('')))
    assert quote(quote(raw, safe=str('')).encode('ascii'), safe=str('')).startswith('S3cr%252Bt%252FVal')
    for text in texts:
        masked = mask_text('url=https://h/?q={}&x=1'.format(text), [secret])
        assert masked.startswith('url=https://h/?q=') and masked.endswith('&x=1'), (text, masked)
        assert '***' in masked and 'Val' not in masked, (text, masked)


def test_added_forms_keep_one_pattern_and_touch_nothing_else():
    masker = Masker(['S3cr+t/Value9'])
    text = 'S3cr%2Bt other %25 text S3cr%252Bt%252FValue9 end'
    assert masker.mask(text) == 'S3cr%2Bt other %25 text *** end'
    assert masker._pattern is not None  # pylint: disable=protected-access
    assert len(secret_forms('S3cr+t/Value9')) < 100


def test_a_secret_with_whitespace_runs_is_masked_in_a_message_made_one_line():
    secret = 'correct  horse\tbattery\nstaple'
    assert mask_text('key ' + ' '.join(secret.split()) + ' end', [secret]) == 'key *** end'
    assert mask_text('key ' + secret + ' end', [secret]) == 'key *** end'


def test_a_secret_in_a_url_path_as_requests_sends_it_is_masked():
    from requests.utils import requote_uri
    secret = 'Hunter 2!|:x@y'
    url = requote_uri('https://feed.example.com/api/{}/items'.format(secret))
    assert secret not in url and mask_text(url, [secret]) == 'https://feed.example.com/api/***/items'


def test_overlapping_secrets_are_masked_whole():
    assert mask_text('x AAAABBBBCCCCDDDD y', ['AAAABBBBCCCC', 'CCCCDDDD']) == 'x *** y'
    assert mask_text('AAAABBBBCCCC and CCCCDDDD', ['AAAABBBBCCCC', 'CCCCDDDD']) == '*** and ***'


def test_a_form_that_is_the_prefix_of_another_masks_the_longest():
    assert mask_text('a abcdefgh1 abcdefgh12 z', ['abcdefgh1', 'abcdefgh12']) == 'a *** *** z'
    assert mask_text('abcdefgh12345', ['abcdefgh1', 'abcdefgh12']) == '***345'
