# -*- coding: utf-8 -*-
"""tcex.batch.entity.merge: Interface-3 dicts merged into an entity."""
from __future__ import absolute_import, division, print_function, unicode_literals

import pytest

from tcex.errors import ValidationError
from tests.batch.entity.helpers import ListSink, make_address


def test_merge_dict_unions_lists_and_refuses_unknown_keys():
    sink = ListSink()
    entity = make_address(sink)
    entity.merge_dict({'tag': [{'name': 'a'}, 'b'], 'rating': 2, 'webLink': 'http://x'})
    entity.merge_dict({'tag': ['a', 'c']})
    assert entity.tags == ['a', 'b', 'c'] and entity.rating == 2.0 and 'webLink' not in entity.to_json()
    with pytest.raises(ValidationError) as info:
        entity.merge_dict({'nonsense': 1})
    assert 'nonsense' in str(info.value)


def test_rest_keys_are_left_out_and_rest_only_keys_kept_where_they_are_fields():
    from tcex.batch.entity import CLASSES
    from tcex.batch.entity.merge import REST_KEYS, REST_ONLY_KEYS
    assert 'webLink' in REST_KEYS and 'observationCount' in REST_ONLY_KEYS
    incident = CLASSES['Incident'](ListSink(), 'i1', 'Inc')
    incident.merge_dict({'id': 9, 'ownerName': 'Org', 'dateAdded': 'x', 'observationCount': 3,
                         'status': 'open', 'eventDate': '2024-01-02', 'threatAssessScore': 5})
    out = incident.to_json()
    assert out['status'] == 'Open' and out['eventDate'].startswith('2024-01-02T')
    for key in ('id', 'ownerName', 'dateAdded', 'observationCount', 'threatAssessScore'):
        assert key not in out, key


def test_metadata_lists_are_validated_and_unioned():
    from tcex.batch.entity import CLASSES
    sink = ListSink()
    group = CLASSES['Adversary'](sink, 'a1', 'Adv')
    group.merge_dict({'attribute': [{'type': 'Description', 'value': 1}],
                      'securityLabel': ['TLP:RED', {'name': 'TLP:RED', 'color': 'f00'}],
                      'associatedGroupXid': ['g1', {'groupXid': 'g2'}, 'g1'],
                      'associatedIndicators': [{'summary': '1.1.1.1', 'indicatorType': 'Address'}]})
    group.merge_dict({'attribute': [{'type': 'Description', 'value': '1', 'displayed': 'false'}],
                      'associatedIndicators': [{'summary': '1.1.1.1', 'indicatorType': 'Address'}]})
    out = group.to_json()
    assert out['attribute'] == [{'type': 'Description', 'value': '1', 'displayed': False}]
    assert out['securityLabel'] == [{'name': 'TLP:RED', 'color': 'FF0000'}]
    assert out['associatedGroupXid'] == ['g1', 'g2']
    assert out['associatedIndicators'] == [{'summary': '1.1.1.1', 'indicatorType': 'Address'}]


@pytest.mark.parametrize('data, field', [
    ({'tag': 'not-a-list'}, 'tag'),
    ({'attribute': [{'type': 'Description'}]}, 'attribute'),
    ({'tag': [{'label': 'x'}]}, 'tag'),
    ({'associatedGroups': [{'xid': 'g'}]}, 'associatedGroups'),
    ({'associatedIndicators': [{'summary': '1.1.1.1'}]}, 'associatedIndicators'),
    ({'rating': 9}, 'rating'),
])
def test_bad_metadata_and_values_name_their_key(data, field):
    entity = make_address(ListSink())
    with pytest.raises(ValidationError) as info:
        entity.merge_dict(data)
    assert info.value.field == field and info.value.type_name == 'Address'
