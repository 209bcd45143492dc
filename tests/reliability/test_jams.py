# -*- coding: utf-8 -*-
"""Jam states: a kept store left in a state that must not block the next runs.

Each scenario puts the store (``tc_temp_path``) in one state against the real emulator,
then runs the same App code again: the run must get out of the state by itself, with a
log line saying what it did, and every entity must end up stored exactly once.

* the store names a job the API answers 404 for (purged, or another instance);
* a job whose upload got a 2xx answer but that is still ``Created`` (the data never
  arrived): the chunk goes to a new job instead of polling until the timeout;
* a store file that is not an SQLite database (moved aside, fresh store);
* a Document the platform keeps refusing: the store does not grow run after run and
  each run's result counts only that run's work;
* ``Batch.close(remove=False)`` keeps the pending entities; a second run on a store in use
  is refused with one line; the store is never opened through a symbolic link.

Rows go to the fault table printed at the end of the run (``figures.FAULTS``).
"""
from __future__ import absolute_import, division, print_function, unicode_literals

import io
import json
import logging
import os
import stat
import subprocess
import sys

import pytest

from tcex.batch import Batch
from tcex.errors import BatchError, TcExError
from tcex.testing import ThreatConnectEmulator
from tests.reliability import figures
from tests.reliability.feed import BAD_XID, DOC_CONTENT, OWNER, build_feed, census
from tests.reliability.test_faults import Sleeps, _run_app, _session

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
QUEUED = {'status': 'Queued'}


def _batch(tc, temp_path, **options):
    options.setdefault('poll_timeout', 2)
    return Batch(OWNER, attribute_write_type='Append', halt_on_error=False, temp_path=temp_path,
                 store_path='feed.db', session=_session(tc, Sleeps(), False), chunk_size=4, poll_interval=0.01,
                 poll_max_interval=0.01, sleep=Sleeps(), **options)


def _run(tc, temp_path, build=build_feed, **options):
    """One App run: build, submit_all, close. Returns ``(expected, result or None, error text)``."""
    batch = _batch(tc, temp_path, **options)
    try:
        expected = build(batch)
        try:
            return expected, batch.submit_all(), None
        except TcExError as exc:
            text = str(exc)
            assert '\n' not in text and text.strip(), repr(text)
            return expected, None, text
    finally:
        batch.close()


def _record(step, fault, runs, found, ok):
    figures.FAULTS.append({'step': step, 'fault': fault, 'injected': 1, 'runs': runs, 'sent': found['sent'],
                           'stored': found['stored'], 'lost': found['lost'], 'duplicated': found['duplicated'],
                           'outcome': ('completed' if runs == 1 else 'resumed') if ok else 'FAILED'})


def _settle(tc, expected, step, fault, runs, extra_ok=True):
    tc.finish_jobs()
    found = census(tc, expected)
    ok = extra_ok and found['lost'] == 0 and found['duplicated'] == 0 and found['file'] == DOC_CONTENT
    _record(step, fault, runs, found, ok)
    assert found['lost'] == 0, found
    assert found['duplicated'] == 0, found['duplicated_xids']
    assert not found['bad_stored']
    assert found['file'] == DOC_CONTENT
    return found


def _said(caplog, *words):
    lines = [r.getMessage() for r in caplog.records if all(w in r.getMessage() for w in words)]
    assert lines, 'no log line with {}: {}'.format(words, [r.getMessage() for r in caplog.records])
    return lines


def _die_polling(tc):
    """Make the next run fail while polling its first job (the job keeps its data)."""
    tc.inject('batch.status', status=500, count=50)


