# -*- coding: utf-8 -*-
"""The "sent" marks of entity rows: which chunk (or job) an entity was uploaded in.

The submitter records a chunk's xids after a successful upload, reads a chunk back to
resend it, and clears sent rows once the run is complete (:mod:`tcex.batch.submit`). It
runs no SQL itself: these are the queries behind the store's methods of the same names.
"""
from __future__ import absolute_import, division, print_function, unicode_literals

from tcex.batch.types.kind import Kind

_PAGE = 5000


class SentMarks(object):
    """Queries on the ``chunk_id`` column of the ``entity`` table.

    Args:
        connection (sqlite3.Connection): The store's connection.
        transactions (tcex.batch.store.transaction.Transactions): Its transactions.
        ensure_index (callable): Creates the xid index before a query by xid.
    """

    def __init__(self, connection, transactions, ensure_index):
        self._conn = connection
        self._tx = transactions
        self._ensure_index = ensure_index

    def mark(self, xids, chunk_id):
        """Set the chunk_id of the given xids (None clears the mark)."""
        self._ensure_index()
        with self._tx:
            self._conn.executemany('UPDATE entity SET chunk_id = ? WHERE xid = ?',
                                   [(chunk_id, xid) for xid in xids])

    def chunk_ids(self, xids):
        """Return a dict xid -> chunk_id for the given xids that are stored."""
        self._ensure_index()
        out = {}
        for xid in xids:
            row = self._conn.execute('SELECT chunk_id FROM entity WHERE xid = ?', (xid,)).fetchone()
            if row is not None:
                out[xid] = row[0]
        return out

    def chunk_texts(self, chunk_id, xids):
        """Return ``(group_texts, indicator_texts)`` of the xids still marked with ``chunk_id``, in order."""
        self._ensure_index()
        lists = ([], [])
        for xid in xids:
            row = self._conn.execute('SELECT kind, data FROM entity WHERE xid = ? AND chunk_id = ?',
                                     (xid, chunk_id)).fetchone()
            if row is not None:
                lists[0 if row[0] == Kind.GROUP else 1].append(row[1])
        return lists

    def delete_sent(self):
        """Delete every row marked as sent; return how many."""
        with self._tx:
            return self._conn.execute('DELETE FROM entity WHERE chunk_id IS NOT NULL').rowcount

    def prune(self, before, keep):
        """Delete rows marked with a chunk id below ``before`` unless ``keep(xid)`` is true.

        Args:
            before (int): Rows marked with a lower chunk id are candidates.
            keep (callable): xid -> bool, True for a row to keep.

        Returns:
            int: Rows deleted.
        """
        doomed = []
        last = 0
        while True:  # page by key: a kept store may be large
            rows = self._conn.execute('SELECT seq, xid FROM entity WHERE seq > ? AND chunk_id IS NOT NULL AND '
                                      'chunk_id < ? ORDER BY seq LIMIT ?', (last, before, _PAGE)).fetchall()
            doomed.extend(seq for seq, xid in rows if not keep(xid))
            if len(rows) < _PAGE:
                break
            last = rows[-1][0]
        with self._tx:
            self._conn.executemany('DELETE FROM entity WHERE seq = ?', ((seq,) for seq in doomed))
        return len(doomed)
