# -*- coding: utf-8 -*-
"""Tests of tcex/testing/merging.py: write types, de-duplication, hashes, metadata."""
from __future__ import absolute_import, division, print_function, unicode_literals

import pytest

from tcex.testing.merging import copy_fields, dedupe, merge_hashes, merge_metadata, write_list
from tcex.testing.state import Store

OLD = [{'type': 'A', 'value': '1'}, {'type': 'B', 'value': '2'}]
NEW = [{'type': 'A', 'value': '3'}]


@pytest.mark.parametrize('mode, is_new, expected', [
    ('Append', False, OLD + NEW),
    ('Replace', False, NEW),
    ('Singleton', False, [{'type': 'B', 'value': '2'}] + NEW),
    ('Static', False, OLD),
    ('Static', True, NEW),
])
def test_write_list_per_write_type(mode, is_new, expected):
    assert write_list(list(OLD), list(NEW), mode, 'type', is_new) == expected
    assert write_list(list(OLD), None, mode, 'type', is_new) == OLD  # nothing given: unchanged


def test_dedupe_compares_names_case_insensitively_and_keeps_the_first():
    assert dedupe([{'name': 'Tag'}, {'name': 'tag'}, {'name': 'Other'}]) == [{'name': 'Tag'}, {'name': 'Other'}]


def test_merge_hashes_keeps_known_hashes_and_rebuilds_the_summary():
    record = {'md5': 'a' * 32}
    merge_hashes(record, '{} : {}'.format('d' * 32, 'c' * 64))
    assert record['md5'] == 'a' * 32 and record['sha256'] == 'c' * 64 and 'sha1' not in record
    assert record['summary'] == '{} : {}'.format('a' * 32, 'c' * 64)


def test_copy_fields_skips_metadata_and_the_given_keys():
    record = {}
    copy_fields(record, {'name': 'n', 'tag': [], 'attribute': [], 'summary': 's', 'rating': 3}, skip=('summary',))
    assert record == {'name': 'n', 'rating': 3}


def test_merge_metadata_writes_attributes_tags_labels_and_dates():
    store = Store(['MyOrg'], clock=lambda: 0)
    data = store.owner('MyOrg')
    config = {'attributeWriteType': 'Append', 'tagWriteType': 'Append'}
    record = {'attribute': [{'type': 'Source', 'value': 'x'}], 'tag': [{'name': 'a'}], 'securityLabel': []}
    entity = {'attribute': [{'type': 'Description', 'value': 5, 'displayed': 1}],
              'tag': [{'name': 'A'}, {'name': 'b'}], 'securityLabel': [{'name': 'TLP:RED'}]}
    merge_metadata(store, data, config, record, entity, is_new=False)
    assert [(a['type'], a['value']) for a in record['attribute']] == [('Source', 'x'), ('Description', '5')]
    assert record['attribute'][1]['displayed'] is True and record['attribute'][1]['pinned'] is False
    assert record['tag'] == [{'name': 'a'}, {'name': 'b'}]
    assert record['securityLabel'] == [{'name': 'TLP:RED'}]
    assert record['dateAdded'] == record['lastModified'] == '1970-01-01T00:00:00Z'
