# -*- coding: utf-8 -*-
"""The tables of the submit journal, kept in the batch's SQLite store file.

:class:`JournalTables` is the persistence of :class:`tcex.batch.submit.journal.Journal`:
one row per chunk (``tcex_submit_chunk``), one per Document/Report upload
(``tcex_submit_file``) and a few settings (``tcex_submit_meta``: the API URL and the chunk
number high-water mark). Each method that writes is one transaction, committed at once.
"""
from __future__ import absolute_import, division, print_function, unicode_literals

_SCHEMA = (
    'CREATE TABLE IF NOT EXISTS tcex_submit_chunk ('
    ' seq INTEGER PRIMARY KEY,'
    ' xids TEXT NOT NULL,'
    ' group_count INTEGER NOT NULL,'
    ' indicator_count INTEGER NOT NULL,'
    ' size INTEGER NOT NULL,'
    ' batch_id INTEGER,'
    ' status TEXT NOT NULL,'
    ' result TEXT,'
    ' updated REAL)',
    'CREATE TABLE IF NOT EXISTS tcex_submit_file ('
    ' xid TEXT PRIMARY KEY,'
    ' status TEXT NOT NULL,'
    ' result TEXT)',
    'CREATE TABLE IF NOT EXISTS tcex_submit_meta (key TEXT PRIMARY KEY, value)',
)
_CHUNK_COLUMNS = 'seq, xids, group_count, indicator_count, size, batch_id, status, result'


class JournalTables(object):
    """The journal's rows in an SQLite connection (created when missing).

    Args:
        connection (sqlite3.Connection): The store's connection.
        transactions (tcex.batch.store.transaction.Transactions): Its transactions (their lock
            also guards the reads here).
    """

    def __init__(self, connection, transactions):
        self._conn = connection
        self._tx = transactions
        self._lock = transactions.lock
        with self._tx:
            for statement in _SCHEMA:
                self._conn.execute(statement)

    def _run(self, *statements):
        with self._tx:
            for statement in statements:
                self._conn.execute(*statement)

    # -- chunks ---------------------------------------------------------------------------
    def chunk_rows(self):
        """Return ``(seq, xids_json, groups, indicators, size, batch_id, status, result_json)`` rows by seq."""
        with self._lock:
            return self._conn.execute('SELECT {} FROM tcex_submit_chunk ORDER BY seq'.format(
                _CHUNK_COLUMNS)).fetchall()

    def last_seq(self):
        """Return the highest chunk number ever recorded (0 when none)."""
        with self._lock:
            last = self._conn.execute('SELECT MAX(seq) FROM tcex_submit_chunk').fetchone()[0] or 0
            mark = self.meta('last_seq')
        return max(last, mark or 0)

    def insert_chunk(self, seq, xids_json, group_count, indicator_count, size, status, updated):
        """Insert a chunk row and raise the chunk number high-water mark to ``seq``."""
        self._run(('INSERT INTO tcex_submit_chunk (seq, xids, group_count, indicator_count, size, status, updated) '
                   'VALUES (?, ?, ?, ?, ?, ?, ?)', (seq, xids_json, group_count, indicator_count, size, status,
                                                    updated)),
                  ("INSERT OR REPLACE INTO tcex_submit_meta (key, value) VALUES ('last_seq', ?)", (seq,)))

    def update_chunk(self, seq, status, batch_id, result_json, updated):
        """Set a chunk row's status, batch id, result and time."""
        self._run(('UPDATE tcex_submit_chunk SET status = ?, batch_id = ?, result = ?, updated = ? WHERE seq = ?',
                   (status, batch_id, result_json, updated, seq)))

    def delete_chunk(self, seq):
        """Delete one chunk row."""
        self._run(('DELETE FROM tcex_submit_chunk WHERE seq = ?', (seq,)))

    def delete_chunks(self, status):
        """Delete the chunk rows in one status."""
        self._run(('DELETE FROM tcex_submit_chunk WHERE status = ?', (status,)))

    # -- settings ---------------------------------------------------------------------------
    def meta(self, key):
        """Return a setting's value (None when unset)."""
        with self._lock:
            row = self._conn.execute('SELECT value FROM tcex_submit_meta WHERE key = ?', (key,)).fetchone()
        return row[0] if row else None

    def set_meta(self, key, value):
        """Set a setting's value."""
        self._run(('INSERT OR REPLACE INTO tcex_submit_meta (key, value) VALUES (?, ?)', (key, value)))

    # -- file uploads ------------------------------------------------------------------------
    def file_status(self, xid):
        """Return a file upload's status, or None."""
        with self._lock:
            row = self._conn.execute('SELECT status FROM tcex_submit_file WHERE xid = ?', (xid,)).fetchone()
        return row[0] if row else None

    def file_results(self, except_status):
        """Return the result texts of the file rows not in ``except_status``, in upload order."""
        with self._lock:
            rows = self._conn.execute('SELECT result FROM tcex_submit_file WHERE status != ? ORDER BY rowid',
                                      (except_status,)).fetchall()
        return [row[0] for row in rows]

    def put_file(self, xid, status, result_json):
        """Record a file upload (replacing an earlier row of the xid, which moves to the end)."""
        self._run(('DELETE FROM tcex_submit_file WHERE xid = ?', (xid,)),
                  ('INSERT INTO tcex_submit_file (xid, status, result) VALUES (?, ?, ?)', (xid, status, result_json)))

    def delete_files(self, xids=None):
        """Delete the file rows of these xids (None: all)."""
        with self._tx:
            if xids is None:
                self._conn.execute('DELETE FROM tcex_submit_file')
            else:
                self._conn.executemany('DELETE FROM tcex_submit_file WHERE xid = ?', [(xid,) for xid in xids])

    def settle_files(self, old_status, new_status):
        """Move file rows from one status to another; drop those in the new one whose entity is gone."""
        self._run(('UPDATE tcex_submit_file SET status = ? WHERE status = ?', (new_status, old_status)),
                  ('DELETE FROM tcex_submit_file WHERE status = ? AND xid NOT IN (SELECT xid FROM entity)',
                   (new_status,)))

    def clear(self):
        """Delete every chunk, file and setting row."""
        self._run(('DELETE FROM tcex_submit_chunk',), ('DELETE FROM tcex_submit_meta',),
                  ('DELETE FROM tcex_submit_file',))

    def drop_uploaded_content(self, statuses):
        """Delete the stored Document/Report content of files whose upload is in ``statuses``."""
        marks = ', '.join('?' for _ in statuses)
        self._run(('DELETE FROM file WHERE xid IN (SELECT xid FROM tcex_submit_file WHERE status IN ({}))'.format(
            marks), tuple(statuses)))
