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
