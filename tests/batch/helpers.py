# -*- coding: utf-8 -*-
"""Helpers shared by the batch builder tests."""
from __future__ import absolute_import, division, print_function, unicode_literals

import io
import json
import os

import pytest

from tcex.batch import Batch

GOLDEN = os.path.join(os.path.dirname(os.path.abspath(__file__)), 'fixtures', 'golden')


def golden(name):
    """Load a hand-written golden fixture."""
    with io.open(os.path.join(GOLDEN, name + '.json'), encoding='utf-8') as handle:
        return json.load(handle)


def canonical(value):
    """JSON text with sorted keys, for comparisons."""
    return json.dumps(value, sort_keys=True)


@pytest.fixture
def batch(tmpdir):
    """A Batch storing under a pytest temp dir, closed after the test."""
    b = Batch('MyOrg', temp_path=str(tmpdir))
    yield b
    b.close()


# -- the Batch seed's examples, run as written (shared by test_seed_examples.py and the submit tests) --
def seed_adversary(batch):
    """Interface 1: an Adversary with an attribute, a tag and a security label."""
    adversary = batch.adversary('adversary-001' 'my-xid-000')
    adversary.attribute('Description', 'Example Description', True)
    adversary.tag('Example Tag')
    adversary.security_label('TLP Green')
    return adversary


def seed_document(batch, xid=True, malware=True):
    """Interface 1: a Document set through its setters; returns ``(document, attribute, label)``.

    ``malware=False`` leaves out the malware flag and its password; ``xid`` is passed to the builder.
    """
    document = batch.document('document-001', 'example.txt', xid=xid)
    if malware:
        document.malware = True
        document.password = 'test'
    document.file_content = 'example file content'
    attr = document.attribute('Description', 'Example Description')
    attr.displayed = True
    document.tag('Example Tag')
    label = document.security_label('My Label')
    label.color = 'ffffff'
    label.description = 'Security label description.'
    return document, attr, label


def seed_event(batch):
    """Interface 2: an Event with add_key_value fields, an attribute and a tag."""
    event = batch.group('Event', 'event-001', 'my-xid-0001')
    event.add_key_value('eventDate', 'yesterday')
    event.add_key_value('status', 'New')
    event.attribute('Description', 'Example Description 2', True, 'source')
    event.tag('Example Tag')
    return event


def seed_document_dict(batch):
    """Interface 3: a Document dict with content, an association, an attribute and a tag."""
    return batch.add_group({
        'name': 'document-002', 'fileName': 'test2.txt', 'fileContent': 'example content 2',
        'type': 'Document', 'xid': 'my-xid-002', 'associatedGroupXid': ['my-xid-001'],
        'attribute': [{'displayed': True, 'type': 'Description', 'value': 'Example Description'}],
        'tag': [{'name': 'SafeToDelete'}]})


def seed_address(batch):
    """Interface 1: an Address from positional strings with an attribute, a tag and a label."""
    address = batch.address('123.124.125.126', '5.0', '100')
    address.attribute('Description', 'Example Description', True)
    address.tag('Example Tag')
    address.security_label('TLP Green')
    return address


def seed_file(batch):
    """Interface 1: a File set through its setters, with one occurrence; returns ``(file, occurrence)``."""
    file_hash = batch.file('43c3609411c83f363e051d455ade78a6')
    file_hash.rating = 5.0
    file_hash.confidence = 100
    attr = file_hash.attribute('Description', 'Example Description')
    attr.displayed = True
    file_hash.tag('Example Tag')
    label = file_hash.security_label('My Label')
    label.color = 'ffffff'
    label.description = 'Security label description.'
    occurrence = file_hash.occurrence()
    occurrence.file_name = 'drop1.exe'
    occurrence.path = 'C:\\test\\'
    occurrence.date = '2017-02-02 01:02:03'
    return file_hash, occurrence


def seed_host(batch):
    """Interface 2: a Host with its flags set by JSON key, an attribute and a tag."""
    host = batch.indicator('Host', 'www.badguys2.com', '5.0', '100')
    host.add_key_value('dnsActive', True)
    host.add_key_value('whoisActive', True)
    host.attribute('Description', 'Example Description 2', True, 'source')
    host.tag('Example Tag')
    return host


def add_seed_examples(batch):
    """The Batch seed's examples (plus the group 'my-xid-001' its Document associates with)."""
    seed_adversary(batch)
    batch.adversary('adversary-002', xid='my-xid-001')

    seed_document(batch, xid='doc-xid-001', malware=False)
    seed_event(batch)
    seed_document_dict(batch)
    seed_address(batch)
    seed_file(batch)
    seed_host(batch)
