# -*- coding: utf-8 -*-
"""tcex.batch.submit.submitter at size, through injected faults, and resumed after a kill (emulator)."""
from __future__ import absolute_import, division, print_function, unicode_literals

import collections
import json
import os

import pytest

from tcex.app.exit import ExitCode
from tcex.batch.batch import Batch
from tcex.batch.submit.outcome import outcome
from tcex.errors import AuthError, BatchError, TcExError
from tests.batch.submit.helpers import (
    Sleeps,
    add_addresses,
    hmac_session,
    make_batch,
    sent_xids,
    token_session,
    xids_per_job,
)


def assert_each_sent_once(tc, expected_count):
    xids = sent_xids(tc)
    repeats = [xid for xid, n in collections.Counter(xids).items() if n > 1]
    assert repeats == []
    assert len(xids) == expected_count


def test_ten_thousand_indicators_in_several_chunks(emulator, tmp_path):
    progress = []
    batch = make_batch(emulator, tmp_path, chunk_size=2500, progress=progress.append)
    incident = batch.incident('incident-10k', xid='incident-10k')
    add_addresses(batch, 10000)
    batch.address('10.200.0.1').association(incident.xid)
    result = batch.submit_all()
    assert result['successCount'] == 10002 and result['errorCount'] == 0
    assert len(result['batchIds']) == 5
    assert [c['groupCount'] + c['indicatorCount'] for c in result['chunks']] == [2500, 2500, 2500, 2500, 2]
    assert len(emulator.indicators()) == 10001
    assert emulator.indicator('10.200.0.1')['associatedGroups'] == [{'groupXid': 'incident-10k'}]
    assert_each_sent_once(emulator, 10002)
    assert [p['chunk'] for p in progress] == [1, 2, 3, 4, 5]
    assert progress[-1]['sent'] == 10002 and progress[-1]['successCount'] == 2
    assert outcome(result) == (ExitCode.SUCCESS, 'batch: 10002 succeeded, 0 errors, 0 unprocessed in 5 jobs')


def test_chunks_respect_the_byte_limit(emulator, tmp_path):
    batch = make_batch(emulator, tmp_path, max_bytes=20000)
    add_addresses(batch, 600, tag='bytes')
    result = batch.submit_all()
    assert len(result['batchIds']) > 1
    for job in emulator.batch_jobs:
        assert len(job['data']) <= 20000
    assert result['successCount'] == 600
    assert_each_sent_once(emulator, 600)


def test_an_entity_larger_than_the_byte_limit_is_a_clear_error(emulator, tmp_path):
    batch = make_batch(emulator, tmp_path, max_bytes=400)
    batch.address('1.2.3.4', xid='too-big').attribute('Description', 'x' * 1000)
    with pytest.raises(BatchError) as info:
        batch.submit()
    assert 'too-big' in str(info.value) and '400' in str(info.value)
    assert emulator.batch_jobs == []


def test_platform_upload_limit_is_a_clear_error(tmp_path):
    from tcex.testing import ThreatConnectEmulator

    with ThreatConnectEmulator(upload_limit=5000, polls_until_complete=0) as tc:
        batch = make_batch(tc, tmp_path, max_bytes=100000)
        add_addresses(batch, 200)
        with pytest.raises(BatchError) as info:
            batch.submit()
        assert 'larger than the instance allows' in str(info.value)
        assert '--batch_max_bytes' in str(info.value)


