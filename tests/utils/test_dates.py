# -*- coding: utf-8 -*-
"""Tests for tcex.utils.dates."""
from __future__ import absolute_import, division, print_function, unicode_literals

import copy
import datetime
import pickle

import pytest
import six
from hypothesis import given, strategies as st

from tcex.utils.dates import UTC, FixedOffset, format_iso8601, parse_datetime, to_iso8601

NOW = datetime.datetime(2024, 8, 4, 12, 30, 45, 987654)  # naive: UTC

ABSOLUTE = [
    # ISO-8601
    ('2024-08-04', '2024-08-04T00:00:00Z'),
    ('2024-8-4', '2024-08-04T00:00:00Z'),
    ('2024-08-04T00:00:00Z', '2024-08-04T00:00:00Z'),
    ('2024-08-04t00:00:00z', '2024-08-04T00:00:00Z'),
    ('2024-08-04T01:02:03.123+05:30', '2024-08-04T01:02:03+05:30'),
    ('2024-08-04T01:02:03,999999-08:00', '2024-08-04T01:02:03-08:00'),
    ('2024-08-04T01:02:03+0530', '2024-08-04T01:02:03+05:30'),
    ('2024-08-04T01:02:03+05', '2024-08-04T01:02:03+05:00'),
    ('2024-08-04T01:02:03+00:00', '2024-08-04T01:02:03Z'),
    ('2024-08-04T01:02:03-00:00', '2024-08-04T01:02:03Z'),
    ('2024-08-04T01:02', '2024-08-04T01:02:00Z'),
    ('2024-08-04 01:02:03 UTC', '2024-08-04T01:02:03Z'),
    ('2024-08-04 01:02:03 GMT', '2024-08-04T01:02:03Z'),
    ('2017-02-02 01:02:03', '2017-02-02T01:02:03Z'),
    ('2017-02-02 01:02:03.456789+00:00', '2017-02-02T01:02:03Z'),  # str() of an aware datetime
    ('  2017-02-02 01:02:03  ', '2017-02-02T01:02:03Z'),
    ('2024-02-29T23:59:59Z', '2024-02-29T23:59:59Z'),
    ('0001-01-01T00:00:00Z', '0001-01-01T00:00:00Z'),
    ('1850-06-01', '1850-06-01T00:00:00Z'),  # before 1900: no strftime
    # US month-first and year-first slashes
    ('02/02/2017', '2017-02-02T00:00:00Z'),
    ('12/31/2017', '2017-12-31T00:00:00Z'),
    ('2/3/2017', '2017-02-03T00:00:00Z'),
    ('02-03-2017', '2017-02-03T00:00:00Z'),
    ('02/03/2017 13:14:15', '2017-02-03T13:14:15Z'),
    ('02/03/2017 1:14 PM', '2017-02-03T13:14:00Z'),
    ('02/03/2017 12:14 am', '2017-02-03T00:14:00Z'),
    ('02/03/2017 12:14 p.m.', '2017-02-03T12:14:00Z'),
    ('2017/02/03', '2017-02-03T00:00:00Z'),
    ('2017/02/03 04:05:06 +0100', '2017-02-03T04:05:06+01:00'),
    # RFC 2822 and month names
    ('Thu, 02 Feb 2017 01:02:03 +0000', '2017-02-02T01:02:03Z'),
    ('Thu, 02 Feb 2017 01:02:03 -0500', '2017-02-02T01:02:03-05:00'),
    ('Thu, 2 Feb 2017 01:02:03 GMT', '2017-02-02T01:02:03Z'),
    ('02 Feb 2017 01:02 EST', '2017-02-02T01:02:00-05:00'),
    ('02 Feb 2017 01:02 pdt', '2017-02-02T01:02:00-07:00'),
    ('2 February 2017', '2017-02-02T00:00:00Z'),
    ('2 Sept 2017', '2017-09-02T00:00:00Z'),
    ('Feb 2, 2017', '2017-02-02T00:00:00Z'),
    ('February 2nd, 2017 01:02:03', '2017-02-02T01:02:03Z'),
    ('Thursday, February 2 2017', '2017-02-02T00:00:00Z'),
    ('Thu Feb  2 01:02:03 2017', '2017-02-02T01:02:03Z'),
    ('Thu Feb 2 01:02:03 UTC 2017', '2017-02-02T01:02:03Z'),
    # epoch seconds and milliseconds as text
    ('0', '1970-01-01T00:00:00Z'),
    ('1486000923', '2017-02-02T02:02:03Z'),
    ('1486000923.75', '2017-02-02T02:02:03Z'),
    ('1486000923000', '2017-02-02T02:02:03Z'),
    (b'1486000923', '2017-02-02T02:02:03Z'),
    (b'2017-02-02 01:02:03', '2017-02-02T01:02:03Z'),
]


