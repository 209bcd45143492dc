# -*- coding: utf-8 -*-
"""The SQLite store that keeps a batch's entities out of memory.

One row per entity, keyed by xid, with a stable insertion sequence (an update
keeps its position), its kind (0 group, 1 indicator), type, the serialized JSON
text and a nullable ``chunk_id`` that is reset to NULL whenever the entity's JSON
changes (the submitter records sent chunks there to resume without resending).
Document and Report content is kept in a second table for the upload step.

New rows are first kept in memory (the *tail*, in insertion order) and written
to SQLite in bulk once their approximate size passes ``memory_bytes``, so a
batch that fits in memory never pays for the database. Tail rows always come
after the database rows and always have a NULL ``chunk_id``. Reading
:attr:`Store.connection` (as the submitter does) first writes the tail, so SQL
run on the connection sees every stored entity.
"""
from __future__ import absolute_import, division, print_function, unicode_literals

import array as _array
import bisect
import collections
import itertools
import json
import logging
import os
import sqlite3
import sys
import tempfile

import six

from tcex.batch import store_file
from tcex.batch.live import LiveMap  # noqa: F401 (imported from here by the batch)
from tcex.errors import BatchError

log = logging.getLogger('tcex.batch')

KIND_GROUP = 0
KIND_INDICATOR = 1
_BITS = 1 << 24  # bitmap of xid hashes: a cheap "maybe stored" test before a SELECT
_MASK = _BITS - 1
_ORDERED = dict if sys.version_info >= (3, 7) else collections.OrderedDict
# Approximate memory of one tail row besides its JSON text: dict slot, str headers and the xid; on
# Python 2 the xid is a 4-bytes-a-character unicode string and the pure-Python OrderedDict adds a
# linked-list node per key.
ROW_OVERHEAD = 200 if six.PY3 else 600
# Python 2 keeps memory freed by the tail in its own arenas and the C heap instead of returning it,
# so a large tail there costs several times its size at the peak: it gets a smaller one.
MEMORY_BYTES = 64 * 1024 * 1024 if six.PY3 else 8 * 1024 * 1024
_HASHES = 'q' if 'q' in getattr(_array, 'typecodes', '') else 'l'  # a C type holding hash() (py2: long)
_MAX_SEGMENTS = 32  # past this many bulk writes, xid checks fall back to the bitmap and the SQL index

_SCHEMA = (
    'CREATE TABLE IF NOT EXISTS entity (seq INTEGER PRIMARY KEY, xid TEXT NOT NULL, '
    'kind INTEGER NOT NULL, type TEXT NOT NULL, data TEXT NOT NULL, chunk_id INTEGER)',
    'CREATE TABLE IF NOT EXISTS file (seq INTEGER PRIMARY KEY, xid TEXT NOT NULL UNIQUE, '
    'type TEXT NOT NULL, content BLOB, is_callback INTEGER NOT NULL DEFAULT 0)',
)
_COLUMNS = (('entity', set(['seq', 'xid', 'kind', 'type', 'data', 'chunk_id'])),
            ('file', set(['seq', 'xid', 'type', 'content', 'is_callback'])))
_INSERT = 'INSERT INTO entity (xid, kind, type, data) VALUES (?, ?, ?, ?)'
_UPDATE = ('UPDATE entity SET kind = ?, type = ?, chunk_id = CASE WHEN data = ? THEN chunk_id ELSE NULL END, '
           'data = ? WHERE xid = ?')
# The xid index is built lazily (CREATE INDEX sorts once; maintaining a random-key
# index row by row would triple the cost of writing new entities).
_INDEX = 'CREATE UNIQUE INDEX IF NOT EXISTS entity_xid ON entity (xid)'


