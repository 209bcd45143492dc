# -*- coding: utf-8 -*-
"""tcex.batch.entity.metadata: the Attribute, Tag, SecurityLabel and FileOccurrence handles."""
from __future__ import absolute_import, division, print_function, unicode_literals

import pytest

from tcex.batch.entity import CLASSES, Attribute, FileOccurrence, SecurityLabel, Tag
from tcex.errors import ValidationError
from tests.batch.entity.helpers import ListSink, make_address


def test_attribute_handle_reads_and_writes_the_entity():
    entity = make_address(ListSink())
    handle = entity.attribute('Description', 'first', source='feed')
    assert isinstance(handle, Attribute) and handle.valid
    assert (handle.type, handle.value, handle.displayed, handle.source) == ('Description', 'first', False, 'feed')
    handle.value = 'second'
    handle.displayed = True
    handle.source = None
    assert entity.to_json()['attribute'] == [{'type': 'Description', 'value': 'second', 'displayed': True}]
    assert handle.data == {'type': 'Description', 'value': 'second', 'displayed': True}
    handle.data['value'] = 'not written back'  # data is a copy
    assert entity.attributes[0].value == 'second'
    assert entity.attributes[0] == handle and entity.attributes[0] != entity.attribute('Description', 'other')


def test_attribute_values_become_text_and_bad_ones_name_the_field():
    entity = make_address(ListSink())
    assert entity.attribute('Count', 3).value == '3'
    assert entity.attribute('Flag', True).value == 'true'
    assert not entity.attribute('Empty', '').valid and not entity.attribute('Empty', None).valid
    assert [a.type for a in entity.attributes] == ['Count', 'Flag']
    with pytest.raises(ValidationError) as info:
        entity.attributes[0].value = 'a\x00b'
    assert info.value.field == 'attribute.value'
    with pytest.raises(ValidationError) as info:
        entity.attributes[0].displayed = 'maybe'
    assert info.value.field == 'attribute.displayed'


def test_attribute_unique_modes():
    entity = make_address(ListSink())
    entity.attribute('Source', 'a')
    entity.attribute('Source', 'a')  # unique=True: one per type and value
    entity.attribute('Source', 'b')
    entity.attribute('Note', 'x', unique='Type')
    entity.attribute('Note', 'y', unique='Type')  # one per type: replaced
    entity.attribute('Comment', 'c', unique=False)
    entity.attribute('Comment', 'c', unique=False)
    assert [(a.type, a.value) for a in entity.attributes] == [
        ('Source', 'a'), ('Source', 'b'), ('Note', 'y'), ('Comment', 'c'), ('Comment', 'c')]
    with pytest.raises(ValidationError):
        entity.attribute('Source', 'z', unique='sometimes')


def test_tag_handles():
    entity = make_address(ListSink())
    tag = entity.tag('  Spaced  ', formatter=lambda x: x.strip())
    assert isinstance(tag, Tag) and tag.name == 'Spaced' and tag.data == {'name': 'Spaced'}
    assert entity.tag('Spaced') == tag and hash(entity.tag('Spaced')) == hash(tag)
    assert not entity.tag('').valid and entity.tags == ['Spaced']
    for i in range(100):  # past the linear scan: still once per name
        entity.tag('t{}'.format(i % 60))
    assert len(entity.tags) == 61


def test_security_label_handles():
    entity = make_address(ListSink())
    label = entity.security_label('TLP:AMBER', 'share within', '#f80')
    assert isinstance(label, SecurityLabel)
    assert (label.name, label.description, label.color) == ('TLP:AMBER', 'share within', 'FF8800')
    again = entity.security_label('TLP:AMBER', color='00ff00')
    assert again == label and label.color == '00FF00' and len(entity.security_labels) == 1
    with pytest.raises(ValidationError) as info:
        label.color = 'orange'
    assert info.value.field == 'securityLabel.color' and label.color == '00FF00'
    label.description = None
    assert entity.to_json()['securityLabel'] == [{'name': 'TLP:AMBER', 'color': '00FF00'}]


def test_file_occurrence_handles():
    hashed = CLASSES['File'](ListSink(), 'f1', ['a' * 32, None, None])
    occurrence = hashed.occurrence('x.exe', date='2024-01-02')
    assert isinstance(occurrence, FileOccurrence)
    assert occurrence.file_name == 'x.exe' and occurrence.path is None
    assert occurrence.date.startswith('2024-01-02T')
    occurrence.path = 'C:\\temp'
    assert hashed.to_json()['fileOccurrence'][0]['path'] == 'C:\\temp'
    with pytest.raises(ValidationError) as info:
        hashed.occurrence('y.exe', date='not a date')
    assert info.value.field == 'fileOccurrence.date' and len(hashed.occurrences) == 1


def test_handles_of_a_written_entity_requeue_it_once():
    sink = ListSink()
    entity = make_address(sink)
    label = entity.security_label('L')
    entity.written()
    label.color = 'ffffff'
    label.description = 'd'
    assert sink.queued == [entity]
