# -*- coding: utf-8 -*-
"""tcex.batch.entity.classes: one entity class per type, generated from its spec."""
from __future__ import absolute_import, division, print_function, unicode_literals

import pytest

from tcex.batch.entity import BUILTIN_CLASSES, CLASSES, Group, Indicator, entity_class
from tcex.batch.types import fields as f
from tcex.errors import ValidationError
from tests.batch.entity.helpers import ListSink


def test_one_class_per_builtin_type():
    specs = f.GROUP_SPECS + f.INDICATOR_SPECS
    assert set(BUILTIN_CLASSES) == set(specs)
    assert sorted(CLASSES) == sorted(s.name for s in specs)
    for spec, cls in BUILTIN_CLASSES.items():
        assert cls.spec is spec and CLASSES[spec.name] is cls
        assert issubclass(cls, Group if spec.kind.key == 'group' else Indicator)
        for field in spec.fields + spec.values:
            assert isinstance(getattr(cls, field.attr), property), (spec.name, field.attr)


def test_class_names_and_docs():
    assert CLASSES['Registry Key'].__name__ == 'RegistryKey'
    assert CLASSES['EmailAddress'].__name__ == 'EmailAddress'
    assert CLASSES['URL'].__name__ == 'URL'
    assert CLASSES['Intrusion Set'].__doc__ == 'A Intrusion Set group.'


def test_file_and_occurrence_members_only_where_the_spec_says():
    for name, cls in CLASSES.items():
        assert hasattr(cls, 'file_content') == (name in ('Document', 'Report')), name
        assert hasattr(cls, 'add_file') == (name in ('Document', 'Report')), name
        assert hasattr(cls, 'occurrence') == (name == 'File'), name


def test_field_properties_validate_and_use_json_keys():
    host = CLASSES['Host'](ListSink(), 'h1', ['example.com'])
    host.dns_active = 'yes'
    host.whois_active = False
    assert host.to_json()['flag1'] is True and host.to_json()['flag2'] is False
    with pytest.raises(ValidationError) as info:
        host.dns_active = 'maybe'
    assert info.value.field == 'dns_active'
    host.dns_active = None
    assert 'flag1' not in host.to_json()


def test_value_properties_change_the_summary():
    hashed = CLASSES['File'](ListSink(), 'f1', ['a' * 32, None, None])
    hashed.sha256 = 'b' * 64
    assert hashed.summary == '{} : {}'.format('a' * 32, 'b' * 64)
    hashed.md5 = None
    assert hashed.summary == 'b' * 64
    with pytest.raises(ValidationError):
        hashed.sha256 = None  # the last value cannot go
    with pytest.raises(ValidationError):
        hashed.sha1 = 'short'


def test_file_data_of_a_document():
    sink = ListSink()
    document = CLASSES['Document'](sink, 'd1', 'Doc')
    document.add_file('doc.txt', 'text')
    assert document.file_data == {'fileContent': 'text', 'fileName': 'doc.txt', 'type': 'Document'}
    document.file_content = None
    assert sink.files == {'d1': None}


def test_entity_class_of_a_custom_spec():
    spec = f.custom_indicator_spec({'name': 'Phone Number', 'value1Label': 'Phone'})
    cls = entity_class(spec)
    assert cls.__name__ == 'PhoneNumber' and issubclass(cls, Indicator) and cls.spec is spec
    assert spec not in BUILTIN_CLASSES and 'Phone Number' not in CLASSES  # generating adds nothing global
    phone = cls(ListSink(), 'p1', ['+1 555'])
    assert phone.value1 == '+1 555' and phone.to_json()['type'] == 'Phone Number'
