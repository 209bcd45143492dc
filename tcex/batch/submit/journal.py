# -*- coding: utf-8 -*-
"""The submit journal: what was sent, to which batch job, with what outcome.

The journal lives in the batch's SQLite store (``batch.store.connection``), so an App
that crashed or was killed mid-submit and runs again with the same ``tc_temp_path`` finds
it and continues: chunks already completed are not sent again, a chunk whose job was
created but whose outcome is unknown is checked on the server first.

A chunk moves through these states:

``pending``
    recorded (with its xids) before any request is made;
``created``
    ``POST /v2/batch`` answered with a batch id;
``uploaded``
    the chunk's data reached that job (``POST /v2/batch/{id}`` answered, or the job's
    status shows it received data);
``completed``
    the job finished; ``result`` holds its ``batchStatus`` (and errors).

File uploads are journaled per xid (``uploaded`` or ``failed``; ``done`` once a run
returned the upload in its result).

When a run returns its result (:meth:`Journal.reported`), its completed chunks leave the
journal, so the next run's result counts only its own work. Chunk numbers are never
reused (a high-water mark is kept): entities keep the number of the chunk that sent them.
"""
from __future__ import absolute_import, division, print_function, unicode_literals

import json
import logging
import threading

logger = logging.getLogger('tcex.batch.submit')

PENDING = 'pending'
CREATED = 'created'
UPLOADED = 'uploaded'
COMPLETED = 'completed'
DONE = 'done'

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


class JournalChunk(object):
    """One journaled chunk.

    Attributes:
        seq (int): The chunk's sequence number in the journal (1-based, across runs).
        xids (list): The xids it carries (groups first).
        group_count (int): Groups in the chunk.
        indicator_count (int): Indicators in the chunk.
        size (int): Payload bytes.
        batch_id (int): The batch job id, once created.
        status (str): ``pending``, ``created``, ``uploaded`` or ``completed``.
        result (dict): The job's ``batchStatus`` once completed.
    """

    __slots__ = ('seq', 'xids', 'group_count', 'indicator_count', 'size', 'batch_id', 'status', 'result')

    def __init__(self, seq, xids, group_count, indicator_count, size, batch_id, status, result):
        self.seq = seq
        self.xids = xids
        self.group_count = group_count
        self.indicator_count = indicator_count
        self.size = size
        self.batch_id = batch_id
        self.status = status
        self.result = result

    @property
    def count(self):
        """int: Entities in the chunk."""
        return self.group_count + self.indicator_count

    def __repr__(self):
        return '<JournalChunk {} batch_id={} status={} entities={}>'.format(
            self.seq, self.batch_id, self.status, self.count)