# ---- (a) the store names a job the API does not know -------------------------------------------
@pytest.mark.parametrize('state', ['uploaded', 'created', 'other instance', 'other instance, id taken'])
def test_job_unknown_to_the_api_is_sent_again(state, tmpdir, caplog):
    caplog.set_level(logging.INFO, logger='tcex')
    temp_path = str(tmpdir)
    with ThreatConnectEmulator(polls_until_complete=1) as tc, ThreatConnectEmulator(polls_until_complete=1) as other:
        if state == 'created':
            tc.inject('batch.upload', status=500, count=10)  # the job exists, its data never went
        else:
            _die_polling(tc)
        expected, result, error = _run(tc, temp_path)
        assert result is None and error, 'the first run had to fail'
        tc.clear_faults()
        target = other if state.startswith('other instance') else tc
        if target is tc:
            tc.forget_jobs()  # purged by the platform: 404 from now on
        elif state.endswith('id taken'):  # the other instance has its own job with the journaled id
            _, foreign, _ = _run(other, os.path.join(temp_path, 'someone-else'),
                                 build=lambda b: [b.address('10.99.0.{}'.format(n)) for n in range(3)])
            assert 1 in foreign['batchIds']
        messages = []
        for _ in range(2):  # today: the same 404 on every run, never completing
            _, result, error = _run(target, temp_path)
            if result is not None:
                break
            messages.append(error)
        assert result is not None, 'still jammed: {}'.format(messages)
        assert not messages, messages
        _said(caplog, 'made on another instance' if target is other else 'unknown to the API')
        labels = {'uploaded': 'job 404 (purged after upload)', 'created': 'job 404 (purged before upload)',
                  'other instance': 'store from another instance',
                  'other instance, id taken': 'other instance, job id taken'}
        _settle(target, expected, 'resume', labels[state], 2)
        reasons = [e.get('errorSource', '') for e in result['errors']]
        assert sum(1 for r in reasons if BAD_XID in r) == 1, result['errors']


# ---- (b) an upload answered 2xx whose data never arrived ---------------------------------------
def test_upload_accepted_but_lost_goes_to_a_new_job_in_the_same_run(tmpdir, caplog):
    caplog.set_level(logging.INFO, logger='tcex')
    with ThreatConnectEmulator(polls_until_complete=1) as tc:
        tc.inject('batch.upload', status=202, body=QUEUED)  # 2xx, but the data is dropped
        expected, result, error = _run(tc, str(tmpdir))
        assert error is None and result is not None, error
        _said(caplog, 'still Created', 'never arrived', 'new job')
        assert tc.request_count('batch.create') == 4  # 3 chunks + the one sent again
        assert tc.request_count('batch.status') < 20  # no polling until the timeout
        _settle(tc, expected, 'upload data', '2xx, data dropped', 1)


def test_resumed_job_still_created_after_accepted_upload_is_sent_again(tmpdir, caplog):
    caplog.set_level(logging.INFO, logger='tcex')
    temp_path = str(tmpdir)
    with ThreatConnectEmulator(polls_until_complete=1) as tc:
        tc.inject('batch.upload', status=202, body=QUEUED)
        _die_polling(tc)
        expected, result, error = _run(tc, temp_path)
        assert result is None and error
        tc.clear_faults()
        _, result, error = _run(tc, temp_path)
        assert error is None and result is not None, error
        _said(caplog, 'still Created', 'new job')
        _settle(tc, expected, 'resume', 'job Created after 2xx upload', 2)


# ---- (c) a store file that is not a database ---------------------------------------------------
@pytest.mark.parametrize('garbage', [b'this is not an SQLite database\n' * 64,
                                     b'SQLite format 3\x00' + b'\xff' * 4080],
                         ids=['text', 'bad header'])
def test_store_that_is_not_a_database_is_moved_aside(garbage, tmpdir, caplog, request):
    caplog.set_level(logging.INFO, logger='tcex')
    temp_path = str(tmpdir)
    with io.open(os.path.join(temp_path, 'feed.db'), 'wb') as handle:
        handle.write(garbage)
    with ThreatConnectEmulator(polls_until_complete=1) as tc:
        expected, result, error = _run(tc, temp_path)
        assert error is None and result is not None, error
        line = _said(caplog, 'not a database', 'moved it aside')[0]
        assert 'feed.db.corrupt' in line
        with io.open(os.path.join(temp_path, 'feed.db.corrupt'), 'rb') as handle:
            assert handle.read() == garbage  # kept for inspection, not overwritten
        _settle(tc, expected, 'store', 'not a database ({})'.format(request.node.callspec.id), 1)


