# -*- coding: utf-8 -*-
"""tcex.batch.entity.merge: Interface-3 dicts merged into an entity, every value validated."""
from __future__ import absolute_import, division, print_function, unicode_literals

import json

import pytest

from tcex.errors import ValidationError
from tests.batch.entity.helpers import ListSink, make_address
from tests.batch.helpers import batch  # noqa: F401  (fixture)


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


def test_an_interface3_attribute_source_is_text_like_attribute_source(batch):  # noqa: F811
    """A bytes source becomes text, as ``attribute(source=b'...')`` makes it (it was kept as bytes:
    Python 3 then failed in a later, unrelated spill with a TypeError, and the batch stayed wedged)."""
    indicator = batch.add_indicator({'type': 'Address', 'summary': '1.1.1.1', 'xid': 'a1',
                                     'attribute': [{'type': 'Description', 'value': 'v', 'source': b'caf\xc3\xa9'}]})
    batch.address('1.1.1.2').attribute('Description', 'v', source=b'caf\xc3\xa9')
    data = batch.data
    assert [i['attribute'][0]['source'] for i in data['indicator']] == ['caf\u00e9', 'caf\u00e9']
    assert indicator.attributes[0].source == 'caf\u00e9'
    assert json.loads(next(iter(batch.iter_chunks())).payload.decode('utf-8'))['indicator'] == data['indicator']


@pytest.mark.parametrize('source', [b'\xff', object()])
def test_an_invalid_interface3_attribute_source_is_refused_when_given(batch, source):  # noqa: F811
    with pytest.raises(ValidationError) as info:
        batch.add_indicator({'type': 'Address', 'summary': '1.1.1.1', 'xid': 'a1',
                             'attribute': [{'type': 'Description', 'value': 'v', 'source': source}]})
    assert info.value.field == 'attribute.source'
    assert len(batch) == 0 and batch.data == {'group': [], 'indicator': []}  # nothing added, nothing wedged


def test_associated_indicators_of_an_interface3_group_are_text(batch):  # noqa: F811
    group = batch.add_group({'type': 'Incident', 'name': 'n', 'xid': 'g1', 'associatedIndicators': [
        {'summary': b'1.1.1.1', 'indicatorType': b'Address'}, {'summary': '1.1.1.1', 'indicatorType': 'Address'}]})
    expected = [{'summary': '1.1.1.1', 'indicatorType': 'Address'}]
    assert group.data['associatedIndicators'] == expected  # bytes made text, then the same item once
    assert batch.data['group'][0]['associatedIndicators'] == expected
    with pytest.raises(ValidationError) as info:
        batch.add_group({'type': 'Incident', 'name': 'm', 'xid': 'g2',
                         'associatedIndicators': [{'summary': object(), 'indicatorType': 'Address'}]})
    assert info.value.field == 'associatedIndicators.summary'
    assert len(batch) == 1


def test_interface3_attribute_keys_are_checked(batch):  # noqa: F811
    """An attribute keeps the batch keys (validated) and leaves out the others (REST API objects' keys)."""
    batch.add_indicator({'type': 'Address', 'summary': '1.1.1.3', 'xid': 'a3', 'attribute': [
        {'type': 'Description', 'value': 'v', 'pinned': 'yes', 'id': 7, 'dateAdded': '2024-01-01T00:00:00Z',
         'lastModified': '2024-01-02T00:00:00Z', 'default': False, 'createdBy': {'id': 1}, 1: 2, None: 'x',
         'securityLabel': [{'name': 'TLP:AMBER', 'color': '#ffbf00'}, 'TLP:RED']}]})
    (attribute,) = batch.data['indicator'][0]['attribute']
    assert attribute == {'type': 'Description', 'value': 'v', 'displayed': False, 'pinned': True,
                         'securityLabel': [{'name': 'TLP:AMBER', 'color': 'FFBF00'}, {'name': 'TLP:RED'}]}
    with pytest.raises(ValidationError) as info:
        batch.add_indicator({'type': 'Address', 'summary': '1.1.1.5', 'xid': 'a5', 'attribute': [
            {'type': 'Description', 'value': 'v', 'securityLabel': [{'name': 'TLP', 'color': 'red'}]}]})
    assert info.value.field == 'attribute.securityLabel.color'
    assert [i['xid'] for i in batch.data['indicator']] == ['a3']  # a refused dict adds nothing


def test_interface3_associated_indicators_keep_their_two_keys(batch):  # noqa: F811
    import datetime
    batch.address('10.0.0.1')
    batch.add_group({'type': 'Adversary', 'name': 'b', 'xid': 'y', 'associatedIndicators': [
        {'summary': b'10.0.0.1', 'indicatorType': 'Address', 'seen': datetime.date(2020, 1, 1)}]})
    assert batch.data['group'] == [{'name': 'b', 'type': 'Adversary', 'xid': 'y', 'associatedIndicators': [
        {'summary': '10.0.0.1', 'indicatorType': 'Address'}]}]  # a date there once broke every later call
    assert len(batch.data['indicator']) == 1
    batch.close()  # the store is not locked by it


def test_a_refused_interface3_merge_changes_nothing(tmpdir):
    from collections import OrderedDict

    from tcex.batch import Batch
    batch = Batch('Org', temp_path=str(tmpdir), buffer_size=1)
    try:
        held = batch.address('1.1.1.1', rating=1)
        label = held.security_label('TLP:GREEN', 'shared', 'ff0000')
        batch.address('1.1.1.2')  # held is written to the store
        before = held.data
        with pytest.raises(ValidationError):
            batch.add_indicator(OrderedDict([
                ('xid', held.xid), ('type', 'Address'), ('summary', '1.1.1.1'), ('rating', 2), ('tag', ['new']),
                ('securityLabel', [{'name': 'TLP:GREEN', 'color': '00ff00'}]),
                ('attribute', [{'type': 'Description', 'value': 'v'}]), ('confidence', 999)]))
        assert held.data == before and held.rating == 1.0 and held.tags == []
        assert batch.data['indicator'][0] == before
        label.color = '0000ff'  # the handle held before the refused merge still reaches the entity
        assert [x['color'] for x in batch.data['indicator'][0]['securityLabel']] == ['0000FF']
    finally:
        batch.close()
