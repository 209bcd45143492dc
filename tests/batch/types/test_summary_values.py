# -*- coding: utf-8 -*-
"""Indicator values joined into a summary with " : " split back into the same values (store reloads)."""
from __future__ import absolute_import, division, print_function, unicode_literals

import pytest
import six

from tcex.batch import Batch
from tcex.errors import ValidationError

PAIR = [{'name': 'Pair', 'value1Label': 'Left', 'value2Label': 'Right'}]


@pytest.fixture
def batch(tmpdir):
    batch = Batch('Org', temp_path=str(tmpdir), buffer_size=1, indicator_types=lambda: PAIR)
    yield batch
    batch.close()


def test_a_value_holding_the_separator_is_refused(batch):
    with pytest.raises(ValidationError) as info:
        batch.registry_key('HKLM\\Software\\Run', 'a : b', 'REG_SZ')
    assert info.value.field == 'value_name' and '" : "' in str(info.value) and '\n' not in str(info.value)
    key = batch.registry_key('HKLM\\Software\\Run', 'ab', 'REG_SZ')
    with pytest.raises(ValidationError):
        key.value_name = 'a : b'
    assert key.summary == 'HKEY_LOCAL_MACHINE\\Software\\Run : ab : REG_SZ'


def test_values_are_stripped_so_a_reloaded_entity_has_the_same_summary(batch):
    key = batch.registry_key('HKLM\\Software\\Run', ' v ', 'REG_SZ')
    xid, summary = key.xid, key.summary
    assert summary == 'HKEY_LOCAL_MACHINE\\Software\\Run : v : REG_SZ'
    del key
    batch.address('10.0.0.1')  # the key is written to the store and freed
    again = batch.registry_key('HKLM\\Software\\Run', ' v ', 'REG_SZ')  # reloaded from the store
    assert again.xid == xid and again.summary == summary
    assert [i['summary'] for i in batch.data['indicator']] == [summary, '10.0.0.1']


def test_a_bytes_summary_is_decoded(batch):
    pair = batch.indicator('Pair', b'left : right')
    assert pair.summary == 'left : right'
    with pytest.raises(ValidationError) as info:
        batch.indicator('Pair', b'\xff : right')
    assert info.value.field == 'summary' and 'UTF-8' in six.text_type(info.value)


def test_numbers_become_the_same_text_on_python_2_and_3(batch):
    adversary = batch.adversary('x')
    adversary.attribute('Size', 123456789.123456789)
    adversary.attribute('Count', 10 ** 20)
    assert [a.value for a in adversary.attributes] == ['123456789.12345679', '100000000000000000000']
    assert batch.address('10.0.0.9', xid=2.5).xid == '2.5'


def test_a_custom_xid_follows_the_text_rule(batch):
    import uuid
    with pytest.raises(ValidationError) as info:
        batch.adversary('y', xid='x\x00y')
    assert info.value.field == 'xid' and 'control characters' in str(info.value) and '\n' not in str(info.value)
    assert batch.group_len == 0
    assert batch.adversary('u', xid=uuid.UUID(int=5)).xid == '00000000-0000-0000-0000-000000000005'
    assert batch.adversary('b', xid=bytearray(b'abc')).xid == 'abc'  # the same on Python 2 and 3
    with pytest.raises(ValidationError) as info:  # its text would change from run to run
        batch.adversary('o', xid=object())
    assert 'expected text, got object' in str(info.value)
