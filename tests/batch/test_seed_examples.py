# -*- coding: utf-8 -*-
"""Every example of the Batch seed, run as written, with the JSON it must produce.

The examples shared with the submit tests are the ``seed_*`` functions of tests/batch/helpers.py.
"""
from __future__ import absolute_import, division, print_function, unicode_literals

import hashlib

from tests.batch.helpers import (  # noqa: F401  (batch: fixture)
    add_seed_examples, batch, canonical, seed_address, seed_adversary, seed_document, seed_document_dict, seed_event,
    seed_file, seed_host)


def sha(text):
    return hashlib.sha256(text.encode('utf-8')).hexdigest()


def by_xid(items, xid):
    matches = [item for item in items if item['xid'] == xid]
    assert len(matches) == 1, matches
    return matches[0]


def test_group_interface1_adversary(batch):  # noqa: F811
    seed_adversary(batch)
    assert batch.data == {'group': [{
        'name': 'adversary-001my-xid-000', 'type': 'Adversary', 'xid': sha('Adversary-adversary-001my-xid-000'),
        'attribute': [{'type': 'Description', 'value': 'Example Description', 'displayed': True}],
        'tag': [{'name': 'Example Tag'}], 'securityLabel': [{'name': 'TLP Green'}]}], 'indicator': []}


def test_group_interface1_document_with_setters(batch):  # noqa: F811
    _document, attr, label = seed_document(batch)
    assert (label.color, label.description, attr.displayed) == ('FFFFFF', 'Security label description.', True)
    expected = {
        'name': 'document-001', 'type': 'Document', 'xid': sha('Document-document-001'),
        'fileName': 'example.txt', 'malware': True, 'password': 'test',
        'attribute': [{'type': 'Description', 'value': 'Example Description', 'displayed': True}],
        'tag': [{'name': 'Example Tag'}],
        'securityLabel': [{'name': 'My Label', 'color': 'FFFFFF', 'description': 'Security label description.'}]}
    assert canonical(batch.data['group']) == canonical([expected])
    assert 'example file content' not in canonical(batch.data)
    assert list(batch.iter_files()) == [(sha('Document-document-001'), 'Document', 'example file content')]


def test_group_interface2_event(batch):  # noqa: F811
    seed_event(batch)
    data = batch.data['group'][0]
    assert data['xid'] == 'my-xid-0001' and data['type'] == 'Event' and data['status'] == 'New'
    assert data['eventDate'].endswith('T00:00:00Z') and len(data['eventDate']) == 20
    assert data['attribute'] == [{'type': 'Description', 'value': 'Example Description 2', 'displayed': True,
                                  'source': 'source'}]


def test_group_interface3_dict(batch):  # noqa: F811
    seed_document_dict(batch)
    assert batch.data['group'] == [{
        'name': 'document-002', 'type': 'Document', 'xid': 'my-xid-002', 'fileName': 'test2.txt',
        'associatedGroupXid': ['my-xid-001'],
        'attribute': [{'displayed': True, 'type': 'Description', 'value': 'Example Description'}],
        'tag': [{'name': 'SafeToDelete'}]}]
    assert list(batch.iter_files()) == [('my-xid-002', 'Document', 'example content 2')]


def test_indicator_interface1_address_positional_strings(batch):  # noqa: F811
    seed_address(batch)
    assert batch.data['indicator'] == [{
        'summary': '123.124.125.126', 'type': 'Address', 'xid': sha('Address-123.124.125.126'),
        'rating': 5.0, 'confidence': 100,
        'attribute': [{'type': 'Description', 'value': 'Example Description', 'displayed': True}],
        'tag': [{'name': 'Example Tag'}], 'securityLabel': [{'name': 'TLP Green'}]}]
    assert isinstance(batch.data['indicator'][0]['rating'], float)


