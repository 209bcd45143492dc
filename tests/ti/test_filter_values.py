# -*- coding: utf-8 -*-
"""Server-side filter values: each value kind, each bad value, and no request for a bad one."""
from __future__ import absolute_import, division, print_function, unicode_literals

import datetime

import pytest

from tcex import TcEx
from tcex.errors import ArgumentError
from tcex.ti import build_filters
from tcex.utils.dates import FixedOffset
from tests.ti.conftest import hosts

NAN, INF = float('nan'), float('inf')


#: Good values of each kind -> the text sent (``(filters, list kind, type, filters text)``).
GOOD = [
    # number: ints and floats (and numeric text), sent as numbers
    ([('rating', '>', 3)], 'indicator', None, 'rating>3'),
    ([('rating', '<', 2.5)], 'indicator', None, 'rating<2.5'),
    ([('rating', '>', ' 3.5 ')], 'indicator', None, 'rating>3.5'),
    ([('confidence', '=', 80)], 'indicator', None, 'confidence=80'),
    ([('threatAssessConfidence', '<', '75')], 'indicator', None, 'threatAssessConfidence<75.0'),
    # integer
    ([('asn', '=', 64512)], 'indicator', 'Address', 'asn=64512'),
    ([('asn', '=', 64512.0)], 'indicator', 'Address', 'asn=64512'),
    ([('asn', '=', '64512')], 'indicator', 'Address', 'asn=64512'),
    # date: objects, epoch numbers and ISO-8601 text, sent in the platform's format
    ([('dateAdded', '>', datetime.date(2024, 8, 4))], 'indicator', None,
     'dateAdded>2024-08-04T00:00:00Z'),
    ([('dateAdded', '<', datetime.datetime(2024, 8, 4, 10, 30, 5))], 'indicator', None,
     'dateAdded<2024-08-04T10:30:05Z'),
    ([('dateAdded', '<', datetime.datetime(2024, 8, 4, 10, 0, tzinfo=FixedOffset(330)))],
     'indicator', None, 'dateAdded<2024-08-04T04:30:00Z'),
    ([('dateAdded', '>', 0)], 'indicator', None, 'dateAdded>1970-01-01T00:00:00Z'),
    ([('dateAdded', '>', 1722765600.5)], 'indicator', None, 'dateAdded>2024-08-04T10:00:00Z'),
    ([('dateAdded', '>', '2024-08-04')], 'indicator', None, 'dateAdded>2024-08-04T00:00:00Z'),
    ([('dateAdded', '>', '2024-08-04T10:00:00Z')], 'indicator', None,
     'dateAdded>2024-08-04T10:00:00Z'),
    ([('dateAdded', '>', '2024-08-04T10:00:00.123+02:00')], 'indicator', None,
     'dateAdded>2024-08-04T08:00:00Z'),
    ([('dateAdded', '>', '2024-08-04 10:00')], 'indicator', None,
     'dateAdded>2024-08-04T10:00:00Z'),
    ([('dateAdded', '=', '2024-08-04T01:00:00-0300')], 'group', None,
     'dateAdded=2024-08-04T04:00:00Z'),
    # boolean
    ([('dnsActive', '=', True)], 'indicator', 'Host', 'dnsActive=true'),
    ([('whoisActive', '=', 'False')], 'indicator', 'Host', 'whoisActive=false'),
    # text
    ([('summary', '^', 'bad.')], 'indicator', None, 'summary^bad.'),
    ([('name', '=', 'B\u00e4r')], 'group', None, 'name=B\u00e4r'),
    ([('fileType', '=', 'PDF')], 'group', 'Document', 'fileType=PDF'),
]
#: Bad values of each kind -> words of the error (``(name, operator, value, type, words)``).
BAD = [
    ('rating', '>', 'abc', None, "filter rating > 'abc': needs a finite number"),
    ('rating', '>', NAN, None, "filter rating > 'nan': needs a finite number"),
    ('rating', '<', INF, None, "filter rating < 'inf': needs a finite number"),
    ('rating', '<', '-inf', None, "filter rating < '-inf': needs a finite number"),
    ('confidence', '=', 'NaN', None, "filter confidence = 'NaN': needs a finite number"),
    ('rating', '>', True, None, "filter rating > 'True': needs a finite number"),
    ('rating', '>', None, None, "filter rating > 'None': needs a finite number"),
    ('threatAssessRating', '=', [3], None, "filter threatAssessRating = '[3]'"),
    ('asn', '=', 3.5, 'Address', "filter asn = '3.5': needs a whole number"),
    ('asn', '=', 'AS64512', 'Address', "filter asn = 'AS64512': needs a whole number"),
    ('asn', '=', NAN, 'Address', "filter asn = 'nan': needs a whole number"),
    ('dateAdded', '>', 'yesterday-ish', None, "filter dateAdded > 'yesterday-ish': not a date"),
    ('dateAdded', '>', 'yesterday', None, "filter dateAdded > 'yesterday': not a date"),
    ('dateAdded', '>', '2024-02-30', None, "filter dateAdded > '2024-02-30': not a date"),
    ('dateAdded', '>', '2024-08-04T10:00:00 junk', None, 'not a date'),
    ('dateAdded', '<', NAN, None, "filter dateAdded < 'nan': not a date"),
    ('dateAdded', '<', INF, None, "filter dateAdded < 'inf': not a date"),
    ('dateAdded', '<', 1e300, None, "filter dateAdded < '1e+300': not a date"),
    ('dateAdded', '<', True, None, "filter dateAdded < 'True': not a date"),
    ('dnsActive', '=', 1, 'Host', "filter dnsActive = '1': needs True, False"),
    ('dnsActive', '=', 'yes', 'Host', "filter dnsActive = 'yes': needs True, False"),
    ('summary', '=', 'a,b', None, "filter summary = 'a,b': needs non-empty text without a comma"),
    ('summary', '=', '', None, "filter summary = '': needs non-empty text"),
    ('summary', '^', 42, None, "filter summary ^ '42': needs non-empty text"),
    ('countryCode', '=', None, 'Address', "filter countryCode = 'None': needs non-empty text"),
]
KINDS = {'number': ('rating', 'confidence', 'threatAssessRating', 'threatAssessConfidence'),
         'integer': ('asn',), 'date': ('dateAdded',), 'boolean': ('dnsActive', 'whoisActive'),
         'text': ('summary', 'name', 'fileType', 'countryCode')}


