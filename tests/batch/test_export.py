# -*- coding: utf-8 -*-
"""Tests of tcex/batch/export.py: the payload dict, JSON files, counts and contents of a batch."""
from __future__ import absolute_import, division, print_function, unicode_literals

import io
import json
import os
import stat

from tcex.batch import Batch
from tcex.batch.export import BatchExport
from tcex.batch.types import Kind
from tests.batch.helpers import batch  # noqa: F401  (fixture)


def _fill(b):
    b.adversary('adv', xid='adv-1').tag('t')
    b.document('doc', 'doc.txt', b'body', xid='doc-1')
    b.address('1.2.3.4', xid='addr-1')


def test_data_and_counts_include_pending_entities(batch):  # noqa: F811
    _fill(batch)
    export = BatchExport(batch.pool, batch.store)
    assert batch.store.count() == 0  # all still pending in the pool
    data = export.data
    assert [g['xid'] for g in data['group']] == ['adv-1', 'doc-1'] and data['indicator'][0]['summary'] == '1.2.3.4'
    assert data['group'][0]['tag'] == [{'name': 't'}]
    assert (export.count(), export.count(Kind.GROUP), export.count(Kind.INDICATOR)) == (3, 2, 1)
    assert export.file_count() == 1
    assert export.files() == {'doc-1': {'fileContent': b'body', 'type': 'Document'}}


def test_write_json_streams_the_payload_owner_only(batch, tmpdir):  # noqa: F811
    _fill(batch)
    path = str(tmpdir.join('out.json'))
    with io.open(path, 'w', encoding='utf-8') as handle:
        handle.write('old content that is longer than nothing')
    os.chmod(path, 0o644)
    written = BatchExport(batch.pool, batch.store).write_json(path)
    assert written == os.path.getsize(path)
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    with io.open(path, encoding='utf-8') as handle:
        assert json.load(handle) == batch.data


def test_write_json_of_an_empty_batch(batch, tmpdir):  # noqa: F811
    path = str(tmpdir.join('empty.json'))
    assert BatchExport(batch.pool, batch.store).write_json(path) == len('{"group":[],"indicator":[]}')
    with io.open(path, encoding='utf-8') as handle:
        assert json.load(handle) == {'group': [], 'indicator': []}


def test_write_batch_json_counts_up_in_temp_path_or_the_store_folder(tmpdir):
    store_dir = tmpdir.mkdir('store')
    b = Batch('MyOrg', store_path=str(store_dir.join('named.db')))
    b.address('5.6.7.8')
    export = BatchExport(b.pool, b.store)  # no temp_path: next to the store
    first = export.write_batch_json()
    second = export.write_batch_json({'group': [], 'indicator': [{'summary': 'x'}]})
    assert [os.path.basename(p) for p in (first, second)] == ['batch-0.json', 'batch-1.json']
    assert os.path.dirname(first) == str(store_dir) and export.json_count == 2
    with io.open(first, encoding='utf-8') as handle:
        assert json.load(handle)['indicator'][0]['summary'] == '5.6.7.8'
    with io.open(second, encoding='utf-8') as handle:
        assert json.load(handle) == {'group': [], 'indicator': [{'summary': 'x'}]}
    elsewhere = BatchExport(b.pool, b.store, temp_path=str(tmpdir))
    assert os.path.dirname(elsewhere.write_batch_json()) == str(tmpdir)
    b.close(remove=True)
