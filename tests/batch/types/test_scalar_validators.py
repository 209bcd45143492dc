# -*- coding: utf-8 -*-
"""tcex.batch.types.scalar_validators: numbers, flags, colors, choices, text and dates."""
from __future__ import absolute_import, division, print_function, unicode_literals

import pytest
import six

from tcex.batch.types import scalar_validators as s
from tcex.batch.types import validators


def test_the_facade_re_exports_this_module():
    for name in ('boolean', 'bounded_integer', 'choice', 'color', 'confidence', 'date', 'integer', 'rating',
                 'text'):
        assert getattr(validators, name) is getattr(s, name), name


@pytest.mark.parametrize('value, expected', [(0, 0.0), (5, 5.0), (2.5, 2.5), ('3', 3.0), (' 4.5 ', 4.5),
                                             (b'1', 1.0)])
def test_rating_accepts(value, expected):
    result = s.rating(value)
    assert result == expected and type(result) is float


@pytest.mark.parametrize('value', [-0.1, 5.01, '6', 'high', float('nan'), None, True, ''])
def test_rating_rejects(value):
    with pytest.raises(ValueError):
        s.rating(value)


def test_integer_and_bounds():
    assert s.integer('-7') == -7 and s.integer(100.0) == 100 and s.integer('100.0') == 100
    assert s.integer(12) == 12 and type(s.integer(12)) is int
    for flag in (True, False):  # a bool is an int subclass, not a number here
        with pytest.raises(ValueError) as info:
            s.integer(flag)
        assert 'boolean' in str(info.value)
    with pytest.raises(ValueError) as info:
        s.integer(50.5)
    assert 'whole number' in str(info.value)
    between = s.bounded_integer(1, 3)
    assert between('3') == 3 and between.__name__ == 'bounded_integer'
    for value, reason in ((0, 'between 1 and 3'), (4, 'between 1 and 3')):
        with pytest.raises(ValueError) as info:
            between(value)
        assert reason in str(info.value)
    with pytest.raises(ValueError) as info:
        s.bounded_integer(minimum=10)(9)
    assert 'at least 10' in str(info.value)
    with pytest.raises(ValueError) as info:
        s.bounded_integer(maximum=10)(11)
    assert 'at most 10' in str(info.value)
    assert s.bounded_integer(maximum=10)(-(2 ** 70)) == -(2 ** 70)


@pytest.mark.parametrize('value, expected', [(0, 0), (100, 100), ('100', 100), (99.0, 99)])
def test_confidence_accepts(value, expected):
    assert s.confidence(value) == expected


@pytest.mark.parametrize('value', [-1, 101, 50.5, 'sure'])
def test_confidence_rejects(value):
    with pytest.raises(ValueError):
        s.confidence(value)


@pytest.mark.parametrize('word', ['true', 'T', 'yes', 'Y', 'on', '1', b'TRUE', ' yes '])
def test_boolean_true_words(word):
    assert s.boolean(word) is True


@pytest.mark.parametrize('word', ['false', 'F', 'no', 'n', 'OFF', '0', b'false'])
def test_boolean_false_words(word):
    assert s.boolean(word) is False


@pytest.mark.parametrize('value', ['', 'maybe', 2, -1, None, 1.0])
def test_boolean_rejects_everything_else(value):
    with pytest.raises(ValueError) as info:
        s.boolean(value)
    assert 'not a boolean' in str(info.value)


def test_boolean_numbers_and_bools():
    assert s.boolean(True) is True and s.boolean(1) is True and s.boolean(0) is False


@pytest.mark.parametrize('value, expected', [('#ff0000', 'FF0000'), ('f00', 'FF0000'), (' 00aaBB ', '00AABB')])
def test_color(value, expected):
    assert s.color(value) == expected


@pytest.mark.parametrize('value', ['red', '#ff00', 'gg0000', ''])
def test_color_rejects(value):
    with pytest.raises(ValueError):
        s.color(value)


def test_choice_canonical_spelling_and_message():
    pick = s.choice(['In Progress', 'New'])
    assert pick('  in   progress ') == 'In Progress' and pick('NEW') == 'New'
    assert pick.options == ('In Progress', 'New') and pick.__name__ == 'choice'
    with pytest.raises(ValueError) as info:
        pick('Old')
    assert str(info.value) == 'must be one of: In Progress, New'


def test_text_rules():
    plain, stripped, short = s.text(), s.text(strip=True), s.text(max_length=3)
    assert plain(' a\tb\n ') == ' a\tb\n ' and stripped(' a ') == 'a'
    assert type(plain(b'caf\xc3\xa9')) is six.text_type and plain(b'caf\xc3\xa9') == 'caf\xe9'
    assert short('abc') == 'abc'
    for validator, value, reason in ((plain, '  ', 'empty'), (plain, 'a\x00b', 'control'),
                                     (short, 'abcd', 'longer than 3'), (plain, 'a\x1bb', 'control')):
        with pytest.raises(ValueError) as info:
            validator(value)
        assert reason in str(info.value), (value, str(info.value))


@pytest.mark.parametrize('length', [5, 100, 400], ids=lambda n: '{} chars'.format(n))
def test_text_refuses_the_same_ascii_characters_at_every_length(length):
    validate = s.text()
    refused = set(range(0x09)) | set([0x0b, 0x0c]) | set(range(0x0e, 0x20)) | set([0x7f])
    for code in range(0x80):
        for where in (0, length // 2, length - 1):
            value = 'x' * where + chr(code) + 'x' * (length - where - 1)
            if code in refused:
                with pytest.raises(ValueError) as info:
                    validate(value)
                assert 'control characters' in str(info.value), (code, where)
            else:
                assert validate(value) == value, (code, where)


def test_long_non_ascii_text_is_checked():
    validate = s.text()
    assert validate('\xe9' * 300) == '\xe9' * 300
    for bad in ('\x1b', '\ud800'):
        with pytest.raises(ValueError):
            validate('\xe9' * 150 + bad + 'x' * 150)


def test_date_is_iso8601():
    assert s.date('2024-01-02').startswith('2024-01-02T00:00:00')
    assert s.date(0).startswith('1970-01-01T00:00:00')
    with pytest.raises(ValueError):
        s.date('not a date')
