# -*- coding: utf-8 -*-
"""TcSession against the ThreatConnect emulator: auth, errors, retries through faults."""
from __future__ import absolute_import, division, print_function, unicode_literals

import argparse
import json
import logging
import random

import pytest

from tcex.errors import ApiError, ArgumentError, AuthError
from tcex.session import (
    ApiConnectionError,
    HmacAuth,
    RetryPolicy,
    TcSession,
    TokenAuth,
    api_error,
    fetch_indicator_types,
    raise_for_api,
)


class Sleeps(object):
    """Records the waits instead of sleeping."""

    def __init__(self):
        self.calls = []

    def __call__(self, seconds):
        self.calls.append(seconds)


def make_session(tc, secret=None, retries=None, **kwargs):
    sleeps = Sleeps()
    policy = retries if retries is not None else RetryPolicy(total=4, jitter=0, rng=random.Random(1))
    session = TcSession(tc.url, auth=HmacAuth(tc.api_access_id, secret or tc.api_secret_key),
                        retries=policy, sleep=sleeps, **kwargs)
    return session, sleeps


def args(**values):
    base = dict(tc_api_path=None, api_access_id=None, api_secret_key=None, tc_token=None, tc_token_expires=None,
                tc_proxy_host=None, tc_proxy_port=None, tc_proxy_username=None, tc_proxy_password=None,
                tc_proxy_tc=False, tc_verify=True)
    base.update(values)
    return argparse.Namespace(**base)


def job_config(tc):
    return {'version': 'V2', 'owner': tc.owner, 'haltOnError': True, 'action': 'Create',
            'attributeWriteType': 'Replace'}


def test_hmac_signature_is_accepted(emulator):
    session, _ = make_session(emulator)
    body = session.get_json('/v2/owners')
    names = [owner['name'] for owner in body['data']['owner']]
    assert emulator.owner in names


def test_signature_with_query_is_accepted(emulator):
    session, _ = make_session(emulator)
    response = session.get('/v2/owners', params={'owner': emulator.owner})
    assert response.status_code == 200, response.text


def test_wrong_secret_is_rejected_with_one_line_auth_error(emulator):
    session, sleeps = make_session(emulator, secret='not-the-secret')
    response = session.get('/v2/owners')
    assert response.status_code == 401
    with pytest.raises(AuthError) as info:
        raise_for_api(response)
    message = str(info.value)
    assert message.startswith('API 401 GET /api/v2/owners: ')
    assert 'Signature' in message
    assert '\n' not in message
    assert info.value.status_code == 401
    assert sleeps.calls == []  # 401 is not retried
    assert emulator.request_count('owners') == 1


def test_stale_clock_is_rejected(emulator):
    session = TcSession(emulator.url, auth=HmacAuth(emulator.api_access_id, emulator.api_secret_key,
                                                    clock=lambda: 1000000), retries=0)
    with pytest.raises(AuthError) as info:
        raise_for_api(session.get('/v2/owners'))
    assert 'Timestamp' in str(info.value)


def test_token_is_accepted_then_expired_is_an_auth_error(emulator):
    session = TcSession(emulator.url, auth=TokenAuth(emulator.token, emulator.token_expires), retries=0)
    assert session.get('/v2/owners').status_code == 200
    emulator.expire_token()
    with pytest.raises(AuthError) as info:
        raise_for_api(session.get('/v2/owners'))
    assert '401' in str(info.value)


def test_token_past_its_expiry_fails_before_sending(emulator):
    session = TcSession(emulator.url, auth=TokenAuth(emulator.token, emulator.token_expires,
                                                     clock=lambda: emulator.token_expires + 1))
    with pytest.raises(AuthError) as info:
        session.get('/v2/owners')
    assert 'expired' in str(info.value)
    assert emulator.request_count('owners') == 0


def test_api_error_uses_the_api_message(emulator):
    session, _ = make_session(emulator)
    response = session.get('/v2/batch/987654')
    error = api_error(response, 'poll batch job')
    assert isinstance(error, ApiError) and not isinstance(error, AuthError)
    assert str(error).startswith('poll batch job failed: API 404 GET /api/v2/batch/987654: ')
    assert error.status_code == 404


