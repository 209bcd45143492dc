# -*- coding: utf-8 -*-
"""The SQLite store that keeps a batch's entities out of memory.

One row per entity, keyed by xid (:mod:`~tcex.batch.store.entities`), with its kind
(:class:`~tcex.batch.types.kind.Kind`), type, JSON text and the chunk it was sent in
(:mod:`~tcex.batch.store.sent`, so the submitter can resume without resending).
Document and Report content is kept in a second table for the upload step
(:mod:`~tcex.batch.store.contents`).

New rows are first kept in memory (the *tail*, in insertion order) and written
to SQLite in bulk once their approximate size passes ``memory_bytes``, so a
batch that fits in memory never pays for the database. Tail rows always come
after the database rows and always have a NULL ``chunk_id``. Reading
:attr:`Store.connection` first writes the tail, so SQL run on the connection
sees every stored entity. The submitter runs no SQL: it calls the named methods
here and the journal's tables (:meth:`Store.journal_tables`). This module runs none
either: it decides where a row is (memory or file) and delegates to the tables.
"""
from __future__ import absolute_import, division, print_function, unicode_literals

import logging
import os
import tempfile

import six

from tcex.batch.types.kind import Kind
from tcex.batch.store import file as store_file
from tcex.batch.store.contents import ContentTable
from tcex.batch.store.entities import EntityTable
from tcex.batch.store.journal import JournalTables
from tcex.batch.store.schema import open_database
from tcex.batch.store.sent import SentMarks
from tcex.batch.store.tail import ROW_OVERHEAD, Tail  # noqa: F401 (ROW_OVERHEAD: imported from here)
from tcex.batch.store.transaction import Transactions
from tcex.batch.store.xid_filter import XidFilter
from tcex.errors import BatchError

log = logging.getLogger('tcex.batch')

