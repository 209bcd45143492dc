# -*- coding: utf-8 -*-
"""tcex.batch.types.fields: the field tables of the built-in Group and Indicator types."""
from __future__ import absolute_import, division, print_function, unicode_literals

import pytest

from tcex.batch.types import Kind
from tcex.batch.types import fields as f

ALL_SPECS = f.GROUP_SPECS + f.INDICATOR_SPECS
#: Positional builder arguments that are not fields of the spec (identity and content).
NOT_FIELDS = {Kind.GROUP: {'name', 'xid', 'file_content'}, Kind.INDICATOR: {'xid'}}


def test_type_lists():
    assert sorted(s.name for s in f.GROUP_SPECS) == [
        'Adversary', 'Campaign', 'Document', 'Email', 'Event', 'Incident', 'Intrusion Set', 'Report',
        'Signature', 'Threat']
    assert sorted(s.name for s in f.INDICATOR_SPECS) == [
        'ASN', 'Address', 'CIDR', 'EmailAddress', 'File', 'Host', 'Mutex', 'Registry Key', 'URL', 'User Agent']
    assert all(s.kind is Kind.GROUP for s in f.GROUP_SPECS)
    assert all(s.kind is Kind.INDICATOR for s in f.INDICATOR_SPECS)


def test_every_spec_has_a_unique_method_and_name():
    methods = [s.method for s in ALL_SPECS]
    assert None not in methods and len(set(methods)) == len(methods)
    keys = [f.normalise_type_name(s.name) for s in ALL_SPECS]
    assert len(set(keys)) == len(keys)
    assert f.GROUP_TYPES['intrusionset'].method == 'intrusion_set'
    assert f.INDICATOR_TYPES['registrykey'].method == 'registry_key'


@pytest.mark.parametrize('spec', ALL_SPECS, ids=lambda s: s.name)
def test_positional_arguments_are_fields(spec):
    assert len(set(spec.positional)) == len(spec.positional), spec.positional
    assert spec.positional[-1] == 'xid'
    for name in spec.positional:
        assert name in spec.by_attr or name in NOT_FIELDS[spec.kind], (spec.name, name)
    if spec.kind is Kind.INDICATOR:
        assert spec.positional[:len(spec.values)] == [x.attr for x in spec.values]
    else:
        assert spec.positional[0] == 'name'


@pytest.mark.parametrize('spec', ALL_SPECS, ids=lambda s: s.name)
def test_field_keys_and_attrs_are_unique_and_valued(spec):
    every = spec.values + spec.fields
    assert len(set(x.attr for x in every)) == len(every)
    assert len(set(x.key for x in every)) == len(every)
    assert all(callable(x.validator) for x in every)
    assert spec.api_branch and not spec.custom
    assert spec.store_key == (int(spec.kind), spec.name)


def test_special_types_are_properties_of_their_specs():
    with_files = sorted(s.name for s in ALL_SPECS if s.has_files)
    with_occurrences = sorted(s.name for s in ALL_SPECS if s.has_occurrences)
    assert with_files == ['Document', 'Report'] and with_occurrences == ['File']
    assert [s.name for s in ALL_SPECS if s.summary_parser is not None] == ['File']
    assert [s.name for s in ALL_SPECS if s.rules] == ['Document']
    document = f.GROUP_TYPES['document']
    assert document.rules[0] is f.MALWARE_PASSWORD
    assert f.MALWARE_PASSWORD.test({'malware': True}) is False
    assert f.MALWARE_PASSWORD.test({'malware': True, 'password': 'x'}) is True
    assert f.MALWARE_PASSWORD.test({}) is True


def test_required_fields():
    assert [x.attr for x in f.GROUP_TYPES['email'].required] == ['subject', 'header', 'body']
    assert [x.attr for x in f.GROUP_TYPES['signature'].required] == ['file_name', 'file_type', 'file_text']
    assert f.GROUP_TYPES['threat'].required == [] and not f.GROUP_TYPES['threat'].needs_check
    assert f.GROUP_TYPES['document'].needs_check


def test_choices_and_aliases():
    event = f.GROUP_TYPES['event']
    assert event.by_attr['status'].validator('needs review') == 'Needs Review'
    with pytest.raises(ValueError):
        event.by_attr['status'].validator('Closed')  # an Incident status, not an Event one
    assert f.GROUP_TYPES['incident'].by_attr['status'].validator('closed') == 'Closed'
    host = f.INDICATOR_TYPES['host']
    assert host.by_key['dnsActive'] is host.by_attr['dns_active'] and host.by_attr['dns_active'].key == 'flag1'
    file_spec = f.INDICATOR_TYPES['file']
    assert file_spec.by_key['size'].key == 'intValue1'
    assert file_spec.by_attr['size'].validator(2 ** 63 - 1) == 2 ** 63 - 1
    with pytest.raises(ValueError):
        file_spec.by_attr['size'].validator(-1)


@pytest.mark.parametrize('name', ['Registry Key', 'registry_key', 'RegistryKey', 'registry-key', ' REGISTRY KEY'])
def test_normalise_type_name(name):
    assert f.normalise_type_name(name) == 'registrykey'


def test_custom_indicator_spec():
    spec = f.custom_indicator_spec({'name': 'Hashtag Pair', 'value1Label': 'First', 'value2Label': 'Second',
                                    'apiBranch': 'hashtagPairs'})
    assert spec.custom and spec.kind is Kind.INDICATOR and spec.method is None
    assert [(x.attr, x.key, x.required) for x in spec.values] == [('value1', 'First', True),
                                                                  ('value2', 'Second', False)]
    assert spec.by_key['value2'] is spec.values[1] and spec.api_branch == 'hashtagPairs'
    bare = f.custom_indicator_spec({'name': 'Bare'})
    assert [(x.attr, x.key) for x in bare.values] == [('value1', 'value1')]
