# -*- coding: utf-8 -*-
"""Tests of tcex/batch/store/chunks.py: stored entities streamed as upload payloads."""
from __future__ import absolute_import, division, print_function, unicode_literals

import json
import os

import pytest
import six

from tcex.batch.store import KIND_GROUP, KIND_INDICATOR, Store
from tcex.batch.store.chunks import OVERHEAD, iter_chunks, join_payload
from tcex.errors import BatchError


@pytest.fixture
def store(tmpdir):
    opened = Store(path=os.path.join(str(tmpdir), 'chunks.db'), memory_bytes=0)
    yield opened
    opened.close(remove=True)


def rows(kind, prefix, count, pad=0):
    type_name = 'Adversary' if kind == KIND_GROUP else 'Address'
    return [('{}{}'.format(prefix, i), kind, type_name,
             json.dumps({'xid': '{}{}'.format(prefix, i), 'type': type_name, 'pad': 'x' * pad},
                        separators=(',', ':'))) for i in range(count)]


def test_groups_come_first_and_count_limit_splits(store):
    store.put_many(rows(KIND_INDICATOR, 'i', 3) + rows(KIND_GROUP, 'g', 2))
    chunks = list(iter_chunks(store, max_count=4, max_bytes=None))
    assert [c.number for c in chunks] == [1, 2]
    assert chunks[0].xids == ['g0', 'g1', 'i0', 'i1'] and chunks[1].xids == ['i2']
    assert (chunks[0].group_count, chunks[0].indicator_count, len(chunks[0])) == (2, 2, 4)
    body = json.loads(chunks[0].payload.decode('utf-8'))
    assert [e['xid'] for e in body['group']] == ['g0', 'g1'] and [e['xid'] for e in body['indicator']] == ['i0', 'i1']


def test_byte_limit_holds_and_payloads_are_valid_json(store):
    store.put_many(rows(KIND_INDICATOR, 'i', 20, pad=50))
    limit = 400
    chunks = list(iter_chunks(store, max_count=None, max_bytes=limit))
    assert len(chunks) > 1
    assert all(len(c.payload) <= limit for c in chunks)
    assert sum(len(c) for c in chunks) == 20
    for chunk in chunks:
        assert len(json.loads(chunk.payload.decode('utf-8'))['indicator']) == chunk.indicator_count


def test_unsent_only_skips_marked_rows(store):
    store.put_many(rows(KIND_INDICATOR, 'i', 3))
    store.mark_chunk(['i1'], 5)
    (chunk,) = iter_chunks(store, max_count=10, max_bytes=None, unsent_only=True)
    assert chunk.xids == ['i0', 'i2']


def test_an_entity_larger_than_the_limit_is_a_clear_error(store):
    store.put_many(rows(KIND_INDICATOR, 'big', 1, pad=500))
    with pytest.raises(BatchError) as info:
        list(iter_chunks(store, max_count=10, max_bytes=200))
    assert 'indicator big0' in str(info.value) and 'chunk limit of 200 bytes' in str(info.value)
    with pytest.raises(BatchError):
        list(iter_chunks(store, max_count=0, max_bytes=None))


def test_join_payload_shape():
    assert join_payload([], []) == b'{"group":[],"indicator":[]}'
    assert len(join_payload([], [])) == OVERHEAD
    assert json.loads(join_payload(['{"a":1}'], ['{"b":2}', '{"c":3}']).decode('utf-8')) == {
        'group': [{'a': 1}], 'indicator': [{'b': 2}, {'c': 3}]}


@pytest.mark.skipif(not six.PY2, reason='only Python 2 keeps entity texts as byte strings')
def test_join_payload_of_byte_and_unicode_texts_is_bytes():
    """Python 2: texts from memory are byte strings, texts read back from SQLite unicode."""
    payload = join_payload([b'{"a":1}'], ['{"b":2}', b'{"c":3}'])
    assert type(payload) is six.binary_type and payload == b'{"group":[{"a":1}],"indicator":[{"b":2},{"c":3}]}'
