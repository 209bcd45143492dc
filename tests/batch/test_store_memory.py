# -*- coding: utf-8 -*-
"""The store's in-memory tail, the SQLite spill path and the Interface-1 fast path."""
from __future__ import absolute_import, division, print_function, unicode_literals

import gc
import hashlib

import pytest

from tcex.batch import Batch
from tcex.batch.store import KIND_GROUP, KIND_INDICATOR
from tcex.errors import ValidationError


def ip(i):
    return '10.0.{}.{}'.format(i // 256, i % 256)


def build(batch, count=60):
    """A small mixed workload (groups, indicators, metadata, a re-touched entity)."""
    groups = [batch.incident('incident-{}'.format(g), event_date='2024-08-04T00:00:00Z', status='Open').xid
              for g in range(3)]
    held = batch.address('1.1.1.1', rating=1)
    for i in range(count):
        ind = batch.address(ip(i), rating=3, confidence=60)
        ind.tag('Bench')
        ind.attribute('Description', 'benchmark indicator')
        ind.association(groups[i % 3])
        if i % 7 == 0:
            batch.host('h{}.example.com'.format(i)).tag('host')
    held.tag('late')  # changed after it was written
    return held


@pytest.mark.parametrize('memory_bytes', [0, 2000, 64 * 1024 * 1024])
def test_output_is_identical_whether_rows_stay_in_memory_or_not(tmpdir, memory_bytes):
    reference = Batch('MyOrg', temp_path=str(tmpdir.mkdir('ref')), buffer_size=10000)
    build(reference)
    expected = reference.data
    expected_chunks = [c.payload for c in reference.iter_chunks(max_count=7)]
    reference.close()
    batch = Batch('MyOrg', temp_path=str(tmpdir.mkdir('b')), buffer_size=4, memory_bytes=memory_bytes)
    build(batch)
    assert batch.data == expected
    assert batch.data == expected  # read twice
    assert [c.payload for c in batch.iter_chunks(max_count=7)] == expected_chunks
    assert len(batch) == len(expected['group']) + len(expected['indicator'])
    assert batch.store.count(KIND_GROUP) == 3
    assert batch.store.count(KIND_INDICATOR) == len(expected['indicator'])
    batch.close()


def test_small_memory_budget_writes_to_sqlite_without_an_index(tmpdir):
    batch = Batch('MyOrg', temp_path=str(tmpdir), buffer_size=5, memory_bytes=1)
    for i in range(200):
        batch.address(ip(i)).tag('t')
    batch.flush()
    rows = batch.store._conn.execute('SELECT COUNT(*) FROM entity').fetchone()[0]
    assert rows == 200 and not batch.store._tail
    assert not batch.store.indexed  # new xids never needed an SQL lookup
    assert not batch.store.may_contain('0' * 64)
    assert batch.store.may_contain(batch.address(ip(3)).xid)
    batch.close()


def test_connection_sees_rows_kept_in_memory(tmpdir):
    batch = Batch('MyOrg', temp_path=str(tmpdir), buffer_size=2, memory_bytes=10 ** 6)
    for i in range(10):
        batch.address(ip(i))
    batch.flush()
    assert batch.store._tail  # still in memory
    count = batch.store.connection.execute('SELECT COUNT(*) FROM entity WHERE chunk_id IS NULL').fetchone()[0]
    assert count == 10
    assert not batch.store._tail


def test_entity_reloaded_from_memory_keeps_kind_type_and_metadata(tmpdir):
    batch = Batch('MyOrg', temp_path=str(tmpdir), buffer_size=1)
    batch.adversary('adv').tag('g')
    batch.host('example.com').tag('i')
    for i in range(5):
        batch.address(ip(i))
    gc.collect()
    assert batch.pool.live_count() == 0
    adversary = batch.adversary('adv')
    adversary.tag('g2')
    host = batch.host('example.com', dns_active=False)  # the first object under an xid wins: ignored
    host.dns_active = True
    assert host.tags == ['i'] and adversary.tags == ['g', 'g2']
    data = batch.data
    assert data['group'] == [{'name': 'adv', 'type': 'Adversary', 'xid': adversary.xid,
                              'tag': [{'name': 'g'}, {'name': 'g2'}]}]
    assert data['indicator'][0]['summary'] == 'example.com' and data['indicator'][0]['flag1'] is True
    batch.close()


def test_unsent_only_and_marks_with_rows_in_memory(tmpdir):
    batch = Batch('MyOrg', temp_path=str(tmpdir), buffer_size=2)
    for i in range(6):
        batch.address(ip(i))
    first = next(iter(batch.iter_chunks(max_count=4, unsent_only=True)))
    batch.store.mark_chunk(first.xids, 1)
    rest = list(batch.iter_chunks(unsent_only=True))
    assert [len(c) for c in rest] == [2]
    batch.address(ip(1)).tag('changed')  # a sent entity changes: it is sent again
    assert sorted(len(c) for c in batch.iter_chunks(unsent_only=True)) == [3]
    batch.close()


def test_fast_builder_matches_the_generic_path(tmpdir):
    batch = Batch('MyOrg', temp_path=str(tmpdir))
    a = batch.address(' 10.1.1.1 ', rating='2.5', confidence=7)
    assert a.xid == hashlib.sha256('Address- 10.1.1.1 '.encode('utf-8')).hexdigest()
    assert a.ip == '10.1.1.1' and a.rating == 2.5 and a.confidence == 7
    assert batch.address(b'10.1.1.2').ip == '10.1.1.2'
    assert batch.address('10.1.1.3', xid=True) is batch.address('10.1.1.3', xid=None)
    assert batch.address('10.1.1.4', xid='mine').xid == 'mine'
    assert batch.address('10.1.1.5', 1, 2).rating == 1.0
    with pytest.raises(ValidationError) as info:
        batch.address('10.1.1.6', rating=9)
    assert info.value.field == 'rating'
    with pytest.raises(ValidationError) as info:
        batch.address('not an ip')
    assert info.value.field == 'ip'
    with pytest.raises(ValidationError) as info:
        batch.address('10.1.1.7', colour='red')
    assert 'unknown argument' in str(info.value)
    with pytest.raises(ValidationError):
        batch.address('')
    assert batch.address('10.1.1.8', active=True).active is True
    summaries = [x['summary'] for x in batch.data['indicator']]
    assert summaries == ['10.1.1.1', '10.1.1.2', '10.1.1.3', '10.1.1.4', '10.1.1.5', '10.1.1.8']
    batch.close()
