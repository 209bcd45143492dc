# -*- coding: utf-8 -*-
"""Tests of tcex/batch/store/entities.py: the ``entity`` table's rows."""
from __future__ import absolute_import, division, print_function, unicode_literals

import os

import pytest
import six

from tcex.batch.store import Store
from tcex.batch.store.entities import EntityTable
from tcex.batch.store.sent import SentMarks
from tcex.batch.store.transaction import Transactions
from tcex.batch.types.kind import Kind


@pytest.fixture
def store(tmpdir):
    opened = Store(path=os.path.join(str(tmpdir), 'rows.db'), memory_bytes=0)
    yield opened
    opened.close(remove=True)


@pytest.fixture
def table(store):
    return EntityTable(store.connection, Transactions(store.connection), store.indexed)


def test_insert_get_count_in_insertion_order(table):
    table.insert([('b', Kind.INDICATOR, 'Host', '{"b":1}'), ('a', Kind.GROUP, 'Event', '{"a":1}'),
                  ('c', Kind.INDICATOR, 'File', '{"c":1}')])
    assert not table.indexed
    assert table.get('a') == (0, 'Event', '{"a":1}') and table.get('zz') is None
    assert table.indexed  # a lookup by xid builds the index first
    assert (table.count(), table.count(Kind.GROUP), table.count(Kind.INDICATOR)) == (3, 1, 2)
    assert list(table.iter_rows(Kind.INDICATOR)) == [('b', '{"b":1}'), ('c', '{"c":1}')]
    assert list(table.iter_rows(Kind.INDICATOR, page=1)) == [('b', '{"b":1}'), ('c', '{"c":1}')]


def test_update_resets_the_sent_mark_only_when_the_json_changed(store, table):
    table.insert([('a', Kind.INDICATOR, 'Host', '{"a":1}'), ('b', Kind.INDICATOR, 'Host', '{"b":1}')])
    SentMarks(store.connection, Transactions(store.connection), table.ensure_index).mark(['a', 'b'], 7)
    assert table.unsent_count() == 0
    table.update([('a', Kind.INDICATOR, 'Host', '{"a":1}'), ('b', Kind.INDICATOR, 'Host', '{"b":2}')])
    assert table.unsent_count() == 1
    assert list(table.iter_rows(Kind.INDICATOR, unsent_only=True)) == [('b', '{"b":2}')]
    assert table.get('b') == (1, 'Host', '{"b":2}')


def test_all_tables_rows_counts_every_table(store, table):
    table.insert([('a', Kind.GROUP, 'Document', '{}')])
    store.put_file('a', 'Document', b'content')
    assert table.all_tables_rows() == 2 == store.row_count()


def test_reading_the_groups_uses_their_index_not_a_scan_of_every_row(store, table):
    rows = [('i{}'.format(n), Kind.INDICATOR, 'Host', '{{"i":{}}}'.format(n)) for n in range(50)]
    rows[10:10] = [('g1', Kind.GROUP, 'Event', '{"g":1}')]
    rows.append(('g2', Kind.GROUP, 'Incident', '{"g":2}'))
    table.insert(rows)
    if not hasattr(store.connection, 'set_trace_callback'):
        pytest.skip('Python 2 sqlite3 has no trace callback')
    executed = []
    store.connection.set_trace_callback(lambda sql: executed.append(sql))  # 3.6 hashes the callback
    assert list(table.iter_rows(Kind.GROUP, page=1)) == [('g1', '{"g":1}'), ('g2', '{"g":2}')]
    store.connection.set_trace_callback(None)
    plans = []
    for sql in set(executed):
        query = sql.split(' LIMIT ')[0]
        plans.extend(row[-1] for row in store.connection.execute('EXPLAIN QUERY PLAN ' + query))
    assert plans and all('entity_group' in plan for plan in plans), plans
    assert [xid for xid, _ in table.iter_rows(Kind.INDICATOR)] == ['i{}'.format(n) for n in range(50)]


def test_json_texts_are_read_as_the_text_type_of_the_tail(store):
    """Python 2 keeps texts in memory as ASCII byte strings and reads them back as such (not as
    4-bytes-a-character unicode); Python 3 reads ``str``. Other columns stay text."""
    store.put_many([('x1', Kind.INDICATOR, 'Host', '{"summary":"a.example","type":"Host"}')])
    [(xid, data)] = list(store.iter_rows(Kind.INDICATOR))
    assert xid == 'x1' and type(xid) is six.text_type
    assert data == b'{"summary":"a.example","type":"Host"}'.decode('ascii')
    assert type(data) is (six.binary_type if six.PY2 else six.text_type)