@pytest.mark.parametrize('kind', sorted(KINDS))
def test_each_value_kind_sends_good_values_and_refuses_bad_ones(kind):
    """Every kind has good and bad cases; each bad value is one line naming all three parts."""
    good = [case for case in GOOD if case[0][0][0] in KINDS[kind]]
    bad = [case for case in BAD if case[0] in KINDS[kind]]
    assert good and bad
    for filters, list_kind, type_name, expected in good:
        assert build_filters(filters, list_kind, type_name) == expected, filters
    for name, operator, value, type_name, words in bad:
        with pytest.raises(ArgumentError) as info:
            build_filters([(name, operator, value)], 'indicator', type_name)
        assert words in str(info.value) and '\n' not in str(info.value), (value, info.value)
        assert info.value.value is value


BAD_CALLS = [
    {'filters': [('rating', '>', 'abc')]},
    {'filters': [('rating', '>', NAN)]},
    {'filters': [('dateAdded', '>', 'yesterday-ish')]},
    {'filters': {'confidence': ('>', INF)}},
    {'type': 'Host', 'filters': [('dnsActive', '=', 'maybe')]},
    {'filters': [('rating', '>', 1)], 'owner': ''},
    {'filters': [('rating', '>', 1)], 'post_filters': ['>=3']},
    {'modified_since': float('nan')},
]


@pytest.mark.parametrize('kwargs', BAD_CALLS)
def test_a_bad_argument_fails_at_the_call_and_no_request_reaches_the_emulator(ti, emulator,
                                                                               kwargs):
    hosts(emulator, 2, rating=4)
    ti.types.indicator('Host')  # the type list is read once, before counting
    before = emulator.request_counts()
    with pytest.raises(ArgumentError) as info:
        ti.indicators(**kwargs)  # not iterated: the error is raised by the call itself
    assert '\n' not in str(info.value)
    assert emulator.request_counts() == before


def test_bad_group_filters_and_paginate_arguments_fail_at_the_call(ti, emulator):
    before = emulator.request_counts()
    with pytest.raises(ArgumentError):
        ti.groups(filters=[('dateAdded', '=', 'last tuesday')])
    with pytest.raises(ArgumentError):
        ti.paginate('/v2/indicators', 'indicator', page_size=0)
    with pytest.raises(ArgumentError):
        ti.paginate('/v2/indicators', 'indicator', max_results='ten')
    with pytest.raises(ArgumentError):
        ti.tags(owner=7)
    assert emulator.request_counts() == before


def test_good_values_of_each_kind_reach_the_emulator(ti, emulator):
    hosts(emulator, 3, rating=4, confidence=60, dnsActive=False)
    found = ti.indicators('Host', filters=[('dateAdded', '>', 0), ('rating', '>', '3.5')])
    assert len(list(found)) == 3
    old = datetime.datetime(2000, 1, 1, 5, 0, tzinfo=FixedOffset(300))
    assert list(ti.indicators(filters=[('dateAdded', '<', old)])) == []
    assert list(ti.indicators(filters=[('dateAdded', '<', '2000-01-01T05:00:00+05:00')])) == []
    assert len(list(ti.indicators(filters=[('dateAdded', '>', 946684800)]))) == 3
    assert len(list(ti.indicators('Host', filters=[('dnsActive', '=', 'FALSE')]))) == 3


@pytest.mark.usefixtures('isolate_runtime')
def test_resource_add_filter_checks_the_value_before_any_request(emulator, paths):
    tcex = TcEx(argv=paths['argv'] + emulator.app_args(), install_conf=False)
    hosts(emulator, 2, rating=4)
    resource = tcex.resource('Host')
    before = emulator.request_counts()
    for name, operator, value in [('rating', '>', 'abc'), ('rating', '>', NAN),
                                  ('dateAdded', '>', 'yesterday-ish'),
                                  ('dnsActive', '=', 2)]:
        with pytest.raises(ArgumentError) as info:
            resource.add_filter(name, operator, value)
        assert name in str(info.value) and operator in str(info.value)
    resource.result_limit = 0
    with pytest.raises(ArgumentError):
        resource.iterate()  # not iterated: checked at the call
    assert emulator.request_counts() == before
    resource.result_limit = 1
    resource.add_filter('rating', '>', '3')
    resource.add_filter('dateAdded', '>', datetime.date(2000, 1, 1))
    assert len(resource.paginate()) == 2
