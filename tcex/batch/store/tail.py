# -*- coding: utf-8 -*-
"""The store's in-memory tail: new rows kept in insertion order until written in bulk.

A row is its xid, its JSON text and its *key* ``(kind, type)``, kept in three parallel lists
with an index ``xid -> position``. A key is the one tuple its type gives every row (the
caller passes the same object each time), so a row costs three list slots and an index
entry: no object is made per row, and feeds that interleave types cost the same as feeds
that do not.
"""
from __future__ import absolute_import, division, print_function, unicode_literals

import operator

import six
from six.moves import map, range, zip  # pylint: disable=redefined-builtin

# Approximate memory of one tail row besides its JSON text: three list slots, the index entry and
# its position, the xid; on Python 2 the xid is a 4-bytes-a-character unicode string.
ROW_OVERHEAD = 240 if six.PY3 else 600
_KIND = operator.itemgetter(0)
_TYPE = operator.itemgetter(1)


class Tail(object):
    """New rows not yet in the database.

    Attributes:
        xids (list): The xids, in insertion order.
        texts (list): Their JSON texts.
        keys (list): Their ``(kind, type)`` keys.
        nbytes (int): Approximate memory of the rows.
    """

    __slots__ = ('xids', 'texts', 'keys', 'nbytes', '_index', 'contains')

    def __init__(self):
        self.xids = []
        self.texts = []
        self.keys = []
        self.nbytes = 0
        self._index = {}  # xid -> position in the lists
        self.contains = self._index.__contains__  # ``xid in tail`` without a Python call (the hot path)

    def __len__(self):
        return len(self.xids)

    def __contains__(self, xid):
        return xid in self._index

    def __iter__(self):
        return iter(self.xids)

    def get(self, xid):
        """Return the JSON text of a row in memory, or None."""
        position = self._index.get(xid)
        return None if position is None else self.texts[position]

    def kind_and_type(self, xid):
        """Return ``(kind, type)`` of a row in memory, or None."""
        position = self._index.get(xid)
        return None if position is None else self.keys[position]

    def add(self, rows):
        """Append new rows; return those whose xid is already here (updates).

        Args:
            rows (iterable): ``(xid, kind, type, json_text)``.

        Returns:
            list: The rows that are updates of rows in memory (not appended).
        """
        index = self._index
        updates = []
        for row in rows:
            xid, kind, type_name, text = row
            if xid in index:
                updates.append(row)
                continue
            index[xid] = len(self.xids)
            self.xids.append(xid)
            self.texts.append(text)
            self.keys.append((kind, type_name))
            self.nbytes += len(text) + ROW_OVERHEAD
        return updates

    def disjoint(self, xids):
        """Return True when none of ``xids`` is in memory."""
        return not any(map(self._index.__contains__, xids))

    def extend(self, xids, texts, keys):
        """Append new rows given as parallel lists (none of the xids is in memory).

        Args:
            xids (list): The xids.
            texts (list): Their JSON texts.
            keys (list): Their ``(kind, type)`` keys.
        """
        start = len(self.xids)
        self._index.update(zip(xids, range(start, start + len(xids))))
        self.xids.extend(xids)
        self.texts.extend(texts)
        self.keys.extend(keys)
        self.nbytes += sum(map(len, texts)) + ROW_OVERHEAD * len(texts)

    def replace(self, xid, text):
        """Replace the text of a row in memory (same position); return False when it is not here."""
        position = self._index.get(xid)
        if position is None:
            return False
        self.nbytes += len(text) - len(self.texts[position])
        self.texts[position] = text
        return True

    def rows(self):
        """Return an iterator of ``(xid, kind, type, json_text)`` in order (no Python code per row)."""
        keys = self.keys
        return zip(self.xids, map(_KIND, keys), map(_TYPE, keys), self.texts)

    def items_of_kind(self, kind):
        """Return a snapshot list of ``(xid, json_text)`` of one kind, in order."""
        return [(xid, text) for xid, key, text in zip(self.xids, self.keys, self.texts) if key[0] == kind]

    def count(self, kind):
        """Return the number of rows of one kind."""
        return sum(1 for key in self.keys if key[0] == kind)
