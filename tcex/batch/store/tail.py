# -*- coding: utf-8 -*-
"""The store's in-memory tail: new rows kept in insertion order until written in bulk.

Rows are kept as ``xid -> json_text``; their kinds and types as *runs* (``[kind, type,
count]`` of consecutive rows), so a million rows of a few types cost a few list items. The
kind and type of one row (:meth:`Tail.kind_and_type`, the rare path of a re-added entity)
come from its run, found through an index ``xid -> run`` that is only built when it is
first asked for, and then only extended over the rows added since (newest first).
"""
from __future__ import absolute_import, division, print_function, unicode_literals

import collections
import itertools
import sys

import six

_ORDERED = dict if sys.version_info >= (3, 7) else collections.OrderedDict
# Approximate memory of one tail row besides its JSON text: dict slot, str headers and the xid; on
# Python 2 the xid is a 4-bytes-a-character unicode string and the pure-Python OrderedDict adds a
# linked-list node per key.
ROW_OVERHEAD = 200 if six.PY3 else 600
# Approximate memory of one row in the run index (a dict slot pointing at a shared run).
INDEX_OVERHEAD = 64 if six.PY3 else 100


class Tail(object):
    """New rows not yet in the database.

    Attributes:
        texts (dict): xid -> JSON text, in insertion order.
        runs (list): ``[kind, type, count]`` of consecutive rows.
        nbytes (int): Approximate memory of the rows (and of the run index once built).
    """

    __slots__ = ('texts', 'runs', 'nbytes', '_run_of', '_indexed')

    def __init__(self):
        self.texts = _ORDERED()
        self.runs = []
        self.nbytes = 0
        self._run_of = None  # xid -> its run, built by kind_and_type (None until first asked)
        self._indexed = 0  # rows (from the first) in _run_of

    def __len__(self):
        return len(self.texts)

    def __contains__(self, xid):
        return xid in self.texts

    def __iter__(self):
        return iter(self.texts)

    def get(self, xid):
        """Return the JSON text of a row in memory, or None."""
        return self.texts.get(xid)

    def kind_and_type(self, xid):
        """Return ``(kind, type)`` of a row in memory (from its run), or None.

        The first call indexes the rows in memory; later calls index only the rows added
        since, so a stream of re-added entities costs each row once, not the tail once each.
        """
        if xid not in self.texts:
            return None
        run_of = self._run_of
        if run_of is None:
            run_of = self._run_of = {}
        if xid not in run_of:
            self._index_new_rows(run_of)
        run = run_of[xid]
        return run[0], run[1]

    def _index_new_rows(self, run_of):
        """Map the rows added since the last call to their runs, walking back from the newest."""
        need = len(self.texts) - self._indexed
        try:
            keys = reversed(self.texts)
            runs = reversed(self.runs)
        except TypeError:  # Python 3.7: a dict is ordered but not reversible
            keys = reversed(list(itertools.islice(self.texts, self._indexed, None)))
            runs = reversed(self.runs)
        for run in runs:
            take = min(run[2], need)
            run_of.update(zip(itertools.islice(keys, take), itertools.repeat(run, take)))
            need -= take
            if not need:
                break
        self.nbytes += (len(self.texts) - self._indexed) * INDEX_OVERHEAD
        self._indexed = len(self.texts)

    def add(self, rows):
        """Append new rows; return those whose xid is already here (updates).

        Args:
            rows (iterable): ``(xid, kind, type, json_text)``.

        Returns:
            list: The rows that are updates of rows in memory (not appended).
        """
        texts = self.texts
        runs = self.runs
        run = runs[-1] if runs else None
        size = self.nbytes
        updates = []
        for row in rows:
            xid, kind, type_name, text = row
            if xid in texts:
                updates.append(row)
                continue
            texts[xid] = text
            size += len(text) + ROW_OVERHEAD
            if run is not None and run[1] == type_name and run[0] == kind:
                run[2] += 1
            else:
                run = [kind, type_name, 1]
                runs.append(run)
        self.nbytes = size
        return updates

    def disjoint(self, xids):
        """Return True when none of ``xids`` is in memory."""
        return six.viewkeys(self.texts).isdisjoint(xids)

    def extend(self, xids, texts, runs):
        """Append new rows given as parallel lists (none of the xids is in memory)."""
        self.texts.update(zip(xids, texts))
        self.nbytes += sum(map(len, texts)) + ROW_OVERHEAD * len(texts)
        own = self.runs
        for run in runs:
            if own and own[-1][0] == run[0] and own[-1][1] == run[1]:
                own[-1][2] += run[2]
            else:
                own.append(list(run))

    def replace(self, xid, text):
        """Replace the text of a row in memory (same position); return False when it is not here."""
        old = self.texts.get(xid)
        if old is None:
            return False
        self.texts[xid] = text
        self.nbytes += len(text) - len(old)
        return True

    def rows(self):
        """Yield ``(xid, kind, type, json_text)`` in order."""
        items = iter(self.texts.items())
        for kind, type_name, count in self.runs:
            for xid, text in itertools.islice(items, count):
                yield xid, kind, type_name, text

    def items_of_kind(self, kind):
        """Return a snapshot list of ``(xid, json_text)`` of one kind, in order."""
        items = list(self.texts.items())
        out = []
        start = 0
        for run_kind, _type, count in [tuple(run) for run in self.runs]:
            if run_kind == kind:
                out.extend(items[start:start + count])
            start += count
        return out

    def count(self, kind):
        """Return the number of rows of one kind."""
        return sum(run[2] for run in self.runs if run[0] == kind)
