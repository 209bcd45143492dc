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
:attr:`Store.connection` first writes the tail, so SQL run on the connection
sees every stored entity. The submitter runs no SQL: it calls the named methods
here and the journal's tables (:meth:`Store.journal_tables`).
"""
from __future__ import absolute_import, division, print_function, unicode_literals

import json
import logging
import os
import tempfile

import six

from tcex.batch.types.kind import Kind
from tcex.batch.store import file as store_file
from tcex.batch.store.contents import ContentTable
from tcex.batch.store.journal import JournalTables
from tcex.batch.store.schema import INDEX, open_database
from tcex.batch.store.tail import ROW_OVERHEAD, Tail  # noqa: F401 (ROW_OVERHEAD: imported from here)
from tcex.batch.store.xid_filter import XidFilter
from tcex.errors import BatchError

log = logging.getLogger('tcex.batch')

KIND_GROUP = Kind.GROUP  # the stored ``kind`` column values (names kept for existing imports)
KIND_INDICATOR = Kind.INDICATOR
# Python 2 keeps memory freed by the tail in its own arenas and the C heap instead of returning it,
# so a large tail there costs several times its size at the peak: it gets a smaller one.
MEMORY_BYTES = 64 * 1024 * 1024 if six.PY3 else 8 * 1024 * 1024

_INSERT = 'INSERT INTO entity (xid, kind, type, data) VALUES (?, ?, ?, ?)'
_UPDATE = ('UPDATE entity SET kind = ?, type = ?, chunk_id = CASE WHEN data = ? THEN chunk_id ELSE NULL END, '
           'data = ? WHERE xid = ?')


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
        self._tail = Tail()  # rows not yet in the database
        self._xids = XidFilter()  # the xids in the database
        self.given_files = set()  # xids whose content was given in this process (put_file)
        self.memory_bytes = max(0, int(memory_bytes or 0))
        self._conn = None
        self._fd = None
        self._journal = None
        self._indexed = False
        self._files = None
        self._open(cache_kib)
        log.debug('batch store %s opened', path)

    def _open(self, cache_kib):
        """Claim the file and connect (see :func:`tcex.batch.store.schema.open_database`)."""
        def load(xids):
            self._xids = XidFilter()
            return self._xids.load(xids)
        self._conn, self._fd, self._indexed = open_database(self.path, cache_kib, self.temporary, load)
        self._files = ContentTable(self._conn)

    @property
    def connection(self):
        """sqlite3.Connection: The open connection (for inspection).

        Rows still buffered in memory are written first, so SQL run on the
        connection sees every stored entity.
        """
        if self._tail:
            self.write_tail()
        return self._conn

    def journal_tables(self):
        """Return the submit journal's tables in this file (created on first use).

        Returns:
            tcex.batch.store.journal.JournalTables: The tables.
        """
        if self._journal is None:
            self._journal = JournalTables(self.connection)
        return self._journal

    # -- entity rows ---------------------------------------------------------------------
    def may_contain(self, xid):
        """Return False when ``xid`` is certainly not stored (fast, no query).

        Args:
            xid (str): The xid.

        Returns:
            bool: True when the xid may be stored.
        """
        return xid in self._tail or self._xids.may_contain(xid)

    def existed_at_open(self, xid):
        """Return whether ``xid`` was stored when the store was opened (left by an earlier run).

        Exact up to ``hash()`` collisions.

        Args:
            xid (str): The xid.

        Returns:
            bool: True for an entity an earlier run stored.
        """
        return self._xids.existed_at_open(xid)

    def ensure_index(self):
        """Create the unique xid index if it does not exist yet."""
        if not self._indexed:
            with self._conn:
                self._conn.execute(INDEX)
            self._indexed = True

    def write_tail(self):
        """Write the rows buffered in memory to the database (one transaction)."""
        tail = self._tail
        if not tail:
            return
        self._xids.add(tail)
        with self._conn:
            self._conn.executemany(_INSERT, tail.rows())
        log.debug('batch store: wrote %d rows (%d bytes in memory)', len(tail), tail.nbytes)
        self._tail = Tail()

    def put_many(self, new_rows, updated_rows=()):
        """Insert new entities and update stored ones, in bulk.

        Args:
            new_rows (list): ``(xid, kind, type, json_text)`` of entities not stored yet.
            updated_rows (list): The same for stored entities: an update keeps the
                row's position; its chunk_id is reset when the JSON changed.
        """
        tail = self._tail
        updated_rows = list(updated_rows) + tail.add(new_rows)
        if updated_rows:
            stored = [(row[1], row[2], row[3], row[3], row[0]) for row in updated_rows
                      if not tail.replace(row[0], row[3])]  # in memory: replaced in place (chunk_id NULL)
            if stored:
                self.ensure_index()
                with self._conn:
                    self._conn.executemany(_UPDATE, stored)
        if tail.nbytes > self.memory_bytes:
            self.write_tail()

    def put_new(self, xids, texts, runs, updated_rows=()):
        """Insert new entities given as parallel lists (the bulk path of the batch).

        Args:
            xids (list): The xids of entities not stored yet.
            texts (list): Their JSON texts.
            runs (list): ``[kind, type, count]`` of consecutive rows of one type, in order.
            updated_rows (list): ``(xid, kind, type, json_text)`` of stored entities.
        """
        if not self._tail.disjoint(xids):  # not new after all: the row by row path sorts it out
            rows = []
            for kind, type_name, count in runs:
                for _ in range(count):
                    rows.append((xids[len(rows)], kind, type_name, texts[len(rows)]))
            self.put_many(rows, updated_rows)
            return
        self._tail.extend(xids, texts, runs)
        self.put_many((), updated_rows)

    def get(self, xid):
        """Return ``(kind, type, json_text)`` of a stored entity, or None."""
        text = self._tail.get(xid)
        if text is not None:  # kind and type from the JSON (an indicator always has a summary, a group never)
            data = json.loads(text)
            return (KIND_INDICATOR if 'summary' in data else KIND_GROUP), data['type'], text
        if not self._xids.may_contain(xid):
            return None
        self.ensure_index()
        row = self._conn.execute('SELECT kind, type, data FROM entity WHERE xid = ?', (xid,)).fetchone()
        if row is not None:
            self._xids.note_seen(xid)
        return row

    def count(self, kind=None):
        """Return the number of stored entities (of one kind when given)."""
        if kind is None:
            return self._conn.execute('SELECT COUNT(*) FROM entity').fetchone()[0] + len(self._tail)
        return (self._conn.execute('SELECT COUNT(*) FROM entity WHERE kind = ?', (kind,)).fetchone()[0] +
                self._tail.count(kind))

    def unsent_count(self):
        """Return the number of stored entities not marked as sent in a chunk."""
        return self._conn.execute('SELECT COUNT(*) FROM entity WHERE chunk_id IS NULL').fetchone()[0] + len(
            self._tail)

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
            for item in self._tail.items_of_kind(kind):
                yield item

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

    def chunk_texts(self, chunk_id, xids):
        """Return the JSON texts of the given entities still marked with ``chunk_id``.

        Args:
            chunk_id (int): The chunk the entities were sent in.
            xids (list): The chunk's xids, in order.

        Returns:
            tuple: ``(group_texts, indicator_texts)`` in the order of ``xids``.
        """
        self.write_tail()
        self.ensure_index()
        lists = ([], [])
        for xid in xids:
            row = self._conn.execute('SELECT kind, data FROM entity WHERE xid = ? AND chunk_id = ?',
                                     (xid, chunk_id)).fetchone()
            if row is not None:
                lists[0 if row[0] == KIND_GROUP else 1].append(row[1])
        return lists

    def delete_sent(self):
        """Delete every entity marked as sent in a chunk.

        Returns:
            int: Rows deleted.
        """
        self.write_tail()
        with self._conn:
            return self._conn.execute('DELETE FROM entity WHERE chunk_id IS NOT NULL').rowcount

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
        was_seen = self._xids.was_seen
        files = self._files.xids()
        doomed = []
        last = 0
        while True:  # page by key: a kept store may be large
            rows = self._conn.execute('SELECT seq, xid FROM entity WHERE seq > ? AND chunk_id IS NOT NULL AND '
                                      'chunk_id < ? ORDER BY seq LIMIT 5000', (last, before)).fetchall()
            for seq, xid in rows:
                if xid not in files and not was_seen(xid):
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
        self._files.put(xid, type_name, content)

    def delete_file(self, xid):
        """Forget the Document/Report content of an xid (no error when there is none)."""
        self._files.delete([xid])

    def delete_files(self, xids):
        """Forget the Document/Report content of several xids."""
        self._files.delete(xids)

    def get_file(self, xid):
        """Return ``(type, content, is_callback)`` for an xid, or None."""
        return self._files.get(xid)

    def iter_files(self):
        """Yield ``(xid, type, content, is_callback)`` in insertion order."""
        return self._files.rows()

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
        self._tail = Tail()
        self._journal = self._files = None
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