# ---- (d) a Document the platform keeps refusing ------------------------------------------------
def test_refused_document_does_not_grow_the_store_or_recount(tmpdir):
    temp_path = str(tmpdir)
    refused = {'status': 'Failure', 'message': 'Document refused by the platform.'}

    def daily(day):
        def build(batch):
            batch.document('daily document', 'daily.txt', file_content=DOC_CONTENT, xid='daily-doc')
            return [batch.address('10.9.{}.{}'.format(day, n)).xid for n in range(6)]
        return build

    with ThreatConnectEmulator(polls_until_complete=0) as tc:
        tc.inject('file.upload', status=400, body=refused, count=1000)
        rows, jobs = [], set()
        for day in range(4):
            batch = _batch(tc, temp_path)
            daily(day)(batch)
            result = batch.submit_all()
            rows.append(batch.store.row_count())
            batch.close()
            assert [u['status'] for u in result['uploads']] == ['Failed']
            # this run's work only: its own 6 indicators (plus the Document on the first day)
            assert result['successCount'] == (7 if day == 0 else 6), (day, result)
            assert not jobs.intersection(result['batchIds']), 'an earlier run\'s job counted again'
            jobs.update(result['batchIds'])
        assert len(set(rows)) == 1, 'the kept store grows run after run: {} rows'.format(rows)
        sent = [item['xid'] for job in tc.batch_jobs if job['data']
                for item in json.loads(job['data'].decode('utf-8'))['group']]
        assert sent.count('daily-doc') == 1  # the Document itself was not sent again
        tc.clear_faults()
        batch = _batch(tc, temp_path)
        daily(4)(batch)
        result = batch.submit_all()
        batch.close()
        assert [u['status'] for u in result['uploads']] == ['Success']
        assert tc.file('daily-doc') == DOC_CONTENT
        assert not os.path.exists(os.path.join(temp_path, 'feed.db')), 'a finished store is removed'
    figures.FAULTS.append({'step': 'file upload', 'fault': 'Document refused 4 runs', 'injected': 4, 'runs': 5,
                           'sent': 31, 'stored': len(tc.indicators()) + len(tc.groups()), 'lost': 31 - len(
                               tc.indicators()) - len(tc.groups()), 'duplicated': 0, 'outcome': 'resumed'})


def test_refused_document_rerun_on_same_data_sends_nothing_again(tmpdir):
    temp_path = str(tmpdir)
    with ThreatConnectEmulator(polls_until_complete=1) as tc:
        tc.inject('file.upload', status=400, count=1000)
        expected, first, _ = _run(tc, temp_path)
        creates = tc.request_count('batch.create')
        _, second, _ = _run(tc, temp_path)
        assert tc.request_count('batch.create') == creates, 'a re-run on the same data sent it again'
        assert second['successCount'] == 0 and second['batchIds'] == [], second
        assert first['successCount'] == len(expected)
        tc.clear_faults()
        _, third, _ = _run(tc, temp_path)
        assert [u['status'] for u in third['uploads']] == ['Success']
        _settle(tc, expected, 'file upload', 'Document refused, same data', 3)


# ---- Batch.close(remove=False), a store in use, links, modes -----------------------------------
def test_close_keep_writes_pending_entities(tmpdir):
    temp_path = str(tmpdir)
    with ThreatConnectEmulator(polls_until_complete=0) as tc:
        batch = _batch(tc, temp_path)
        expected = build_feed(batch)  # fewer than buffer_size: all still pending in memory
        batch.close(remove=False)
        again = _batch(tc, temp_path)
        try:
            assert len(again) == len(expected) + 1  # + the bad Host
            result = again.submit_all()
        finally:
            again.close()
        assert result['successCount'] == len(expected)
        _settle(tc, expected, 'store', 'close(remove=False) then run', 2)


def test_second_run_on_a_store_in_use_is_refused_in_one_line(tmpdir):
    temp_path = os.path.join(str(tmpdir), 'tmp')  # the App's tc_temp_path (see test_faults._run_app)
    holder = subprocess.Popen(
        [sys.executable, '-c', 'import sys; from tcex.batch import Batch; '
         'b = Batch("o", temp_path=sys.argv[1], store_path="feed.db"); b.address("1.2.3.4"); b.flush(); '
         'b.store.connection; print("ready"); sys.stdout.flush(); sys.stdin.read(); b.close()', temp_path],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, env=dict(os.environ, PYTHONPATH=ROOT))
    try:
        assert holder.stdout.readline().strip() == b'ready'
        with ThreatConnectEmulator(polls_until_complete=0) as tc:
            with pytest.raises(BatchError) as info:
                _batch(tc, temp_path)
            text = str(info.value)
            assert 'another run holds this store' in text and '\n' not in text
            assert 'disk I/O' not in text and 'locked' not in text
            code, out, err = _run_app(tc, str(tmpdir))  # a second App, as the platform would start it
            assert code not in (0, 3), (code, out, err)
            assert 'another run holds this store' in err and 'Traceback' not in err, err
            assert 'disk I/O' not in err and '\n' not in err.strip(), err
            first = _batch(tc, temp_path.rstrip('/') + '/other')
            with pytest.raises(BatchError) as info:  # the same process, a second batch on one store
                Batch(OWNER, temp_path=temp_path.rstrip('/') + '/other', store_path='feed.db')
            assert 'another run holds this store' in str(info.value)
            first.close()
    finally:
        holder.communicate(b'')
    again = Batch(OWNER, temp_path=temp_path, store_path='feed.db')  # free again once the holder is done
    assert len(again) == 1
    again.close(remove=True)


