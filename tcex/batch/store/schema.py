# -*- coding: utf-8 -*-
"""The store file's schema and opening it: claim the file, connect, create or check the tables.

A file that is not a tcex store database is moved aside once (see
:mod:`tcex.batch.store.file`) and a fresh store is started in its place.
"""
from __future__ import absolute_import, division, print_function, unicode_literals

import logging
import sqlite3

from tcex.batch.store import file as store_file
from tcex.batch.types.kind import Kind
from tcex.errors import BatchError

log = logging.getLogger('tcex.batch')

SCHEMA = (
    'CREATE TABLE IF NOT EXISTS entity (seq INTEGER PRIMARY KEY, xid TEXT NOT NULL, '
    'kind INTEGER NOT NULL, type TEXT NOT NULL, data TEXT NOT NULL, chunk_id INTEGER)',
    'CREATE TABLE IF NOT EXISTS file (seq INTEGER PRIMARY KEY, xid TEXT NOT NULL UNIQUE, '
    'type TEXT NOT NULL, content BLOB, is_callback INTEGER NOT NULL DEFAULT 0)',
    # The Groups (a few percent of the rows) in order, so reading them does not scan every row;
    # a query uses it when its SQL says ``kind = 0`` (see GROUPS_ONLY).
    'CREATE INDEX IF NOT EXISTS entity_group ON entity (seq) WHERE kind = {}'.format(int(Kind.GROUP)),
)
#: The condition of a query on Groups only, as the partial index ``entity_group`` states it.
GROUPS_ONLY = 'kind = {}'.format(int(Kind.GROUP))
COLUMNS = (('entity', set(['seq', 'xid', 'kind', 'type', 'data', 'chunk_id'])),
           ('file', set(['seq', 'xid', 'type', 'content', 'is_callback'])))
# The xid index is built lazily (CREATE INDEX sorts once; maintaining a random-key
# index row by row would triple the cost of writing new entities).
INDEX = 'CREATE UNIQUE INDEX IF NOT EXISTS entity_xid ON entity (xid)'


def _check_tables(cur):
    """Raise sqlite3.DatabaseError when a table of the store exists without the store's columns."""
    for table, needed in COLUMNS:
        columns = set(row[1] for row in cur.execute('PRAGMA table_info({})'.format(table)))
        if columns and not needed <= columns:
            raise sqlite3.DatabaseError('not a database of tcex batch entities (table {} has columns {})'.format(
                table, ', '.join(sorted(columns))))


def _connect(path, cache_kib, on_xids):
    conn = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    try:
        cur = conn.cursor()
        cur.execute('PRAGMA locking_mode=EXCLUSIVE')
        _check_tables(cur)  # before anything writes: a foreign database is refused as it was found
        # A new file gets 16 KiB pages: fewer page splits and writes for rows of a few hundred bytes
        # than the default 4 KiB (an existing file keeps its page size).
        cur.execute('PRAGMA page_size=16384')
        # A rollback journal: a killed run's half-written transaction is rolled back at the next
        # open, and a bulk append journals only the few pages it changes (WAL writes every page twice).
        cur.execute('PRAGMA journal_mode=DELETE')
        cur.execute('PRAGMA synchronous=OFF')
        cur.execute('PRAGMA cache_size=-{}'.format(int(cache_kib)))
        cur.execute('PRAGMA temp_store=MEMORY')
        for statement in SCHEMA:
            cur.execute(statement)
        indexed = False
        if on_xids(xid for (xid,) in cur.execute('SELECT xid FROM entity')):
            with conn:
                conn.execute(INDEX)
            indexed = True
        return conn, indexed
    except sqlite3.Error:
        conn.close()
        raise


def open_database(path, cache_kib, temporary, on_xids):
    """Claim and connect to a store file, creating its tables.

    Args:
        path (str): The file.
        cache_kib (int): SQLite page cache size in KiB.
        temporary (bool): The file was just created here (never moved aside).
        on_xids (callable): Called (once per attempt) with the xids an earlier run left; returns
            True when there were any (the xid index is then built).

    Returns:
        tuple: ``(connection, fd, indexed)``; ``fd`` is the claimed descriptor to release last.

    Raises:
        BatchError: The file cannot be opened or another run holds it.
    """
    for attempt in (1, 2):
        fd = store_file.claim(path)
        try:
            conn, indexed = _connect(path, cache_kib, on_xids)
            return conn, fd, indexed
        except sqlite3.Error as exc:
            store_file.release(fd)
            if attempt == 1 and not temporary and store_file.not_a_database(exc):
                moved = store_file.move_aside(path)
                log.warning('batch store %s is not a database (%s): moved it aside to %s and started a fresh '
                            'store', path, exc, moved)
                continue
            if store_file.locked(exc):
                raise store_file.held_error(path)
            raise BatchError('cannot open batch store {}: {}'.format(path, exc), value=path)
    raise BatchError('cannot open batch store {}'.format(path), value=path)  # pragma: no cover