KIND_GROUP = Kind.GROUP  # the stored ``kind`` column values (names kept for existing imports)
KIND_INDICATOR = Kind.INDICATOR
# Python 2 keeps memory freed by the tail in its own arenas and the C heap instead of returning it,
# so a large tail there costs several times its size at the peak: it gets a smaller one.
MEMORY_BYTES = 64 * 1024 * 1024 if six.PY3 else 8 * 1024 * 1024


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
        self._tx = None
        self._fd = None
        self._journal = None
        self._rows = self._sent = self._files = None
        self._open(cache_kib)
        log.debug('batch store %s opened', path)

    def _open(self, cache_kib):
        """Claim the file and connect (see :func:`tcex.batch.store.schema.open_database`)."""
        def load(xids):
            self._xids = XidFilter()
            return self._xids.load(xids)
        self._conn, self._fd, indexed = open_database(self.path, cache_kib, self.temporary, load)
        self._tx = Transactions(self._conn)
        self._rows = EntityTable(self._conn, self._tx, indexed)
        self._sent = SentMarks(self._conn, self._tx, self._rows.ensure_index)
        self._files = ContentTable(self._conn, self._tx)

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
            self._journal = JournalTables(self.connection, self._tx)
        return self._journal

    # -- entity rows ---------------------------------------------------------------------
    def may_contain(self, xid):
        """Return False when ``xid`` is certainly not stored (fast, no query).

        Args:
            xid (str): The xid.

        Returns:
            bool: True when the xid may be stored.
        """
        return self._tail.contains(xid) or self._xids.may_contain(xid)

    def existed_at_open(self, xid):
        """Return whether ``xid`` was stored when the store was opened (left by an earlier run).

        Exact up to ``hash()`` collisions.

        Args:
            xid (str): The xid.

        Returns:
            bool: True for an entity an earlier run stored.
        """
        return self._xids.existed_at_open(xid)

    @property
    def indexed(self):
        """bool: Whether the unique xid index exists (it is built before the first lookup by xid)."""
        return self._rows.indexed

    def ensure_index(self):
        """Create the unique xid index if it does not exist yet."""
        self._rows.ensure_index()

    def write_tail(self):
        """Write the rows buffered in memory to the database (one transaction)."""
        tail = self._tail
        if not tail:
            return
        self._xids.add(tail)
        self._rows.insert(tail.rows())
        log.debug('batch store: wrote %d rows (%d bytes in memory)', len(tail), tail.nbytes)
        self._tail = Tail()

    def put_many(self, new_rows, updated_rows=()):
        """Insert new entities and update stored ones, in bulk.

        Args:
            new_rows (list): ``(xid, kind, type, json_text)`` of entities not stored yet.
            updated_rows (list): The same for stored entities: an update keeps the
                row's position; its chunk_id is reset when the JSON changed. A row no longer
                stored (a submit deleted it after sending it) is stored again, as a new one.
        """
        tail = self._tail
        updated_rows = list(updated_rows) + tail.add(new_rows)
        if updated_rows:
            stored = [row for row in updated_rows
                      if not tail.replace(row[0], row[3])]  # in memory: replaced in place (chunk_id NULL)
            if stored:
                missing = self._rows.update(stored)
                if missing:  # dropped since (sent, then deleted): the entity is new again
                    for row in tail.add(missing):
                        tail.replace(row[0], row[3])
        if tail.nbytes > self.memory_bytes:
            self.write_tail()

    def put_new(self, xids, texts, keys, updated_rows=()):
        """Insert new entities given as parallel lists (the bulk path of the batch).

        Args:
            xids (list): The xids of entities not stored yet.
            texts (list): Their JSON texts.
            keys (list): Their ``(kind, type)``; pass one tuple per type (it is kept per row).
            updated_rows (list): ``(xid, kind, type, json_text)`` of stored entities.
        """
        if not self._tail.disjoint(xids):  # not new after all: the row by row path sorts it out
            self.put_many([(xid, key[0], key[1], text) for xid, key, text in zip(xids, keys, texts)], updated_rows)
            return
        self._tail.extend(xids, texts, keys)
        self.put_many((), updated_rows)

    def get(self, xid):
        """Return ``(kind, type, json_text)`` of a stored entity, or None.

        The kind is a :class:`~tcex.batch.types.kind.Kind`, as the entity was stored with
        (a row in memory: its key in the tail; a row in the file: its ``kind`` column).
        """
        tail = self._tail
        found = tail.kind_and_type(xid)
        if found is not None:
            return Kind(found[0]), found[1], tail.get(xid)
        if not self._xids.may_contain(xid):
            return None
        row = self._rows.get(xid)
        if row is not None:
            self._xids.note_seen(xid)
            return Kind(row[0]), row[1], row[2]
        return None

    def count(self, kind=None):
        """Return the number of stored entities (of one kind when given)."""
        return self._rows.count(kind) + (len(self._tail) if kind is None else self._tail.count(kind))

    def unsent_count(self):
        """Return the number of stored entities not marked as sent in a chunk."""
        return self._rows.unsent_count() + len(self._tail)

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
        for item in self._rows.iter_rows(kind, unsent_only, page):
            yield item
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
        self._sent.mark(xids, chunk_id)

    def chunk_ids(self, xids):
        """Return a dict xid -> chunk_id for the given xids (for inspection and tests)."""
        self.write_tail()
        return self._sent.chunk_ids(xids)

    def chunk_texts(self, chunk_id, xids):
        """Return the JSON texts of the given entities still marked with ``chunk_id``.

        Args:
            chunk_id (int): The chunk the entities were sent in.
            xids (list): The chunk's xids, in order.

        Returns:
            tuple: ``(group_texts, indicator_texts)`` in the order of ``xids``.
        """
        self.write_tail()
        return self._sent.chunk_texts(chunk_id, xids)

    def delete_sent(self):
        """Delete every entity marked as sent in a chunk.

        Returns:
            int: Rows deleted.
        """
        self.write_tail()
        return self._sent.delete_sent()

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
        return self._sent.prune(before, lambda xid: xid in files or was_seen(xid))

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

    def file_count(self):
        """Return the number of Document/Report contents (or callbacks) waiting for upload."""
        return self._files.count()

    @property
    def closed(self):
        """bool: Whether the store is closed."""
        return self._conn is None

    def row_count(self):
        """Return how many rows the store holds in all its tables, rows in memory included.

        Returns:
            int: Entities, files and the submitter's journal rows not yet cleared.
        """
        return len(self._tail) + self._rows.all_tables_rows()

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
        self._journal = self._rows = self._sent = self._files = self._tx = None
        self._conn.close()
        self._conn = None
        if remove:
            for suffix in ('',) + store_file.SIDE_FILES:
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

