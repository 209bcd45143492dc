# -*- coding: utf-8 -*-
"""tcex.batch.store.schema: opening a store file keeps its rows; a foreign file is moved aside."""
from __future__ import absolute_import, division, print_function, unicode_literals

import os

from tcex.batch import Batch


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
    import sqlite3
    other = sqlite3.connect(str(tmpdir.join('app.db')))
    other.execute('CREATE TABLE entity (id INTEGER, name TEXT)')
    other.commit()
    other.close()
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