@pytest.mark.parametrize('endpoint,fault', [
    ('batch.create', dict(status=429, retry_after=3)),
    ('batch.create', dict(status=503, retry_after=2)),
    ('batch.upload', dict(status=429, retry_after=1)),
    ('batch.upload', dict(status=503, retry_after=1)),
    ('batch.upload', dict(drop=True)),
    ('batch.status', dict(status=500, count=2)),
    ('batch.status', dict(status=503)),
    ('batch.status', dict(drop=True)),
    ('batch.errors', dict(status=500)),
    ('file.upload', dict(status=503, retry_after=1)),
    ('file.upload', dict(drop=True)),
])
def test_each_fault_is_survived_with_nothing_lost_or_duplicated(emulator, tmp_path, endpoint, fault):
    sleeps = Sleeps()
    batch = make_batch(emulator, tmp_path, session=hmac_session(emulator, sleep=sleeps), chunk_size=50,
                       halt_on_error=False)
    add_addresses(batch, 120)
    batch.add_indicator({'type': 'Address', 'summary': '192.0.2.1', 'xid': 'bad',
                         'associatedGroups': [{'groupXid': 'missing'}]})
    batch.document('doc-fault', 'f.txt', xid='doc-fault').file_content = b'fault content'
    emulator.inject(endpoint, **fault)
    result = batch.submit_all()
    assert result['successCount'] == 121 and result['errorCount'] == 1  # 120 addresses + the document
    assert len(result['errors']) == 1
    assert len(emulator.indicators()) == 120
    assert emulator.file('doc-fault') == b'fault content'
    assert_each_sent_once(emulator, 122)
    data_jobs = [job for job in emulator.batch_jobs if job['data'] is not None]
    assert len(data_jobs) == 3
    if endpoint == 'batch.upload' and fault.get('drop'):
        # not retried blindly: the job's status showed no data arrived, so the same job got it again
        assert emulator.request_count('batch.upload') == 4
        assert emulator.request_count('batch.create') == 3
    else:
        assert sleeps.calls, 'the fault was retried after a wait'
    if fault.get('retry_after'):
        assert float(fault['retry_after']) in sleeps.calls


def test_timeout_on_status_is_retried(emulator, tmp_path):
    batch = make_batch(emulator, tmp_path, session=hmac_session(emulator, timeout=(5, 1.0)))
    add_addresses(batch, 10)
    emulator.inject('batch.status', hang=4)
    result = batch.submit_all()
    assert result['successCount'] == 10
    assert emulator.request_count('batch.status') == 2


def test_timeout_on_upload_sends_the_data_to_the_same_job_once(emulator, tmp_path):
    batch = make_batch(emulator, tmp_path, session=hmac_session(emulator, timeout=(5, 1.0)))
    add_addresses(batch, 10)
    emulator.inject('batch.upload', hang=1.6)
    result = batch.submit_all()
    assert result['successCount'] == 10
    assert len(emulator.batch_jobs) == 1
    assert_each_sent_once(emulator, 10)


def test_dropped_job_creation_is_not_retried_and_a_rerun_continues(emulator, tmp_path):
    store = str(tmp_path / 'resume.db')
    batch = make_batch(emulator, tmp_path, chunk_size=40, store_path=store)
    add_addresses(batch, 100)
    emulator.inject('batch.create', drop=True)
    with pytest.raises(BatchError) as info:
        batch.submit_all()
    assert 'nothing was uploaded, run again' in str(info.value)
    assert emulator.request_count('batch.create') == 1
    batch.close()
    again = make_batch(emulator, tmp_path, chunk_size=40, store_path=store)
    add_addresses(again, 100)
    result = again.submit_all()
    assert result['successCount'] == 100
    assert_each_sent_once(emulator, 100)


def test_expired_token_is_refreshed_mid_submit(emulator, tmp_path):
    renewals = []

    def refresh(old):
        renewals.append(old)
        return emulator.renew_token(), emulator.token_expires

    def expire_after_first_chunk(info):
        if info['chunk'] == 1:
            emulator.expire_token()

    batch = make_batch(emulator, tmp_path, session=token_session(emulator, refresh=refresh), chunk_size=30,
                       progress=expire_after_first_chunk)
    add_addresses(batch, 90)
    result = batch.submit_all()
    assert result['successCount'] == 90
    assert len(renewals) == 1
    assert_each_sent_once(emulator, 90)


def test_expired_token_without_refresh_stops_and_a_rerun_with_a_new_token_resumes(emulator, tmp_path):
    store = str(tmp_path / 'token.db')

    def expire_after_first_chunk(info):
        if info['chunk'] == 1:
            emulator.expire_token()

    batch = make_batch(emulator, tmp_path, session=token_session(emulator), chunk_size=30, store_path=store,
                       progress=expire_after_first_chunk)
    add_addresses(batch, 90)
    with pytest.raises(AuthError) as info:
        batch.submit_all()
    assert '401' in str(info.value)
    batch.close()
    emulator.renew_token()  # the platform starts the App again with a fresh token
    again = make_batch(emulator, tmp_path, session=token_session(emulator), chunk_size=30, store_path=store)
    add_addresses(again, 90)
    result = again.submit_all()
    assert result['successCount'] == 90
    assert len(result['batchIds']) == 3
    assert_each_sent_once(emulator, 90)


