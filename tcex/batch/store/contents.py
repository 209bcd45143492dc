# -*- coding: utf-8 -*-
"""The Document and Report content kept in the store file for the upload step."""
from __future__ import absolute_import, division, print_function, unicode_literals

import sqlite3

import six


def _content(value):
    if value is not None and not isinstance(value, (six.text_type, six.binary_type)):
        return bytes(value)  # a py2 buffer
    return value


class ContentTable(object):
    """The ``file`` table: one row per Document/Report xid (content, or a callback marker).

    Args:
        connection (sqlite3.Connection): The store's connection.
        transactions (tcex.batch.store.transaction.Transactions): Its transactions.
    """

    def __init__(self, connection, transactions):
        self._conn = connection
        self._tx = transactions

    def put(self, xid, type_name, content):
        """Store content (bytes or text) or a callback marker (content None)."""
        if isinstance(content, six.binary_type):
            content = sqlite3.Binary(content)
        with self._tx:
            self._conn.execute(
                'INSERT INTO file (xid, type, content, is_callback) VALUES (?, ?, ?, ?) '
                'ON CONFLICT(xid) DO UPDATE SET type = excluded.type, content = excluded.content, '
                'is_callback = excluded.is_callback', (xid, type_name, content, 1 if content is None else 0))

    def delete(self, xids):
        """Forget the content of several xids (no error for one that has none)."""
        with self._tx:
            self._conn.executemany('DELETE FROM file WHERE xid = ?', [(xid,) for xid in xids])

    def get(self, xid):
        """Return ``(type, content, is_callback)`` for an xid, or None."""
        row = self._conn.execute('SELECT type, content, is_callback FROM file WHERE xid = ?',
                                 (xid,)).fetchone()
        if row is None:
            return None
        return row[0], _content(row[1]), bool(row[2])

    def count(self):
        """Return the number of contents (and callback markers) stored."""
        return self._conn.execute('SELECT COUNT(*) FROM file').fetchone()[0]

    def xids(self):
        """Return the set of xids that have a row."""
        return set(xid for (xid,) in self._conn.execute('SELECT xid FROM file'))

    def rows(self):
        """Yield ``(xid, type, content, is_callback)`` in insertion order."""
        last = 0
        while True:
            rows = self._conn.execute(
                'SELECT seq, xid, type, content, is_callback FROM file WHERE seq > ? ORDER BY seq LIMIT 100',
                (last,)).fetchall()
            for row in rows:
                yield row[1], row[2], _content(row[3]), bool(row[4])
            if len(rows) < 100:
                return
            last = rows[-1][0]
