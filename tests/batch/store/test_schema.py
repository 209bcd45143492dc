# -*- coding: utf-8 -*-
"""tcex.batch.store.schema: opening a store file keeps its rows; a foreign file is moved aside."""
from __future__ import absolute_import, division, print_function, unicode_literals

import os
import sqlite3

import pytest

from tcex.batch import Batch


def _foreign_database(path, table='file (name TEXT)'):
    """Make an SQLite file of another application: a table named like the store's, other columns."""
    other = sqlite3.connect(path)
    other.execute('CREATE TABLE ' + table)
    other.commit()
    other.close()


def test_named_store_is_reopened(tmpdir):
    b = Batch('MyOrg', temp_path=str(tmpdir), store_path='resume.db')
    b.address('5.5.5.5').tag('t')
    b.flush()
    xid = b.address('5.5.5.5').xid
    b.store.mark_chunk([xid], 3)
    b.close()
    assert os.path.exists(str(tmpdir.join('resume.db')))
    again = Batch('MyOrg', temp_path=str(tmpdir), store_path='resume.db')
    same = again.address('5.5.5.5')
    same.tag('t')  # no change
    assert again.data['indicator'][0]['tag'] == [{'name': 't'}]
    assert again.store.chunk_ids([xid])[xid] == 3
    again.close()


def test_store_not_a_database_is_moved_aside(tmpdir):
    tmpdir.join('bad.db').write_binary(b'garbage' * 100)
    b = Batch('MyOrg', temp_path=str(tmpdir), store_path='bad.db')
    b.address('1.1.1.1')
    assert len(b) == 1
    b.close(remove=True)
    assert tmpdir.join('bad.db.corrupt').read_binary() == b'garbage' * 100
    tmpdir.join('bad.db').write_binary(b'garbage again' * 100)
    Batch('MyOrg', temp_path=str(tmpdir), store_path='bad.db').close(remove=True)
    assert tmpdir.join('bad.db.corrupt.1').read_binary() == b'garbage again' * 100


def test_store_other_sqlite_database_is_moved_aside(tmpdir):
    _foreign_database(str(tmpdir.join('app.db')), 'entity (id INTEGER, name TEXT)')
    b = Batch('MyOrg', temp_path=str(tmpdir), store_path='app.db')
    b.address('1.1.1.1')
    assert len(b) == 1
    b.close(remove=True)
    assert tmpdir.join('app.db.corrupt').check()


def test_named_store_keeps_rows_that_were_in_memory(tmpdir):
    batch = Batch('MyOrg', temp_path=str(tmpdir), store_path='keep.db')
    xid = batch.address('5.5.5.5').xid
    batch.address('5.5.5.5').tag('t')
    batch.flush()
    batch.close()
    again = Batch('MyOrg', temp_path=str(tmpdir), store_path='keep.db')
    assert again.store.get(xid) is not None
    assert again.address('5.5.5.5').tags == ['t']
    again.close()
    os.remove(str(tmpdir.join('keep.db')))


def test_open_database_creates_the_tables_and_reports_earlier_xids(tmpdir):
    from tcex.batch.store import file as store_file
    from tcex.batch.store.schema import open_database
    path = str(tmpdir.join('s.db'))
    seen = []

    def on_xids(xids):
        seen.append(sorted(xids))
        return bool(seen[-1])

    conn, fd, indexed = open_database(path, 1024, False, on_xids)
    tables = set(r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'"))
    assert {'entity', 'file'} <= tables and indexed is False and seen == [[]]
    assert conn.execute('PRAGMA page_size').fetchone()[0] == 16384
    assert conn.execute('PRAGMA journal_mode').fetchone()[0] == 'delete'
    conn.execute("INSERT INTO entity (xid, kind, type, data) VALUES ('x1', 1, 'Address', '{}')")
    conn.close()
    store_file.release(fd)
    conn, fd, indexed = open_database(path, 1024, False, on_xids)
    try:
        assert seen[-1] == ['x1'] and indexed is True
        indexes = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'index'")]
        assert 'entity_xid' in indexes
    finally:
        conn.close()
        store_file.release(fd)


def test_an_existing_store_keeps_its_page_size_and_leaves_wal_mode(tmpdir):
    from tcex.batch.store import Store
    path = str(tmpdir.join('old.db'))
    old = sqlite3.connect(path, isolation_level=None)  # a store an earlier version left: 4 KiB pages, WAL
    old.execute('PRAGMA page_size=4096')
    old.execute('PRAGMA journal_mode=WAL')
    old.execute('CREATE TABLE entity (seq INTEGER PRIMARY KEY, xid TEXT NOT NULL, kind INTEGER NOT NULL, '
                'type TEXT NOT NULL, data TEXT NOT NULL, chunk_id INTEGER)')
    old.execute("INSERT INTO entity (xid, kind, type, data) VALUES ('x1', 1, 'Address', '{\"summary\":\"1.1.1.1\"}')")
    old.close()
    store = Store(path=path)
    try:
        conn = store.connection
        assert conn.execute('PRAGMA page_size').fetchone()[0] == 4096
        assert conn.execute('PRAGMA journal_mode').fetchone()[0] == 'delete'
        assert store.get('x1')[2] == '{"summary":"1.1.1.1"}'
    finally:
        store.close(remove=True)
    assert not os.path.exists(path + '-wal')


def test_a_foreign_database_is_moved_aside_once_but_never_for_a_temporary_file(tmpdir):
    from tcex.batch.store.schema import open_database
    from tcex.errors import BatchError
    path = str(tmpdir.join('foreign.db'))
    _foreign_database(path)
    with pytest.raises(BatchError) as info:
        open_database(path, 1024, True, lambda xids: False)  # temporary: not ours to move
    assert 'cannot open batch store' in str(info.value) and not os.path.exists(path + '.corrupt')
    conn, fd, _ = open_database(path, 1024, False, lambda xids: False)
    conn.close()
    os.close(fd)
    moved = sqlite3.connect(path + '.corrupt')
    try:
        assert 'file' in [r[0] for r in moved.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
        assert moved.execute('SELECT * FROM file').fetchall() == []
    finally:
        moved.close()
    assert os.path.exists(path)  # a fresh store took its place


def test_a_foreign_database_is_not_written_to_before_it_is_refused(tmpdir):
    from tcex.batch.store.schema import open_database
    path = str(tmpdir.join('app.db'))
    _foreign_database(path)
    conn, fd, _ = open_database(path, 1024, False, lambda xids: False)
    conn.close()
    os.close(fd)
    moved = sqlite3.connect(path + '.corrupt')
    try:
        assert [r[0] for r in moved.execute("SELECT name FROM sqlite_master WHERE type = 'table'")] == ['file']
        assert moved.execute('PRAGMA journal_mode').fetchone()[0] != 'wal'  # not switched to WAL either
    finally:
        moved.close()
