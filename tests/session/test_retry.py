# -*- coding: utf-8 -*-
"""Unit tests of tcex.session.retry (the decisions; the loop is exercised in test_session.py)."""
from __future__ import absolute_import, division, print_function, unicode_literals

import random

import pytest
import requests

from tcex.session.retry import RetryPolicy, parse_retry_after, request_was_sent, urllib3_retry


def response(status, retry_after=None):
    resp = requests.Response()
    resp.status_code = status
    if retry_after is not None:
        resp.headers['Retry-After'] = retry_after
    return resp


def test_backoff_is_exponential_capped_and_jittered_downwards():
    policy = RetryPolicy(total=10, backoff_factor=1, backoff_max=8, jitter=0.5, rng=random.Random(7))
    waits = [policy.backoff(n) for n in range(1, 8)]
    nominal = [1, 2, 4, 8, 8, 8, 8]
    for wait, cap in zip(waits, nominal):
        assert cap * 0.5 <= wait <= cap
    assert len(set(waits[3:])) > 1  # jitter spreads the capped waits


def test_no_jitter_gives_the_nominal_delays():
    policy = RetryPolicy(backoff_factor=0.5, backoff_max=3, jitter=0)
    assert [policy.backoff(n) for n in range(1, 5)] == [0.5, 1.0, 2.0, 3.0]


def test_idempotent_methods_retry_server_errors_until_total():
    policy = RetryPolicy(total=2, jitter=0)
    for status in (500, 502, 503, 504, 429):
        assert policy.for_response('GET', response(status), 1, True, 0) is not None
    assert policy.for_response('GET', response(500), 3, True, 0) is None
    assert policy.for_response('GET', response(404), 1, True, 0) is None
    assert policy.for_response('GET', response(401), 1, True, 0) is None


def test_post_is_not_retried_on_500_or_503_without_retry_after():
    policy = RetryPolicy(jitter=0)
    assert policy.for_response('POST', response(500), 1, False, 0) is None
    assert policy.for_response('POST', response(503), 1, False, 0) is None
    assert policy.for_response('POST', response(502), 1, False, 0) is None


def test_post_is_retried_when_the_server_refused_it():
    policy = RetryPolicy(jitter=0)
    assert policy.for_response('POST', response(429), 1, False, 0) == 1.0
    assert policy.for_response('POST', response(429, '7'), 1, False, 0) == 7.0
    assert policy.for_response('POST', response(503, '3'), 1, False, 0) == 3.0


def test_retry_after_is_capped():
    policy = RetryPolicy(retry_after_max=60)
    assert policy.for_response('GET', response(429, '3600'), 1, True, 0) == 60


def test_parse_retry_after_seconds_and_http_date():
    assert parse_retry_after('12', 0) == 12
    assert parse_retry_after(None, 0) is None
    assert parse_retry_after('soon', 0) is None
    # Thu, 01 Jan 1970 00:01:40 GMT is epoch 100
    assert parse_retry_after('Thu, 01 Jan 1970 00:01:40 GMT', 90) == 10
    assert parse_retry_after('Thu, 01 Jan 1970 00:01:40 GMT', 200) == 0


def test_connection_never_made_is_retried_even_for_post():
    policy = RetryPolicy(jitter=0)
    refused = requests.exceptions.ConnectionError(Exception('NewConnectionError: Connection refused'))
    dropped = requests.exceptions.ConnectionError(Exception("RemoteDisconnected('Remote end closed')"))
    assert not request_was_sent(refused)
    assert request_was_sent(dropped)
    assert policy.for_exception('POST', refused, 1, False) == 1.0
    assert policy.for_exception('POST', dropped, 1, False) is None
    assert policy.for_exception('GET', dropped, 1, True) == 1.0
    assert policy.for_exception('POST', requests.exceptions.ReadTimeout('slow'), 1, False) is None
    assert policy.for_exception('PUT', requests.exceptions.ReadTimeout('slow'), 1, True) == 1.0
    assert policy.for_exception('GET', ValueError('not http'), 1, True) is None


def test_coerce():
    assert RetryPolicy.coerce(None).total == 0
    assert RetryPolicy.coerce(3).total == 3
    assert RetryPolicy.coerce(True).total == 5
    policy = RetryPolicy(total=1)
    assert RetryPolicy.coerce(policy) is policy


def test_urllib3_retry_accepts_allowed_methods_on_every_urllib3():
    retry = urllib3_retry(total=2, allowed_methods=['GET'])
    methods = getattr(retry, 'allowed_methods', None) or getattr(retry, 'method_whitelist', None)
    assert list(methods) == ['GET']
    assert retry.total == 2


@pytest.mark.parametrize('header', ['-5', 'nan', 'NaN', '-inf', 'soon', 'Thu, 99 Foo 1970 00:00:00 GMT'])
def test_unusable_retry_after_is_ignored(header):
    assert parse_retry_after(header, 1000.0) is None


@pytest.mark.parametrize('header', ['-5', 'nan', '0', 'Thu, 01 Jan 1970 00:00:00 GMT'])
def test_retry_after_never_makes_a_zero_wait(header):
    policy = RetryPolicy(jitter=0, backoff_factor=0.5)
    for attempt in (1, 2, 3):
        wait = policy.for_response('POST', response(429, header), attempt, False, 1000.0)
        assert wait == policy.backoff(attempt) > 0


@pytest.mark.parametrize('header', ['1e308', 'inf', '99999999999999999999999', 'Fri, 31 Dec 9999 23:59:59 GMT'])
def test_huge_retry_after_is_capped(header):
    policy = RetryPolicy(jitter=0, retry_after_max=90)
    assert policy.for_response('GET', response(503, header), 1, True, 1000.0) == 90
