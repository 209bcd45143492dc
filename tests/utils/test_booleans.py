# -*- coding: utf-8 -*-
"""Tests for tcex/utils/booleans.py: the one true/false vocabulary."""
from __future__ import absolute_import, division, print_function, unicode_literals

import pytest

from tcex.utils.booleans import FALSE_WORDS, TRUE_WORDS, is_false, is_true, to_bool


def test_words():
    for word in TRUE_WORDS:
        assert to_bool(word) is True and to_bool(word.upper()) is True and is_true(' {} '.format(word))
    for word in FALSE_WORDS:
        assert to_bool(word) is False and to_bool(word.title()) is False and is_false(word)
    assert not TRUE_WORDS & FALSE_WORDS


def test_empty_means_what_the_caller_says():
    with pytest.raises(ValueError):
        to_bool('')
    assert to_bool('', empty=True) is True and to_bool(None, empty=False) is False
    assert not is_true('') and not is_false('')


def test_other_values():
    assert to_bool(True) is True and to_bool(b'yes') is True
    with pytest.raises(ValueError) as info:
        to_bool('maybe')
    assert 'maybe' in str(info.value)
    assert not is_true('maybe') and not is_false('maybe')
