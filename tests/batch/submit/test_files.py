# -*- coding: utf-8 -*-
"""tcex.batch.submit.files: Document/Report content uploads against the ThreatConnect emulator."""
from __future__ import absolute_import, division, print_function, unicode_literals

import io

from tcex.app.exit import ExitCode
from tcex.batch.submit.outcome import outcome
from tests.batch.submit.helpers import make_batch


def test_document_content_from_a_callback_is_fetched_only_at_upload(emulator, tmp_path):
    calls = []

    def content(xid):
        calls.append(xid)
        return 'content of ' + xid

    batch = make_batch(emulator, tmp_path)
    batch.document('doc-cb', 'cb.txt', xid='doc-cb').file_content = content
    batch.report('report-cb', 'r.pdf', xid='report-cb').file_content = content
    assert batch.data['group']  # serializing does not fetch content
    batch_id = batch.submit_job()
    batch.submit_data(batch_id)
    batch.poll(batch_id)
    assert calls == []
    results = batch.submit_files()
    assert calls == ['doc-cb', 'report-cb']
    assert [r['status'] for r in results] == ['Success', 'Success']
    assert emulator.file('doc-cb') == b'content of doc-cb'
    assert emulator.file('report-cb') == b'content of report-cb'


def test_large_content_is_streamed_from_an_iterator_and_a_file(emulator, tmp_path):
    piece = b'0123456789abcdef' * 4096  # 64 KiB
    batch = make_batch(emulator, tmp_path)
    batch.document('big-iter', 'big.bin', xid='big-iter').file_content = lambda xid: (piece for _ in range(48))
    handle = io.BytesIO(piece * 8)
    batch.document('big-file', 'big2.bin', xid='big-file').file_content = lambda xid: handle
    result = batch.submit()
    assert [u['status'] for u in result['uploads']] == ['Success', 'Success']
    assert emulator.file('big-iter') == piece * 48
    assert emulator.file('big-file') == piece * 8


def test_existing_content_is_replaced_with_put(emulator, tmp_path):
    for text in ('version 1', 'version 2'):
        batch = make_batch(emulator, tmp_path)
        batch.document('doc-put', 'put.txt', xid='doc-put').file_content = text
        result = batch.submit()
    assert result['uploads'][0]['method'] == 'PUT'
    assert result['uploads'][0]['status'] == 'Success'
    assert emulator.file('doc-put') == b'version 2'


def test_failing_content_callback_is_reported_per_file(emulator, tmp_path):
    def broken(xid):
        raise IOError('feed went away')

    batch = make_batch(emulator, tmp_path)
    batch.document('doc-broken', 'x.txt', xid='doc-broken').file_content = broken
    result = batch.submit()
    assert result['uploads'][0]['status'] == 'Failed'
    assert 'feed went away' in result['uploads'][0]['message']
    assert outcome(result)[0] == ExitCode.PARTIAL_FAILURE
