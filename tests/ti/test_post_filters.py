# -*- coding: utf-8 -*-
"""The seed App's post-filter syntax: every form the seed shows, and each malformed form."""
from __future__ import absolute_import, division, print_function, unicode_literals

import argparse

import pytest

from tcex.errors import ArgumentError
from tcex.ti.post_filters import PostFilters, parse_item, split_items

NOW = 1500000000.0
DAY = 86400


def iso(epoch):
    import time
    return time.strftime('%Y-%m-%dT%H:%M:%SZ', time.gmtime(epoch))


@pytest.mark.parametrize('param,text,field,op,value', [
    ('date_added', '>=,1,years', 'dateAdded', '>=', 365 * DAY),
    ('date_added', '<=,1,days', 'dateAdded', '<=', DAY),
    ('last_modified', '>=,12,hours', 'lastModified', '>=', 12 * 3600),
    ('date_added', '>, 2 ,weeks', 'dateAdded', '>', 14 * DAY),
    ('date_added', '<,3,month', 'dateAdded', '<', 90 * DAY),
    ('date_added', '=,30,Minutes', 'dateAdded', '=', 1800),
    ('ratings', '>=3.0', 'rating', '>=', 3.0),
    ('ratings', '>=,3.0', 'rating', '>=', 3.0),
    ('ratings', '<=4.5', 'rating', '<=', 4.5),
    ('confidences', '>=75', 'confidence', '>=', 75),
    ('confidences', '>=,75', 'confidence', '>=', 75),
    ('confidences', '<=95', 'confidence', '<=', 95),
    ('confidences', '==50', 'confidence', '==', 50),
])
def test_every_seed_form_parses(param, text, field, op, value):
    parsed = parse_item(param, text)
    assert (parsed.field, parsed.op, parsed.value) == (field, op, value)


@pytest.mark.parametrize('param,text,words', [
    ('date_added', '>=1years', 'expected <operator>,<amount>,<unit>'),
    ('date_added', '>=,1', 'expected <operator>,<amount>,<unit>'),
    ('date_added', '>=,one,years', 'expected <operator>,<amount>,<unit>'),
    ('date_added', '>=,1,fortnights', "unknown unit 'fortnights'"),
    ('date_added', '=>,1,days', 'expected <operator>,<amount>,<unit>'),
    ('last_modified', '', 'expected <operator>,<amount>,<unit>'),
    ('ratings', '3.0', 'expected <operator><number>'),
    ('ratings', '>=,high', 'expected <operator><number>'),
    ('ratings', '>=6', 'outside 0-5'),
    ('ratings', '!=3', 'expected <operator><number>'),
    ('confidences', '>=101', 'outside 0-100'),
    ('confidences', '>=,-5', 'expected <operator><number>'),
    ('confidences', '>=,,75', 'expected <operator><number>'),
])
def test_each_malformed_form_is_one_line_naming_param_and_value(param, text, words):
    with pytest.raises(ArgumentError) as info:
        parse_item(param, text)
    message = str(info.value)
    assert words in message and '--{}'.format(param) in message
    assert "'{}'".format(text) in message and '\n' not in message
    assert info.value.value == text


def test_unknown_param():
    with pytest.raises(ArgumentError) as info:
        parse_item('colours', '>=1')
    assert "unknown post filter param 'colours'" in str(info.value)


def test_list_params_split_on_the_delimiter_and_repeat():
    assert split_items(['>=,1,years|<=,1,days', '>=,2,hours']) == [
        '>=,1,years', '<=,1,days', '>=,2,hours']
    assert split_items('>=3.0') == ['>=3.0'] and split_items(None) == []


def test_items_are_anded_and_applied_from_one_now():
    filters = PostFilters(clock=lambda: NOW, date_added=['>=,1,years', '<=,1,days'],
                          ratings=['>=,3.0'], confidences='>=75|<=95')
    assert len(filters) == 5
    good = {'dateAdded': iso(NOW - 10 * DAY), 'rating': 3.0, 'confidence': 80}
    assert filters.matches(good)
    assert not filters.matches(dict(good, dateAdded=iso(NOW - 3600)))  # newer than a day
    assert not filters.matches(dict(good, dateAdded=iso(NOW - 400 * DAY)))  # older than a year
    assert not filters.matches(dict(good, rating=2.5))
    assert not filters.matches(dict(good, confidence=96))
    assert not filters.matches(dict(good, confidence=None))
    assert not filters.matches({'rating': 4})  # no value: does not pass
    assert list(filters.apply([good, dict(good, rating=1)])) == [good]


def test_from_args_and_server_equivalents():
    args = argparse.Namespace(date_added=None, last_modified=['>=,1,days'],
                              ratings=['>2', '>=,3.0'], confidences=['=75', '<90'])
    filters = PostFilters.from_args(args, clock=lambda: NOW)
    assert sorted(filters.server_filters()) == [('confidence', '<', 90.0),
                                                ('confidence', '=', 75), ('rating', '>', 2.0)]
    assert not PostFilters()
    assert PostFilters(ratings=[]).server_filters() == []
