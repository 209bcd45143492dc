# -*- coding: utf-8 -*-
"""Tests of tcex/batch/submit/resume.py: payloads rebuilt from the store, unfinished chunks of an earlier run."""
from __future__ import absolute_import, division, print_function, unicode_literals

import json
import os

from tcex.batch.entity.encoder import identity_text
from tcex.batch.store import KIND_GROUP, KIND_INDICATOR, Store
from tcex.batch.submit.journal import JournalChunk
from tcex.batch.submit.resume import rebuild_payload
from tcex.batch.submit.states import ChunkState, JobState
from tcex.batch.submit.submitter import BatchSubmitter
from tests.batch.submit.helpers import Sleeps, add_addresses, hmac_session, make_batch


def test_rebuild_payload_takes_what_is_still_marked(tmpdir):
    store = Store(path=os.path.join(str(tmpdir), 'rebuild.db'))
    try:
        store.put_many([('g', KIND_GROUP, 'Adversary', '{"xid":"g","type":"Adversary"}'),
                        ('i', KIND_INDICATOR, 'Address', '{"xid":"i","type":"Address","summary":"1.1.1.1"}')])
        store.mark_chunk(['g', 'i'], 3)
        entry = JournalChunk(3, ['g', 'i', 'gone'], 1, 2, 100, 9, ChunkState.UPLOADED, None)
        body = json.loads(rebuild_payload(store, entry).decode('utf-8'))
        assert [x['xid'] for x in body['group']] == ['g'] and [x['xid'] for x in body['indicator']] == ['i']
        body = json.loads(rebuild_payload(store, entry, identity_text).decode('utf-8'))  # a Delete job's
        assert body['indicator'] == [{'summary': '1.1.1.1', 'type': 'Address', 'xid': 'i'}]
        store.delete_sent()
        assert rebuild_payload(store, entry) is None
    finally:
        store.close(remove=True)


def test_a_job_created_without_data_by_an_earlier_run_is_abandoned(emulator, tmp_path):
    path = str(tmp_path / 'resume.db')
    batch = make_batch(emulator, tmp_path, store_path=path)
    add_addresses(batch, 5)
    submitter = BatchSubmitter(batch, hmac_session(emulator), sleep=Sleeps())
    (chunk,) = batch.iter_chunks(max_count=100, unsent_only=True)
    entry = submitter.journal.record(chunk.xids, chunk.group_count, chunk.indicator_count, len(chunk.payload))
    batch.store.mark_chunk(chunk.xids, entry.seq)
    abandoned = submitter.create_job_for(entry)  # the run "dies" here: the job holds no data
    batch.close(remove=False)

    again = make_batch(emulator, tmp_path, store_path=path)
    add_addresses(again, 5)  # the App builds the same data again
    result = again.submit_all()
    assert (result['successCount'], result['errorCount']) == (5, 0)
    assert abandoned not in result['batchIds'] and len(result['batchIds']) == 1
    assert emulator.batch_job(abandoned)['status'] == JobState.CREATED and not emulator.batch_job(abandoned)['data']
    assert len(emulator.indicators()) == 5
    again.close()
