# -*- coding: utf-8 -*-
"""Tests of tcex/batch/store/transaction.py: one commit per block, all or nothing."""
from __future__ import absolute_import, division, print_function, unicode_literals

import sqlite3

import pytest

from tcex.batch.store.transaction import Transactions


@pytest.fixture
def conn(tmp_path):
    connection = sqlite3.connect(str(tmp_path / 'tx.db'), isolation_level=None)
    connection.execute('CREATE TABLE t (v INTEGER)')
    yield connection
    connection.close()


def _values(connection):
    return [row[0] for row in connection.execute('SELECT v FROM t ORDER BY v')]


def test_a_bulk_write_is_all_or_nothing(conn):
    conn.execute('CREATE UNIQUE INDEX t_v ON t (v)')
    with pytest.raises(sqlite3.IntegrityError):  # autocommit alone would keep the rows before the bad one
        with Transactions(conn):
            conn.executemany('INSERT INTO t (v) VALUES (?)', [(1,), (2,), (2,)])
    assert _values(conn) == []
    with Transactions(conn):
        conn.executemany('INSERT INTO t (v) VALUES (?)', [(1,), (2,), (3,)])
    assert _values(conn) == [1, 2, 3]


def test_an_error_rolls_the_whole_block_back(conn):
    tx = Transactions(conn)
    with pytest.raises(ValueError):
        with tx:
            conn.execute('INSERT INTO t (v) VALUES (1)')
            raise ValueError('boom')
    assert _values(conn) == []
    with tx:  # the connection is usable afterwards: no transaction left open
        conn.execute('INSERT INTO t (v) VALUES (2)')
    assert _values(conn) == [2]


def test_a_nested_block_joins_the_outer_one(conn):
    tx = Transactions(conn)
    with pytest.raises(ValueError):
        with tx:
            with tx:
                conn.execute('INSERT INTO t (v) VALUES (1)')
            conn.execute('INSERT INTO t (v) VALUES (2)')
            raise ValueError('boom')
    assert _values(conn) == []


def test_a_failed_commit_leaves_no_transaction_open(conn):
    conn.execute('CREATE TABLE p (id INTEGER PRIMARY KEY)')
    conn.execute('CREATE TABLE c (pid INTEGER REFERENCES p (id) DEFERRABLE INITIALLY DEFERRED)')
    conn.execute('PRAGMA foreign_keys=ON')
    tx = Transactions(conn)
    with pytest.raises(sqlite3.IntegrityError):
        with tx:
            conn.execute('INSERT INTO c (pid) VALUES (9)')  # checked at COMMIT
    with tx:
        conn.execute('INSERT INTO t (v) VALUES (1)')
    assert _values(conn) == [1]
    assert [row[0] for row in conn.execute('SELECT pid FROM c')] == []
