# -*- coding: utf-8 -*-
"""The ``entity`` table: one row per stored entity (the SQL of reading and writing rows).

A row holds the xid, a stable insertion sequence (an update keeps its position), the kind
(:class:`~tcex.batch.types.kind.Kind`), the type, the JSON text and a nullable ``chunk_id``
that an update resets to NULL when the JSON changed. The unique xid index is built lazily
(:meth:`EntityTable.ensure_index`), before the first query by xid.
"""
from __future__ import absolute_import, division, print_function, unicode_literals

import six

from tcex.batch.store.schema import GROUPS_ONLY, INDEX
from tcex.batch.types.kind import Kind

_INSERT = 'INSERT INTO entity (xid, kind, type, data) VALUES (?, ?, ?, ?)'
# Python 2 reads TEXT as unicode (4 bytes a character here) while the texts it keeps in memory are
# ASCII byte strings: the JSON texts are read as bytes there, so the chunks join them as they are.
_DATA, _DATA_TYPE = ('CAST(data AS BLOB)', six.binary_type) if six.PY2 else ('data', None)
_UPDATE = ('UPDATE entity SET kind = ?, type = ?, chunk_id = CASE WHEN data = ? THEN chunk_id ELSE NULL END, '
           'data = ? WHERE xid = ?')


class EntityTable(object):
    """Reads and writes entity rows.

    Args:
        connection (sqlite3.Connection): The store's connection.
        transactions (tcex.batch.store.transaction.Transactions): Its transactions.
        indexed (bool): Whether the xid index exists already.
    """

    def __init__(self, connection, transactions, indexed):
        self._conn = connection
        self._tx = transactions
        self.indexed = indexed

    def ensure_index(self):
        """Create the unique xid index if it does not exist yet."""
        if not self.indexed:
            with self._tx:
                self._conn.execute(INDEX)
            self.indexed = True

    def insert(self, rows):
        """Insert new rows ``(xid, kind, type, json_text)`` in one transaction."""
        with self._tx:
            self._conn.executemany(_INSERT, rows)

    def update(self, rows):
        """Update stored rows ``(xid, kind, type, json_text)`` in one transaction.

        A row keeps its position; its chunk_id is reset when its JSON changed.

        Returns:
            list: The rows whose xid is not in the table (nothing updated), e.g. dropped after a submit.
        """
        self.ensure_index()
        with self._tx:
            changed = self._conn.executemany(_UPDATE, [(row[1], row[2], row[3], row[3], row[0]) for row in rows])
        if changed.rowcount >= len(rows):
            return []
        return [row for row in rows if self.get(row[0]) is None]

    def get(self, xid):
        """Return ``(kind, type, json_text)`` of a stored row, or None."""
        self.ensure_index()
        return self._conn.execute('SELECT kind, type, data FROM entity WHERE xid = ?', (xid,)).fetchone()

    def count(self, kind=None):
        """Return the number of rows (of one kind when given)."""
        if kind is None:
            return self._conn.execute('SELECT COUNT(*) FROM entity').fetchone()[0]
        return self._conn.execute('SELECT COUNT(*) FROM entity WHERE kind = ?', (kind,)).fetchone()[0]

    def unsent_count(self):
        """Return the number of rows whose chunk_id is NULL."""
        return self._conn.execute('SELECT COUNT(*) FROM entity WHERE chunk_id IS NULL').fetchone()[0]

    def iter_rows(self, kind, unsent_only=False, page=2000):
        """Yield ``(xid, json_text)`` of one kind in insertion order, read page by page by key.

        Args:
            kind (int): The kind.
            unsent_only (bool): Only rows whose chunk_id is NULL.
            page (int): Rows per query.
        """
        condition = GROUPS_ONLY if kind == Kind.GROUP else 'kind = {}'.format(int(kind))  # literal: see GROUPS_ONLY
        sql = 'SELECT seq, xid, {} FROM entity WHERE {} AND seq > ? {}ORDER BY seq LIMIT ?'.format(
            _DATA, condition, 'AND chunk_id IS NULL ' if unsent_only else '')
        as_text = _DATA_TYPE
        last = 0
        while True:
            rows = self._conn.execute(sql, (last, page)).fetchall()
            for row in rows:
                yield row[1], row[2] if as_text is None else as_text(row[2])
            if len(rows) < page:
                return
            last = rows[-1][0]

    def all_tables_rows(self):
        """Return how many rows all the file's tables hold (entities, files, journal)."""
        total = 0
        tables = [row[0] for row in self._conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
        for table in tables:
            total += self._conn.execute('SELECT COUNT(*) FROM "{}"'.format(table.replace('"', '""'))).fetchone()[0]
        return total
