# -*- coding: utf-8 -*-
"""Authentication: HMAC and token, each failure answered 401 with the platform's message."""
from __future__ import absolute_import, division, print_function, unicode_literals

import time

import requests

from tcex.testing import ThreatConnectEmulator, hmac_signature

from tests.testing.helpers import Api, sign


def test_hmac_request_succeeds(api):
    response = api.get('/v2/owners')
    assert response.status_code == 200
    assert response.json()['status'] == 'Success'


def test_token_request_succeeds(api):
    assert api.get('/v2/whoami', mode='token').status_code == 200


def test_signature_matches_the_reference_example():
    expected = sign('secret', '/api/v2/indicators/hosts/example.com?owner=Common%20Community',
                    'GET', 1513703787)
    assert hmac_signature('secret', '/api/v2/indicators/hosts/example.com?owner=Common%20Community',
                          'GET', 1513703787) == expected


def test_wrong_signature_is_401(api, emulator):
    target, headers = api.headers('GET', '/v2/owners')
    headers['Authorization'] = 'TC {}:{}'.format(emulator.api_access_id, sign('wrong', target, 'GET',
                                                                             headers['Timestamp']))
    response = requests.get(emulator.url + '/v2/owners', headers=headers)
    assert response.status_code == 401
    assert response.json() == {'status': 'Failure',
                               'message': 'Signature data did not match expected result.'}


def test_signature_covers_the_query(api, emulator):
    _, headers = api.headers('GET', '/v2/owners', query={'owner': emulator.owner})
    response = requests.get(emulator.url + '/v2/owners?owner=Other', headers=headers)
    assert response.status_code == 401


def test_signature_covers_the_method(api, emulator):
    _, headers = api.headers('POST', '/v2/owners')
    assert requests.get(emulator.url + '/v2/owners', headers=headers).status_code == 401


def test_unknown_access_id_is_access_denied(api, emulator):
    target, headers = api.headers('GET', '/v2/owners')
    headers['Authorization'] = 'TC 999:{}'.format(
        sign(emulator.api_secret_key, target, 'GET', headers['Timestamp']))
    response = requests.get(emulator.url + '/v2/owners', headers=headers)
    assert response.status_code == 401
    assert response.json()['message'] == 'Access Denied'


def test_missing_authorization_is_access_denied(emulator):
    response = requests.get(emulator.url + '/v2/owners')
    assert response.status_code == 401
    assert response.json() == {'status': 'Failure', 'message': 'Access Denied'}


def test_stale_timestamp_is_401(api):
    api.clock = lambda: time.time() - 301
    response = api.get('/v2/owners')
    assert response.status_code == 401
    assert response.json()['message'] == 'Timestamp out of acceptable time range'


def test_timestamp_within_five_minutes_is_accepted(api):
    api.clock = lambda: time.time() + 290
    assert api.get('/v2/owners').status_code == 200


def test_non_numeric_timestamp_is_401(api, emulator):
    _, headers = api.headers('GET', '/v2/owners')
    headers['Timestamp'] = 'yesterday'
    assert requests.get(emulator.url + '/v2/owners', headers=headers).status_code == 401


def test_expired_token_is_unauthorized(api, emulator):
    emulator.expire_token()
    response = api.get('/v2/owners', mode='token')
    assert response.status_code == 401
    assert response.json() == {'status': 'Failure', 'message': 'Unauthorized'}
    assert api.get('/v2/owners').status_code == 200  # HMAC unaffected


def test_replaced_token_is_unauthorized(api, emulator):
    old = emulator.token
    emulator.renew_token()
    response = requests.get(emulator.url + '/v2/owners',
                            headers={'Authorization': 'TC-Token ' + old})
    assert response.status_code == 401
    assert api.get('/v2/owners', mode='token').status_code == 200


def test_token_expires_on_the_injected_clock():
    now = [1000000.0]
    with ThreatConnectEmulator(clock=lambda: now[0], token_ttl=60) as tc:
        api = Api(tc)
        api.clock = lambda: now[0]
        assert tc.token_expires == 1000060
        assert api.get('/v2/owners', mode='token').status_code == 200
        now[0] += 61
        assert api.get('/v2/owners', mode='token').status_code == 401


def test_app_args_carry_the_credentials(emulator):
    args = emulator.app_args()
    assert args == ['--tc_api_path', emulator.url, '--api_access_id', emulator.api_access_id,
                    '--api_secret_key', emulator.api_secret_key, '--api_default_org',
                    'Demo Organization']
    token_args = emulator.app_args(token=True)
    assert token_args[token_args.index('--tc_token') + 1] == emulator.token
    assert token_args[token_args.index('--tc_token_expires') + 1] == str(emulator.token_expires)
    assert emulator.url.startswith('http://127.0.0.1:') and emulator.url.endswith('/api')
