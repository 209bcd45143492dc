# -*- coding: utf-8 -*-
"""Tests of tcex/testing/associations.py: references of one job and the edges they make."""
from __future__ import absolute_import, division, print_function, unicode_literals

import pytest

from tcex.testing import rules
from tcex.testing.associations import Associations
from tcex.testing.state import Store
from tcex.testing.validation import Invalid

TYPES = dict((x['name'], x) for x in rules.default_indicator_types())


@pytest.fixture
def links():
    store = Store(['MyOrg'])
    data = store.owner('MyOrg')
    data.groups['stored-g'] = {'id': store.next_id(), 'type': 'Adversary', 'name': 'A'}
    record = {'id': store.next_id(), 'type': 'Host', 'summary': 'stored.example'}
    data.indicators[record['id']] = record
    store.index_indicator(data, record)
    found = Associations(store, data, TYPES)
    found.prescan([{'xid': 'input-g'}, 'not a dict'], [{'type': 'Address', 'ip': '1.1.1.1'},
                                                       {'type': 'File', 'md5': 'a' * 32, 'sha1': 'b' * 40}])
    return found


def test_references_to_stored_and_input_entities_are_valid(links):
    assert links.need_group('x', 'stored-g') == ('g', 'stored-g')
    assert links.need_group('x', 'input-g') == ('g', 'input-g')
    assert links.need_indicator('x', 'Host', 'Stored.Example') == ('k', 'Host', 'stored.example')
    assert links.need_indicator('x', 'Address', '1.1.1.1') == ('k', 'Address', '1.1.1.1')
    assert links.need_indicator('x', 'File', 'B' * 40) == ('k', 'File', 'b' * 40)  # one hash of the input's File


@pytest.mark.parametrize('call, message', [
    (lambda links: links.need_group('L', 'nope'), 'L is associated with unknown group xid nope.'),
    (lambda links: links.need_group('L', 5), 'L is associated with unknown group xid 5.'),
    (lambda links: links.need_indicator('L', 'Host', 'other.example'),
     'L is associated with unknown indicator Host other.example.'),
    (lambda links: links.need_indicator('L', 'Nope', 'x'), 'L is associated with an invalid indicator Nope x.'),
])
def test_unknown_references_are_invalid(links, call, message):
    with pytest.raises(Invalid) as caught:
        call(links)
    assert caught.value.reason == message


def test_edges_are_made_at_link_when_both_ends_exist(links):
    links.create({'ref_1': 'stored-g', 'ref_2': 'stored.example', 'type_2': 'Host'})
    links.create({'ref_1': 'input-g', 'ref_2': 'stored-g'})  # input-g was never created: no edge
    links.link()
    host_id = links.resolve(('k', 'Host', 'stored.example'))
    assert host_id[0] == 'i'
    assert dict(links.data.edges.items()) == {frozenset((('g', 'stored-g'), host_id)): None}
    links.delete({'ref_1': 'stored-g', 'ref_2': 'stored.example', 'type_2': 'Host'})
    assert dict(links.data.edges.items()) == {}


def test_association_items_are_checked(links):
    with pytest.raises(Invalid) as caught:
        links.create({'ref_1': '1.1.1.1', 'type_1': 'Address', 'ref_2': 'stored.example', 'type_2': 'Host'})
    assert caught.value.reason == 'Association 1.1.1.1 - stored.example between indicators needs an associationType.'
    with pytest.raises(Invalid) as caught:
        links.create({'ref_1': 'stored-g', 'type_1': 'Nonsense', 'ref_2': 'stored-g'})
    assert caught.value.reason == 'Association stored-g - stored-g has an invalid type_1 Nonsense.'
    with pytest.raises(Invalid) as caught:
        links.create({'id_1': 999, 'ref_2': 'stored-g'})
    assert caught.value.reason == 'Association 999 - stored-g refers to unknown id 999.'
    with pytest.raises(Invalid):
        links.create(['not', 'a', 'dict'])
    assert links.edges == []
