# -*- coding: utf-8 -*-
"""The SQLite store, spilling, serialization, chunking, Delete, files and save."""
from __future__ import absolute_import, division, print_function, unicode_literals

import gc
import json
import os
import stat

import pytest

from tcex.batch import Batch
from tcex.errors import BatchError
from tests.batch.helpers import batch  # noqa: F401


@pytest.fixture
def tiny(tmpdir):
    """A batch that spills to SQLite after every 2 pending entities."""
    b = Batch('MyOrg', temp_path=str(tmpdir), buffer_size=2)
    yield b
    b.close()


def ip(i):
    return '10.0.{}.{}'.format(i // 256, i % 256)


def test_spill_writes_to_sqlite_and_keeps_memory_bounded(tiny):
    for i in range(50):
        tiny.address(ip(i), rating=1).tag('t')
    gc.collect()
    assert tiny.pool.pending_count() < 2 + 1
    assert tiny.pool.live_count() <= 3
    assert tiny.store.count() >= 48
    assert len(tiny.data['indicator']) == 50


def test_metadata_added_after_spill_through_held_handle(tiny):
    held = tiny.address('1.1.1.1')
    attr = held.attribute('Description', 'd')
    for i in range(10):
        tiny.address(ip(i))  # forces spills: held is written while the App still holds it
    row = tiny.store.get(held.xid)
    assert row is not None and 'Late' not in row[2]
    held.tag('Late')
    attr.displayed = True
    label = held.security_label('TLP Red')
    for i in range(10, 20):
        tiny.address(ip(i))
    label.color = 'ff0000'
    item = [x for x in tiny.data['indicator'] if x['xid'] == held.xid][0]
    assert item['tag'] == [{'name': 'Late'}]
    assert item['attribute'] == [{'type': 'Description', 'value': 'd', 'displayed': True}]
    assert item['securityLabel'] == [{'name': 'TLP Red', 'color': 'FF0000'}]
    assert [x['xid'] for x in tiny.data['indicator']].count(held.xid) == 1


def test_entity_reloaded_from_store_after_handle_dropped(tiny):
    tiny.address('2.2.2.2', rating=4).tag('first')
    for i in range(10):
        tiny.address(ip(i))
    gc.collect()
    xid = tiny.indicator('Address', '2.2.2.2').xid
    again = tiny.address('2.2.2.2')  # reloaded (or the same live object): metadata accumulates
    again.tag('second')
    again.attribute('Source', 's')
    items = [x for x in tiny.data['indicator'] if x['xid'] == xid]
    assert len(items) == 1
    assert items[0]['tag'] == [{'name': 'first'}, {'name': 'second'}]
    assert items[0]['rating'] == 4.0


def test_reloaded_entity_position_is_stable(tiny):
    for i in range(6):
        tiny.address(ip(i))
    gc.collect()
    tiny.address(ip(0)).tag('late')
    assert [x['summary'] for x in tiny.data['indicator']] == [ip(i) for i in range(6)]


def test_data_read_twice_is_identical_without_side_effects(batch):  # noqa: F811
    f = batch.file('43c3609411c83f363e051d455ade78a6')
    f.occurrence('a.exe')
    batch.adversary('a').tag('t')
    first = json.dumps(batch.data, sort_keys=True)
    second = json.dumps(batch.data, sort_keys=True)
    assert first == second
    assert len(batch.data['indicator'][0]['fileOccurrence']) == 1


def test_chunk_id_reset_only_when_entity_changes(tiny):
    a = tiny.address('3.3.3.3')
    b = tiny.address('4.4.4.4')
    tiny.flush()
    tiny.store.mark_chunk([a.xid, b.xid], 7)
    a.tag('same')
    tiny.flush()
    b.tag('x')
    b.tag('x')
    tiny.flush()
    ids = tiny.store.chunk_ids([a.xid, b.xid])
    assert ids[a.xid] is None  # changed: will be resent
    assert ids[b.xid] is None
    tiny.store.mark_chunk([a.xid, b.xid], 8)
    tiny.add_indicator({'type': 'Address', 'summary': '3.3.3.3', 'xid': a.xid, 'tag': [{'name': 'same'}]})
    tiny.flush()
    assert tiny.store.chunk_ids([a.xid])[a.xid] == 8  # identical data: still sent
    chunks = list(tiny.iter_chunks(unsent_only=True))
    assert chunks == []


def test_chunking_by_count_groups_first(batch):  # noqa: F811
    for i in range(5):
        batch.address(ip(i))
    for i in range(3):
        batch.incident('incident-{}'.format(i))
    chunks = list(batch.iter_chunks(max_count=3))
    assert [len(c) for c in chunks] == [3, 3, 2]
    assert [(c.group_count, c.indicator_count) for c in chunks] == [(3, 0), (0, 3), (0, 2)]
    assert [c.number for c in chunks] == [1, 2, 3]
    payloads = [json.loads(c.payload.decode('utf-8')) for c in chunks]
    assert [g['name'] for g in payloads[0]['group']] == ['incident-0', 'incident-1', 'incident-2']
    all_xids = [x for c in chunks for x in c.xids]
    assert all_xids == [g['xid'] for g in batch.data['group']] + [i['xid'] for i in batch.data['indicator']]


def test_chunking_by_bytes(batch):  # noqa: F811
    for i in range(40):
        batch.address(ip(i), rating=1).attribute('Description', 'x' * 50)
    whole = len(json.dumps(batch.data, separators=(',', ':')))
    limit = 1000
    chunks = list(batch.iter_chunks(max_count=1000, max_bytes=limit))
    assert len(chunks) > 1
    for chunk in chunks:
        assert len(chunk.payload) <= limit
        data = json.loads(chunk.payload.decode('utf-8'))
        assert len(data['indicator']) == chunk.indicator_count
    entity_bytes = sum(len(c.payload) for c in chunks)
    assert entity_bytes > whole  # every chunk repeats the envelope
    assert sum(c.indicator_count for c in chunks) == 40
    # each chunk is full: the next entity would not have fitted
    for chunk, following in zip(chunks, chunks[1:]):
        first = json.dumps(json.loads(following.payload.decode('utf-8'))['indicator'][0], separators=(',', ':'))
        assert len(chunk.payload) + 1 + len(first) > limit


def test_entity_larger_than_max_bytes_is_an_error(batch):  # noqa: F811
    big = batch.adversary('big')
    big.attribute('Description', 'y' * 500)
    with pytest.raises(BatchError) as info:
        list(batch.iter_chunks(max_bytes=300))
    assert big.xid in str(info.value) and '300' in str(info.value)


def test_delete_payload_is_minimal(tmpdir):
    b = Batch('MyOrg', action='delete', temp_path=str(tmpdir))
    g = b.adversary('a', xid='gx')
    g.tag('ignored')
    g.attribute('Description', 'ignored')
    i = b.host('example.com', rating=5, confidence=90, xid='hx')
    i.association('gx')
    assert b.data == {'group': [{'name': 'a', 'type': 'Adversary', 'xid': 'gx'}],
                      'indicator': [{'summary': 'example.com', 'type': 'Host', 'xid': 'hx'}]}
    assert b.job_config()['action'] == 'Delete'
    b.close()


def test_job_config(tmpdir):
    b = Batch('Org', temp_path=str(tmpdir))
    assert b.job_config() == {'version': 'V2', 'owner': 'Org', 'haltOnError': True, 'action': 'Create',
                              'attributeWriteType': 'Replace'}
    b.close()
    b = Batch('Org', 'Create', 'append', False, False, temp_path=str(tmpdir), tag_write_type='Append')
    assert b.job_config() == {'version': 'V2', 'owner': 'Org', 'haltOnError': False, 'action': 'Create',
                              'attributeWriteType': 'Append', 'playbookTriggersEnabled': False,
                              'tagWriteType': 'Append'}
    b.close()


def test_iter_files_with_data_and_callback_not_called(tiny):
    calls = []

    def callback(xid):
        calls.append(xid)
        return b'content of ' + xid.encode('utf-8')

    doc = tiny.document('doc', 'doc.txt', b'\x00binary')
    report = tiny.report('rep', file_content=callback)
    for i in range(5):
        tiny.address(ip(i))
    tiny.data
    list(tiny.iter_chunks())
    tiny.save(os.path.join(os.path.dirname(tiny.store.path), 'out.json'))
    assert calls == []  # serialization never calls the callback
    files = list(tiny.iter_files())
    assert files == [(doc.xid, 'Document', b'\x00binary'), (report.xid, 'Report', callback)]
    assert calls == []
    assert report.file_content is callback and doc.file_content == b'\x00binary'
    assert b'binary' not in json.dumps(tiny.data).encode('utf-8')


def test_save_writes_the_payload_privately(batch, tmpdir):  # noqa: F811
    batch.adversary('a').tag('t')
    batch.address('1.2.3.4')
    path = str(tmpdir.join('batch.json'))
    written = batch.write_json(path)
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    with open(path, 'rb') as handle:
        raw = handle.read()
    assert written == len(raw)
    assert json.loads(raw.decode('utf-8')) == batch.data


def test_custom_indicator_types_fetched_once(batch, tmpdir):  # noqa: F811
    calls = []

    def fetch():
        calls.append(1)
        return [{'name': 'Phone Number', 'value1Label': 'Phone', 'apiBranch': 'phoneNumbers'},
                {'name': 'Hashtag Pair', 'value1Label': 'First', 'value2Label': 'Second'}]

    b = Batch('MyOrg', temp_path=str(tmpdir), indicator_types=fetch)
    b.address('1.1.1.1')
    assert calls == []
    phone = b.indicator('Phone Number', '+1 555 0100', rating=2)
    pair = b.add_indicator({'type': 'Hashtag Pair', 'summary': '#a : #b', 'xid': 'p1'})
    with pytest.raises(Exception):
        b.indicator('Fax', '1')
    assert calls == [1]
    assert phone.value1 == '+1 555 0100' and pair.value2 == '#b'
    data = b.data['indicator']
    assert data[1] == {'summary': '+1 555 0100', 'type': 'Phone Number', 'rating': 2.0,
                       'xid': b.generate_xid() and phone.xid}
    assert data[2]['summary'] == '#a : #b'
    b.close()


def test_submit_without_session_is_a_batch_error(batch):  # noqa: F811
    with pytest.raises(BatchError):
        batch.submit_job()


def test_store_prune_sent_keeps_what_a_rerun_needs(tmpdir):
    first = Batch('MyOrg', temp_path=str(tmpdir), store_path='kept.db')
    for i in range(6):
        first.address(ip(i))
    first.document('doc', 'd.txt', file_content=b'x', xid='doc-1')
    first.flush()
    xids = [xid for xid, _ in first.store.iter_rows(1)]
    first.store.mark_chunk(xids[:4], 1)
    first.store.mark_chunk(['doc-1'], 1)
    first.close(remove=False)
    again = Batch('MyOrg', temp_path=str(tmpdir), store_path='kept.db')
    again.address(ip(0))  # added again in this run: kept
    assert again.store.prune_sent(2) == 3  # ip(1..3): sent before, not added again
    assert sorted(again.store.chunk_ids(xids + ['doc-1'])) == sorted([xids[0], xids[4], xids[5], 'doc-1'])
    again.close(remove=True)