@pytest.mark.parametrize('value, expected', ABSOLUTE)
def test_absolute_text_forms(value, expected):
    result = to_iso8601(value, now=NOW)
    assert result == expected
    assert isinstance(result, six.text_type)


@pytest.mark.parametrize('value, expected', [
    (1486000923, '2017-02-02T02:02:03Z'),
    (1486000923.999, '2017-02-02T02:02:03Z'),  # truncated, never rounded up
    (1486000923000, '2017-02-02T02:02:03Z'),  # > 1e11: milliseconds
    (-86400, '1969-12-31T00:00:00Z'),
    (0, '1970-01-01T00:00:00Z'),
    (99999999999, '5138-11-16T09:46:39Z'),  # just under the milliseconds threshold
    (datetime.datetime(2017, 2, 2, 1, 2, 3, 999999), '2017-02-02T01:02:03Z'),
    (datetime.datetime(2017, 2, 2, 1, 2, 3, tzinfo=FixedOffset(330)), '2017-02-02T01:02:03+05:30'),
    (datetime.datetime(2017, 2, 2, 1, 2, 3, tzinfo=FixedOffset(-90)), '2017-02-02T01:02:03-01:30'),
    (datetime.datetime(2017, 2, 2, 1, 2, 3, tzinfo=UTC), '2017-02-02T01:02:03Z'),
    (datetime.date(2017, 2, 2), '2017-02-02T00:00:00Z'),
])
def test_objects_and_numbers(value, expected):
    assert to_iso8601(value) == expected


RELATIVE = [
    ('now', '2024-08-04T12:30:45Z'),
    ('NOW', '2024-08-04T12:30:45Z'),
    ('today', '2024-08-04T00:00:00Z'),
    ('yesterday', '2024-08-03T00:00:00Z'),
    ('Tomorrow', '2024-08-05T00:00:00Z'),
    ('2 days ago', '2024-08-02T12:30:45Z'),
    ('1 day ago', '2024-08-03T12:30:45Z'),
    ('a day ago', '2024-08-03T12:30:45Z'),
    ('an hour ago', '2024-08-04T11:30:45Z'),
    ('3 hours ago', '2024-08-04T09:30:45Z'),
    ('90 minutes ago', '2024-08-04T11:00:45Z'),
    ('45 seconds ago', '2024-08-04T12:30:00Z'),
    ('in 2 weeks', '2024-08-18T12:30:45Z'),
    ('in 1 year', '2025-08-04T12:30:45Z'),
    ('-1d', '2024-08-03T12:30:45Z'),
    ('+1d', '2024-08-05T12:30:45Z'),
    ('-2h', '2024-08-04T10:30:45Z'),
    ('-30m', '2024-08-04T12:00:45Z'),
    ('- 1 w', '2024-07-28T12:30:45Z'),
    ('+3 hours', '2024-08-04T15:30:45Z'),
    ('1 month ago', '2024-07-04T12:30:45Z'),
    ('6 months ago', '2024-02-04T12:30:45Z'),
    ('-1mo', '2024-07-04T12:30:45Z'),
    ('2 years ago', '2022-08-04T12:30:45Z'),
    ('1000 days ago', '2021-11-08T12:30:45Z'),
]


@pytest.mark.parametrize('value, expected', RELATIVE)
def test_relative_forms(value, expected):
    assert to_iso8601(value, now=NOW) == expected


def test_month_arithmetic_clamps_the_day():
    now = datetime.datetime(2024, 3, 31, 10, 0, 0)
    assert to_iso8601('1 month ago', now=now) == '2024-02-29T10:00:00Z'
    assert to_iso8601('in 1 year', now=datetime.datetime(2024, 2, 29)) == '2025-02-28T00:00:00Z'


def test_now_may_be_a_callable_an_epoch_or_aware():
    calls = []

    def clock():
        calls.append(1)
        return 1486000923.0

    assert to_iso8601('now', now=clock) == '2017-02-02T02:02:03Z'
    assert calls == [1]
    assert to_iso8601('yesterday', now=lambda: NOW) == '2024-08-03T00:00:00Z'
    assert to_iso8601('1 day ago', now=1486000923) == '2017-02-01T02:02:03Z'
    aware = datetime.datetime(2024, 8, 4, 1, 0, 0, tzinfo=FixedOffset(330))
    assert to_iso8601('today', now=aware) == '2024-08-04T00:00:00+05:30'
    assert to_iso8601('2 hours ago', now=aware) == '2024-08-03T23:00:00+05:30'