class Killed(BaseException):
    """Stands in for the process being killed (not an Exception, like KeyboardInterrupt)."""


def test_killed_between_chunks_resumes_without_loss_or_duplicates(emulator, tmp_path):
    store = str(tmp_path / 'kill.db')

    def kill_after_second_chunk(info):
        if info['chunk'] == 2:
            raise Killed()

    batch = make_batch(emulator, tmp_path, chunk_size=25, store_path=store, progress=kill_after_second_chunk)
    add_addresses(batch, 100)
    batch.document('doc-kill', 'k.txt', xid='doc-kill').file_content = b'kill'
    with pytest.raises(Killed):
        batch.submit_all()
    assert len(emulator.batch_jobs) == 2
    batch.close()

    progress = []
    again = make_batch(emulator, tmp_path, chunk_size=25, store_path=store, progress=progress.append)
    add_addresses(again, 100)
    again.document('doc-kill', 'k.txt', xid='doc-kill').file_content = b'kill'
    result = again.submit_all()
    assert len(emulator.batch_jobs) == 5
    assert [p['chunk'] for p in progress] == [3, 4, 5]
    assert result['successCount'] == 101  # the aggregate covers the chunks of both runs
    assert len(result['batchIds']) == 5
    assert emulator.file('doc-kill') == b'kill'
    assert len(emulator.indicators()) == 100
    assert_each_sent_once(emulator, 101)


def test_killed_after_upload_resumes_by_polling_the_same_job(tmp_path):
    from tcex.testing import ThreatConnectEmulator

    store = str(tmp_path / 'poll.db')
    with ThreatConnectEmulator(polls_until_complete=1000) as tc:
        batch = make_batch(tc, tmp_path, chunk_size=20, store_path=store, poll_interval=5, poll_max_interval=5,
                           poll_timeout=10)
        add_addresses(batch, 50)
        with pytest.raises(BatchError) as info:
            batch.submit_all()
        assert 'run the App again with the same tc_temp_path to resume' in str(info.value)
        batch.close()
        tc.polls_until_complete = 0
        again = make_batch(tc, tmp_path, chunk_size=20, store_path=store)
        add_addresses(again, 50)
        result = again.submit_all()
        assert result['successCount'] == 50
        assert tc.request_count('batch.upload') == 3
        assert_each_sent_once(tc, 50)


def test_killed_after_job_creation_before_upload_resumes_with_a_new_job(emulator, tmp_path):
    store = str(tmp_path / 'created.db')
    batch = make_batch(emulator, tmp_path, chunk_size=20, store_path=store)
    add_addresses(batch, 40)
    emulator.inject('batch.upload', drop=True, count=2)
    with pytest.raises(TcExError):
        batch.submit_all()
    batch.close()
    again = make_batch(emulator, tmp_path, chunk_size=20, store_path=store)
    add_addresses(again, 40)
    result = again.submit_all()
    assert result['successCount'] == 40
    jobs = xids_per_job(emulator)
    assert sorted(len(x) for x in jobs.values() if x is not None) == [20, 20]
    assert list(jobs.values()).count(None) == 1  # the abandoned job never got data
    assert_each_sent_once(emulator, 40)


def test_a_completed_submit_leaves_no_journal(emulator, tmp_path):
    store = str(tmp_path / 'done.db')
    batch = make_batch(emulator, tmp_path, store_path=store)
    add_addresses(batch, 5)
    batch.submit_all()
    connection = batch.store.connection
    assert connection.execute('SELECT COUNT(*) FROM tcex_submit_chunk').fetchone()[0] == 0
    assert connection.execute('SELECT COUNT(*) FROM entity').fetchone()[0] == 0  # sent data left the store
    assert batch.submit_all()['batchIds'] == []  # nothing new: nothing sent again
    batch.address('172.16.0.1')
    result = batch.submit_all()
    assert len(result['batchIds']) == 1 and result['successCount'] == 1
    last = json.loads(emulator.batch_jobs[-1]['data'].decode('utf-8'))
    assert [i['summary'] for i in last['indicator']] == ['172.16.0.1']


