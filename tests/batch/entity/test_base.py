# -*- coding: utf-8 -*-
"""tcex.batch.entity.base: entities against the EntitySink interface, without a Batch."""
from __future__ import absolute_import, division, print_function, unicode_literals

import json

import pytest

from tcex.batch.entity import CLASSES
from tcex.batch.entity.encoder import encode, identity_text
from tests.batch.entity.helpers import ListSink, make_address
from tcex.batch.types import Kind
from tcex.errors import ValidationError


def test_a_new_entity_is_pending_and_changes_do_not_requeue_it():
    sink = ListSink()
    entity = make_address(sink, data={'rating': 3.0})
    assert entity.is_pending and not entity.is_stored and entity.kind is Kind.INDICATOR
    entity.tag('a')
    entity.confidence = 5
    assert sink.queued == []
    assert entity.to_json() == {'summary': '1.1.1.1', 'type': 'Address', 'xid': 'x-1.1.1.1', 'rating': 3.0,
                                'confidence': 5, 'tag': [{'name': 'a'}]}
    assert json.loads(identity_text(encode(entity.to_json()))) == {'summary': '1.1.1.1', 'type': 'Address',
                                                                   'xid': 'x-1.1.1.1'}


def test_a_written_entity_is_queued_once_on_change():
    sink = ListSink()
    entity = make_address(sink)
    entity.written()
    assert not entity.is_pending and entity.is_stored
    entity.tag('a')
    entity.attribute('Description', 'd')
    assert sink.queued == [entity]
    entity.unwritten(new=True)
    assert entity.is_pending and not entity.is_stored


def test_handles_requeue_through_the_public_touch():
    sink = ListSink()
    entity = make_address(sink)
    attribute = entity.attribute('Description', 'd')
    entity.written()
    attribute.displayed = True
    assert sink.queued == [entity] and entity.to_json()['attribute'][0]['displayed'] is True


def test_unique_false_attributes_reuse_what_the_sink_grants():
    sink = ListSink(claims=[('Comment', 'again')])
    entity = make_address(sink)
    entity.restore({'summary': '1.1.1.1', 'type': 'Address', 'xid': 'x-1.1.1.1',
                    'attribute': [{'type': 'Comment', 'value': 'again', 'displayed': False}]})
    assert entity.is_stored and not entity.is_pending
    entity.attribute('Comment', 'again', unique=False)  # granted: the stored one is reused
    entity.attribute('Comment', 'again', unique=False)  # not granted: a second one
    assert [a['value'] for a in entity.to_json()['attribute']] == ['again', 'again']


def test_file_content_goes_to_the_sink_only_for_types_with_files():
    sink = ListSink()
    document = CLASSES['Document'](sink, 'd1', 'report.pdf')
    document.add_file('report.pdf', b'%PDF')
    assert sink.files == {'d1': b'%PDF'} and document.file_content == b'%PDF'
    assert 'fileContent' not in document.to_json()
    assert not hasattr(make_address(sink), 'file_content')


def test_occurrences_only_where_the_spec_has_them():
    sink = ListSink()
    hashed = CLASSES['File'](sink, 'f1', ['a' * 32, None, None])
    hashed.occurrence('x.exe', '/tmp', '2024-01-02')
    assert hashed.to_json()['fileOccurrence'][0]['fileName'] == 'x.exe'
    with pytest.raises(ValidationError):
        make_address(sink).merge_dict({'fileOccurrence': [{'fileName': 'x'}]})


def test_malware_document_fails_its_check():
    document = CLASSES['Document'](ListSink(), 'd2', 'bad', {'malware': True})
    with pytest.raises(ValidationError) as info:
        document.check()
    assert info.value.field == 'password'
    document.password = 'infected'
    document.check()


def test_belongs_to_its_own_sink_only():
    sink = ListSink()
    entity = make_address(sink)
    assert entity.belongs_to(sink) and not entity.belongs_to(ListSink())


def test_an_attribute_value_given_as_a_python2_long_becomes_text_as_an_int_does():
    """Numbers become text on both Pythons; Python 2 refused a ``long`` (``expected text, got long``)."""
    import six
    entity = CLASSES['Address'](ListSink(), 'x1', ['1.1.1.1'])
    big = six.integer_types[-1](10) ** 20  # a long on Python 2, an int on Python 3
    assert entity.attribute('Count', big).value == '100000000000000000000'
    assert entity.attribute('Small', six.integer_types[-1](7)).value == '7'
    assert [a['value'] for a in entity.to_json()['attribute']] == ['100000000000000000000', '7']


def test_equal_metadata_handles_hash_alike():
    """Two handles of one item are equal; they must hash alike too (a set held both, ``in`` missed one)."""
    entity = CLASSES['File'](ListSink(), 'f1', ['a' * 32, None, None])
    pairs = [(entity.attribute('Description', 'v'), entity.attribute('Description', 'v')),
             (entity.security_label('TLP Red'), entity.security_label('TLP Red')),
             (entity.tag('t'), entity.tag('t')),
             (entity.attributes[0], entity.attribute('Description', 'v'))]
    for first, second in pairs:
        assert first == second and hash(first) == hash(second)
        assert second in {first} and len({first, second}) == 1
    assert entity.attribute('Description', 'w') not in {pairs[0][0]}
