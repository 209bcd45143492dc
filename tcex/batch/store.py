# -*- coding: utf-8 -*-
"""The SQLite store that keeps a batch's entities out of memory.

One row per entity, keyed by xid, with a stable insertion sequence (an update
keeps its position), its kind (0 group, 1 indicator), type, the serialized JSON
text and a nullable ``chunk_id`` that is reset to NULL whenever the entity's JSON
changes (the submitter records sent chunks there to resume without resending).
Document and Report content is kept in a second table for the upload step.
"""
from __future__ import absolute_import, division, print_function, unicode_literals

import logging
import os
import sqlite3
import tempfile

import six

from tcex.errors import BatchError

log = logging.getLogger('tcex.batch')

KIND_GROUP = 0
KIND_INDICATOR = 1
_BITS = 1 << 24  # bitmap of xid hashes: a cheap "maybe stored" test before a SELECT

_SCHEMA = (
    'CREATE TABLE IF NOT EXISTS entity (seq INTEGER PRIMARY KEY, xid TEXT NOT NULL, '
    'kind INTEGER NOT NULL, type TEXT NOT NULL, data TEXT NOT NULL, chunk_id INTEGER)',
    'CREATE TABLE IF NOT EXISTS file (seq INTEGER PRIMARY KEY, xid TEXT NOT NULL UNIQUE, '
    'type TEXT NOT NULL, content BLOB, is_callback INTEGER NOT NULL DEFAULT 0)',
)
_INSERT = 'INSERT INTO entity (xid, kind, type, data) VALUES (?, ?, ?, ?)'
_UPDATE = ('UPDATE entity SET kind = ?, type = ?, chunk_id = CASE WHEN data = ? THEN chunk_id ELSE NULL END, '
           'data = ? WHERE xid = ?')
# The xid index is built lazily (CREATE INDEX sorts once; maintaining a random-key
# index row by row would triple the cost of writing new entities).
_INDEX = 'CREATE UNIQUE INDEX IF NOT EXISTS entity_xid ON entity (xid)'


def _create_private(path):
    """Create ``path`` (if missing) readable and writable by the owner only (and its folder)."""
    try:
        folder = os.path.dirname(path)
        if folder and not os.path.isdir(folder):
            os.makedirs(folder)
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
        os.close(fd)
        os.chmod(path, 0o600)
    except OSError as exc:
        raise BatchError('cannot create batch store {}: {}'.format(path, exc.strerror or exc), value=path)


