# -*- coding: utf-8 -*-
"""tcex.batch.entity.entities: Group and Indicator identity and their JSON."""
from __future__ import absolute_import, division, print_function, unicode_literals

import json

import pytest

from tcex.batch.entity import CLASSES, Group, Indicator
from tcex.batch.entity.encoder import encode, identity_text
from tcex.batch.types import Kind
from tcex.errors import ValidationError
from tests.batch.entity.helpers import ListSink


def test_kinds_and_association_keys():
    assert Group.kind is Kind.GROUP and Indicator.kind is Kind.INDICATOR
    assert (Group.assoc_key, Indicator.assoc_key) == ('associatedGroupXid', 'associatedGroups')


def test_group_json_and_name():
    sink = ListSink()
    incident = CLASSES['Incident'](sink, 'i1', 'First', {'status': 'Open'})
    assert incident.identity == incident.name == 'First'
    incident.name = 'Second'
    incident.association('adv-1')
    incident.association('adv-1')
    incident.security_label('TLP:GREEN')
    assert incident.to_json() == {'name': 'Second', 'type': 'Incident', 'xid': 'i1', 'status': 'Open',
                                  'associatedGroupXid': ['adv-1'], 'securityLabel': [{'name': 'TLP:GREEN'}]}
    assert json.loads(identity_text(encode(incident.to_json()))) == {'name': 'Second', 'type': 'Incident', 'xid': 'i1'}
    with pytest.raises(ValidationError) as info:
        incident.name = ''
    assert info.value.field == 'name' and incident.name == 'Second'


def test_indicator_json_and_summary():
    sink = ListSink()
    key = CLASSES['Registry Key'](sink, 'r1', ['HKEY_LOCAL_MACHINE\\Run', 'v', 'REG_SZ'])
    assert key.summary == key.identity == 'HKEY_LOCAL_MACHINE\\Run : v : REG_SZ'
    group = CLASSES['Adversary'](sink, 'adv-1', 'Bad')
    key.association(group)  # a Group itself gives its xid
    assert key.associations == ['adv-1']
    assert key.to_json() == {'summary': 'HKEY_LOCAL_MACHINE\\Run : v : REG_SZ', 'type': 'Registry Key',
                             'xid': 'r1', 'associatedGroups': [{'groupXid': 'adv-1'}]}


def test_indicator_occurrences_empty_and_repeated_ones_are_sent_once():
    hashed = CLASSES['File'](ListSink(), 'f1', ['a' * 32, None, None])
    hashed.occurrence()  # empty: not sent
    hashed.occurrence('x.exe', '/tmp')
    hashed.occurrence('x.exe', '/tmp')
    assert hashed.to_json()['fileOccurrence'] == [{'fileName': 'x.exe', 'path': '/tmp'}]
    assert len(hashed.occurrences) == 3


def test_identity_from_a_dict():
    sink = ListSink()
    url = CLASSES['URL'](sink, 'u1', ['http://a.example/'])
    url.merge_dict({'summary': 'http://B.example/x'})
    assert url.summary == 'http://b.example/x'
    adversary = CLASSES['Adversary'](sink, 'a1', 'Old')
    adversary.merge_dict({'name': 'New'})
    assert adversary.name == 'New'
