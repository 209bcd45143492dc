# -*- coding: utf-8 -*-
"""One SQLite transaction around a group of statements of the store.

The store's connection is in autocommit mode (``isolation_level=None``), where the
``sqlite3`` module opens no transaction of its own: each statement of an ``executemany``
would be committed on its own (a write of the journal file per row). Every write of the
store's tables runs inside :class:`Transactions`, so a bulk write is one commit and a group
of statements is all or nothing when the process is killed.
"""
from __future__ import absolute_import, division, print_function, unicode_literals

import sqlite3
import threading


class Transactions(object):
    """Opens, commits and rolls back the transactions of one connection.

    ``with transactions:`` runs the block in one transaction; a block nested in another
    joins the outer one. The lock is held for the whole block (the journal's readers share
    it), so two threads never interleave statements of one transaction.

    Args:
        connection (sqlite3.Connection): A connection in autocommit mode.

    Attributes:
        lock (threading.RLock): Held while a transaction is open.
    """

    def __init__(self, connection):
        self._conn = connection
        self._depth = 0
        self.lock = threading.RLock()

    def __enter__(self):
        self.lock.acquire()
        if self._depth == 0:
            try:
                self._conn.execute('BEGIN')
            except BaseException:
                self.lock.release()
                raise
        self._depth += 1
        return self._conn

    def __exit__(self, exc_type, exc, tb):
        self._depth -= 1
        try:
            if self._depth == 0:
                if exc_type is None:
                    self._commit()
                else:
                    self._rollback()
        finally:
            self.lock.release()
        return False

    def _commit(self):
        try:
            self._conn.execute('COMMIT')
        except BaseException:  # e.g. disk full: leave no transaction open behind the error
            self._rollback()
            raise

    def _rollback(self):
        try:
            self._conn.execute('ROLLBACK')
        except sqlite3.OperationalError:  # SQLite already rolled back (e.g. disk full): nothing is open
            pass
