# -*- coding: utf-8 -*-
"""The map of live entities: weak references by xid (see :class:`tcex.batch.Batch`)."""
from __future__ import absolute_import, division, print_function, unicode_literals

import weakref


class LiveMap(object):
    """Weak references to the entities written to the store, by xid.

    Pending entities are held by the batch itself; once written, an entity stays
    reachable here only while the App still holds it. Dead references are
    pruned in bulk (cheaper than a callback per entity).
    """

    __slots__ = ('refs', '_prune_at', '_floor')

    def __init__(self, floor=1024):
        self.refs = {}
        self._floor = floor
        self._prune_at = floor

    def get(self, xid):
        """Return the live entity with this xid, or None."""
        ref = self.refs.get(xid)
        return None if ref is None else ref()

    def maybe_prune(self):
        """Prune when the map has grown enough since the last pruning (amortised)."""
        if len(self.refs) > self._prune_at:
            self.prune()

    def add(self, entity):
        """Remember one entity."""
        self.refs[entity.xid] = weakref.ref(entity)

    def discard(self, entity):
        """Forget an entity (only if the xid maps to that entity)."""
        ref = self.refs.get(entity.xid)
        if ref is not None and ref() is entity:
            del self.refs[entity.xid]

    def prune(self):
        """Drop the references of entities that were freed."""
        refs = self.refs
        for xid in [xid for xid, ref in refs.items() if ref() is None]:
            del refs[xid]
        self._prune_at = 2 * len(refs) + self._floor

    def __len__(self):
        self.prune()
        return len(self.refs)

    def __contains__(self, xid):
        return self.get(xid) is not None
