# -*- coding: utf-8 -*-
"""tcex.batch.entity.entities: Group and Indicator identity and their JSON."""
from __future__ import absolute_import, division, print_function, unicode_literals

import collections
import json

import pytest
import six

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


def _ordered(pairs):
    return collections.OrderedDict(pairs)


def _assert_text(entity, expected):
    """The entity's text is the compact ASCII JSON of ``expected``, its keys in that order."""
    text = entity.to_text()
    assert isinstance(text, str) and all(ord(char) < 128 for char in text)  # a byte string on Python 2
    assert json.loads(text) == json.loads(json.dumps(expected))
    assert list(json.loads(text, object_pairs_hook=collections.OrderedDict)) == list(expected)
    if not six.PY2:  # Python 2 dicts (an attribute's, say) have no key order
        assert text == json.dumps(expected, separators=(',', ':'))


def test_to_text_is_the_compact_ascii_json_of_every_part_in_key_order():
    sink = ListSink()
    group = CLASSES['Incident'](sink, 'inc "1" \\ \u00e9', 'Caf\u00e9 "quoted"\tname', {'status': 'Open'})
    group.attribute('Description', 'line one\nline "two" \u2603', source='src\\1')
    group.security_label('TLP:AMBER', color='00ff00')
    group.tag('T\u00e4g "x"')
    group.association('adv "1"')
    expected = _ordered([('name', 'Caf\u00e9 "quoted"\tname'), ('type', 'Incident'), ('xid', 'inc "1" \\ \u00e9'),
                         ('status', 'Open'),
                         ('attribute', [_ordered([('type', 'Description'), ('value', 'line one\nline "two" \u2603'),
                                                  ('displayed', False), ('source', 'src\\1')])]),
                         ('securityLabel', [_ordered([('name', 'TLP:AMBER'), ('color', '00FF00')])]),
                         ('tag', [{'name': 'T\u00e4g "x"'}]), ('associatedGroupXid', ['adv "1"'])])
    _assert_text(group, expected)
    hashed = CLASSES['File'](sink, 'f"1', ['a' * 32, None, 'b' * 64], _ordered([('rating', 2.5), ('confidence', 7)]))
    hashed.association('g"1')
    hashed.association('g2')
    hashed.attribute('Source', 'x')
    hashed.occurrence('x.exe', 'C:\\temp')
    hashed.occurrence('x.exe', 'C:\\temp')  # sent once
    hashed.security_label('TLP:RED')
    hashed.tag('a')
    hashed.tag('b')
    expected = _ordered([('summary', 'a' * 32 + ' : ' + 'b' * 64), ('type', 'File'), ('xid', 'f"1'),
                         ('rating', 2.5), ('confidence', 7),
                         ('associatedGroups', [{'groupXid': 'g"1'}, {'groupXid': 'g2'}]),
                         ('attribute', [_ordered([('type', 'Source'), ('value', 'x'), ('displayed', False)])]),
                         ('fileOccurrence', [_ordered([('fileName', 'x.exe'), ('path', 'C:\\temp')])]),
                         ('securityLabel', [{'name': 'TLP:RED'}]), ('tag', [{'name': 'a'}, {'name': 'b'}])])
    _assert_text(hashed, expected)
    bare = CLASSES['Address'](sink, 'x', ['1.1.1.1'])
    assert bare.to_text() == '{"summary":"1.1.1.1","type":"Address","xid":"x"}'
    assert hashed.to_json() == json.loads(hashed.to_text()) and hashed.to_json() is not hashed.to_json()