class Store(object):
    """An SQLite file holding entities and file contents.

    Args:
        path (str): The database file. None creates a unique file in ``temp_path``.
        temp_path (str): Directory for the unique file (None: the system temp dir).
        cache_kib (int): SQLite page cache size in KiB.

    Attributes:
        path (str): The database file.
        connection (sqlite3.Connection): The open connection (shared with the submitter).
        temporary (bool): True when the file was created here and is removed by :meth:`close`.
    """

    def __init__(self, path=None, temp_path=None, cache_kib=8192):
        self.temporary = path is None
        if path is None:
            if temp_path and not os.path.isdir(temp_path):
                try:
                    os.makedirs(temp_path)
                except OSError as exc:
                    raise BatchError('cannot create temp path {}: {}'.format(temp_path, exc), value=temp_path)
            fd, path = tempfile.mkstemp(prefix='tcex-batch-', suffix='.db', dir=temp_path or None)
            os.close(fd)
        else:
            _create_private(path)
        self.path = path
        try:
            self.connection = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
            cur = self.connection.cursor()
            cur.execute('PRAGMA locking_mode=EXCLUSIVE')
            cur.execute('PRAGMA journal_mode=WAL')
            cur.execute('PRAGMA synchronous=OFF')
            cur.execute('PRAGMA cache_size=-{}'.format(int(cache_kib)))
            cur.execute('PRAGMA temp_store=MEMORY')
            for statement in _SCHEMA:
                cur.execute(statement)
        except sqlite3.Error as exc:
            raise BatchError('cannot open batch store {}: {}'.format(path, exc), value=path)
        self._bitmap = bytearray(_BITS >> 3)
        self._indexed = False
        for (xid,) in self.connection.execute('SELECT xid FROM entity'):
            self._mark(xid)
            self._indexed = True
        if self._indexed:
            self.ensure_index()
        log.debug('batch store %s opened', path)

    # -- entity rows ---------------------------------------------------------------------
    def _mark(self, xid):
        h = hash(xid) & (_BITS - 1)
        self._bitmap[h >> 3] |= 1 << (h & 7)

    def may_contain(self, xid):
        """Return False when ``xid`` is certainly not stored (fast, no query).

        Args:
            xid (str): The xid.

        Returns:
            bool: True when the xid may be stored.
        """
        h = hash(xid) & (_BITS - 1)
        return bool(self._bitmap[h >> 3] & (1 << (h & 7)))

    def ensure_index(self):
        """Create the unique xid index if it does not exist yet."""
        if not self._indexed:
            with self.connection:
                self.connection.execute(_INDEX)
            self._indexed = True

    def put_many(self, new_rows, updated_rows=()):
        """Insert new entities and update stored ones, in bulk.

        Args:
            new_rows (list): ``(xid, kind, type, json_text)`` of entities not stored yet.
            updated_rows (list): The same for stored entities: an update keeps the
                row's position; its chunk_id is reset when the JSON changed.
        """
        mark = self._mark
        for row in new_rows:
            mark(row[0])
        if updated_rows:
            self.ensure_index()
        with self.connection:
            self.connection.executemany(_INSERT, new_rows)
            if updated_rows:
                self.connection.executemany(_UPDATE, [(r[1], r[2], r[3], r[3], r[0]) for r in updated_rows])

    def get(self, xid):
        """Return ``(kind, type, json_text)`` of a stored entity, or None."""
        if not self.may_contain(xid):
            return None
        self.ensure_index()
        return self.connection.execute('SELECT kind, type, data FROM entity WHERE xid = ?', (xid,)).fetchone()

    def count(self, kind=None):
        """Return the number of stored entities (of one kind when given)."""
        if kind is None:
            return self.connection.execute('SELECT COUNT(*) FROM entity').fetchone()[0]
        return self.connection.execute('SELECT COUNT(*) FROM entity WHERE kind = ?', (kind,)).fetchone()[0]

    def iter_rows(self, kind, unsent_only=False, page=2000):
        """Yield ``(xid, json_text)`` of one kind in insertion order, page by page.

        Pages are read by key, so the caller may update rows (e.g. chunk_id)
        between items.

        Args:
            kind (int): KIND_GROUP or KIND_INDICATOR.
            unsent_only (bool): Only rows whose chunk_id is NULL.
            page (int): Rows per query.
        """
        sql = 'SELECT seq, xid, data FROM entity WHERE kind = ? AND seq > ? {}ORDER BY seq LIMIT ?'.format(
            'AND chunk_id IS NULL ' if unsent_only else '')
        last = 0
        while True:
            rows = self.connection.execute(sql, (kind, last, page)).fetchall()
            for row in rows:
                yield row[1], row[2]
            if len(rows) < page:
                return
            last = rows[-1][0]

    def mark_chunk(self, xids, chunk_id):
        """Record that entities were sent in a chunk (None clears the mark).

        Args:
            xids (list): The xids.
            chunk_id (int): The chunk (or batch job) id.
        """
        self.ensure_index()
        with self.connection:
            self.connection.executemany('UPDATE entity SET chunk_id = ? WHERE xid = ?',
                                        [(chunk_id, xid) for xid in xids])

    def chunk_ids(self, xids):
        """Return a dict xid -> chunk_id for the given xids (for inspection and tests)."""
        self.ensure_index()
        out = {}
        for xid in xids:
            row = self.connection.execute('SELECT chunk_id FROM entity WHERE xid = ?', (xid,)).fetchone()
            if row is not None:
                out[xid] = row[0]
        return out

    # -- file contents -------------------------------------------------------------------
    def put_file(self, xid, type_name, content):
        """Store Document/Report content (bytes or text) or a callback marker (content None)."""
        if isinstance(content, six.binary_type):
            content = sqlite3.Binary(content)
        with self.connection:
            self.connection.execute(
                'INSERT INTO file (xid, type, content, is_callback) VALUES (?, ?, ?, ?) '
                'ON CONFLICT(xid) DO UPDATE SET type = excluded.type, content = excluded.content, '
                'is_callback = excluded.is_callback', (xid, type_name, content, 1 if content is None else 0))

    def get_file(self, xid):
        """Return ``(type, content, is_callback)`` for an xid, or None."""
        row = self.connection.execute('SELECT type, content, is_callback FROM file WHERE xid = ?',
                                      (xid,)).fetchone()
        if row is None:
            return None
        return row[0], _content(row[1]), bool(row[2])

    def iter_files(self):
        """Yield ``(xid, type, content, is_callback)`` in insertion order."""
        last = 0
        while True:
            rows = self.connection.execute(
                'SELECT seq, xid, type, content, is_callback FROM file WHERE seq > ? ORDER BY seq LIMIT 100',
                (last,)).fetchall()
            for row in rows:
                yield row[1], row[2], _content(row[3]), bool(row[4])
            if len(rows) < 100:
                return
            last = rows[-1][0]

    def close(self, remove=None):
        """Close the connection; remove the file if it is temporary (or ``remove`` is True)."""
        if self.connection is None:
            return
        self.connection.close()
        self.connection = None
        if self.temporary if remove is None else remove:
            for suffix in ('', '-wal', '-shm'):
                try:
                    os.remove(self.path + suffix)
                except OSError:
                    pass


def _content(value):
    if value is not None and not isinstance(value, (six.text_type, six.binary_type)):
        return bytes(value)  # a py2 buffer
    return value
