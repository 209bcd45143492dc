# -*- coding: utf-8 -*-
"""tcex.batch.store.contents: Document/Report content rows in the store file."""
from __future__ import absolute_import, division, print_function, unicode_literals

import pytest
import six

from tcex.batch.store import Store
from tcex.batch.store.contents import ContentTable
from tcex.batch.store.transaction import Transactions


@pytest.fixture
def table(tmpdir):
    store = Store(temp_path=str(tmpdir))
    yield ContentTable(store.connection, Transactions(store.connection))
    store.close()


def test_put_get_bytes_text_and_callback(table):
    table.put('d1', 'Document', b'\x00\xffbytes')
    table.put('d2', 'Report', 'text \u2713')
    table.put('d3', 'Document', None)  # a callback: only a marker is stored
    assert table.get('d1') == ('Document', b'\x00\xffbytes', False)
    assert isinstance(table.get('d1')[1], six.binary_type)
    assert table.get('d2') == ('Report', 'text \u2713', False)
    assert table.get('d3') == ('Document', None, True)
    assert table.get('missing') is None
    assert table.xids() == {'d1', 'd2', 'd3'}


def test_put_again_replaces_in_place(table):
    table.put('d1', 'Document', None)
    table.put('d2', 'Document', b'two')
    table.put('d1', 'Report', b'one')
    assert table.get('d1') == ('Report', b'one', False)
    assert [row[0] for row in table.rows()] == ['d1', 'd2']  # keeps its first position


def test_delete_several_and_unknown(table):
    for xid in ('a', 'b', 'c'):
        table.put(xid, 'Document', xid.encode('ascii'))
    table.delete(['a', 'c', 'never'])
    assert table.xids() == {'b'} and table.get('a') is None


def test_rows_pages_through_many_in_insertion_order(table):
    xids = ['x{:03d}'.format(i) for i in range(250)]
    for xid in reversed(xids[:125]):
        table.put(xid, 'Document', xid.encode('ascii'))
    for xid in xids[125:]:
        table.put(xid, 'Report', None)
    rows = list(table.rows())
    assert [r[0] for r in rows] == list(reversed(xids[:125])) + xids[125:]
    assert rows[0] == ('x124', 'Document', b'x124', False) and rows[-1] == ('x249', 'Report', None, True)
