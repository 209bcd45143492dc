# -*- coding: utf-8 -*-
"""tcex.batch.store.live: weak references to written entities, pruned when the entities die."""
from __future__ import absolute_import, division, print_function, unicode_literals

import gc

from tcex.batch.store import LiveMap


class Thing(object):
    """A stand-in entity: anything with an xid that can be weakly referenced."""

    def __init__(self, xid):
        self.xid = xid


def test_get_contains_and_len_while_alive():
    live = LiveMap()
    a, b = Thing('a'), Thing('b')
    live.add(a)
    live.add(b)
    assert live.get('a') is a and 'b' in live and 'c' not in live and live.get('c') is None
    assert len(live) == 2


def test_dead_entities_are_not_returned_and_are_pruned():
    live = LiveMap()
    keep = Thing('keep')
    live.add(keep)
    live.add(Thing('gone'))  # nothing holds it
    gc.collect()
    assert live.get('gone') is None and 'gone' not in live
    assert 'gone' in live.refs  # the dead reference stays until pruned...
    assert len(live) == 1  # ...len prunes
    assert list(live.refs) == ['keep']


def test_maybe_prune_waits_for_the_floor_then_prunes_in_bulk():
    live = LiveMap(floor=4)
    for i in range(4):
        live.add(Thing(i))  # all die at once
    gc.collect()
    live.maybe_prune()
    assert len(live.refs) == 4  # not over the floor yet: nothing pruned
    live.add(Thing(4))
    gc.collect()
    live.maybe_prune()
    assert live.refs == {}


def test_discard_only_forgets_the_same_entity():
    live = LiveMap()
    first, second = Thing('x'), Thing('x')
    live.add(first)
    live.discard(second)
    assert live.get('x') is first
    live.add(second)  # a reload of the xid replaces the reference
    live.discard(first)
    assert live.get('x') is second
    live.discard(second)
    assert 'x' not in live and live.refs == {}
