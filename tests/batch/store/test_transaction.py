# -*- coding: utf-8 -*-
"""Tests of tcex/batch/store/transaction.py: one commit per block, all or nothing."""
from __future__ import absolute_import, division, print_function, unicode_literals

import os
import sqlite3
import subprocess
import sys

import pytest

from tcex.batch.store import Store
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


_KILLED_MID_WRITE = '''
import os, signal, sys
from tcex.batch.store import Store
store = Store(path=sys.argv[1], memory_bytes=0)
store.put_many([('a{}'.format(n), 1, 'Address', '{{"n":{}}}'.format(n)) for n in range(500)])
calls = []
def kill():
    calls.append(1)
    if len(calls) > 50:  # well inside the second bulk write
        os.kill(os.getpid(), signal.SIGKILL)
store.connection.set_progress_handler(kill, 100)
store.put_many([('b{}'.format(n), 1, 'Address', '{{"n":{}}}'.format(n)) for n in range(5000)])
'''


def test_a_store_killed_in_a_bulk_write_reopens_with_what_was_committed(tmp_path):
    path = str(tmp_path / 'killed.db')
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(sys.path))
    proc = subprocess.Popen([sys.executable, '-c', _KILLED_MID_WRITE, path], env=env)
    assert proc.wait() == -9  # killed, not finished
    assert os.path.exists(path + '-journal')  # the half-written transaction's journal is left behind
    store = Store(path=path)
    try:
        assert store.count() == 500  # the first write, none of the second
        assert store.get('a499') is not None and store.get('b0') is None
    finally:
        store.close(remove=True)
