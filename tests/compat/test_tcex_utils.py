# -*- coding: utf-8 -*-
"""``tcex.utils``: tcex 0.8's date helpers with its names, parameters and return types."""
from __future__ import absolute_import, division, print_function, unicode_literals

import datetime
import sys

import pytest
import six

from tcex.errors import ValidationError
from tcex.utils.app_utils import Utils, to_timezone

NOW = 1486000923  # 2017-02-02T02:02:03Z


@pytest.fixture
def utils():
    return Utils(clock=lambda: NOW)


def test_any_to_datetime_reads_epoch_iso_and_relative(utils):
    epoch = utils.any_to_datetime('1510686617')
    assert isinstance(epoch, datetime.datetime) and epoch.utcoffset() == datetime.timedelta(0)
    assert epoch.isoformat() == '2017-11-14T19:10:17+00:00'
    assert utils.any_to_datetime(1510686617.5).isoformat() == '2017-11-14T19:10:17.500000+00:00'
    assert utils.any_to_datetime('2017-11-08T16:52:42Z').isoformat() == '2017-11-08T16:52:42+00:00'
    assert utils.any_to_datetime('2 days ago').isoformat() == '2017-01-31T02:02:03+00:00'
    assert utils.any_to_datetime('2017-11-08T16:52:42Z', tz='+05:30').isoformat() == \
        '2017-11-08T22:22:42+05:30'


def test_any_to_datetime_rejects_with_a_tcex_error(utils):
    with pytest.raises(ValidationError) as info:
        utils.any_to_datetime('not a date')
    assert 'not a date' in str(info.value)


def test_format_datetime_default_iso_strftime_and_epoch(utils):
    assert utils.format_datetime('1510686617') == '2017-11-14T19:10:17+00:00'
    assert utils.format_datetime('1510686617', tz='UTC', date_format='%Y-%m-%d') == '2017-11-14'
    value = utils.format_datetime('2017-11-08T16:52:42Z', date_format='%s')
    assert value == 1510159962 and isinstance(value, six.integer_types)
    assert utils.format_datetime('2017-11-08T16:52:42+02:00', date_format='%s') == 1510152762
    assert isinstance(utils.format_datetime('now'), six.text_type)


@pytest.mark.skipif(sys.version_info < (3, 9), reason='zone names need zoneinfo')
def test_format_datetime_with_a_zone_name(utils):
    try:
        zone = to_timezone('US/Central')
    except ValidationError:
        pytest.skip('no time zone database on this machine')
    assert zone is not None
    assert utils.format_datetime('1229084481', tz='US/Central') == '2008-12-12T06:21:21-06:00'


def test_unknown_zone_is_one_line_error(utils):
    with pytest.raises(ValidationError) as info:
        utils.format_datetime('1229084481', tz='Nowhere/Special')
    assert "unknown time zone 'Nowhere/Special'" in str(info.value)


def test_date_and_human_and_unix_helpers_return_none_when_not_theirs(utils):
    assert utils.date_to_datetime('2017-12-25').isoformat() == '2017-12-25T00:00:00+00:00'
    assert utils.date_to_datetime('rubbish') is None
    source = datetime.datetime(2020, 1, 1, 12, 0, 0)
    assert utils.human_date_to_datetime('in 5 minutes', source_datetime=source).isoformat() == \
        '2020-01-01T12:05:00+00:00'
    assert utils.human_date_to_datetime('yesterday').isoformat() == '2017-02-01T00:00:00+00:00'
    assert utils.human_date_to_datetime('gibberish') is None
    assert utils.unix_time_to_datetime('1510686617').isoformat() == '2017-11-14T19:10:17+00:00'
    assert utils.unix_time_to_datetime('2017-11-14') is None
    assert utils.unix_time_to_datetime('12345') is None  # 9-10 digits only, as tcex


def test_timedelta_shape_and_values(utils):
    delta = utils.timedelta('2020-03-15T10:00:00Z', '2019-01-31T09:30:00Z')
    assert sorted(delta) == sorted([
        'datetime_1', 'datetime_2', 'years', 'months', 'weeks', 'days', 'hours', 'minutes', 'seconds',
        'microseconds', 'total_months', 'total_weeks', 'total_days', 'total_hours', 'total_minutes',
        'total_seconds', 'total_microseconds'])
    assert (delta['years'], delta['months'], delta['days'], delta['hours'], delta['minutes']) == \
        (1, 1, 15, 0, 30)
    assert delta['weeks'] == 2 and delta['total_months'] == 13 and delta['total_days'] == 409
    assert delta['total_seconds'] == 409 * 86400 + 30 * 60
    back = utils.timedelta('2019-01-31T09:30:00Z', '2020-03-15T10:00:00Z')
    assert (back['years'], back['months'], back['days'], back['minutes']) == (-1, -1, -15, -30)


def test_to_bool():
    assert Utils.to_bool('true') is True and Utils.to_bool('1') is True and Utils.to_bool(True) is True
    assert Utils.to_bool('no') is False and Utils.to_bool(None) is False
