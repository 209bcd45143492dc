# -*- coding: utf-8 -*-
"""xid rules (tcex 0.8 compatible) and duplicate xids."""
from __future__ import absolute_import, division, print_function, unicode_literals

import hashlib
import re
import uuid

import pytest

from tcex.batch.types.xid import entity_xid, generate_xid
from tcex.errors import BatchError
from tests.batch.helpers import batch  # noqa: F401


def sha(text):
    return hashlib.sha256(text.encode('utf-8')).hexdigest()


def test_literal_digest_computed_once_by_hand():
    # sha256("Adversary-adversary-001"), computed once outside the code under test
    assert entity_xid('Adversary', 'adversary-001') == \
        '2dcb052f3ed4acb0e87e9ca52b2aa7170d3534ad81cd5fec97362bc1015d3ba6'


@pytest.mark.parametrize('xid', [True, None])
def test_true_and_none_give_type_name_digest(batch, xid):  # noqa: F811
    assert batch.adversary('adversary-001', xid=xid).xid == sha('Adversary-adversary-001')
    assert batch.registry_key('HKEY_USERS\\x', 'v', 'REG_SZ', xid=xid).xid == sha(
        'Registry Key-HKEY_USERS\\x : v : REG_SZ')
    assert batch.indicator('User Agent', 'curl/8', xid=xid).xid == sha('User Agent-curl/8')


def test_false_gives_random_uuid4(batch):  # noqa: F811
    first = batch.adversary('a', xid=False)
    second = batch.adversary('a', xid=False)
    assert first is not second
    assert uuid.UUID(first.xid).version == 4 and first.xid != second.xid
    assert len(batch.data['group']) == 2


def test_string_used_as_given(batch):  # noqa: F811
    assert batch.threat('t', xid='my-xid').xid == 'my-xid'
    assert batch.data['group'][0]['xid'] == 'my-xid'


def test_generate_xid_string_list_and_none(batch):  # noqa: F811
    assert batch.generate_xid('abc') == sha('abc')
    assert batch.generate_xid(['a', 'b', 1]) == sha(sha('a-b-1'))
    assert generate_xid(['x']) == sha(sha('x'))
    first, second = batch.generate_xid(), batch.generate_xid()
    assert first != second and re.match(r'[0-9a-f]{64}\Z', first)


def test_same_xid_returns_same_live_object_and_accumulates(batch):  # noqa: F811
    one = batch.address('1.1.1.1')
    one.tag('a')
    two = batch.address('1.1.1.1', rating=2)
    two.tag('b')
    three = batch.indicator('Address', '1.1.1.1', confidence=5)
    assert one is two is three
    data = batch.data['indicator']
    assert len(data) == 1
    assert data[0]['tag'] == [{'name': 'a'}, {'name': 'b'}]
    # the first object under an xid wins: later constructor arguments do not change it (as in tcex)
    assert 'rating' not in data[0] and 'confidence' not in data[0]


def test_duplicate_tag_label_association_stored_once(batch):  # noqa: F811
    group = batch.campaign('c')
    for _ in range(3):
        group.tag('t')
        group.security_label('TLP Red')
        group.association('g1')
    item = batch.data['group'][0]
    assert item['tag'] == [{'name': 't'}]
    assert item['securityLabel'] == [{'name': 'TLP Red'}]
    assert item['associatedGroupXid'] == ['g1']


def test_interface3_known_xid_merges(batch):  # noqa: F811
    batch.add_group({'type': 'Incident', 'name': 'i', 'xid': 'x1', 'status': 'New',
                     'tag': [{'name': 'a'}], 'attribute': [{'type': 'Source', 'value': 's'}]})
    batch.add_group({'type': 'Incident', 'name': 'i', 'xid': 'x1', 'status': 'Closed',
                     'tag': [{'name': 'a'}, {'name': 'b'}], 'attribute': [{'type': 'Source', 'value': 's'}],
                     'associatedGroupXid': ['g']})
    data = batch.data['group']
    assert len(data) == 1
    assert data[0]['status'] == 'Closed'
    assert data[0]['tag'] == [{'name': 'a'}, {'name': 'b'}]
    assert data[0]['attribute'] == [{'type': 'Source', 'value': 's', 'displayed': False}]
    assert data[0]['associatedGroupXid'] == ['g']


def test_xid_reused_for_another_type_is_an_error(batch):  # noqa: F811
    batch.adversary('a', xid='shared')
    with pytest.raises(BatchError) as info:
        batch.threat('b', xid='shared')
    assert 'shared' in str(info.value) and 'Adversary' in str(info.value) and 'Threat' in str(info.value)
    with pytest.raises(BatchError):
        batch.address('1.2.3.4', xid='shared')