class Journal(object):
    """The submit journal in an SQLite connection.

    Args:
        connection (sqlite3.Connection): The batch store's connection.
        clock (callable): Current Unix time (for the ``updated`` column).
    """

    def __init__(self, connection, clock=None):
        self.connection = connection
        self.clock = clock
        self._lock = threading.RLock()
        with self._lock:
            for statement in _SCHEMA:
                self.connection.execute(statement)
            self.connection.commit()

    def _now(self):
        return self.clock() if self.clock is not None else None

    def _row(self, row):
        seq, xids, groups, indicators, size, batch_id, status, result = row
        return JournalChunk(seq, json.loads(xids), groups, indicators, size, batch_id, status,
                            json.loads(result) if result else None)

    def chunks(self, statuses=None):
        """Return the journaled chunks in order.

        Args:
            statuses (iterable): Only chunks in these states (default all).

        Returns:
            list: :class:`JournalChunk` objects.
        """
        with self._lock:
            rows = self.connection.execute(
                'SELECT seq, xids, group_count, indicator_count, size, batch_id, status, result '
                'FROM tcex_submit_chunk ORDER BY seq').fetchall()
        chunks = [self._row(row) for row in rows]
        if statuses is not None:
            statuses = set(statuses)
            chunks = [c for c in chunks if c.status in statuses]
        return chunks

    def unfinished(self):
        """Return chunks recorded but not completed (a previous run stopped mid-way)."""
        return self.chunks([PENDING, CREATED, UPLOADED])

    def next_seq(self):
        """Return the number the next recorded chunk gets (never one used before)."""
        with self._lock:
            last = self.connection.execute('SELECT MAX(seq) FROM tcex_submit_chunk').fetchone()[0] or 0
            mark = self.connection.execute("SELECT value FROM tcex_submit_meta WHERE key = 'last_seq'").fetchone()
        return max(last, mark[0] if mark else 0) + 1

    def instance(self, url):
        """Record the API the journaled jobs are sent to; return the one recorded before (or None).

        Args:
            url (str): The API base URL (``tc_api_path``).
        """
        with self._lock:
            row = self.connection.execute("SELECT value FROM tcex_submit_meta WHERE key = 'api'").fetchone()
            self.connection.execute("INSERT OR REPLACE INTO tcex_submit_meta (key, value) VALUES ('api', ?)", (url,))
            self.connection.commit()
        return row[0] if row else None

    def reported(self):
        """A run returned its result: drop its completed chunks and mark its file uploads done."""
        with self._lock:
            self.connection.execute('DELETE FROM tcex_submit_chunk WHERE status = ?', (COMPLETED,))
            self.connection.execute('UPDATE tcex_submit_file SET status = ? WHERE status = ?', (DONE, UPLOADED))
            self.connection.execute('DELETE FROM tcex_submit_file WHERE status = ? AND xid NOT IN '
                                    '(SELECT xid FROM entity)', (DONE,))
            self.connection.commit()

    def record(self, xids, group_count, indicator_count, size):
        """Record a chunk before anything is sent.

        Args:
            xids (list): Its xids.
            group_count (int): Groups.
            indicator_count (int): Indicators.
            size (int): Payload bytes.

        Returns:
            JournalChunk: The new entry (status ``pending``).
        """
        with self._lock:
            seq = self.next_seq()
            self.connection.execute(
                'INSERT INTO tcex_submit_chunk (seq, xids, group_count, indicator_count, size, status, updated) '
                'VALUES (?, ?, ?, ?, ?, ?, ?)',
                (seq, json.dumps(list(xids)), group_count, indicator_count, size, PENDING, self._now()))
            self.connection.execute("INSERT OR REPLACE INTO tcex_submit_meta (key, value) VALUES ('last_seq', ?)",
                                    (seq,))
            self.connection.commit()
        return JournalChunk(seq, list(xids), group_count, indicator_count, size, None, PENDING, None)

    def update(self, chunk, status, batch_id=None, result=None):
        """Move a chunk to a new state (committed at once).

        Args:
            chunk (JournalChunk): The entry (updated in place).
            status (str): The new state.
            batch_id (int): The job id, when known.
            result (dict): The outcome, when completed.
        """
        chunk.status = status
        if batch_id is not None:
            chunk.batch_id = batch_id
        if result is not None:
            chunk.result = result
        with self._lock:
            self.connection.execute(
                'UPDATE tcex_submit_chunk SET status = ?, batch_id = ?, result = ?, updated = ? WHERE seq = ?',
                (chunk.status, chunk.batch_id, json.dumps(chunk.result) if chunk.result is not None else None,
                 self._now(), chunk.seq))
            self.connection.commit()

    def forget(self, chunk):
        """Drop a chunk whose data never reached the server (the caller unmarks its entities).

        Args:
            chunk (JournalChunk): The entry (must not have a batch id).
        """
        with self._lock:
            self.connection.execute('DELETE FROM tcex_submit_chunk WHERE seq = ?', (chunk.seq,))
            self.connection.commit()

    def clear(self):
        """Forget every chunk and file (the submit finished; the store holds no sent entity)."""
        with self._lock:
            self.connection.execute('DELETE FROM tcex_submit_chunk')
            self.connection.execute('DELETE FROM tcex_submit_meta')
            self.connection.execute('DELETE FROM tcex_submit_file')
            self.connection.commit()

    def clear_files(self):
        """Forget the file uploads (the upload step finished)."""
        with self._lock:
            self.connection.execute('DELETE FROM tcex_submit_file')
            self.connection.commit()

    def file_status(self, xid):
        """Return the journaled upload status of a file (``uploaded``/``failed``/``done``) or None."""
        with self._lock:
            row = self.connection.execute('SELECT status FROM tcex_submit_file WHERE xid = ?', (xid,)).fetchone()
        return row[0] if row else None

    def file_results(self):
        """Return the journaled file upload results not yet returned by a run, in upload order."""
        with self._lock:
            rows = self.connection.execute('SELECT result FROM tcex_submit_file WHERE status != ? ORDER BY rowid',
                                           (DONE,)).fetchall()
        return [json.loads(row[0]) for row in rows if row[0]]

    def record_file(self, xid, status, result):
        """Journal a file upload outcome.

        Args:
            xid (str): The Document/Report xid.
            status (str): ``uploaded`` or ``failed``.
            result (dict): The upload result returned to the App.
        """
        with self._lock:
            self.connection.execute('DELETE FROM tcex_submit_file WHERE xid = ?', (xid,))
            self.connection.execute('INSERT INTO tcex_submit_file (xid, status, result) VALUES (?, ?, ?)',
                                    (xid, status, json.dumps(result)))
            self.connection.commit()
