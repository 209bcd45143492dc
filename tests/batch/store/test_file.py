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
