# -*- coding: utf-8 -*-
"""Tests of tcex/batch/store/xid_filter.py: the "maybe stored" test without SQL."""
from __future__ import absolute_import, division, print_function, unicode_literals

from tcex.batch.store import xid_filter
from tcex.batch.store.xid_filter import XidFilter


def test_added_xids_are_found_and_others_are_not():
    xids = XidFilter()
    stored = ['xid-{}'.format(i) for i in range(1000)]
    xids.add(stored[:500])
    xids.add(stored[500:])
    assert all(xids.may_contain(x) for x in stored)
    assert not any(xids.may_contain('other-{}'.format(i)) for i in range(1000))  # the segments settle the bitmap


def test_past_max_segments_they_are_merged_and_stay_exact():
    xids = XidFilter()
    writes = 3 * xid_filter.MAX_SEGMENTS + 5
    for i in range(writes):
        xids.add(['w-{}-{}'.format(i, n) for n in range(20)])
    assert xids.segments is not None and len(xids.segments) <= xid_filter.MAX_SEGMENTS
    assert all(xids.may_contain('w-{}-{}'.format(i, n)) for i in range(writes) for n in range(20))
    assert not any(xids.may_contain('other-{}'.format(i)) for i in range(5000))  # no bitmap guesses


def test_past_max_hashes_a_bitmap_hit_is_a_maybe(monkeypatch):
    monkeypatch.setattr(xid_filter, 'MAX_HASHES', 10)
    xids = XidFilter()
    for i in range(xid_filter.MAX_SEGMENTS + 1):
        xids.add(['w-{}'.format(i)])
    assert xids.segments is None
    assert all(xids.may_contain('w-{}'.format(i)) for i in range(xid_filter.MAX_SEGMENTS + 1))


def test_existed_at_open_and_seen_are_kept_apart():
    xids = XidFilter()
    assert xids.load(iter(['old-1', 'old-2'])) is True
    xids.add(['new-1'])
    assert xids.existed_at_open('old-1') and not xids.existed_at_open('new-1')
    assert xids.may_contain('new-1') and xids.may_contain('old-2')
    assert not xids.was_seen('old-1')
    xids.note_seen('old-1')
    assert xids.was_seen('old-1') and not xids.was_seen('old-2')
    assert XidFilter().load(iter([])) is False