@pytest.mark.parametrize('dangling', [False, True], ids=['link to a file', 'dangling link'])
def test_store_is_never_opened_through_a_symlink(dangling, tmpdir):
    if not hasattr(os, 'symlink'):
        pytest.skip('no symbolic links here')
    temp_path = str(tmpdir)
    target = os.path.join(temp_path, 'elsewhere.db')
    if not dangling:
        with io.open(target, 'wb') as handle:
            handle.write(b'precious, not a store')
    os.symlink(target, os.path.join(temp_path, 'feed.db'))
    with pytest.raises(BatchError) as info:
        Batch(OWNER, temp_path=temp_path, store_path='feed.db')
    text = str(info.value)
    assert 'symbolic link' in text and '\n' not in text
    if dangling:
        assert not os.path.exists(target), 'a file was created through the link'
    else:
        with io.open(target, 'rb') as handle:
            assert handle.read() == b'precious, not a store'


def test_store_files_are_owner_only(tmpdir):
    temp_path = str(tmpdir)
    old = os.umask(0o022)
    try:
        batch = Batch(OWNER, temp_path=temp_path, store_path='feed.db', buffer_size=1, memory_bytes=0)
        for number in range(20):
            batch.address('10.1.1.{}'.format(number))
        batch.flush()
        batch.store.connection.execute('SELECT COUNT(*) FROM entity').fetchone()
        names = [n for n in os.listdir(temp_path) if n.startswith('feed.db')]
        assert 'feed.db' in names
        for name in names:
            mode = stat.S_IMODE(os.stat(os.path.join(temp_path, name)).st_mode)
            assert mode == 0o600, (name, oct(mode))
        batch.close(remove=True)
    finally:
        os.umask(old)


def test_option2_poll_sends_lost_data_to_a_new_job(tmpdir, caplog):
    caplog.set_level(logging.INFO, logger='tcex')
    with ThreatConnectEmulator(polls_until_complete=1) as tc:
        tc.inject('batch.upload', status=202, body=QUEUED)  # 2xx, but the data is dropped
        batch = Batch(OWNER, attribute_write_type='Append', halt_on_error=False, temp_path=str(tmpdir),
                      store_path='feed.db', session=_session(tc, Sleeps(), False), poll_interval=0.01,
                      poll_max_interval=0.01, poll_timeout=2, sleep=Sleeps())
        expected = build_feed(batch)
        batch_id = batch.submit_job()
        batch.submit_data(batch_id)
        body = batch.poll(batch_id)
        status = body['data']['batchStatus']
        assert status['status'] == 'Completed' and status['id'] != batch_id
        assert status['successCount'] == len(expected)
        batch.submit_files()
        batch.close()
        _said(caplog, 'still Created', 'new job')
        _settle(tc, expected, 'upload data', '2xx, data dropped (Option 2)', 1)


def test_refused_document_the_app_no_longer_gives_is_given_up(tmpdir, caplog):
    caplog.set_level(logging.INFO, logger='tcex')
    temp_path = str(tmpdir)
    with ThreatConnectEmulator(polls_until_complete=0) as tc:
        tc.inject('file.upload', status=400, count=1000)
        batch = _batch(tc, temp_path)
        batch.document('old document', 'old.txt', file_content=b'old', xid='old-doc')
        batch.address('10.8.0.1')
        assert batch.submit_all()['uploads'][0]['status'] == 'Failed'
        batch.close()
        for day in (1, 2):
            uploads = tc.request_count('file.upload')
            batch = _batch(tc, temp_path)
            batch.address('10.8.{}.1'.format(day))  # the feed moved on: no Document any more
            result = batch.submit_all()
            batch.close()
            if day == 1:  # tried once more, refused again: given up, with a log line
                assert tc.request_count('file.upload') == uploads + 1
                assert [u['status'] for u in result['uploads']] == ['Failed']
                _said(caplog, 'gave up on the content of old-doc')
            else:  # not tried again, and nothing is left in the store
                assert tc.request_count('file.upload') == uploads
                assert result['uploads'] == [] and result['successCount'] == 1
        assert not os.path.exists(os.path.join(temp_path, 'feed.db'))
