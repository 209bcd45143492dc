# -*- coding: utf-8 -*-
"""Tests of tcex/batch/submit/api.py against the emulator (a real local HTTP server)."""
from __future__ import absolute_import, division, print_function, unicode_literals

import json

import pytest

from tcex.batch.submit.api import BatchApi, batch_status, job_state
from tcex.batch.submit.states import JobState
from tcex.errors import ApiError, BatchError
from tests.batch.submit.helpers import Sleeps, hmac_session

CONFIG = {'action': 'Create', 'attributeWriteType': 'Replace', 'haltOnError': False, 'owner': None,
          'version': 'V2'}


def api_for(emulator, **options):
    options.setdefault('poll_interval', 1)
    options.setdefault('poll_max_interval', 2)
    options.setdefault('sleep', Sleeps())
    return BatchApi(hmac_session(emulator), **options)


def payload(*summaries):
    indicators = [{'xid': 'x-' + s, 'type': 'Address', 'summary': s} for s in summaries]
    return json.dumps({'group': [], 'indicator': indicators}).encode('utf-8')


def config(emulator):
    return dict(CONFIG, owner=emulator.owner)


def test_create_upload_poll_roundtrip(emulator):
    api = api_for(emulator)
    batch_id = api.create_job(config(emulator))
    assert emulator.batch_job(batch_id)['status'] == JobState.CREATED
    answer = api.upload(batch_id, payload('10.0.0.1', '10.0.0.2'))
    assert answer.get('status') == JobState.QUEUED
    body = api.poll(batch_id)
    status = batch_status(body)
    assert status['status'] == JobState.COMPLETED and status['id'] == batch_id
    assert (status['successCount'], status['errorCount']) == (2, 0)
    assert api.errors(batch_id) == []
    assert sorted(i['summary'] for i in emulator.indicators()) == ['10.0.0.1', '10.0.0.2']


def test_errors_of_a_job_with_a_bad_entity(emulator):
    api = api_for(emulator)
    batch_id = api.create_job(config(emulator))
    bad = {'group': [], 'indicator': [{'xid': 'x-bad', 'type': 'NoSuchType', 'summary': 'zzz'}]}
    api.upload(batch_id, json.dumps(bad).encode('utf-8'))
    status = batch_status(api.poll(batch_id))
    assert status['errorCount'] == 1
    (error,) = api.errors(batch_id)
    assert 'errorReason' in error


def test_a_forgotten_job_is_a_404(emulator):
    api = api_for(emulator)
    batch_id = api.create_job(config(emulator))
    emulator.forget_jobs(batch_id)
    with pytest.raises(ApiError) as info:
        api.status(batch_id)
    assert info.value.status_code == 404


def test_a_job_without_data_stops_at_created_or_times_out(emulator):
    api = api_for(emulator, poll_timeout=5)
    batch_id = api.create_job(config(emulator))
    assert job_state(api.poll(batch_id, stop_on_created=True)) == JobState.CREATED
    api.sleep.calls = []
    with pytest.raises(BatchError) as info:
        api.poll(batch_id)
    assert 'did not complete within 5 s' in str(info.value) and 'Created' in str(info.value)
    assert sum(api.sleep.calls) <= 5
