# -*- coding: utf-8 -*-
"""Tests of tcex/batch/submit/journal.py: chunk and file states kept in a real store file."""
from __future__ import absolute_import, division, print_function, unicode_literals

import json
import os

import pytest

from tcex.batch.store import KIND_GROUP, Store
from tcex.batch.submit.journal import Journal
from tcex.batch.submit.states import ChunkState, FileState, JobState


def status(success, failed, unprocessed, **extra):
    body = {'status': 'Completed', 'successCount': success, 'errorCount': failed, 'unprocessCount': unprocessed}
    body.update(extra)
    return body


@pytest.fixture
def store(tmpdir):
    opened = Store(path=os.path.join(str(tmpdir), 'journal.db'))
    yield opened
    opened.close(remove=True)


@pytest.fixture
def journal(tmpdir):
    opened = Store(path=os.path.join(str(tmpdir), 'journal-fixture.db'))
    yield Journal(opened.journal_tables(), clock=lambda: 100.0)
    opened.close(remove=True)


def test_job_and_chunk_states_are_distinct_names():
    assert JobState.CREATED == 'Created' and ChunkState.JOB_CREATED == 'created'
    assert set(ChunkState.UNFINISHED) == {'pending', 'created', 'uploaded'}  # the strings existing stores hold


def test_journal_records_and_moves_chunks(journal):
    book = journal
    first = book.record(['g1', 'i1'], 1, 1, 200)
    second = book.record(['i2'], 0, 1, 90)
    assert first.status == ChunkState.PENDING
    assert [c.seq for c in book.unfinished()] == [first.seq, second.seq]
    book.update(first, ChunkState.JOB_CREATED, batch_id=7)
    book.update(first, ChunkState.COMPLETED, result=status(2, 0, 0, errors=[]))
    assert [c.seq for c in book.unfinished()] == [second.seq]
    stored = book.chunks([ChunkState.COMPLETED])[0]
    assert stored.batch_id == 7 and stored.xids == ['g1', 'i1'] and stored.result['successCount'] == 2
    assert (stored.group_count, stored.indicator_count, stored.size, stored.count) == (1, 1, 200, 2)
    book.forget(second)
    assert book.unfinished() == []
    book.clear()
    assert book.chunks() == []


def test_journal_files(journal):
    book = journal
    book.record_file('doc-1', FileState.FAILED, {'xid': 'doc-1', 'status': 'Failed'})
    book.record_file('doc-2', FileState.UPLOADED, {'xid': 'doc-2', 'status': 'Success'})
    book.record_file('doc-1', FileState.UPLOADED, {'xid': 'doc-1', 'status': 'Success'})
    assert book.file_status('doc-1') == 'uploaded'
    assert book.file_status('doc-3') is None
    assert [r['xid'] for r in book.file_results()] == ['doc-2', 'doc-1']
    book.clear_files(['doc-2'])
    assert [r['xid'] for r in book.file_results()] == ['doc-1']
    book.clear_files()
    assert book.file_results() == []


def test_journal_survives_reopening_the_store(tmpdir):
    path = os.path.join(str(tmpdir), 'resume.db')
    store = Store(path=path)
    book = Journal(store.journal_tables())
    entry = book.record(['a', 'b'], 0, 2, 50)
    book.update(entry, ChunkState.JOB_CREATED, batch_id=41)
    assert book.instance('https://one/api') is None
    store.close(remove=False)
    store = Store(path=path)
    book = Journal(store.journal_tables())
    (left,) = book.unfinished()
    assert (left.seq, left.batch_id, left.status, left.xids) == (entry.seq, 41, 'created', ['a', 'b'])
    assert book.instance('https://two/api') == 'https://one/api'
    store.close(remove=True)


def test_journal_never_reuses_a_chunk_number_after_a_reported_run(store):
    store.put_many([('doc-1', KIND_GROUP, 'Document', json.dumps({'xid': 'doc-1', 'type': 'Document'}))])
    book = Journal(store.journal_tables())
    first = book.record(['a'], 0, 1, 10)
    book.update(first, ChunkState.COMPLETED, batch_id=1, result=status(1, 0, 0))
    book.record_file('doc-1', FileState.UPLOADED, {'xid': 'doc-1', 'status': 'Success'})
    book.record_file('doc-2', FileState.UPLOADED, {'xid': 'doc-2', 'status': 'Success'})
    book.record_file('doc-3', FileState.FAILED, {'xid': 'doc-3', 'status': 'Failed'})
    book.reported()
    assert book.chunks() == []  # the next run's result does not count it again
    assert book.record(['b'], 0, 1, 10).seq == first.seq + 1  # entities keep the old number
    assert Journal(store.journal_tables()).next_seq() == first.seq + 2
    assert book.file_status('doc-1') == 'done'  # not uploaded again, not reported again
    assert book.file_status('doc-2') is None  # its group left the store: forgotten
    assert [r['xid'] for r in book.file_results()] == ['doc-3']


def test_uploaded_content_is_dropped_from_the_store(store):
    store.put_file('doc-1', 'Document', b'one')
    store.put_file('doc-2', 'Document', b'two')
    store.put_file('doc-3', 'Report', None)
    book = Journal(store.journal_tables())
    book.record_file('doc-1', FileState.UPLOADED, {'xid': 'doc-1', 'status': 'Success'})
    book.record_file('doc-2', FileState.FAILED, {'xid': 'doc-2', 'status': 'Failed'})
    book.drop_uploaded_content()
    assert store.get_file('doc-1') is None
    assert store.get_file('doc-2') == ('Document', b'two', False)
    assert store.get_file('doc-3') == ('Report', None, True)
