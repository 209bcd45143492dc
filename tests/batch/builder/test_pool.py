# -*- coding: utf-8 -*-
"""tcex.batch.builder.pool: the EntityPool (pending entities, spills to the store, live entities)."""
from __future__ import absolute_import, division, print_function, unicode_literals


def test_pool_spills_past_the_buffer_and_reloads_the_same_data(tmpdir):
    from tcex.batch import Batch
    batch = Batch('MyOrg', temp_path=str(tmpdir), buffer_size=2)
    try:
        xids = [batch.address('10.0.0.{}'.format(i), rating=i % 5).xid for i in range(7)]
        assert batch.pool.pending_count() <= 3
        again = batch.address('10.0.0.3')  # written and released: reloaded from the store
        assert again.xid == xids[3] and again.rating == 3.0
        again.tag('late')
        batch.flush()
        rows = dict((d['xid'], d) for d in batch.data['indicator'])
        assert len(rows) == 7 and rows[xids[3]]['tag'] == [{'name': 'late'}]
    finally:
        batch.close()


def test_entities_held_across_spills_stay_the_same_live_objects(tmpdir):
    """An entity (or a handle of it) the App still holds is found again, not reloaded as a copy."""
    from tcex.batch import Batch
    batch = Batch('MyOrg', temp_path=str(tmpdir), buffer_size=2)
    try:
        held = batch.address('10.1.0.1', rating=1)
        handle = batch.address('10.1.0.2').attribute('Description', 'first')  # only the handle is held
        for i in range(20):  # several spills: both were written to the store
            batch.address('10.2.0.{}'.format(i))
        assert batch.pool.pending_count() <= 3
        assert batch.address('10.1.0.1') is held
        handle.value = 'second'
        held.tag('later')
        again = batch.address('10.1.0.2')
        assert [a.value for a in again.attributes] == ['second']
        again.tag('also')
        rows = dict((d['summary'], d) for d in batch.data['indicator'])
        assert rows['10.1.0.1']['tag'] == [{'name': 'later'}]
        assert rows['10.1.0.2']['attribute'][0]['value'] == 'second'
        assert rows['10.1.0.2']['tag'] == [{'name': 'also'}]
    finally:
        batch.close()


def test_a_failed_spill_loses_no_change(tmpdir, monkeypatch):
    """A store write that fails (disk full) while a held entity is re-queued keeps every change pending."""
    import sqlite3

    import pytest

    from tcex.batch import Batch
    batch = Batch('MyOrg', temp_path=str(tmpdir), buffer_size=2)
    try:
        held = batch.address('10.3.0.1')
        for i in range(4):  # held is written to the store
            batch.address('10.4.0.{}'.format(i))
        assert not held.is_pending and held.is_stored
        batch.address('10.5.0.1')  # the buffer is full again: the next queueing spills
        put_new = batch.store.put_new

        def disk_full(*args, **kwargs):
            raise sqlite3.OperationalError('database or disk is full')
        monkeypatch.setattr(batch.store, 'put_new', disk_full)
        with pytest.raises(sqlite3.OperationalError):
            held.tag('late')  # re-queues held, whose queueing spills the others: the write fails
        assert held.is_pending
        monkeypatch.setattr(batch.store, 'put_new', put_new)
        rows = dict((d['summary'], d) for d in batch.data['indicator'])
        assert rows['10.3.0.1'].get('tag') == [{'name': 'late'}]
        assert len(rows) == 6
    finally:
        batch.close()