def test_indicator_interface1_file_with_setters_and_occurrences(batch):  # noqa: F811
    file_hash, occurrence = seed_file(batch)
    file_hash.occurrence('drop1.exe', 'C:\\test\\', '2017-02-02 01:02:03')
    item = batch.data['indicator'][0]
    assert item['summary'] == '43c3609411c83f363e051d455ade78a6'
    assert item['xid'] == sha('File-43c3609411c83f363e051d455ade78a6')
    assert (item['rating'], item['confidence']) == (5.0, 100)
    occ = {'fileName': 'drop1.exe', 'path': 'C:\\test\\', 'date': '2017-02-02T01:02:03Z'}
    assert item['fileOccurrence'] == [occ]  # the same occurrence twice is sent once (reruns add nothing)
    assert occurrence.date == '2017-02-02T01:02:03Z'


def test_indicator_interface2_host(batch):  # noqa: F811
    host = seed_host(batch)
    item = batch.data['indicator'][0]
    assert item['flag1'] is True and item['flag2'] is True
    assert 'dnsActive' not in item and 'whoisActive' not in item
    assert (item['summary'], item['type'], item['rating'], item['confidence']) == (
        'www.badguys2.com', 'Host', 5.0, 100)
    assert host.dns_active is True and host.whois_active is True


def test_associations_example_indicator_to_group(batch):  # noqa: F811
    batch.add_indicator({
        "associatedGroups": [
            {
                "groupXid": "my-xid-001"
            }
        ],
        "summary": "HKEY_LOCAL_MACHINE\\system : TRUE : REG_DWORD",
        "type": "Registry Key",
        "xid": "ba60d2d6-8049-4080-9c5c-2b33d8d97767"
    })
    item = batch.data['indicator'][0]
    assert item == {'associatedGroups': [{'groupXid': 'my-xid-001'}],
                    'summary': 'HKEY_LOCAL_MACHINE\\system : TRUE : REG_DWORD', 'type': 'Registry Key',
                    'xid': 'ba60d2d6-8049-4080-9c5c-2b33d8d97767'}


def test_associations_interface1_group_and_indicator(batch):  # noqa: F811
    incident = batch.incident('incident-001', xid='my-xid-001')
    document = batch.document('document-002', 'test2.txt', xid='my-xid-002')
    document.association(incident)
    document.association('my-xid-001')  # same association twice: stored once
    key = batch.registry_key('HKEY_LOCAL_MACHINE\\system', 'TRUE', 'REG_DWORD')
    key.association('my-xid-001')
    key.association(incident)
    data = batch.data
    assert by_xid(data['group'], 'my-xid-002')['associatedGroupXid'] == ['my-xid-001']
    assert data['indicator'][0]['associatedGroups'] == [{'groupXid': 'my-xid-001'}]
    assert data['indicator'][0]['summary'] == 'HKEY_LOCAL_MACHINE\\system : TRUE : REG_DWORD'


# -- tcex 0.8 behaviour (issue 12 items 3, 4, 7): each of these failed before ------------------------
def test_seed_examples_built_twice_produce_the_same_json(batch):  # noqa: F811
    """Metadata as tcex adds it (unique attributes, one tag, one label): building again changes nothing."""
    add_seed_examples(batch)
    once = canonical(batch.data)
    add_seed_examples(batch)
    assert canonical(batch.data) == once


def test_seed_address_same_xid_keeps_the_first_fields(batch):  # noqa: F811
    seed_address(batch)
    again = batch.address('123.124.125.126', '1.0', '10')  # as a second feed row would
    assert again.data['rating'] == 5.0 and again.data['confidence'] == 100
    assert again.attribute('Description', 'Example Description', True).displayed is True
    assert len(batch.data['indicator'][0]['attribute']) == 1


def test_seed_document_dict_without_file_name_and_with_rest_keys(batch):  # noqa: F811
    document = batch.add_group({
        'name': 'document-002', 'fileContent': 'example content 2', 'type': 'Document', 'xid': 'my-xid-002',
        'id': 42, 'ownerName': 'MyOrg', 'dateAdded': '2024-01-01T00:00:00Z', 'webLink': 'https://app.example/x',
        'associatedGroupXid': ['my-xid-001'], 'tag': [{'name': 'SafeToDelete'}]})
    assert batch.data['group'] == [{'name': 'document-002', 'type': 'Document', 'xid': 'my-xid-002',
                                    'associatedGroupXid': ['my-xid-001'], 'tag': [{'name': 'SafeToDelete'}]}]
    assert document.file_content == 'example content 2'
