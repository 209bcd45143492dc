# -*- coding: utf-8 -*-
"""TcSession at the network's edges: host in connection errors, HTML 2xx answers, deadlines."""
from __future__ import absolute_import, division, print_function, unicode_literals

import pytest

from tcex.errors import ApiError
from tcex.session import ApiConnectionError, HmacAuth, RetryPolicy, TcSession

from tests.reliability.misbehaving import MisbehavingServer, Rule


class Sleeps(object):
    """Records the waits instead of sleeping."""

    def __init__(self):
        self.calls = []

    def __call__(self, seconds):
        self.calls.append(seconds)


def through(proxy, tc, **kwargs):
    kwargs.setdefault('retries', RetryPolicy(total=2, jitter=0))
    return TcSession(proxy.root + '/api', auth=HmacAuth(tc.api_access_id, tc.api_secret_key), sleep=Sleeps(),
                     **kwargs)


def upstream(tc):
    return tc.url[:-len('/api')]


def test_connection_failure_names_the_host_it_could_not_reach():
    session = TcSession('https://127.0.0.1:9/api', auth=HmacAuth('a', 'b'), sleep=Sleeps(), retries=0)
    with pytest.raises(ApiConnectionError) as info:
        session.get('/v2/owners')
    message = str(info.value)
    assert message.startswith('API GET /api/v2/owners connection failed: could not reach 127.0.0.1:9 ')
    assert message.endswith(': the request was not sent') and '\n' not in message
    assert info.value.host == '127.0.0.1:9'


@pytest.mark.parametrize('method, path, kwargs', [
    ('GET', '/v2/owners', {}),
    ('POST', '/v2/batch', {'json': {}}),
    ('POST', '/v2/groups/documents/x/upload', {'data': b'content'}),
])
def test_a_web_page_with_200_is_an_api_error(emulator, method, path, kwargs):
    rules = [Rule(method, '^/api' + path, 'html')]
    with MisbehavingServer(rules, upstream=upstream(emulator)) as proxy:
        session = through(proxy, emulator)
        with pytest.raises(ApiError) as info:
            session.request(method, path, **kwargs)
    message = str(info.value)
    assert 'API 200 {} /api{}'.format(method, path) in message and 'web page' in message
    assert info.value.status_code == 200 and not isinstance(info.value, ApiConnectionError)


def test_json_through_the_proxy_is_fine(emulator):
    with MisbehavingServer([], upstream=upstream(emulator)) as proxy:
        body = through(proxy, emulator).get_json('/v2/owners')
    assert emulator.owner in [owner['name'] for owner in body['data']['owner']]


def test_a_trickled_answer_ends_at_the_request_deadline(emulator):
    with MisbehavingServer([Rule('GET', '^/api/v2/owners', 'trickle', interval=0.05)],
                           upstream=upstream(emulator)) as proxy:
        session = through(proxy, emulator, deadline=30)
        with pytest.raises(ApiConnectionError) as info:
            session.get('/v2/owners', deadline=0.4)
    message = str(info.value)
    assert 'within the 0.4 s deadline' in message and proxy.root.split('//')[1] in message
    assert info.value.sent is True
    assert session.sleep.calls == []  # past the deadline nothing is retried


def test_a_retry_that_would_pass_the_deadline_is_not_made(emulator):
    rules = [Rule('GET', '^/api/v2/owners', 'status', status=503, headers={'Retry-After': '50'})]
    with MisbehavingServer(rules, upstream=upstream(emulator)) as proxy:
        session = through(proxy, emulator)
        response = session.get('/v2/owners', deadline=20)
    assert response.status_code == 503 and session.sleep.calls == []


def test_downloaded_content_may_be_a_web_page(emulator):
    rules = [Rule('GET', '^/api/v2/groups/documents/page/download', 'html')]
    with MisbehavingServer(rules, upstream=upstream(emulator)) as proxy:
        response = through(proxy, emulator).get('/v2/groups/documents/page/download')
    assert response.status_code == 200 and response.content.startswith(b'<!DOCTYPE html>')
