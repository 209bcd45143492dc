# -*- coding: utf-8 -*-
"""A cheap "is this xid stored?" test that saves a SELECT for every new entity.

A bitmap of ``hash(xid)`` says "certainly not stored" for most new xids; sorted arrays of
the full hashes of each bulk write (*segments*) settle the bitmap's false positives without
SQL. Past ``MAX_SEGMENTS`` bulk writes the segments are merged into one (so a lookup stays a
few binary searches however many writes there were); past ``MAX_HASHES`` hashes they are
dropped and a bitmap hit falls back to the SQL index. The hashes of the rows an earlier run left are kept apart
(:meth:`XidFilter.existed_at_open`), and so are the xids read back in this process
(:meth:`XidFilter.was_seen`).
"""
from __future__ import absolute_import, division, print_function, unicode_literals

import array
import bisect
import itertools

from six.moves import map  # pylint: disable=redefined-builtin

BITS = 1 << 24
MASK = BITS - 1
#: Past this many segments they are merged into one.
MAX_SEGMENTS = 32
#: Past this many hashes (8 bytes each) the segments are dropped: a bitmap hit is then settled by SQL.
MAX_HASHES = 8 * 1000 * 1000
_HASHES = 'q' if 'q' in getattr(array, 'typecodes', '') else 'l'  # a C type holding hash() (py2: long)


def _contains(hashes, full):
    i = bisect.bisect_left(hashes, full)
    return i < len(hashes) and hashes[i] == full


class XidFilter(object):
    """Bitmap and sorted hash segments of the xids written to the database."""

    __slots__ = ('bitmap', 'segments', 'at_open', 'seen')

    def __init__(self):
        self.bitmap = bytearray(BITS >> 3)
        self.segments = []  # sorted arrays of hash(xid) per bulk write (None: no longer kept)
        self.at_open = None  # sorted hash(xid) of the rows an earlier run left
        self.seen = None  # bitmap of hash(xid) of rows read back in this process

    def load(self, xids):
        """Note the xids of an existing file (they existed at open)."""
        hashes = []
        bitmap = self.bitmap
        for xid in xids:
            full = hash(xid)
            h = full & MASK
            bitmap[h >> 3] |= 1 << (h & 7)
            hashes.append(full)
        if hashes:
            self.at_open = array.array(_HASHES, sorted(hashes))
            self.segments.append(self.at_open)
        return bool(hashes)

    def add(self, xids):
        """Note the xids of one bulk write."""
        bitmap = self.bitmap
        hashes = list(map(hash, xids))
        for full in hashes:
            h = full & MASK
            bitmap[h >> 3] |= 1 << (h & 7)
        segments = self.segments
        if segments is not None:
            hashes.sort()
            segments.append(array.array(_HASHES, hashes))
            if len(segments) > MAX_SEGMENTS:
                self._merge()

    def _merge(self):
        """Merge the segments into one sorted array, or drop them past ``MAX_HASHES``."""
        if sum(map(len, self.segments)) > MAX_HASHES:
            self.segments = None
            return
        # Sorting sorted runs is a merge (Timsort finds the runs).
        self.segments = [array.array(_HASHES, sorted(itertools.chain.from_iterable(self.segments)))]

    def may_contain(self, xid):
        """Return False when ``xid`` is certainly not in the database (exact up to hash collisions)."""
        full = hash(xid)
        h = full & MASK
        if not self.bitmap[h >> 3] & (1 << (h & 7)):
            return False
        if self.segments is None:
            return True
        for segment in self.segments:
            if _contains(segment, full):
                return True
        return False

    def existed_at_open(self, xid):
        """Return whether ``xid`` was stored when the file was opened."""
        return self.at_open is not None and _contains(self.at_open, hash(xid))

    def note_seen(self, xid):
        """Remember that a stored row was read back in this process."""
        if self.seen is None:
            self.seen = bytearray(BITS >> 3)
        h = hash(xid) & MASK
        self.seen[h >> 3] |= 1 << (h & 7)

    def was_seen(self, xid):
        """Return whether a stored row may have been read back in this process."""
        if self.seen is None:
            return False
        h = hash(xid) & MASK
        return bool(self.seen[h >> 3] & (1 << (h & 7)))