class Store(object):
    """An SQLite file holding entities and file contents, with an in-memory tail of new rows.

    Args:
        path (str): The database file. None creates a unique file in ``temp_path``.
        temp_path (str): Directory for the unique file (None: the system temp dir).
        cache_kib (int): SQLite page cache size in KiB.
        memory_bytes (int): Approximate bytes of new rows kept in memory before
            they are written to the database in bulk (0: write at once).

    Attributes:
        path (str): The database file.
        temporary (bool): True when the file was created here and is removed by :meth:`close`.
    """

    def __init__(self, path=None, temp_path=None, cache_kib=8192, memory_bytes=MEMORY_BYTES):
        self.temporary = path is None
        if path is None:
            if temp_path and not os.path.isdir(temp_path):
                try:
                    os.makedirs(temp_path)
                except OSError as exc:
                    raise BatchError('cannot create temp path {}: {}'.format(temp_path, exc), value=temp_path)
            fd, path = tempfile.mkstemp(prefix='tcex-batch-', suffix='.db', dir=temp_path or None)
            os.close(fd)
        self.path = path
        self._tail = _ORDERED()  # xid -> json_text of rows not yet in the database
        self._runs = []  # [kind, type, count] of consecutive tail rows (the tail's kinds and types)
        self._tail_bytes = 0
        self._segments = []  # sorted arrays of hash(xid) of the database rows (None: not kept)
        self._seen = None  # bitmap of hash(xid) of stored rows read back by get() in this process
        self.given_files = set()  # xids whose content was given in this process (put_file)
        self.memory_bytes = max(0, int(memory_bytes or 0))
        self._conn = None
        self._fd = None
        self._bitmap = bytearray(_BITS >> 3)
        self._indexed = False
        self._open(cache_kib)
        log.debug('batch store %s opened', path)

    def _load(self, cur):
        """Check the tables of an existing file and note the xids it holds."""
        for table, needed in _COLUMNS:
            columns = set(row[1] for row in cur.execute('PRAGMA table_info({})'.format(table)))
            if not needed <= columns:
                raise sqlite3.DatabaseError('not a database of tcex batch entities (table {} has columns {})'.format(
                    table, ', '.join(sorted(columns))))
        hashes = []
        for (xid,) in cur.execute('SELECT xid FROM entity'):
            self._mark(xid)
            hashes.append(hash(xid))
        self._at_open = None  # sorted hash(xid) of the rows an earlier run left (see existed_at_open)
        if hashes:
            self._at_open = _array.array(_HASHES, sorted(hashes))
            self._segments.append(self._at_open)
            self.ensure_index()

    def _open(self, cache_kib):
        """Claim the file and connect; a file that is not a tcex store database is moved aside once."""
        path = self.path
        for attempt in (1, 2):
            self._bitmap = bytearray(_BITS >> 3)
            self._segments = []
            self._indexed = False
            self._fd = store_file.claim(path)
            try:
                self._conn = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
                cur = self._conn.cursor()
                cur.execute('PRAGMA locking_mode=EXCLUSIVE')
                cur.execute('PRAGMA journal_mode=WAL')
                cur.execute('PRAGMA synchronous=OFF')
                cur.execute('PRAGMA cache_size=-{}'.format(int(cache_kib)))
                cur.execute('PRAGMA temp_store=MEMORY')
                for statement in _SCHEMA:
                    cur.execute(statement)
                self._load(cur)
                return
            except sqlite3.Error as exc:
                if self._conn is not None:
                    self._conn.close()
                    self._conn = None
                store_file.release(self._fd)
                self._fd = None
                if attempt == 1 and not self.temporary and store_file.not_a_database(exc):
                    moved = store_file.move_aside(path)
                    log.warning('batch store %s is not a database (%s): moved it aside to %s and started a fresh '
                                'store', path, exc, moved)
                    continue
                if store_file.locked(exc):
                    raise store_file.held_error(path)
                raise BatchError('cannot open batch store {}: {}'.format(path, exc), value=path)

    @property
    def connection(self):
        """sqlite3.Connection: The open connection (shared with the submitter).

        Rows still buffered in memory are written first, so SQL run on the
        connection sees every stored entity.
        """
        if self._tail:
            self.write_tail()
        return self._conn

    # -- entity rows ---------------------------------------------------------------------
    def _mark(self, xid):
        h = hash(xid) & _MASK
        self._bitmap[h >> 3] |= 1 << (h & 7)

    def may_contain(self, xid):
        """Return False when ``xid`` is certainly not stored (fast, no query).

        Args:
            xid (str): The xid.

        Returns:
            bool: True when the xid may be stored.
        """
        if xid in self._tail:
            return True
        full = hash(xid)
        h = full & _MASK
        if not self._bitmap[h >> 3] & (1 << (h & 7)):
            return False
        segments = self._segments
        if segments is None:
            return True
        for segment in segments:  # exact up to hash collisions: no SQL for a bitmap false positive
            i = bisect.bisect_left(segment, full)
            if i < len(segment) and segment[i] == full:
                return True
        return False

    def existed_at_open(self, xid):
        """Return whether ``xid`` was stored when the store was opened (left by an earlier run).

        Exact up to ``hash()`` collisions.

        Args:
            xid (str): The xid.

        Returns:
            bool: True for an entity an earlier run stored.
        """
        hashes = self._at_open
        if hashes is None:
            return False
        full = hash(xid)
        i = bisect.bisect_left(hashes, full)
        return i < len(hashes) and hashes[i] == full

    def ensure_index(self):
        """Create the unique xid index if it does not exist yet."""
        if not self._indexed:
            with self._conn:
                self._conn.execute(_INDEX)
            self._indexed = True

    def _tail_rows(self, tail, runs):
        items = iter(tail.items())
        for kind, type_name, count in runs:
            for xid, text in itertools.islice(items, count):
                yield xid, kind, type_name, text

    def write_tail(self):
        """Write the rows buffered in memory to the database (one transaction)."""
        tail = self._tail
        if not tail:
            return
        bitmap = self._bitmap
        hashes = []
        append = hashes.append
        for xid in tail:
            full = hash(xid)
            append(full)
            h = full & _MASK
            bitmap[h >> 3] |= 1 << (h & 7)
        with self._conn:
            self._conn.executemany(_INSERT, self._tail_rows(tail, self._runs))
        if self._segments is not None:
            if len(self._segments) < _MAX_SEGMENTS:
                hashes.sort()
                self._segments.append(_array.array(_HASHES, hashes))
            else:
                self._segments = None
        log.debug('batch store: wrote %d rows (%d bytes in memory)', len(tail), self._tail_bytes)
        self._tail = _ORDERED()
        self._runs = []
        self._tail_bytes = 0

    def put_many(self, new_rows, updated_rows=()):
        """Insert new entities and update stored ones, in bulk.

        Args:
            new_rows (list): ``(xid, kind, type, json_text)`` of entities not stored yet.
            updated_rows (list): The same for stored entities: an update keeps the
                row's position; its chunk_id is reset when the JSON changed.
        """
        tail = self._tail
        runs = self._runs
        run = runs[-1] if runs else None
        size = self._tail_bytes
        updated_rows = list(updated_rows)
        for xid, kind, type_name, text in new_rows:
            if xid in tail:
                updated_rows.append((xid, kind, type_name, text))
                continue
            tail[xid] = text
            size += len(text) + ROW_OVERHEAD
            if run is not None and run[1] == type_name and run[0] == kind:
                run[2] += 1
            else:
                run = [kind, type_name, 1]
                runs.append(run)
        if updated_rows:
            stored = []
            for row in updated_rows:
                old = tail.get(row[0])
                if old is None:
                    stored.append((row[1], row[2], row[3], row[3], row[0]))
                else:  # still in memory: replaced in place (same position, chunk_id NULL)
                    tail[row[0]] = row[3]
                    size += len(row[3]) - len(old)
            if stored:
                self.ensure_index()
                with self._conn:
                    self._conn.executemany(_UPDATE, stored)
        self._tail_bytes = size
        if size > self.memory_bytes:
            self.write_tail()


    def put_new(self, xids, texts, runs, updated_rows=()):
        """Insert new entities given as parallel lists (the bulk path of the batch).

        Args:
            xids (list): The xids of entities not stored yet.
            texts (list): Their JSON texts.
            runs (list): ``[kind, type, count]`` of consecutive rows of one type, in order.
            updated_rows (list): ``(xid, kind, type, json_text)`` of stored entities.
        """
        tail = self._tail
        if not six.viewkeys(tail).isdisjoint(xids):  # not new after all: the row by row path sorts it out
            rows = []
            for kind, type_name, count in runs:
                for _ in range(count):
                    rows.append((xids[len(rows)], kind, type_name, texts[len(rows)]))
            self.put_many(rows, updated_rows)
            return
        tail.update(zip(xids, texts))
        self._tail_bytes += sum(map(len, texts)) + ROW_OVERHEAD * len(texts)
        own = self._runs
        for run in runs:
            if own and own[-1][0] == run[0] and own[-1][1] == run[1]:
                own[-1][2] += run[2]
            else:
                own.append(list(run))
        self.put_many((), updated_rows)

    def get(self, xid):
        """Return ``(kind, type, json_text)`` of a stored entity, or None."""
        text = self._tail.get(xid)
        if text is not None:  # kind and type from the JSON (an indicator always has a summary, a group never)
            data = json.loads(text)
            return (KIND_INDICATOR if 'summary' in data else KIND_GROUP), data['type'], text
        if not self.may_contain(xid):
            return None
        self.ensure_index()
        row = self._conn.execute('SELECT kind, type, data FROM entity WHERE xid = ?', (xid,)).fetchone()
        if row is not None:
            if self._seen is None:
                self._seen = bytearray(_BITS >> 3)
            h = hash(xid) & _MASK
            self._seen[h >> 3] |= 1 << (h & 7)
        return row

    def count(self, kind=None):
        """Return the number of stored entities (of one kind when given)."""
        if kind is None:
            return self._conn.execute('SELECT COUNT(*) FROM entity').fetchone()[0] + len(self._tail)
        in_memory = sum(run[2] for run in self._runs if run[0] == kind)
        return self._conn.execute('SELECT COUNT(*) FROM entity WHERE kind = ?', (kind,)).fetchone()[0] + in_memory

    def iter_rows(self, kind, unsent_only=False, page=2000):
        """Yield ``(xid, json_text)`` of one kind in insertion order, page by page.

        Pages are read by key, so the caller may update rows (e.g. chunk_id)
        between items. Rows still in memory come last (they are the newest).

        Args:
            kind (int): KIND_GROUP or KIND_INDICATOR.
            unsent_only (bool): Only rows whose chunk_id is NULL.
            page (int): Rows per query.
        """
        if unsent_only:
            self.write_tail()
        sql = 'SELECT seq, xid, data FROM entity WHERE kind = ? AND seq > ? {}ORDER BY seq LIMIT ?'.format(
            'AND chunk_id IS NULL ' if unsent_only else '')
        last = 0
        while True:
            rows = self._conn.execute(sql, (kind, last, page)).fetchall()
            for row in rows:
                yield row[1], row[2]
            if len(rows) < page:
                break
            last = rows[-1][0]
        if self._tail:  # a snapshot: the tail may be written to the database meanwhile
            items = list(self._tail.items())
            start = 0
            for run_kind, _type, count in [tuple(run) for run in self._runs]:
                if run_kind == kind:
                    for item in items[start:start + count]:
                        yield item
                start += count

    def mark_chunk(self, xids, chunk_id):
        """Record that entities were sent in a chunk (None clears the mark).

        Args:
            xids (list): The xids.
            chunk_id (int): The chunk (or batch job) id.
        """
        self.write_tail()
        self.ensure_index()
        with self._conn:
            self._conn.executemany('UPDATE entity SET chunk_id = ? WHERE xid = ?',
                                   [(chunk_id, xid) for xid in xids])

    def chunk_ids(self, xids):
        """Return a dict xid -> chunk_id for the given xids (for inspection and tests)."""
        self.write_tail()
        self.ensure_index()
        out = {}
        for xid in xids:
            row = self._conn.execute('SELECT chunk_id FROM entity WHERE xid = ?', (xid,)).fetchone()
            if row is not None:
                out[xid] = row[0]
        return out

    def prune_sent(self, before):
        """Delete sent entities of earlier runs that this run did not add again.

        Keeps entities read back in this process (the App added them again: a re-run on the
        same data must not send them twice) and groups whose content is still to upload.

        Args:
            before (int): Entities marked with a chunk id below this one are candidates.

        Returns:
            int: Rows deleted.
        """
        self.write_tail()
        seen = self._seen
        files = set(xid for (xid,) in self._conn.execute('SELECT xid FROM file'))
        doomed = []
        last = 0
        while True:  # page by key: a kept store may be large
            rows = self._conn.execute('SELECT seq, xid FROM entity WHERE seq > ? AND chunk_id IS NOT NULL AND '
                                      'chunk_id < ? ORDER BY seq LIMIT 5000', (last, before)).fetchall()
            for seq, xid in rows:
                h = hash(xid) & _MASK
                if xid not in files and not (seen is not None and seen[h >> 3] & (1 << (h & 7))):
                    doomed.append(seq)
            if len(rows) < 5000:
                break
            last = rows[-1][0]
        with self._conn:
            self._conn.executemany('DELETE FROM entity WHERE seq = ?', ((seq,) for seq in doomed))
        return len(doomed)

    # -- file contents -------------------------------------------------------------------
    def put_file(self, xid, type_name, content):
        """Store Document/Report content (bytes or text) or a callback marker (content None)."""
        self.given_files.add(xid)
        if isinstance(content, six.binary_type):
            content = sqlite3.Binary(content)
        with self._conn:
            self._conn.execute(
                'INSERT INTO file (xid, type, content, is_callback) VALUES (?, ?, ?, ?) '
                'ON CONFLICT(xid) DO UPDATE SET type = excluded.type, content = excluded.content, '
                'is_callback = excluded.is_callback', (xid, type_name, content, 1 if content is None else 0))

    def delete_file(self, xid):
        """Forget the Document/Report content of an xid (no error when there is none)."""
        with self._conn:
            self._conn.execute('DELETE FROM file WHERE xid = ?', (xid,))

    def get_file(self, xid):
        """Return ``(type, content, is_callback)`` for an xid, or None."""
        row = self._conn.execute('SELECT type, content, is_callback FROM file WHERE xid = ?',
                                 (xid,)).fetchone()
        if row is None:
            return None
        return row[0], _content(row[1]), bool(row[2])

    def iter_files(self):
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

    @property
    def closed(self):
        """bool: Whether the store is closed."""
        return self._conn is None

    def row_count(self):
        """Return how many rows the store holds in all its tables, rows in memory included.

        Returns:
            int: Entities, files and the submitter's journal rows not yet cleared.
        """
        total = len(self._tail)
        tables = [row[0] for row in self._conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
        for table in tables:
            total += self._conn.execute('SELECT COUNT(*) FROM "{}"'.format(table.replace('"', '""'))).fetchone()[0]
        return total

    def close(self, remove=None):
        """Close the connection; remove the file if it is temporary (or ``remove`` is True).

        A file that is kept first receives the rows still in memory.
        """
        if self._conn is None:
            return
        remove = self.temporary if remove is None else remove
        if not remove:
            self.write_tail()
        self._tail = _ORDERED()
        self._runs = []
        self._tail_bytes = 0
        self._conn.close()
        self._conn = None
        if remove:
            for suffix in ('', '-wal', '-shm'):
                try:
                    os.remove(self.path + suffix)
                except OSError:
                    pass
        store_file.release(self._fd)  # after SQLite closed: the lock goes last
        self._fd = None

    def __del__(self):
        """A store nobody closed (its batch was collected): close it as :meth:`close` does."""
        try:
            self.close()
        except Exception:  # pylint: disable=broad-except  # interpreter shutdown: nothing to report to
            pass


def _content(value):
    if value is not None and not isinstance(value, (six.text_type, six.binary_type)):
        return bytes(value)  # a py2 buffer
    return value
