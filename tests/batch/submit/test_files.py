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


def _documents_on_the_server(emulator, tmp_path, contents):
    """Create Documents (no content yet) through a real batch job; return the batch and its session."""
    from tests.batch.submit.helpers import hmac_session
    session = hmac_session(emulator)
    batch = make_batch(emulator, tmp_path, session=session)
    for xid, content in contents:
        batch.document(xid, xid + '.txt', xid=xid).file_content = content
    batch_id = batch.submit_job()
    batch.submit_data(batch_id)
    batch.poll(batch_id)
    return batch, session


def test_upload_file_posts_then_puts_and_refuses_types_without_files(emulator, tmp_path):
    from tcex.batch.submit.files import upload_file
    batch, session = _documents_on_the_server(emulator, tmp_path, [('up-1', b'x')])
    before = emulator.request_count('file.upload')
    first = upload_file(session, emulator.owner, 'up-1', 'Document', b'first')
    assert (first['status'], first['method'], first['xid'], first['type']) == ('Success', 'POST', 'up-1', 'Document')
    assert 200 <= first['statusCode'] < 300 and emulator.file('up-1') == b'first'
    second = upload_file(session, emulator.owner, 'up-1', 'Document', lambda xid: [b'sec', b'ond'])
    assert (second['status'], second['method']) == ('Success', 'PUT')
    assert emulator.file('up-1') == b'second'
    assert emulator.request_count('file.upload') == before + 3  # POST, refused POST, PUT
    other = upload_file(session, emulator.owner, 'up-1', 'Threat', b'x')
    assert other['status'] == 'Failed' and 'Threat has no file content' in other['message']
    assert emulator.request_count('file.upload') == before + 3
    batch.close()


def test_upload_file_to_an_unknown_group_fails_with_the_api_message(emulator, tmp_path):
    from tcex.batch.submit.files import upload_file
    from tests.batch.submit.helpers import hmac_session
    result = upload_file(hmac_session(emulator), emulator.owner, 'no-such-doc', 'Document', b'x')
    assert result['status'] == 'Failed' and result['statusCode'] == 404
    assert 'no-such-doc' in result['message']


def test_upload_files_with_a_journal_skips_what_an_earlier_run_uploaded(emulator, tmp_path):
    from tcex.batch.submit.files import upload_files
    from tcex.batch.submit.journal import Journal
    from tcex.batch.submit.states import FileState
    batch, session = _documents_on_the_server(emulator, tmp_path, [('j-1', b'one'), ('j-2', b'two')])
    journal = Journal(batch.store.journal_tables())
    results = upload_files(session, emulator.owner, batch.iter_files(), journal)
    assert sorted((r['xid'], r['status']) for r in results) == [('j-1', 'Success'), ('j-2', 'Success')]
    assert journal.file_status('j-1') == FileState.UPLOADED
    before = emulator.request_count('file.upload')
    again = upload_files(session, emulator.owner, batch.iter_files(), journal)
    assert emulator.request_count('file.upload') == before  # nothing sent twice
    assert sorted(r['xid'] for r in again) == ['j-1', 'j-2']
    plain = upload_files(session, emulator.owner, [('j-1', 'Document', b'three')])
    assert [r['method'] for r in plain] == ['PUT'] and emulator.file('j-1') == b'three'
    batch.close()
