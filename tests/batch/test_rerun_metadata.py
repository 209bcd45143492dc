# -*- coding: utf-8 -*-
"""Metadata calls on an entity reloaded from a kept store change nothing (issue 13, item 1).

A rerun builds the same entities again; whatever the App's metadata calls look like, the JSON
of what an earlier run stored stays the same, so its "sent" mark holds and nothing is re-sent.
"""
from __future__ import absolute_import, division, print_function, unicode_literals

import json

from tcex.batch import Batch


def _build(batch):
    host = batch.host('rerun.example.com', xid='rerun-host')
    host.attribute('Description', 'same every run')
    host.attribute('Comment', 'twice', unique=False)
    host.attribute('Comment', 'twice', unique=False)
    host.attribute('Source', 'feed', unique='Type')
    host.tag('rerun')
    host.security_label('TLP Green', 'green', '00FF00')
    host.association('rerun-group')
    return host


def _stored(batch, xid):
    return json.loads(batch.store.get(xid)[2])


def test_rerun_on_a_kept_store_leaves_sent_entities_unchanged(tmpdir):
    first = Batch('MyOrg', temp_path=str(tmpdir), store_path='kept.db')
    _build(first)
    first.flush()
    first.store.mark_chunk(['rerun-host'], 7)  # sent in chunk 7 by the run that then died
    before = _stored(first, 'rerun-host')
    first.close(remove=False)

    rerun = Batch('MyOrg', temp_path=str(tmpdir), store_path='kept.db')
    host = _build(rerun)
    rerun.flush()
    assert _stored(rerun, 'rerun-host') == before
    assert rerun.store.chunk_ids(['rerun-host']) == {'rerun-host': 7}, 'the sent mark holds: not sent again'
    assert [c for c in rerun.iter_chunks(unsent_only=True)] == []
    # beyond what the earlier run stored, unique=False adds again
    host.attribute('Comment', 'twice', unique=False)
    assert sum(1 for a in host.data['attribute'] if a['type'] == 'Comment') == 3
    rerun.close(remove=True)


def test_unique_false_within_one_run_adds_every_time(tmpdir):
    batch = Batch('MyOrg', temp_path=str(tmpdir), buffer_size=1)
    host = _build(batch)
    del host
    batch.address('1.1.1.1')  # spills the host: it is reloaded from this run's rows below
    again = batch.host('rerun.example.com', xid='rerun-host')
    again.attribute('Comment', 'twice', unique=False)
    assert sum(1 for a in again.data['attribute'] if a['type'] == 'Comment') == 3
    batch.close()


def _build_with_setters(batch):
    """Labels and occurrences given through their handles, in an order of the App's choosing."""
    host = batch.host('setters.example.com', xid='setters-host')
    label = host.security_label('TLP Amber')
    label.color = 'ffbf00'  # before the description: the stored item lists color first
    label.description = 'amber'
    hashed = batch.file(md5='d41d8cd98f00b204e9800998ecf8427e', xid='setters-file')
    occurrence = hashed.occurrence(date='2024-01-02T00:00:00Z')
    occurrence.path = 'C:\\temp'  # after the date
    occurrence.file_name = 'x.exe'


def test_rerun_keeps_the_sent_mark_of_labels_and_occurrences_set_through_handles(tmpdir):
    first = Batch('MyOrg', temp_path=str(tmpdir), store_path='setters.db')
    _build_with_setters(first)
    first.flush()
    first.store.mark_chunk(['setters-host', 'setters-file'], 7)
    texts = [first.store.get(xid)[2] for xid in ('setters-host', 'setters-file')]
    first.close(remove=False)

    rerun = Batch('MyOrg', temp_path=str(tmpdir), store_path='setters.db')
    _build_with_setters(rerun)
    rerun.flush()
    assert [rerun.store.get(xid)[2] for xid in ('setters-host', 'setters-file')] == texts
    assert rerun.store.chunk_ids(['setters-host', 'setters-file']) == {'setters-host': 7, 'setters-file': 7}
    rerun.close(remove=True)
