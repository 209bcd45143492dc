# -*- coding: utf-8 -*-
"""Association storage with an adjacency index.

:class:`Edges` is a dict ``frozenset({end, end}) -> associationType`` (the shape
the batch processor writes) that also keeps, for every end, the set of ends it
is linked to, so the associations of one object are found without scanning all
of them.
"""
from __future__ import absolute_import, division, print_function, unicode_literals

_MISSING = object()


class Edges(dict):
    """``{frozenset((end_a, end_b)): associationType or None}`` plus an adjacency index."""

    def __init__(self):
        super(Edges, self).__init__()
        self._adjacent = {}

    def __setitem__(self, key, value):
        ends = list(key)
        if len(ends) == 2:
            self._adjacent.setdefault(ends[0], set()).add(ends[1])
            self._adjacent.setdefault(ends[1], set()).add(ends[0])
        super(Edges, self).__setitem__(key, value)

    def _unlink(self, key):
        ends = list(key)
        if len(ends) == 2:
            for one, other in ((ends[0], ends[1]), (ends[1], ends[0])):
                linked = self._adjacent.get(one)
                if linked is not None:
                    linked.discard(other)
                    if not linked:
                        del self._adjacent[one]

    def __delitem__(self, key):
        super(Edges, self).__delitem__(key)
        self._unlink(key)

    def pop(self, key, default=_MISSING):
        """Remove ``key`` and return its value (``default`` when absent)."""
        if key in self:
            self._unlink(key)
            return super(Edges, self).pop(key)
        if default is _MISSING:
            raise KeyError(key)
        return default

    def clear(self):
        """Remove every association."""
        super(Edges, self).clear()
        self._adjacent.clear()

    def neighbours(self, end):
        """Return ``[(other end, associationType)]`` for every association of ``end``."""
        return [(other, self.get(frozenset((end, other))))
                for other in self._adjacent.get(end, ())]

    def drop(self, end):
        """Remove every association touching ``end``."""
        for other in list(self._adjacent.get(end, ())):
            self.pop(frozenset((end, other)), None)
