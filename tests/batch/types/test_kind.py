# -*- coding: utf-8 -*-
"""tcex.batch.types.kind: the one kind enum (values, JSON keys, titles, NamedInt behaviour)."""
from __future__ import absolute_import, division, print_function, unicode_literals

import pytest

from tcex.batch.types import Kind
from tcex.batch.types.kind import Kind as KindFromModule
from tcex.utils.named_int import NamedInt


def test_values_keys_and_titles():
    assert (int(Kind.GROUP), int(Kind.INDICATOR)) == (0, 1)
    assert (Kind.GROUP.key, Kind.INDICATOR.key) == ('group', 'indicator')
    assert (Kind.GROUP.title, Kind.INDICATOR.title) == ('Group', 'Indicator')
    assert (Kind.GROUP.name, Kind.INDICATOR.name) == ('GROUP', 'INDICATOR')
    assert Kind.ALL == (Kind.GROUP, Kind.INDICATOR)


def test_members_are_singletons_and_named_ints():
    assert Kind is KindFromModule
    assert Kind(0) is Kind.GROUP and Kind(1) is Kind.INDICATOR
    assert Kind(Kind.INDICATOR) is Kind.INDICATOR
    assert isinstance(Kind.GROUP, NamedInt) and isinstance(Kind.GROUP, int)
    assert Kind.INDICATOR == 1 and Kind.GROUP.value == 0
    assert {Kind.GROUP: 'g'}[0] == 'g'  # hashes as its int: store rows key by the number


def test_repr_and_str_name_the_member():
    assert repr(Kind.INDICATOR) == '<Kind.INDICATOR: 1>'
    assert str(Kind.GROUP) == 'Kind.GROUP'


@pytest.mark.parametrize('value', [2, -1, True, False, 'group'])
def test_other_values_are_refused(value):
    with pytest.raises(ValueError) as info:
        Kind(value)
    assert 'not a valid Kind' in str(info.value) and '0 group' in str(info.value)
