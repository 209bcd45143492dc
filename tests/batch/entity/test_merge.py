# -*- coding: utf-8 -*-
"""tcex.batch.entity.merge: Interface-3 dicts validate every value they put in the payload."""
from __future__ import absolute_import, division, print_function, unicode_literals

import json

import pytest

from tcex.errors import ValidationError

from tests.batch.helpers import batch  # noqa: F401  (fixture)


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
