# -*- coding: utf-8 -*-
"""tcex.batch.store.journal: the submit journal's tables in the store file."""
from __future__ import absolute_import, division, print_function, unicode_literals

import pytest

from tcex.batch.store import Store
from tcex.batch.store.journal import JournalTables
from tcex.batch.store.transaction import Transactions


@pytest.fixture
def store(tmpdir):
    store = Store(temp_path=str(tmpdir))
    yield store
    store.close()


def test_chunks_insert_update_delete(store):
    tables = JournalTables(store.connection, Transactions(store.connection))
    assert tables.chunk_rows() == [] and tables.last_seq() == 0
    tables.insert_chunk(1, '["a"]', 0, 1, 10, 'pending', 1.0)
    tables.insert_chunk(2, '["b", "c"]', 1, 1, 20, 'pending', 2.0)
    tables.update_chunk(1, 'created', 77, None, 3.0)
    assert [tuple(r) for r in tables.chunk_rows()] == [
        (1, '["a"]', 0, 1, 10, 77, 'created', None), (2, '["b", "c"]', 1, 1, 20, None, 'pending', None)]
    tables.delete_chunks('pending')
    assert [r[0] for r in tables.chunk_rows()] == [1]
    tables.delete_chunk(1)
    assert tables.chunk_rows() == []
    assert tables.last_seq() == 2  # the high-water mark survives deleted rows


def test_meta_settings(store):
    tables = JournalTables(store.connection, Transactions(store.connection))
    assert tables.meta('api') is None
    tables.set_meta('api', 'https://a')
    tables.set_meta('api', 'https://b')
    assert tables.meta('api') == 'https://b'
    tables.set_meta('last_seq', 9)
    assert tables.last_seq() == 9


def test_file_rows(store):
    tables = JournalTables(store.connection, Transactions(store.connection))
    tables.put_file('d1', 'uploaded', '{"n": 1}')
    tables.put_file('d2', 'failed', '{"n": 2}')
    tables.put_file('d1', 'uploaded', '{"n": 3}')  # again: moves to the end
    assert tables.file_status('d1') == 'uploaded' and tables.file_status('none') is None
    assert tables.file_results('done') == ['{"n": 2}', '{"n": 3}']
    assert tables.file_results('failed') == ['{"n": 3}']
    tables.delete_files(['d2'])
    assert tables.file_status('d2') is None and tables.file_status('d1') == 'uploaded'
    tables.delete_files()
    assert tables.file_results('x') == []


def test_settle_files_drops_rows_whose_entity_is_gone(store):
    tables = JournalTables(store.connection, Transactions(store.connection))
    store.connection.execute("INSERT INTO entity (xid, kind, type, data) VALUES ('kept', 0, 'Document', '{}')")
    tables.put_file('kept', 'uploaded', '1')
    tables.put_file('gone', 'uploaded', '2')
    tables.put_file('other', 'failed', '3')
    tables.settle_files('uploaded', 'done')
    assert (tables.file_status('kept'), tables.file_status('gone'), tables.file_status('other')) == (
        'done', None, 'failed')


def test_drop_uploaded_content_and_clear(store):
    tables = store.journal_tables()
    assert store.journal_tables() is tables
    store.put_file('d1', 'Document', b'one')
    store.put_file('d2', 'Document', b'two')
    tables.put_file('d1', 'done', '{}')
    tables.put_file('d2', 'failed', '{}')
    tables.drop_uploaded_content(['done', 'uploaded'])
    assert store.get_file('d1') is None and store.get_file('d2') is not None
    tables.insert_chunk(1, '[]', 0, 0, 0, 'pending', 0.0)
    tables.set_meta('k', 'v')
    tables.clear()
    assert tables.chunk_rows() == [] and tables.meta('k') is None and tables.file_status('d2') is None
    assert tables.last_seq() == 0


def test_tables_survive_reopening_the_store(tmpdir):
    path = str(tmpdir.join('journal.db'))
    first = Store(path)
    first.journal_tables().insert_chunk(5, '["x"]', 0, 1, 3, 'uploaded', 1.0)
    first.close(remove=False)
    again = Store(path)
    try:
        assert [r[0] for r in again.journal_tables().chunk_rows()] == [5]
        assert again.journal_tables().chunk_rows()[0][6] == 'uploaded'
    finally:
        again.close(remove=True)