def test_now_is_not_called_for_absolute_values():
    def clock():
        raise AssertionError('clock read for an absolute value')

    assert to_iso8601('2024-08-04', now=clock) == '2024-08-04T00:00:00Z'


def test_default_now_is_current_utc_time():
    before = datetime.datetime.now(UTC).replace(microsecond=0)
    result = parse_datetime('now')
    after = datetime.datetime.now(UTC)
    assert result.utcoffset() == datetime.timedelta(0)
    assert before <= result <= after


def test_bad_now_is_rejected():
    with pytest.raises(ValueError, match='now must be'):
        to_iso8601('now', now='tomorrow')


REJECTED = [
    'garbage', '', '   ', 'yesterdayish', '2 fortnights ago', 'in 2', '2 days', 'ago',
    '2024-13-01', '2024-02-30', '2023-02-29', '2024-08-04T24:00:00Z', '2024-08-04T12:60:00Z',
    '2024-08-04T12:00:61Z', '2024-08-04T01:02:03+24:00', '2024-08-04T01:02:03+05:60',
    '2024-08-04T00:00:00ZZ', '13/01/2017', '02/30/2017', '02/02/17', '02.02.2017',
    '2017/02/02 13:00 PM', '02/02/2017 0:00 am', 'Thu, 02 Fob 2017 01:02:03 +0000',
    '32 Feb 2017', '-5', '1e9', '0x10', '10000-01-01', '\u0662\u0660\u0662\u0664-01-01',
    '2024-01-01T01:02:03+\u0660\u0665:00', '\u0663 days ago',
]


@pytest.mark.parametrize('value', REJECTED)
def test_garbage_is_rejected_naming_the_value(value):
    with pytest.raises(ValueError) as info:
        to_iso8601(value, now=NOW)
    assert "'{}'".format(value.strip()[:80]) in six.text_type(info.value) or not value.strip()
    assert six.text_type(info.value).startswith('invalid date/time')


@pytest.mark.parametrize('value', [
    None, True, False, [2024, 8, 4], float('nan'), float('inf'), 1e20, b'\xff\xfe',
])
def test_non_dates_are_rejected(value):
    with pytest.raises(ValueError, match='invalid date/time'):
        to_iso8601(value)


def test_fast_path_still_validates():
    with pytest.raises(ValueError, match='2024-02-30T00:00:00Z'):
        to_iso8601('2024-02-30T00:00:00Z')


def test_parse_datetime_returns_aware_values():
    result = parse_datetime('2024-08-04T01:02:03.5+05:30')
    assert result == datetime.datetime(2024, 8, 3, 19, 32, 3, 500000, tzinfo=UTC)
    assert result.utcoffset() == datetime.timedelta(minutes=330)
    assert parse_datetime(datetime.datetime(2024, 1, 1)).tzinfo is UTC


def test_fixed_offset():
    tz = FixedOffset(-330)
    assert tz.utcoffset(None) == datetime.timedelta(minutes=-330)
    assert tz.dst(None) == datetime.timedelta(0)
    assert tz.tzname(None) == '-05:30'
    assert UTC.tzname(None) == 'UTC'
    assert repr(tz) == 'FixedOffset(-330)'
    assert pickle.loads(pickle.dumps(tz)).minutes == -330
    assert copy.deepcopy(tz).minutes == -330


def test_format_iso8601():
    assert format_iso8601(datetime.datetime(5, 1, 2, 3, 4, 5)) == '0005-01-02T03:04:05Z'
    assert format_iso8601(
        datetime.datetime(2024, 1, 2, tzinfo=FixedOffset(-345))) == '2024-01-02T00:00:00-05:45'


@given(st.datetimes(min_value=datetime.datetime(1, 1, 2),
                    max_value=datetime.datetime(9999, 12, 30)),
       st.integers(min_value=-23 * 60 - 59, max_value=23 * 60 + 59))
def test_round_trip_keeps_the_instant_and_offset(moment, minutes):
    aware = moment.replace(tzinfo=FixedOffset(minutes))
    text = to_iso8601(aware)
    parsed = parse_datetime(text)
    assert parsed == aware.replace(microsecond=0)
    assert parsed.utcoffset() == aware.utcoffset()
    assert to_iso8601(text) == text


@given(st.integers(min_value=-62135596800, max_value=99999999999))
def test_epoch_seconds_text_and_number_agree(seconds):
    expected = datetime.datetime(1970, 1, 1) + datetime.timedelta(seconds=seconds)
    assert to_iso8601(seconds) == format_iso8601(expected)
    if seconds >= 0:
        assert to_iso8601(six.text_type(seconds)) == format_iso8601(expected)
        assert to_iso8601(seconds * 1000) == format_iso8601(expected) or seconds * 1000 <= 1e11
