# -*- coding: utf-8 -*-
"""Tests of tcex/batch/store/sent.py: the chunk a stored entity was sent in."""
from __future__ import absolute_import, division, print_function, unicode_literals

import os

import pytest

from tcex.batch.store import Store
from tcex.batch.store.entities import EntityTable
from tcex.batch.store.sent import SentMarks
from tcex.batch.store.transaction import Transactions
from tcex.batch.types.kind import Kind


@pytest.fixture
def tables(tmpdir):
    store = Store(path=os.path.join(str(tmpdir), 'sent.db'), memory_bytes=0)
    rows = EntityTable(store.connection, Transactions(store.connection), store.indexed)
    rows.insert([('g1', Kind.GROUP, 'Event', '"g1"'), ('i1', Kind.INDICATOR, 'Host', '"i1"'),
                 ('g2', Kind.GROUP, 'Event', '"g2"'), ('i2', Kind.INDICATOR, 'Host', '"i2"')])
    yield rows, SentMarks(store.connection, Transactions(store.connection), rows.ensure_index)
    store.close(remove=True)


def test_mark_read_back_and_clear(tables):
    rows, sent = tables
    sent.mark(['i2', 'g1', 'i1', 'g2'], 3)
    assert rows.indexed  # marking by xid builds the index first
    assert sent.chunk_ids(['g1', 'i1', 'nope']) == {'g1': 3, 'i1': 3}
    assert sent.chunk_texts(3, ['i2', 'g2', 'i1', 'g1']) == (['"g2"', '"g1"'], ['"i2"', '"i1"'])
    assert sent.chunk_texts(4, ['g1']) == ([], [])
    sent.mark(['g2'], None)
    assert sent.chunk_ids(['g2']) == {'g2': None} and rows.unsent_count() == 1


def test_delete_sent_keeps_unsent_rows(tables):
    rows, sent = tables
    sent.mark(['g1', 'i2'], 1)
    assert sent.delete_sent() == 2
    assert list(rows.iter_rows(Kind.GROUP)) == [('g2', '"g2"')] and rows.count() == 2


def test_prune_deletes_older_chunks_unless_kept(tables):
    rows, sent = tables
    sent.mark(['g1', 'i1'], 1)
    sent.mark(['g2'], 2)
    sent.mark(['i2'], 5)
    assert sent.prune(5, keep=lambda xid: xid == 'i1') == 2  # g1 and g2; i1 kept; i2 not before 5
    assert sorted(sent.chunk_ids(['g1', 'i1', 'g2', 'i2'])) == ['i1', 'i2']
    assert rows.count() == 2
