# -*- coding: utf-8 -*-
"""tcex.batch.types.spec: Field, Rule and TypeSpec (summary split, value validation, checks)."""
from __future__ import absolute_import, division, print_function, unicode_literals

import pytest

from tcex.batch.types import Field, Kind, Rule, TypeSpec
from tcex.batch.types import fields as f
from tcex.batch.types.spec import META_KEYS
from tcex.errors import ValidationError


def _upper(value):
    if value == 'bad':
        raise ValueError('is bad')
    if not hasattr(value, 'upper'):
        raise TypeError('is not text')
    return value.upper()


def _pair(custom=False):
    values = [Field('first', 'First', _upper, required=True), Field('second', 'Second', _upper)]
    return TypeSpec('Pair', Kind.INDICATOR, None, [Field('note', 'note', _upper, aliases=('remark',))],
                    values=values, custom=custom)


def test_spec_indexes_fields_by_attr_key_and_alias():
    spec = _pair()
    assert spec.by_attr['note'] is spec.by_key['note'] is spec.by_key['remark']
    assert spec.by_key['First'] is spec.values[0]
    assert spec.meta_keys == META_KEYS[Kind.INDICATOR] and 'fileOccurrence' in spec.meta_keys
    assert 'fileOccurrence' not in META_KEYS[Kind.GROUP]
    assert spec.store_key == (1, 'Pair') and not spec.needs_check
    assert repr(spec) == 'TypeSpec({!r})'.format('Pair')
    assert repr(spec.values[0]) == 'Field({!r}, {!r})'.format('first', 'First')


def test_split_summary_joined_values():
    spec = _pair()
    assert spec.split_summary('a : b') == ['A', 'B']
    for summary in ('a', 'a : b : c', '   ', None):
        with pytest.raises(ValidationError) as info:
            spec.split_summary(summary)
        assert info.value.type_name == 'Pair' and info.value.field == 'summary'


def test_split_summary_of_a_custom_type_may_leave_out_trailing_values():
    spec = _pair(custom=True)
    assert spec.split_summary('a') == ['A', None]
    with pytest.raises(ValidationError):
        spec.split_summary('a : b : c')


def test_split_summary_reports_the_invalid_value():
    with pytest.raises(ValidationError) as info:
        _pair().split_summary('a : bad')
    assert info.value.field == 'second' and 'is bad' in str(info.value) and 'Pair' in str(info.value)


def test_split_summary_with_a_parser():
    spec = f.INDICATOR_TYPES['file']
    md5, sha1 = 'a' * 32, 'b' * 40
    assert spec.split_summary('{} : {}'.format(sha1, md5)) == [md5, sha1, None]
    with pytest.raises(ValidationError) as info:
        spec.split_summary('not a hash')
    assert info.value.field == 'summary'


def test_single_value_summary_is_one_part():
    assert f.INDICATOR_TYPES['address'].split_summary(' 1.2.3.4 ') == ['1.2.3.4']


def test_validate_values_blank_optional_required_and_all_blank():
    spec = _pair()
    assert spec.validate_values(['a', '']) == ['A', None]
    with pytest.raises(ValidationError) as info:
        spec.validate_values(['', 'b'])
    assert info.value.field == 'first' and 'needs a first' in str(info.value)
    optional = TypeSpec('Opt', Kind.INDICATOR, None, [], values=[Field('a', 'a', _upper), Field('b', 'b', _upper)])
    with pytest.raises(ValidationError) as info:
        optional.validate_values([None, ''])
    assert 'needs at least one of a, b' in str(info.value)


def test_check_required_fields_and_rules():
    rule = Rule('password', lambda data: not data.get('malware') or bool(data.get('password')), 'needs a password')
    spec = TypeSpec('Doc', Kind.GROUP, 'doc', [Field('title', 'title', _upper, required=True),
                                              Field('malware', 'malware', bool), Field('password', 'password', _upper)],
                    rules=[rule])
    assert spec.needs_check and spec.required == [spec.by_attr['title']]
    spec.check({'title': 'T'}, 'name', 'x1')
    with pytest.raises(ValidationError) as info:
        spec.check({}, 'name', 'x1')
    assert info.value.field == 'title' and 'missing required field title (xid x1)' in str(info.value)
    with pytest.raises(ValidationError) as info:
        spec.check({'title': 'T', 'malware': True}, 'name', 'x1')
    assert info.value.field == 'password' and 'needs a password' in str(info.value)
    spec.check({'title': 'T', 'malware': True, 'password': 'p'}, 'name', 'x1')


def test_validate_wraps_value_and_type_errors():
    spec = _pair()
    assert spec.validate(_upper, 'note', 'x') == 'X'
    for value in ('bad', 3):  # ValueError, then TypeError (int has no upper)
        with pytest.raises(ValidationError) as info:
            spec.validate(_upper, 'note', value)
        assert info.value.field == 'note' and info.value.type_name == 'Pair'
        assert str(info.value).startswith('Pair field note has invalid value')