@pytest.mark.parametrize('status', [500, 502, 503, 504])
def test_get_is_retried_through_server_errors(emulator, status):
    session, sleeps = make_session(emulator)
    emulator.inject('owners', status=status, count=2)
    response = session.get('/v2/owners')
    assert response.status_code == 200
    assert emulator.request_count('owners') == 3
    assert sleeps.calls == [1.0, 2.0]


def test_retries_give_up_after_total(emulator):
    session, sleeps = make_session(emulator, retries=RetryPolicy(total=2, jitter=0))
    emulator.inject('owners', status=500, count=5)
    response = session.get('/v2/owners')
    assert response.status_code == 500
    assert emulator.request_count('owners') == 3
    assert len(sleeps.calls) == 2


def test_429_retry_after_is_honoured_even_for_batch_job_creation(emulator):
    session, sleeps = make_session(emulator)
    emulator.inject('batch.create', status=429, retry_after=7, count=1)
    response = session.post('/v2/batch', json=job_config(emulator))
    assert response.status_code == 201, response.text
    assert sleeps.calls == [7.0]
    assert emulator.request_count('batch.create') == 2
    assert len(emulator.batch_jobs) == 1


def test_503_retry_after_is_honoured(emulator):
    session, sleeps = make_session(emulator)
    emulator.inject('owners', status=503, retry_after=4, count=1)
    assert session.get('/v2/owners').status_code == 200
    assert sleeps.calls == [4.0]


def test_batch_job_creation_is_not_retried_after_500(emulator):
    session, sleeps = make_session(emulator)
    emulator.inject('batch.create', status=500, count=1)
    response = session.post('/v2/batch', json=job_config(emulator))
    assert response.status_code == 500
    assert sleeps.calls == []
    assert emulator.request_count('batch.create') == 1


def test_dropped_connection_is_retried_for_get(emulator):
    session, sleeps = make_session(emulator)
    emulator.inject('owners', drop=True, count=1)
    assert session.get('/v2/owners').status_code == 200
    assert emulator.request_count('owners') == 2
    assert len(sleeps.calls) == 1


def test_dropped_connection_on_batch_job_creation_is_not_retried(emulator):
    session, sleeps = make_session(emulator)
    emulator.inject('batch.create', drop=True, count=1)
    with pytest.raises(ApiConnectionError) as info:
        session.post('/v2/batch', json=job_config(emulator))
    assert info.value.sent is True
    assert 'POST /api/v2/batch' in str(info.value)
    assert sleeps.calls == []
    assert emulator.request_count('batch.create') == 1


def test_hang_times_out_and_is_retried_for_get(emulator):
    session, sleeps = make_session(emulator, timeout=(5, 1.0))
    emulator.inject('owners', hang=4, count=1)
    assert session.get('/v2/owners').status_code == 200
    assert emulator.request_count('owners') == 2
    assert len(sleeps.calls) == 1


def test_hang_on_post_is_a_timeout_error_without_retry(emulator):
    session, sleeps = make_session(emulator, timeout=(5, 1.0))
    emulator.inject('batch.create', hang=4, count=1)
    with pytest.raises(ApiConnectionError) as info:
        session.post('/v2/batch', json=job_config(emulator))
    assert 'timed out' in str(info.value)
    assert sleeps.calls == []


def test_refused_connection_is_retried_and_reported_as_not_sent():
    sleeps = Sleeps()
    session = TcSession('http://127.0.0.1:9/api', auth=HmacAuth('a', 'b'), sleep=sleeps,
                        retries=RetryPolicy(total=2, jitter=0))
    with pytest.raises(ApiConnectionError) as info:
        session.post('/v2/batch', data=b'{}')
    assert info.value.sent is False
    assert 'after 3 attempts' in str(info.value)
    assert sleeps.calls == [1.0, 2.0]


