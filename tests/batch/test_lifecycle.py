# -*- coding: utf-8 -*-
"""Tests of tcex/batch/lifecycle.py: stores in use, the close policy, closing at exit."""
from __future__ import absolute_import, division, print_function, unicode_literals

import logging
import os
import weakref

from tcex.batch import Batch
from tcex.batch.lifecycle import StoreLease, store_in_use
from tcex.batch.store import Store


def test_a_store_is_in_use_until_its_lease_closes(tmpdir):
    store = Store(temp_path=str(tmpdir))
    lease = StoreLease(store, flush=list)
    assert store_in_use(store.path) and not store_in_use(os.path.join(str(tmpdir), 'other.db'))
    lease.close()
    assert not store_in_use(store.path) and store.closed
    assert not os.path.exists(store.path)  # temporary: removed
    lease.close()  # twice: nothing happens


def test_a_named_store_with_rows_left_is_kept_with_a_log_line(tmpdir, caplog):
    path = str(tmpdir.join('kept.db'))
    batch = Batch('MyOrg', temp_path=str(tmpdir), store_path=path)
    batch.address('1.1.1.1')  # pending: written before the store is kept
    with caplog.at_level(logging.WARNING, logger='tcex.batch'):
        batch.lease.close()
    assert os.path.exists(path)
    assert any('kept for resume' in r.getMessage() and path in r.getMessage() for r in caplog.records)
    again = Batch('MyOrg', temp_path=str(tmpdir), store_path=path)
    assert [i['summary'] for i in again.data['indicator']] == ['1.1.1.1']
    again.close(remove=True)
    assert not os.path.exists(path)


def test_an_invalid_pending_entity_does_not_keep_the_valid_ones_out_of_a_kept_store(tmpdir, caplog):
    path = str(tmpdir.join('mixed.db'))
    batch = Batch('MyOrg', temp_path=str(tmpdir), store_path=path)
    for n in range(5):
        batch.address('10.0.0.{}'.format(n))
    batch.document('doc', 'a.exe', malware=True)  # no password: fails its check
    with caplog.at_level(logging.WARNING, logger='tcex.batch'):
        batch.close()
    (warning,) = [r.getMessage() for r in caplog.records if 'not kept' in r.getMessage()]
    assert 'password' in warning and '\n' not in warning
    again = Batch('MyOrg', temp_path=str(tmpdir), store_path=path)
    assert again.indicator_len == 5 and again.group_len == 0
    again.close(remove=True)


def test_an_empty_named_store_is_removed_and_remove_false_keeps_any(tmpdir):
    empty = Batch('MyOrg', temp_path=str(tmpdir), store_path='empty.db')
    empty.close()
    assert not os.path.exists(str(tmpdir.join('empty.db')))
    temporary = Batch('MyOrg', temp_path=str(tmpdir))
    temporary.host('example.com')
    temporary.close(remove=False)  # forced keep: the pending entity goes in first
    assert os.path.exists(temporary.store.path)
    reopened = Batch('MyOrg', store_path=temporary.store.path)
    assert reopened.indicator_len == 1
    reopened.close(remove=True)


def test_the_exit_hook_does_not_keep_the_lease_alive(tmpdir):
    store = Store(temp_path=str(tmpdir))
    lease = StoreLease(store, flush=list)
    ref = weakref.ref(lease)
    del lease
    assert ref() is None  # atexit holds only a weak reference
    store.close(True)
