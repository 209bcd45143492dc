# -*- coding: utf-8 -*-
"""Tests of tcex/batch/store/sqlite.py: ``Store.get`` returns the kind and type a row was stored with.

The kind is never inferred from the JSON: a row in memory takes it from its run in the tail,
a row in the file from its ``kind`` column. Each case runs with the rows in memory and in SQLite.
"""
from __future__ import absolute_import, division, print_function, unicode_literals

import json
import os

import pytest

from tcex.batch.store import Store
from tcex.batch.types.kind import Kind


def text(**fields):
    return json.dumps(fields, separators=(',', ':'), sort_keys=True)


# JSON that does not tell the kind: a group holding a ``summary`` key, an indicator without one,
# and a JSON ``type`` that is not the stored type.
ROWS = [
    ('g-summary', Kind.GROUP, 'Adversary', text(xid='g-summary', type='Adversary', name='A', summary='1.1.1.1')),
    ('i-plain', Kind.INDICATOR, 'Address', text(xid='i-plain', type='Address', ip='2.2.2.2')),
    ('g-plain', Kind.GROUP, 'Event', text(xid='g-plain', type='Event', name='E')),
    ('i-other', Kind.INDICATOR, 'Host', text(xid='i-other', type='Address', summary='h.example')),
]


@pytest.fixture(params=[0, 10 ** 6], ids=['sqlite', 'in-memory tail'])
def store(request, tmpdir):
    opened = Store(path=os.path.join(str(tmpdir), 'kind.db'), memory_bytes=request.param)
    yield opened
    opened.close(remove=True)


def test_get_returns_the_stored_kind_and_type_not_one_read_from_the_json(store):
    store.put_many(ROWS)
    for xid, kind, type_name, data in ROWS:
        got = store.get(xid)
        assert got == (kind, type_name, data)
        assert got[0] is kind  # a Kind member, from memory and from the file alike
    assert store.get('missing') is None


def test_rows_added_in_bulk_after_a_get_are_found_too(store):
    xids = ['i{}'.format(n) for n in range(6)]
    texts = [text(xid=xid) for xid in xids]
    address, incident, host = (Kind.INDICATOR, 'Address'), (Kind.GROUP, 'Incident'), (Kind.INDICATOR, 'Host')
    store.put_new(xids[:3], texts[:3], [address, address, incident])
    assert store.get('i2') == (Kind.GROUP, 'Incident', texts[2])
    store.put_new(xids[3:], texts[3:], [incident, host, host])
    assert [store.get(xid)[:2] for xid in xids] == [
        (Kind.INDICATOR, 'Address'), (Kind.INDICATOR, 'Address'), (Kind.GROUP, 'Incident'),
        (Kind.GROUP, 'Incident'), (Kind.INDICATOR, 'Host'), (Kind.INDICATOR, 'Host')]
    assert (store.count(Kind.GROUP), store.count(Kind.INDICATOR), store.count()) == (2, 4, 6)


def test_an_update_keeps_kind_type_and_position(store):
    store.put_many(ROWS)
    new_text = text(xid='g-summary', type='Adversary', name='B', summary='x')
    store.put_many((), [('g-summary', Kind.GROUP, 'Adversary', new_text)])
    assert store.get('g-summary') == (Kind.GROUP, 'Adversary', new_text)
    assert [xid for xid, _ in store.iter_rows(Kind.GROUP)] == ['g-summary', 'g-plain']
    assert [xid for xid, _ in store.iter_rows(Kind.INDICATOR)] == ['i-plain', 'i-other']


def test_writing_the_tail_moves_rows_to_the_file_without_changing_them(tmpdir):
    store = Store(path=os.path.join(str(tmpdir), 'moved.db'), memory_bytes=10 ** 6)
    store.put_many(ROWS)
    before = [store.get(row[0]) for row in ROWS]
    assert store.row_count() == len(ROWS) and not store.indexed
    store.write_tail()
    assert [store.get(row[0]) for row in ROWS] == before and store.indexed
    store.close(remove=False)
    reopened = Store(path=os.path.join(str(tmpdir), 'moved.db'))
    assert [reopened.get(row[0]) for row in ROWS] == before
    reopened.close(remove=True)


def test_an_update_of_a_row_deleted_after_it_was_sent_stores_it_again_as_unsent(store):
    """A submit deletes the rows it sent; an entity the App still holds and changes afterwards is
    updated by xid. That update matched no row and was lost: it is stored again, to be sent."""
    store.put_many(ROWS)
    store.mark_chunk([row[0] for row in ROWS], 1)
    assert store.delete_sent() == 4 and store.count() == 0
    changed = text(xid='i-plain', type='Address', ip='2.2.2.2', tag=[{'name': 'later'}])
    store.put_many((), [('i-plain', Kind.INDICATOR, 'Address', changed)])
    assert store.get('i-plain') == (Kind.INDICATOR, 'Address', changed)
    assert list(store.iter_rows(Kind.INDICATOR, unsent_only=True)) == [('i-plain', changed)]
    assert (store.count(), store.unsent_count()) == (1, 1)
    again = text(xid='i-plain', type='Address', ip='2.2.2.2', tag=[{'name': 'later'}, {'name': 'again'}])
    store.put_many((), [('i-plain', Kind.INDICATOR, 'Address', again)])  # now an ordinary update: one row
    assert list(store.iter_rows(Kind.INDICATOR)) == [('i-plain', again)] and store.count() == 1