def test_batch_without_session_is_a_clear_error(tmp_path):
    batch = Batch('Demo Organization', temp_path=str(tmp_path))
    batch.address('1.1.1.1')
    with pytest.raises(BatchError) as info:
        batch.submit()
    assert 'session' in str(info.value)


def _option2(batch):
    batch_id = batch.submit_job()
    batch.submit_data(batch_id)
    return batch.poll(batch_id)


def test_option2_rerun_sends_a_chunk_whose_upload_failed(emulator, tmp_path):
    """Option 2: the upload of a run's chunk is lost; the rerun's new job gets those entities, once."""
    store = str(tmp_path / 'option2-lost.db')
    batch = make_batch(emulator, tmp_path, store_path=store)
    add_addresses(batch, 30)
    batch_id = batch.submit_job()
    emulator.inject('batch.upload', drop=True, count=2)
    with pytest.raises(TcExError):
        batch.submit_data(batch_id)
    batch.close()
    again = make_batch(emulator, tmp_path, store_path=store)
    add_addresses(again, 30)
    body = _option2(again)
    assert body['data']['batchStatus']['successCount'] == 30
    assert len(emulator.indicators()) == 30
    assert_each_sent_once(emulator, 30)
    assert again.store.unsent_count() == 0


def test_option2_rerun_finishes_a_job_the_last_run_did_not_poll(emulator, tmp_path):
    """Option 2: a run dies after its upload; the rerun polls that job and sends nothing twice."""
    store = str(tmp_path / 'option2-unpolled.db')
    batch = make_batch(emulator, tmp_path, store_path=store)
    add_addresses(batch, 30)
    first = batch.submit_job()
    batch.submit_data(first)  # killed here: never polled
    batch.close()
    again = make_batch(emulator, tmp_path, store_path=store)
    add_addresses(again, 30)
    again.address('10.99.0.1')  # new in this run
    body = _option2(again)
    assert body['data']['batchStatus']['successCount'] == 1
    assert len(emulator.indicators()) == 31
    assert_each_sent_once(emulator, 31)
    connection = again.store.connection
    assert connection.execute('SELECT COUNT(*) FROM tcex_submit_chunk').fetchone()[0] == 0  # both jobs done
    again.close()
    assert not __import__('os').path.exists(store)  # nothing left to resume: the store is removed


def test_create_and_upload_rerun_sends_a_chunk_whose_upload_failed(emulator, tmp_path):
    """tcex's one-call Option 2: a rerun after a lost upload sends those entities (it used to find none unsent)."""
    store = str(tmp_path / 'create-and-upload.db')
    batch = make_batch(emulator, tmp_path, store_path=store)
    add_addresses(batch, 30)
    emulator.inject('batch.upload', drop=True, count=2)
    with pytest.raises(TcExError):
        batch.submit_create_and_upload()
    batch.close()
    again = make_batch(emulator, tmp_path, store_path=store)
    add_addresses(again, 30)
    answer = again.submit_create_and_upload()
    batch_id = answer['data']['batchStatus']['id']
    assert again.poll(batch_id)['data']['batchStatus']['successCount'] == 30
    assert_each_sent_once(emulator, 30)


def test_option2_rerun_after_a_kill_before_poll_completes_and_removes_the_store(emulator, tmp_path):
    store = str(tmp_path / 'option2-killed-before-poll.db')
    batch = make_batch(emulator, tmp_path, store_path=store)
    add_addresses(batch, 5)
    batch.submit_data(batch.submit_job())
    batch.close()  # killed before poll()
    again = make_batch(emulator, tmp_path, store_path=store, poll_timeout=30)
    add_addresses(again, 5)
    batch_id = again.submit_job()  # polls the earlier job to completion
    assert again.submit_data(batch_id) is None  # nothing left to send
    again.poll(batch_id)  # the empty job is not waited for until poll_timeout
    again.close()
    assert not os.path.exists(store)
    assert_each_sent_once(emulator, 5)


