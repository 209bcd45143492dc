# -*- coding: utf-8 -*-
"""tcex.batch.types: the Kind enum, the specs and their flags, the per-batch TypeRegistry."""
from __future__ import absolute_import, division, print_function, unicode_literals

import pytest

from tcex.batch import Batch
from tcex.batch.types import Kind, TypeRegistry
from tcex.batch.types import fields as f
from tcex.errors import BatchError, ValidationError

MD5 = 'a' * 32
SHA1 = 'b' * 40
SHA256 = 'c' * 64
HASH_TAG = [{'name': 'Hash Tag', 'value1Label': 'Tag', 'apiBranch': 'hashtags'}]


def _spec(name):
    return [s for s in f.GROUP_SPECS + f.INDICATOR_SPECS if s.name == name][0]


def test_kind_values_are_the_stored_ones():
    assert (int(Kind.GROUP), int(Kind.INDICATOR)) == (0, 1)
    assert (Kind.GROUP.key, Kind.INDICATOR.key) == ('group', 'indicator')
    assert Kind(1) is Kind.INDICATOR and Kind.GROUP.title == 'Group' and Kind.ALL == (Kind.GROUP, Kind.INDICATOR)
    assert Kind.INDICATOR.name == 'INDICATOR' and Kind.GROUP.value == 0 and repr(Kind.GROUP) == '<Kind.GROUP: 0>'
    with pytest.raises(ValueError):
        Kind(2)


def test_every_spec_has_its_kind_and_method():
    assert set(s.kind for s in f.GROUP_SPECS) == set([Kind.GROUP])
    assert set(s.kind for s in f.INDICATOR_SPECS) == set([Kind.INDICATOR])
    assert _spec('Registry Key').method == 'registry_key'


@pytest.mark.parametrize('name,files,occurrences,rules', [
    ('Document', True, False, 1), ('Report', True, False, 0), ('File', False, True, 0),
    ('Address', False, False, 0), ('Adversary', False, False, 0), ('Signature', False, False, 0)])
def test_special_types_are_flags_of_their_spec(name, files, occurrences, rules):
    spec = _spec(name)
    assert (spec.has_files, spec.has_occurrences, len(spec.rules)) == (files, occurrences, rules)


def test_needs_check_follows_required_fields_and_rules():
    assert _spec('Document').needs_check and _spec('Signature').needs_check and _spec('Email').needs_check
    assert not _spec('Address').needs_check and not _spec('Report').needs_check


def test_malware_rule_is_checked_by_the_spec():
    spec = _spec('Document')
    spec.check({'malware': False}, 'doc', 'x1')
    spec.check({'malware': True, 'password': 'secret'}, 'doc', 'x1')
    with pytest.raises(ValidationError) as info:
        spec.check({'malware': True}, 'doc', 'x1')
    assert info.value.field == 'password' and 'malware true but no password' in str(info.value)


def test_required_fields_are_checked_by_the_spec():
    with pytest.raises(ValidationError) as info:
        _spec('Signature').check({'fileName': 'a.yar', 'fileType': 'YARA'}, 'sig', 'x2')
    assert info.value.field == 'file_text' and 'x2' in str(info.value)


def test_file_summary_uses_the_spec_parser_in_any_order():
    spec = _spec('File')
    assert spec.summary_parser is not None
    assert spec.split_summary('{} : {}'.format(SHA256, MD5)) == [MD5, None, SHA256]
    with pytest.raises(ValidationError):
        spec.split_summary('not-a-hash')


def test_joined_summary_must_have_every_part_for_a_built_in_type():
    spec = _spec('Registry Key')
    assert spec.split_summary('HKEY_LOCAL_MACHINE\\Run : foo : REG_SZ')[1:] == ['foo', 'REG_SZ']
    with pytest.raises(ValidationError) as info:
        spec.split_summary('HKEY_LOCAL_MACHINE\\Run : foo')
    assert 'joined with' in str(info.value)


def test_custom_spec_takes_fewer_parts():
    spec = f.custom_indicator_spec({'name': 'Pair', 'value1Label': 'One', 'value2Label': 'Two'})
    assert spec.custom and spec.kind is Kind.INDICATOR and spec.method is None
    assert spec.split_summary('a') == ['a', None]
    assert spec.split_summary('a : b') == ['a', 'b']


def test_registry_shares_built_in_specs_and_classes():
    one, two = TypeRegistry(), TypeRegistry()
    spec = one.indicator_spec('address')
    assert spec is two.indicator_spec('Address') is f.INDICATOR_TYPES['address']
    assert one.entity_class(spec) is two.entity_class(spec)
    assert one.spec(Kind.GROUP, 'intrusion_set').name == 'Intrusion Set'


def test_registry_custom_types_are_fetched_once_and_kept_per_registry():
    calls = []

    def types():
        calls.append(1)
        return HASH_TAG

    one = TypeRegistry(types)
    spec = one.indicator_spec('Hash Tag')
    assert one.indicator_spec('hash_tag') is spec and len(calls) == 1  # seen twice, fetched once
    two = TypeRegistry(lambda: [{'name': 'Hash Tag', 'value1Label': 'Tag', 'value2Label': 'Extra'}])
    other = two.indicator_spec('Hash Tag')
    assert other is not spec and len(other.values) == 2 and len(spec.values) == 1
    assert one.entity_class(spec) is not two.entity_class(other)
    with pytest.raises(KeyError):
        two.entity_class(spec)  # a registry never hands out another's class


def test_registry_retries_a_failed_fetch_and_names_known_types():
    answers = [BatchError('no API'), HASH_TAG]

    def types():
        answer = answers.pop(0)
        if isinstance(answer, Exception):
            raise answer
        return answer

    registry = TypeRegistry(types)
    with pytest.raises(ValidationError) as info:
        registry.indicator_spec('Hash Tag')
    assert 'could not be fetched' in str(info.value) and 'Address' in str(info.value)
    assert registry.indicator_spec('Hash Tag').name == 'Hash Tag'
    with pytest.raises(ValidationError) as info:
        registry.indicator_spec('Nope')
    assert 'Hash Tag' in str(info.value)


def test_two_batches_with_different_custom_types(tmpdir):
    one = Batch('MyOrg', temp_path=str(tmpdir), indicator_types=lambda: HASH_TAG)
    two = Batch('MyOrg', temp_path=str(tmpdir), indicator_types=lambda: [
        {'name': 'Hash Tag', 'value1Label': 'Tag', 'value2Label': 'Extra'}])
    try:
        a = one.indicator('Hash Tag', '#a')
        b = two.indicator('Hash Tag', '#a : more')
        assert one.indicator('Hash Tag', '#a') is a  # seen twice in one batch: the same entity
        assert a.value1 == '#a' and b.value2 == 'more' and not hasattr(a, 'value2')
        assert one.data['indicator'][0]['summary'] == '#a'
        assert two.data['indicator'][0]['summary'] == '#a : more'
    finally:
        one.close()
        two.close()
