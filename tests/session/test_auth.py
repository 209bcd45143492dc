# -*- coding: utf-8 -*-
"""Unit tests of tcex.session.auth (the HTTP round trips are in test_session.py)."""
from __future__ import absolute_import, division, print_function, unicode_literals

import pytest
import requests

from tcex.errors import AuthError
from tcex.session import HmacAuth, TokenAuth, hmac_signature
from tcex.session.auth import signed_path


class Clock(object):
    """A settable clock."""

    def __init__(self, now=1513703787.0):
        self.now = now

    def __call__(self):
        return self.now


def prepare(url, method='GET', auth=None):
    return requests.Request(method, url, auth=auth).prepare()


def test_signature_matches_a_value_computed_with_openssl():
    # printf '%s' '<message>' | openssl dgst -sha256 -hmac 'secret-key' -binary | base64
    message_path = '/api/v2/indicators/hosts/example.com?owner=Common%20Community'
    assert hmac_signature('secret-key', message_path, 'get', 1513703787) == (
        '/ru8C1ZYq290DyJ+Ha4NayauMPBVszCtbsltOaDoE8Y=')


def test_signed_path_includes_api_prefix_and_query_only_when_present():
    assert signed_path('https://tc.example.com/api/v2/batch') == '/api/v2/batch'
    assert signed_path('https://tc.example.com/api/v2/batch/3?includeAdditional=true') == (
        '/api/v2/batch/3?includeAdditional=true')


def test_hmac_auth_sets_timestamp_and_authorization_headers():
    clock = Clock()
    request = prepare('https://tc.example.com/api/v2/indicators/hosts/example.com?owner=Common Community',
                      auth=HmacAuth('12345', 'secret-key', clock=clock))
    assert request.headers['Timestamp'] == '1513703787'
    assert request.headers['Authorization'] == 'TC 12345:/ru8C1ZYq290DyJ+Ha4NayauMPBVszCtbsltOaDoE8Y='


def test_hmac_auth_takes_a_fresh_timestamp_for_each_request():
    clock = Clock()
    auth = HmacAuth('12345', 'secret-key', clock=clock)
    first = prepare('https://tc.example.com/api/v2/owners', auth=auth)
    clock.now += 61
    second = prepare('https://tc.example.com/api/v2/owners', auth=auth)
    assert int(second.headers['Timestamp']) - int(first.headers['Timestamp']) == 61
    assert first.headers['Authorization'] != second.headers['Authorization']


def test_hmac_auth_signs_method():
    auth = HmacAuth('id', 'key', clock=Clock())
    get = prepare('https://tc.example.com/api/v2/batch', 'GET', auth)
    post = prepare('https://tc.example.com/api/v2/batch', 'POST', auth)
    assert get.headers['Authorization'] != post.headers['Authorization']


def test_hmac_auth_needs_both_credentials():
    with pytest.raises(AuthError) as info:
        HmacAuth('id', '')
    assert 'Secret Key' in str(info.value)


def test_repr_never_shows_secrets():
    assert 'secret-key' not in repr(HmacAuth('id', 'secret-key'))
    assert 'the-token' not in repr(TokenAuth('the-token', expires=5))


def test_token_auth_header():
    request = prepare('https://tc.example.com/api/v2/owners', auth=TokenAuth('abc', expires=2000, clock=Clock(1000)))
    assert request.headers['Authorization'] == 'TC-Token abc'
    assert 'Timestamp' not in request.headers


def test_expired_token_without_refresh_is_a_one_line_auth_error():
    auth = TokenAuth('abc', expires=999, clock=Clock(1000))
    with pytest.raises(AuthError) as info:
        prepare('https://tc.example.com/api/v2/owners', auth=auth)
    message = str(info.value)
    assert 'expired at 1970-01-01T00:16:39Z' in message
    assert 'no token refresh' in message
    assert '\n' not in message


def test_expired_token_is_refreshed_before_sending():
    calls = []

    def refresh(old):
        calls.append(old)
        return 'new-token', 5000

    clock = Clock(1000)
    auth = TokenAuth('old-token', expires=1000, clock=clock, refresh=refresh)
    request = prepare('https://tc.example.com/api/v2/owners', auth=auth)
    assert request.headers['Authorization'] == 'TC-Token new-token'
    assert calls == ['old-token']
    assert auth.expires == 5000
    prepare('https://tc.example.com/api/v2/owners', auth=auth)
    assert calls == ['old-token']  # still valid: not refreshed again


def test_failing_refresh_is_an_auth_error():
    def refresh(old):
        raise RuntimeError('vault unreachable')

    auth = TokenAuth('old', expires=10, clock=Clock(20), refresh=refresh)
    with pytest.raises(AuthError) as info:
        prepare('https://tc.example.com/api/v2/owners', auth=auth)
    assert 'vault unreachable' in str(info.value)


def test_token_without_expiry_never_expires():
    auth = TokenAuth('abc', clock=Clock(10 ** 12))
    assert not auth.expired()
