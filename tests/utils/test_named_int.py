# -*- coding: utf-8 -*-
"""tcex.utils.named_int: the int-with-a-name base of ExitCode and Kind."""
from __future__ import absolute_import, division, print_function, unicode_literals

import pickle

import pytest

from tcex.app.exit import ExitCode
from tcex.batch.types import Kind
from tcex.utils.named_int import NamedInt


class Colour(NamedInt):
    __slots__ = ()
    NAMES = {2: 'RED', 5: 'GREEN'}


Colour.define()


def test_members_are_ints_with_names():
    assert Colour(5) is Colour.GREEN and Colour.GREEN == 5 and Colour.GREEN + 1 == 6
    assert Colour.MEMBERS == (Colour.RED, Colour.GREEN)
    assert (Colour.RED.name, Colour.RED.value) == ('RED', 2)
    assert repr(Colour.RED) == '<Colour.RED: 2>' and str(Colour.RED) == 'Colour.RED'


@pytest.mark.parametrize('value', [3, True, False, '2', None])
def test_other_values_are_refused(value):
    with pytest.raises(ValueError) as info:
        Colour(value)
    assert 'is not a valid Colour (2 red, 5 green)' in str(info.value)


def test_each_subclass_keeps_its_own_members():
    assert ExitCode(3) is ExitCode.PARTIAL_FAILURE and Kind(1) is Kind.INDICATOR
    assert ExitCode.MEMBERS != Kind.MEMBERS and Kind.ALL == Kind.MEMBERS
    with pytest.raises(ValueError):
        Kind(3)
    assert int(pickle.loads(pickle.dumps(ExitCode.FAILURE))) == 1
