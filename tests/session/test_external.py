# -*- coding: utf-8 -*-
"""ExternalSession (``tcex.session_external``) and tcex 0.8's ``tcex.request()`` against a local API."""
from __future__ import absolute_import, division, print_function, unicode_literals

import argparse
import logging
import random

import pytest
import requests
from six.moves.urllib.parse import parse_qs

from tcex.errors import ArgumentError
from tcex.session import ApiConnectionError, ExternalRequest, ExternalSession, RequestError, RetryPolicy

from tests.reliability.misbehaving import MisbehavingServer, Rule

REFUSED = 'http://127.0.0.1:9/blocklist'


class Sleeps(object):
    """Records the waits instead of sleeping."""

    def __init__(self):
        self.calls = []

    def __call__(self, seconds):
        self.calls.append(seconds)


def session(**kwargs):
    sleeps = Sleeps()
    kwargs.setdefault('retries', RetryPolicy(total=3, jitter=0, rng=random.Random(1)))
    return ExternalSession(sleep=sleeps, **kwargs), sleeps


def args(**values):
    base = dict(tc_proxy_host=None, tc_proxy_port=None, tc_proxy_username=None, tc_proxy_password=None,
                tc_proxy_external=False)
    base.update(values)
    return argparse.Namespace(**base)


def test_get_and_post_return_requests_responses():
    with MisbehavingServer() as api:
        ext, sleeps = session()
        response = ext.get(api.root + '/v1/items', params={'since': '2019'})
        assert isinstance(response, requests.Response)
        echo = response.json()
        assert (echo['method'], echo['path']) == ('GET', '/v1/items?since=2019')
        assert echo['headers']['user-agent'].startswith('tcex/')
        posted = ext.post(api.root + '/v1/domains', json={'domain': 'a.example'}).json()
        assert posted['method'] == 'POST' and '"a.example"' in posted['body']
        assert sleeps.calls == []
        assert ext.verify is True


def test_base_url_joins_relative_paths():
    with MisbehavingServer() as api:
        ext, _ = session(base_url=api.root + '/v1/')
        assert ext.get('/items').json()['path'] == '/v1/items'


def test_503_is_retried_with_the_session_backoff_and_retry_after():
    rules = [Rule('GET', '^/v1/items', 'status', count=2, status=503, headers={'Retry-After': '3'})]
    with MisbehavingServer(rules) as api:
        ext, sleeps = session()
        assert ext.get(api.root + '/v1/items').status_code == 200
        assert sleeps.calls == [3.0, 3.0]


def test_post_that_got_a_500_is_not_repeated():
    rules = [Rule('POST', '^/v1/domains', 'status', status=500)]
    with MisbehavingServer(rules) as api:
        ext, sleeps = session()
        assert ext.post(api.root + '/v1/domains', json=[]).status_code == 500
        assert sleeps.calls == [] and len(api.seen) == 1


def test_connection_failure_names_the_host_in_one_line():
    ext, sleeps = session(retries=RetryPolicy(total=1, jitter=0))
    with pytest.raises(ApiConnectionError) as info:
        ext.get(REFUSED)
    message = str(info.value)
    assert 'could not reach 127.0.0.1:9' in message and 'after 2 attempts' in message
    assert '\n' not in message and info.value.sent is False and info.value.host == '127.0.0.1:9'
    assert len(sleeps.calls) == 1


def test_a_trickled_answer_stops_at_the_deadline():
    with MisbehavingServer([Rule('GET', '^/slow', 'trickle', interval=0.05)]) as api:
        ext, _ = session(deadline=0.5)
        with pytest.raises(ApiConnectionError) as info:
            ext.get(api.root + '/slow')
        assert 'deadline' in str(info.value) and '127.0.0.1:' in str(info.value)


def test_secrets_are_masked_in_log_lines(caplog):
    secret = 's3cr3t/key+value='
    with MisbehavingServer() as api:
        ext, _ = session(secrets={secret})
        with caplog.at_level(logging.DEBUG, logger='tcex.session'):
            ext.get(api.root + '/v1/{}/items'.format('s3cr3t%2Fkey%2Bvalue%3D'),
                    params={'apikey': 'other-key', 'q': secret})
    text = '\n'.join(r.getMessage() for r in caplog.records)
    assert '/v1/' in text
    for leak in (secret, 's3cr3t%2Fkey%2Bvalue%3D', 's3cr3t%2Fkey%2Bvalue%3D'.lower(), 'other-key'):
        assert leak not in text


def test_from_args_uses_the_proxy_only_when_tc_proxy_external_is_on():
    with MisbehavingServer() as proxy:
        port = int(proxy.root.rsplit(':', 1)[1])
        on = ExternalSession.from_args(args(tc_proxy_host='127.0.0.1', tc_proxy_port=port, tc_proxy_external=True))
        echo = on.get('http://blocklist.invalid/v1/domains').json()
        assert echo['path'] == 'http://blocklist.invalid/v1/domains'  # the proxy got the absolute URL
        for off in (False, 'false', None):
            assert not ExternalSession.from_args(args(tc_proxy_host='127.0.0.1', tc_proxy_port=port,
                                                      tc_proxy_external=off)).proxies
    with pytest.raises(ArgumentError):
        ExternalSession.from_args(args(tc_proxy_host='proxy.local', tc_proxy_external=True))


def test_tcex_0_8_request_builder_sends_through_the_session():
    with MisbehavingServer() as api:
        ext, _ = session()
        r = ExternalRequest(ext)
        r.url = api.root + '/v1/domains'
        r.http_method = 'post'
        r.add_payload('customerKey', 'k1')
        r.add_payload('tag', 'a', append=True)
        r.add_payload('tag', 'b', append=True)
        r.add_header('X-Feed', 'opendns')
        r.json = {'domain': 'a.example'}
        response = r.send()
        echo = response.json()
        assert isinstance(response, requests.Response)
        path, _, query = echo['path'].partition('?')
        assert echo['method'] == 'POST' and path == '/v1/domains'
        assert parse_qs(query) == {'customerKey': ['k1'], 'tag': ['a', 'b']}
        assert echo['headers']['x-feed'] == 'opendns' and echo['headers']['content-type'] == 'application/json'
    with pytest.raises(ArgumentError):
        r.http_method = 'FETCH'


def test_tcex_0_8_request_failure_is_a_runtime_error_naming_the_host():
    r = ExternalRequest(session(retries=0)[0])
    r.url = REFUSED
    with pytest.raises(RuntimeError) as info:
        r.send()
    assert isinstance(info.value, RequestError) and isinstance(info.value, ApiConnectionError)
    assert '127.0.0.1:9' in str(info.value)
