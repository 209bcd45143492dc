# -*- coding: utf-8 -*-
"""Tests of tcex/batch/submit/steps.py: SubmitSteps built from a batch's public parts, against the emulator."""
from __future__ import absolute_import, division, print_function, unicode_literals

import os
import weakref

import pytest

from tcex.batch.submit.steps import SubmitSteps, submitter_factory
from tcex.errors import BatchError, TcExError
from tests.batch.submit.helpers import Sleeps, add_addresses, hmac_session, make_batch, xids_per_job


class Factory(object):
    """Counts the submitters built and records the options each was built with."""

    def __init__(self, batch):
        self.build = submitter_factory(batch)
        self.calls = []

    def __call__(self, **options):
        self.calls.append(dict(options))
        return self.build(**options)


def _steps(batch, factory=None, debug_calls=None, **options):
    options.setdefault('sleep', Sleeps())
    write = None if debug_calls is None else (lambda: debug_calls.append(len(batch)))
    return SubmitSteps(factory or submitter_factory(batch), batch.store, options, write)


def test_the_submitter_is_built_once_on_first_use_with_the_options_then_set(emulator, tmp_path):
    batch = make_batch(emulator, tmp_path)
    add_addresses(batch, 3)
    factory = Factory(batch)
    steps = _steps(batch, factory, poll_interval=1)
    steps.poll_timeout = 7
    assert factory.calls == []  # nothing built before a step runs
    batch_id = steps.submit_job()
    assert steps.submit_data(batch_id) == {'status': 'Queued'}
    assert steps.poll(batch_id)['data']['batchStatus']['successCount'] == 3
    assert len(factory.calls) == 1 and factory.calls[0]['poll_timeout'] == 7.0
    assert steps.submitter is steps.submitter and steps.submitter.api.poll_timeout == 7.0
    steps.poll_timeout = 9  # a built submitter follows the setting
    assert steps.submitter.api.poll_timeout == 9.0 and steps.options['poll_timeout'] == 9.0
    batch.close()


def test_poll_timeout_defaults_to_an_hour_until_set():
    steps = SubmitSteps(lambda **options: None, store=None)
    assert steps.poll_timeout == 3600
    steps.poll_timeout = '12'
    assert steps.poll_timeout == 12.0 and steps.options == {'poll_timeout': 12.0}


def test_a_batch_without_session_fails_at_the_step_and_the_session_is_read_when_building(emulator, tmp_path):
    batch = make_batch(emulator, tmp_path)
    batch.session = None
    add_addresses(batch, 2)
    steps = _steps(batch)
    with pytest.raises(BatchError) as info:
        steps.submit_job()
    assert 'no session' in str(info.value)
    assert steps.submit_job(halt_on_error=False) is None
    batch.session = lambda: hmac_session(emulator)  # a callable is called when the submitter is built
    result = steps.submit_all()
    assert len(result) == 1 and result[0]['successCount'] == 2 and steps.summary['successCount'] == 2
    batch.close()


def test_create_and_upload_sends_one_chunk_and_nothing_when_all_was_sent(emulator, tmp_path):
    batch = make_batch(emulator, tmp_path, chunk_size=2)
    add_addresses(batch, 3)
    steps = _steps(batch)
    first = steps.submit_create_and_upload()
    job_id = first['data']['batchStatus']['id']
    assert first == {'status': 'Success', 'data': {'batchStatus': {'id': job_id, 'status': 'Queued'}}}
    assert len(xids_per_job(emulator)[job_id]) == 2
    second = steps.submit_create_and_upload()
    assert len(xids_per_job(emulator)[second['data']['batchStatus']['id']]) == 1
    assert steps.submit_create_and_upload() == {}
    assert len(emulator.batch_jobs) == 2  # no job created for nothing
    batch.close(remove=True)


def test_debug_writes_before_the_submit_and_only_when_on(emulator, tmp_path):
    batch = make_batch(emulator, tmp_path)
    add_addresses(batch, 2)
    written = []
    steps = _steps(batch, debug_calls=written)
    steps.submit_all()
    assert written == []
    add_addresses(batch, 2, start=10)
    steps.debug = True
    jobs_before = len(emulator.batch_jobs)
    steps.submit()
    assert written == [2] and len(emulator.batch_jobs) == jobs_before + 1
    batch.close()


def test_the_halt_attributes_override_the_keyword_per_step(emulator, tmp_path):
    batch = make_batch(emulator, tmp_path)
    add_addresses(batch, 2)
    steps = _steps(batch)
    steps.halt_on_poll_error = False  # covers polling and the errors step
    assert steps.errors(999999, halt_on_error=True) == []
    assert steps.poll(999999, halt_on_error=True) == {}
    emulator.inject('batch.create', status=500, count=10)
    with pytest.raises(TcExError):
        steps.submit_job(halt_on_error=True)  # poll's override does not reach job creation
    steps.halt_on_batch_error = False
    assert steps.submit_data(999999, halt_on_error=True) == {}
    assert steps.submit(halt_on_error=True)['halted'] is True
    batch.close(remove=True)


def test_a_refused_upload_raises_only_with_halt_on_file_error(emulator, tmp_path):
    batch = make_batch(emulator, tmp_path)
    batch.document('doc', 'doc.txt', b'x', xid='doc-refused')
    steps = _steps(batch)
    batch_id = steps.submit_job()
    steps.submit_data(batch_id)
    steps.poll(batch_id)
    emulator.inject('file.upload', status=400, count=10)
    (upload,) = steps.submit_files()
    assert upload['xid'] == 'doc-refused' and upload['uploaded'] is False
    steps.halt_on_file_error = True
    with pytest.raises(BatchError) as info:
        steps.submit_files()
    assert 'doc-refused' in str(info.value) and batch.store.path in str(info.value)
    batch.close(remove=True)


def test_outcome_needs_a_submit_first(emulator, tmp_path):
    batch = make_batch(emulator, tmp_path)
    steps = _steps(batch)
    with pytest.raises(BatchError):
        steps.outcome()
    add_addresses(batch, 1)
    steps.submit()
    code, line = steps.outcome()
    assert int(code) == 0 and line.startswith('batch: 1 succeeded, 0 errors, 0 unprocessed in 1 job')
    batch.close()


def test_the_factory_does_not_keep_the_batch_alive(tmp_path):
    from tcex.batch import Batch
    batch = Batch('MyOrg', temp_path=str(tmp_path))
    factory = submitter_factory(batch)
    ref = weakref.ref(batch)
    path = batch.store.path
    del batch  # no cycle through the steps: freed at once, its store closed and removed
    assert ref() is None
    assert not os.path.exists(path)
    with pytest.raises(BatchError):
        factory()
