# -*- coding: utf-8 -*-
"""Tests for tcex/cli/credential_scan.py: key names in any spelling, code versus data, value lengths."""
from __future__ import absolute_import, division, print_function, unicode_literals

import pytest

from tcex.cli.credential_scan import CredentialPattern, normalise

KEYS = ('api_secret_key', 'tc_token', 'tc_proxy_password', 'feed_key')
DATA = CredentialPattern(KEYS)
CODE = CredentialPattern(KEYS, python=True)


def test_normalise():
    assert normalise('apiSecretKey') == normalise('api-secret-key') == normalise('API_SECRET_KEY') == 'apisecretkey'


@pytest.mark.parametrize('text', [
    '{"apiSecretKey": "ZZTOPSECRET123456"}', 'api-secret-key: x1', 'API_SECRET_KEY=x1', 'apisecretkey = x1',
    '"tcToken":"x1"', 'TC_TOKEN=x1', '--tc_token=x1', 'tc-proxy-password: x1', 'FeedKey: x1',
    '"secretKey": "0123456789"', 'SECRET_KEY=0123456789', 'password: hunter2hunter2', '"token": "abcdefgh12"',
    'X-Api-Key: 0123456789abc', 'clientSecret = 0123456789',
])
def test_data_files_setting_a_credential(text):
    assert DATA.search(text.encode('utf-8')) is not None, text


@pytest.mark.parametrize('text', [
    '{"token": "id"}', 'password: none', '"secret_key": null', 'next_token: abcdefghijk', 'tokens = abcdefghijk',
    'api secret key = x1', 'tc_tokenizer = x1', 'secretive: abcdefghijk',
])
def test_data_files_not_setting_a_credential(text):
    assert DATA.search(text.encode('utf-8')) is None, text


@pytest.mark.parametrize('text, found', [
    ("apiSecretKey = 'x1'", True), ("TC_TOKEN = u'x1'", True), ('secret_key = "0123456789ab"', True),
    ("PASSWORD = 'hunter2hunter2'", True), ("tcToken = args.tc_token", False), ("token = 'IDENTIFIER'", False),
    ("secret = 'placeholder-text'", False), ("password = 'short'", False), ("api_key = os.environ['K']", False),
    ("api_secret_key = 'correct horse battery'", False), ("password = 'Enter the password here'", False),
    ("LABELS = {'api_secret_key': 'ThreatConnect API Secret Key'}", False), ("tc_token = 'not set'", False),
    ("os.environ['TC_TOKEN'] = 'abcdefgh12'", True), ("api_secret_key = f'abcdef123456'", True),
    ("password = f'{self.args.password}'", False), ("access_token = f\"{response['access_token']}\"", False),
    ("api_secret_key = \'\'\'tripleQuoted\'\'\'", True), ('TC_TOKEN = b"x1"', True),
    ("ACCESS_TOKEN = 'access_token'", False), ("PASSWORD = 'password'", False), ("tc_token: 'str' = None", False),
    ('f"tc_token=\'{token}\'"', False), ("'--api_secret_key=\"{}\"'.format(key)", False),
    ("{'tc_token': 'abcdef12'}", True),
])
def test_python_only_quoted_literals_and_no_bare_words(text, found):
    assert (CODE.search(text.encode('utf-8')) is not None) is found, text