def test_rewindable_body_is_resent_on_retry(emulator, tmp_path):
    session, _ = make_session(emulator)
    emulator.inject('batch.create', status=429, retry_after=0, count=1)
    path = tmp_path / 'config.json'
    path.write_bytes(json.dumps(job_config(emulator)).encode('utf-8'))
    with open(str(path), 'rb') as handle:
        response = session.post('/v2/batch', data=handle, headers={'Content-Type': 'application/json'})
    assert response.status_code == 201, response.text


def test_from_args_hmac_and_token(emulator):
    hmac_session = TcSession.from_args(args(tc_api_path=emulator.url, api_access_id=emulator.api_access_id,
                                            api_secret_key=emulator.api_secret_key))
    assert isinstance(hmac_session.auth, HmacAuth)
    assert hmac_session.get('/v2/owners').status_code == 200
    token_session = TcSession.from_args(args(tc_api_path=emulator.url, tc_token=emulator.token,
                                             tc_token_expires=emulator.token_expires,
                                             api_access_id='ignored', api_secret_key='ignored'))
    assert isinstance(token_session.auth, TokenAuth)
    assert token_session.get('/v2/owners').status_code == 200


def test_from_args_without_credentials_is_an_auth_error():
    with pytest.raises(AuthError) as info:
        TcSession.from_args(args(tc_api_path='https://tc.example.com/api'))
    assert '--tc_token' in str(info.value)
    with pytest.raises(ArgumentError):
        TcSession.from_args(args(api_access_id='a', api_secret_key='b'))


def test_from_args_proxy_only_when_tc_proxy_tc():
    values = dict(tc_api_path='https://tc.example.com/api', api_access_id='a', api_secret_key='b',
                  tc_proxy_host='proxy.local', tc_proxy_port=3128, tc_proxy_username='user',
                  tc_proxy_password='p@ss word')
    assert not TcSession.from_args(args(**values)).proxies
    session = TcSession.from_args(args(tc_proxy_tc=True, **values))
    assert session.proxies['https'] == 'http://user:p%40ss%20word@proxy.local:3128'


def test_verify_off_logs_a_warning(caplog):
    with caplog.at_level(logging.WARNING, logger='tcex.session'):
        session = TcSession.from_args(args(tc_api_path='https://tc.example.com/api', api_access_id='a',
                                           api_secret_key='b', tc_verify=False))
    assert session.verify is False
    assert any('verification is OFF' in r.getMessage() for r in caplog.records)
    assert TcSession('https://tc.example.com/api').verify is True


def test_debug_log_names_request_but_never_credentials(emulator, caplog):
    session, _ = make_session(emulator)
    with caplog.at_level(logging.DEBUG, logger='tcex.session'):
        session.get('/v2/owners', params={'owner': emulator.owner})
    text = '\n'.join(r.getMessage() for r in caplog.records)
    assert 'GET /api/v2/owners?owner=' in text
    assert '-> 200' in text
    assert emulator.api_secret_key not in text
    assert 'TC ' + emulator.api_access_id not in text


def test_default_timeout_applies_to_every_request(emulator):
    session, _ = make_session(emulator, timeout=(5, 1.0), retries=RetryPolicy(total=0))
    emulator.inject('whoami', hang=4, count=1)
    with pytest.raises(ApiConnectionError):
        session.get('/v2/whoami')


def test_fetch_indicator_types(emulator):
    session, _ = make_session(emulator)
    types = fetch_indicator_types(lambda: session)
    names = [t['name'] for t in types]
    assert 'Address' in names
    assert any(str(t.get('custom')).lower() == 'true' for t in types)


def test_token_rejected_with_401_is_refreshed_once_and_the_request_resent(emulator):
    renewals = []

    def refresh(old):
        renewals.append(old)
        return emulator.renew_token(), emulator.token_expires

    first_token = emulator.token
    session = TcSession(emulator.url, auth=TokenAuth(emulator.token, emulator.token_expires, refresh=refresh),
                        retries=0)
    assert session.get('/v2/owners').status_code == 200
    emulator.expire_token()  # the server now rejects the token although the client clock says it is valid
    response = session.get('/v2/owners')
    assert response.status_code == 200
    assert renewals == [first_token]
    assert [r.status_code for r in response.history] == [401]
    assert emulator.request_count('owners') == 3
