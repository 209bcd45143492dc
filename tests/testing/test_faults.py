# -*- coding: utf-8 -*-
"""Fault injection and request counts."""
from __future__ import absolute_import, division, print_function, unicode_literals

import pytest
import requests

from tcex.errors import ArgumentError
from tcex.testing import ENDPOINTS


def test_status_fault_applies_count_times_then_succeeds(api, emulator):
    emulator.inject('owners', status=503, count=2)
    first, second, third = [api.get('/v2/owners') for _ in range(3)]
    assert (first.status_code, second.status_code, third.status_code) == (503, 503, 200)
    assert first.json()['status'] == 'Failure'
    assert emulator.request_count('owners') == 3


def test_500_with_custom_body(api, emulator):
    emulator.inject('batch.create', status=500, body={'status': 'Failure', 'message': 'boom'})
    response = api.post('/v2/batch', data='{}')
    assert response.status_code == 500 and response.json()['message'] == 'boom'


def test_429_carries_retry_after(api, emulator):
    emulator.inject('batch.status', status=429, retry_after=7)
    response = api.get('/v2/batch/1')
    assert response.status_code == 429 and response.headers['Retry-After'] == '7'


def test_fault_applies_before_authentication(emulator):
    emulator.inject('whoami', status=503)
    assert requests.get(emulator.url + '/v2/whoami').status_code == 503
    assert requests.get(emulator.url + '/v2/whoami').status_code == 401


def test_hang_past_the_client_timeout(api, emulator):
    emulator.inject('whoami', hang=2)
    with pytest.raises(requests.exceptions.Timeout):
        api.get('/v2/whoami', timeout=0.3)
    assert api.get('/v2/whoami').status_code == 200


def test_dropped_connection_raises_connection_error(api, emulator):
    emulator.inject('batch.upload', drop=True)
    with pytest.raises(requests.exceptions.ConnectionError):
        api.post('/v2/batch/1', data=b'{}')
    assert emulator.request_count('batch.upload') == 1


def test_wildcard_fault_hits_any_endpoint(api, emulator):
    emulator.inject('*', status=503)
    assert api.get('/v2/types/indicatorTypes').status_code == 503
    assert api.get('/v2/types/indicatorTypes').status_code == 200


def test_faults_queue_in_order(api, emulator):
    emulator.inject('owners', status=500)
    emulator.inject('owners', status=503)
    assert [api.get('/v2/owners').status_code for _ in range(3)] == [500, 503, 200]


def test_clear_faults(api, emulator):
    emulator.inject('owners', status=500, count=5)
    emulator.clear_faults()
    assert api.get('/v2/owners').status_code == 200


def test_request_counts_per_endpoint(api, emulator):
    api.get('/v2/owners')
    api.get('/v2/owners')
    api.get('/v2/whoami')
    api.get('/v2/nothing-here')
    assert emulator.request_count('owners') == 2
    assert emulator.request_count('whoami') == 1
    assert emulator.request_count('unknown') == 1
    assert emulator.request_count() == 4
    assert emulator.request_counts() == {'owners': 2, 'whoami': 1, 'unknown': 1}


@pytest.mark.parametrize('kwargs', [{'endpoint': 'batch.nope', 'status': 500},
                                    {'endpoint': 'owners'},
                                    {'endpoint': 'owners', 'status': 500, 'count': 0}])
def test_inject_rejects_bad_arguments(emulator, kwargs):
    with pytest.raises(ArgumentError):
        emulator.inject(**kwargs)


def test_endpoint_ids_are_stable():
    assert set(ENDPOINTS) >= {'batch.create', 'batch.upload', 'batch.create_and_upload',
                              'batch.status', 'batch.errors', 'batch.results', 'file.upload',
                              'types.indicator', 'owners', 'whoami'}
