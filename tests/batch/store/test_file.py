# -*- coding: utf-8 -*-
"""tcex.batch.store.file: the store file is private, never a link, held by one run at a time."""
from __future__ import absolute_import, division, print_function, unicode_literals

import os
import stat

import pytest

from tcex.batch import Batch
from tcex.errors import BatchError


def test_store_file_is_private_and_removed_on_close(tmpdir):
    b = Batch('MyOrg', temp_path=str(tmpdir))
    path = b.store.path
    assert os.path.dirname(path) == str(tmpdir)
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    b.close()
    assert not os.path.exists(path)


def test_store_refuses_symlink_and_second_opener(tmpdir):
    target = tmpdir.join('real.db')
    os.symlink(str(target), str(tmpdir.join('link.db')))
    with pytest.raises(BatchError) as info:
        Batch('MyOrg', temp_path=str(tmpdir), store_path='link.db')
    assert 'symbolic link' in str(info.value) and not target.exists()
    held = Batch('MyOrg', temp_path=str(tmpdir), store_path='real.db')
    with pytest.raises(BatchError) as info:
        Batch('MyOrg', temp_path=str(tmpdir), store_path='real.db')
    assert 'another run holds this store' in str(info.value)
    held.close(remove=False)
    Batch('MyOrg', temp_path=str(tmpdir), store_path='real.db').close(remove=True)


def test_claim_creates_the_file_owner_only_and_holds_it(tmpdir):
    from tcex.batch.store import file as store_file
    path = str(tmpdir.join('sub', 'claimed.db'))  # the folder is created too
    fd = store_file.claim(path)
    try:
        assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
        with pytest.raises(BatchError) as info:
            store_file.claim(path)  # a second descriptor cannot take the flock
        assert store_file.HELD in str(info.value) and info.value.value == path
    finally:
        store_file.release(fd)
    again = store_file.claim(path)  # released: claimable again
    store_file.release(again)
    store_file.release(None)


def test_claim_tightens_an_existing_file_to_0600(tmpdir):
    from tcex.batch.store import file as store_file
    path = tmpdir.join('loose.db')
    path.write_binary(b'')
    os.chmod(str(path), 0o644)
    store_file.release(store_file.claim(str(path)))
    assert stat.S_IMODE(os.stat(str(path)).st_mode) == 0o600


def test_claim_refuses_a_link_to_a_side_file(tmpdir):
    from tcex.batch.store import file as store_file
    os.symlink(str(tmpdir.join('elsewhere')), str(tmpdir.join('s.db-wal')))
    with pytest.raises(BatchError) as info:
        store_file.claim(str(tmpdir.join('s.db')))
    assert 'symbolic link' in str(info.value) and 's.db-wal' in str(info.value)


def test_move_aside_takes_side_files_and_numbers_targets(tmpdir):
    from tcex.batch.store import file as store_file
    base = tmpdir.join('m.db')
    for round_number, expected in enumerate(['m.db.corrupt', 'm.db.corrupt.1', 'm.db.corrupt.2']):
        base.write_binary(b'round %d' % round_number)
        tmpdir.join('m.db-wal').write_binary(b'wal')
        target = store_file.move_aside(str(base))
        assert os.path.basename(target) == expected
        assert tmpdir.join(expected).read_binary() == b'round %d' % round_number
        assert tmpdir.join(expected + '-wal').read_binary() == b'wal'
        assert not base.exists() and not tmpdir.join('m.db-wal').exists()


def test_sqlite_error_classification():
    import sqlite3
    from tcex.batch.store import file as store_file
    assert store_file.not_a_database(sqlite3.DatabaseError('file is not a database'))
    assert store_file.not_a_database(sqlite3.DatabaseError('database disk image is malformed'))
    assert not store_file.not_a_database(sqlite3.OperationalError('file is not a database'))
    assert not store_file.not_a_database(sqlite3.DatabaseError('disk full'))
    assert store_file.locked(sqlite3.OperationalError('database is locked'))
    assert store_file.locked(sqlite3.OperationalError('database is busy'))
    assert not store_file.locked(sqlite3.OperationalError('no such table'))
