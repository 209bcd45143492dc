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