@pytest.mark.parametrize('refused', [False, True])
def test_option2_content_left_after_the_last_poll_is_uploaded_by_the_rerun_without_resending(
        emulator, tmp_path, refused):
    store = str(tmp_path / 'option2-files.db')

    def build():
        batch = make_batch(emulator, tmp_path, store_path=store)
        add_addresses(batch, 5)
        batch.document('doc-o2', 'd.txt', xid='doc-o2').file_content = b'content'
        return batch

    batch = build()
    batch_id = batch.submit_job()
    batch.submit_data(batch_id)
    batch.poll(batch_id)
    if refused:
        emulator.inject('file.upload', status=400, body={'message': 'no'})
        batch.submit_files()
    batch.close()  # (refused, or killed before submit_files)
    assert os.path.exists(store)
    again = build()
    batch_id = again.submit_job()
    again.submit_data(batch_id)
    again.poll(batch_id)
    assert [r['status'] for r in again.submit_files()] == ['Success']
    again.close()
    assert not os.path.exists(store)
    assert emulator.file('doc-o2') == b'content'
    assert_each_sent_once(emulator, 6)


def test_a_refused_upload_to_a_job_that_has_data_loses_nothing(emulator, tmp_path):
    store = str(tmp_path / 'same-job-twice.db')
    batch = make_batch(emulator, tmp_path, store_path=store, chunk_size=5)
    add_addresses(batch, 10)
    batch_id = batch.submit_job()
    batch.submit_data(batch_id)
    with pytest.raises(TcExError):
        batch.submit_data(batch_id)  # 400: the job already has data
    batch.close()
    again = make_batch(emulator, tmp_path, store_path=store, chunk_size=5)
    add_addresses(again, 10)
    again.submit_all()
    assert len(emulator.indicators()) == 10
    assert_each_sent_once(emulator, 10)


def test_submit_data_without_a_batch_id_is_a_clear_error(emulator, tmp_path):
    batch = make_batch(emulator, tmp_path)
    add_addresses(batch, 3)
    emulator.inject('batch.create', status=500)
    assert batch.submit_data(batch.submit_job(halt_on_error=False), halt_on_error=False) == {}
    with pytest.raises(BatchError) as info:
        batch.submit_data(None)
    assert 'submit_job' in str(info.value) and '\n' not in str(info.value)
    batch.submit_all()  # nothing was marked sent: every entity goes out
    assert len(emulator.indicators()) == 3


def test_halt_on_error_off_still_reports_what_was_not_sent_in_the_exit_code(emulator, tmp_path):
    batch = make_batch(emulator, tmp_path)
    add_addresses(batch, 10)
    emulator.inject('batch.create', status=500)
    result = batch.submit_all(halt_on_error=False)
    assert result.summary['unsentCount'] == 10
    code, line = batch.outcome()
    assert code == ExitCode.FAILURE and '10 unprocessed' in line


def test_a_returned_halted_result_is_not_counted_again_by_the_rerun(emulator, tmp_path):
    store = str(tmp_path / 'halted-reported.db')

    def fail_after_first_chunk(info):
        if info['chunk'] == 1:
            emulator.inject('batch.create', status=500)

    batch = make_batch(emulator, tmp_path, chunk_size=40, progress=fail_after_first_chunk, store_path=store)
    add_addresses(batch, 100)
    assert batch.submit_all(halt_on_error=False).summary['successCount'] == 40
    batch.close()
    again = make_batch(emulator, tmp_path, chunk_size=40, store_path=store)
    add_addresses(again, 100)
    assert again.submit_all().summary['successCount'] == 60
    assert_each_sent_once(emulator, 100)


def test_a_content_callback_error_is_one_line(emulator, tmp_path):
    batch = make_batch(emulator, tmp_path)

    def callback(xid):
        raise ValueError('first line\nsecond line')
    batch.document('doc-cb', 'd.txt', xid='doc-cb').file_content = callback
    (upload,) = batch.submit_all().summary['uploadStatus']
    assert upload['status'] == 'Failed' and upload['message'].endswith('first line second line')


def test_a_job_halted_by_an_entity_error_still_uploads_the_content_of_its_groups(emulator, tmp_path):
    batch = make_batch(emulator, tmp_path)  # haltOnError (the default job config)
    add_addresses(batch, 5)
    batch.document('doc-halt', 'd.txt', xid='doc-halt').file_content = b'content'
    batch.add_indicator({'type': 'Address', 'summary': '192.0.2.1', 'xid': 'bad',
                         'associatedGroups': [{'groupXid': 'missing'}]})
    result = batch.submit_all()
    assert result.summary['halted'] and result.summary['errorCount'] >= 1
    assert [u['status'] for u in result.summary['uploadStatus']] == ['Success']
    assert emulator.file('doc-halt') == b'content'
