# -*- coding: utf-8 -*-
"""Tests of the store methods the submitter uses instead of SQL (tcex/batch/store/sqlite.py)."""
from __future__ import absolute_import, division, print_function, unicode_literals

import json
import os

import pytest

from tcex.batch.store import KIND_GROUP, KIND_INDICATOR, Store


def text(xid, type_name):
    return json.dumps({'xid': xid, 'type': type_name}, separators=(',', ':'))


@pytest.fixture(params=[0, 10 ** 6], ids=['sqlite', 'in-memory tail'])
def store(request, tmpdir):
    opened = Store(path=os.path.join(str(tmpdir), 'methods.db'), memory_bytes=request.param)
    opened.put_many([('g1', KIND_GROUP, 'Adversary', text('g1', 'Adversary')),
                     ('i1', KIND_INDICATOR, 'Address', text('i1', 'Address')),
                     ('i2', KIND_INDICATOR, 'Address', text('i2', 'Address'))])
    yield opened
    opened.close(remove=True)


def test_unsent_count_and_delete_sent(store):
    assert store.unsent_count() == 3
    store.mark_chunk(['g1', 'i2'], 4)
    assert store.unsent_count() == 1
    assert store.chunk_ids(['g1', 'i1', 'i2']) == {'g1': 4, 'i1': None, 'i2': 4}
    assert store.delete_sent() == 2
    assert store.count() == 1 and [x for x, _ in store.iter_rows(KIND_INDICATOR)] == ['i1']


def test_chunk_texts_returns_what_is_still_marked(store):
    store.mark_chunk(['g1', 'i1'], 7)
    groups, indicators = store.chunk_texts(7, ['g1', 'i1', 'i2'])
    assert groups == [text('g1', 'Adversary')] and indicators == [text('i1', 'Address')]
    store.put_many((), [('i1', KIND_INDICATOR, 'Address', text('i1', 'Host'))])  # changed: no longer sent
    assert store.chunk_texts(7, ['g1', 'i1']) == ([text('g1', 'Adversary')], [])


def test_delete_files_forgets_content(store):
    store.put_file('g1', 'Document', b'data')
    store.put_file('g2', 'Report', u'text')
    store.delete_files(['g1', 'missing'])
    assert store.get_file('g1') is None
    assert [row[0] for row in store.iter_files()] == ['g2']
    assert store.given_files == {'g1', 'g2'}
