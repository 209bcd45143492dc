# -*- coding: utf-8 -*-
"""``tcex.utils``: the date helpers tcex 0.8 Apps call, on the parser of :mod:`tcex.utils.dates`.

Same names, parameters and return types as tcex 0.8's ``TcExUtils``::

    tcex.utils.format_datetime('2 days ago', tz='UTC', date_format='%Y-%m-%d')   # '2017-02-02'
    tcex.utils.any_to_datetime('1510686617').isoformat()       # '2017-11-14T19:10:17+00:00'

Differences: the forms read are those of :func:`tcex.utils.dates.parse_datetime`
(no third-party parser); every datetime returned is timezone-aware (UTC unless
the input or ``tz`` says otherwise); ``tz`` is ``UTC``, an offset such as
``+05:30``, or (Python 3.9+) an IANA name such as ``US/Central``; an unreadable
input raises :class:`tcex.errors.ValidationError` instead of ``RuntimeError``.
"""
from __future__ import absolute_import, division, print_function, unicode_literals

import calendar
import datetime
import re

import six

from tcex.errors import ValidationError
from tcex.utils import dates

_EPOCH_TEXT = re.compile(r'[0-9]{9,10}(?:\.[0-9]{0,10})?\Z')
_OFFSET = re.compile(r'([+-])([0-9]{2}):?([0-9]{2})?\Z')
_UTC_NAMES = ('utc', 'z', 'gmt', 'ut', 'etc/utc', 'etc/gmt', 'zulu', 'universal')


def to_timezone(tz):
    """Return a ``tzinfo`` for a time zone name or offset.

    Args:
        tz: None, a ``tzinfo``, ``UTC`` (or ``GMT``/``Z``), an offset such as
            ``+05:30``/``-0800``, or an IANA name (Python 3.9+ only).

    Returns:
        datetime.tzinfo: The zone, or None for None.

    Raises:
        ValidationError: The zone is unknown.
    """
    if tz is None or isinstance(tz, datetime.tzinfo):
        return tz
    text = six.text_type(tz).strip()
    if text.lower() in _UTC_NAMES:
        return dates.UTC
    match = _OFFSET.match(text)
    if match:
        minutes = int(match.group(2)) * 60 + int(match.group(3) or 0)
        return dates.FixedOffset(-minutes if match.group(1) == '-' else minutes)
    try:
        from zoneinfo import ZoneInfo  # pylint: disable=import-outside-toplevel

        return ZoneInfo(text)
    except ImportError:
        reason = 'use UTC or an offset such as +05:30 (zone names need Python 3.9+)'
    except Exception:  # pylint: disable=broad-except
        reason = 'not a known zone name'
    raise ValidationError("unknown time zone '{}': {}".format(text, reason), value=tz, field='tz')


def _convert(dt, tz):
    zone = to_timezone(tz)
    return dt.astimezone(zone) if zone is not None else dt


class Utils(object):
    """The ``tcex.utils`` helpers.

    Args:
        clock: A zero-argument callable returning epoch seconds ("now" for
            relative expressions; default ``time.time``).
    """

    def __init__(self, clock=None):
        self.clock = clock

    def _now(self):
        return self.clock() if self.clock is not None else None

    def any_to_datetime(self, time_input, tz=None):
        """Return a datetime from epoch seconds, ISO-8601 or other dates, or relative text.

        Args:
            time_input: Epoch (``1510686617``), a date (``2017-11-08T16:52:42Z``,
                ``2017 12 25`` is not read: use ``2017-12-25``), or ``30 days ago``.
            tz (str): The time zone of the result (default: the input's, else UTC).

        Returns:
            datetime.datetime: An aware datetime.

        Raises:
            ValidationError: The input is not a date/time, or ``tz`` is unknown.
        """
        dt = self.unix_time_to_datetime(time_input, tz)
        if dt is None:
            try:
                dt = dates.parse_datetime(time_input, now=self._now())
            except ValueError as exc:
                raise ValidationError(six.text_type(exc), value=time_input, field='time_input')
            dt = _convert(dt, tz)
        return dt

    def date_to_datetime(self, time_input, tz=None):
        """Return a datetime for a date text, or None when it is not one.

        Args:
            time_input (str): ISO-8601 or another supported date form.
            tz (str): The time zone of the result.

        Returns:
            datetime.datetime: An aware datetime, or None.
        """
        try:
            dt = dates.parse_datetime(time_input, now=self._now())
        except ValueError:
            return None
        return _convert(dt, tz)

    def format_datetime(self, time_input, tz=None, date_format=None):
        """Return a date/time in any supported form as text.

        Args:
            time_input: See :meth:`any_to_datetime`.
            tz (str): The time zone of the result.
            date_format (str): A ``strftime`` format; ``%s`` gives epoch seconds
                (an int); default ISO-8601 (``datetime.isoformat()``).

        Returns:
            str: The formatted value (int for ``%s``).
        """
        dt = self.any_to_datetime(time_input, tz)
        if date_format == '%s':
            return calendar.timegm(dt.utctimetuple())
        text = dt.strftime(str(date_format)) if date_format else dt.isoformat()
        return text.decode('utf-8') if isinstance(text, six.binary_type) else text

    def human_date_to_datetime(self, time_input, tz=None, source_datetime=None):
        """Return a datetime for relative text (``in 5 minutes``, ``2 days ago``), or None.

        Args:
            time_input (str): The text (any form :meth:`any_to_datetime` reads works too).
            tz (str): The time zone of the result.
            source_datetime (datetime.datetime): The reference "now" (default: the clock).

        Returns:
            datetime.datetime: An aware datetime, or None when the text is not a date.
        """
        now = source_datetime if source_datetime is not None else self._now()
        try:
            dt = dates.parse_datetime(time_input, now=now)
        except ValueError:
            return None
        return _convert(dt, tz)

    @staticmethod
    def unix_time_to_datetime(time_input, tz=None):
        """Return a datetime for 9-10 digit epoch seconds (``1510686617.298753``), else None.

        Args:
            time_input: The value (int, float or text).
            tz (str): The time zone of the result (default UTC).

        Returns:
            datetime.datetime: An aware datetime, or None.
        """
        if isinstance(time_input, bool) or not _EPOCH_TEXT.match(six.text_type(time_input)):
            return None
        dt = datetime.datetime(1970, 1, 1, tzinfo=dates.UTC) + datetime.timedelta(
            seconds=float(time_input))
        return _convert(dt, tz)

    def timedelta(self, time_input1, time_input2):
        """Return the difference ``time_input1 - time_input2`` in calendar parts and totals.

        Args:
            time_input1: See :meth:`any_to_datetime`.
            time_input2: See :meth:`any_to_datetime`.

        Returns:
            dict: ``datetime_1``, ``datetime_2`` (ISO text), ``years``, ``months``,
            ``weeks``, ``days``, ``hours``, ``minutes``, ``seconds``,
            ``microseconds`` and ``total_months``, ``total_weeks``, ``total_days``,
            ``total_hours``, ``total_minutes``, ``total_seconds``, ``total_microseconds``.
        """
        dt1 = self.any_to_datetime(time_input1)
        dt2 = self.any_to_datetime(time_input2)
        parts = _calendar_parts(dt1.astimezone(dates.UTC), dt2.astimezone(dates.UTC))
        years, months, days, hours, minutes, seconds, microseconds = parts
        weeks = int(days / 7)
        total_days = (dt1 - dt2).days if dt1 >= dt2 else -((dt2 - dt1).days)
        total_hours = total_days * 24 + hours
        total_minutes = total_hours * 60 + minutes
        total_seconds = total_minutes * 60 + seconds
        return {
            'datetime_1': six.text_type(dt1.isoformat()),
            'datetime_2': six.text_type(dt2.isoformat()),
            'years': years,
            'months': months,
            'weeks': weeks,
            'days': days,
            'hours': hours,
            'minutes': minutes,
            'seconds': seconds,
            'microseconds': microseconds,
            'total_months': years * 12 + months,
            'total_weeks': years * 52 + weeks,
            'total_days': total_days,
            'total_hours': total_hours,
            'total_minutes': total_minutes,
            'total_seconds': total_seconds,
            'total_microseconds': total_seconds * 1000000 + microseconds,
        }

    @staticmethod
    def to_bool(value):
        """Return True for ``1``/``true`` (any case, or True), else False."""
        return six.text_type(value).strip().lower() in ('1', 'true')


def _calendar_parts(later, earlier):
    """Return (years, months, days, hours, minutes, seconds, microseconds) of ``later - earlier``.

    Negative differences give negative parts (as ``dateutil.relativedelta`` does).
    """
    if later < earlier:
        return tuple(-part for part in _calendar_parts(earlier, later))
    months = (later.year - earlier.year) * 12 + later.month - earlier.month
    while months > 0 and dates.add_months(earlier, months) > later:
        months -= 1
    rest = later - dates.add_months(earlier, months)
    hours, remainder = divmod(rest.seconds, 3600)
    minutes, seconds = divmod(remainder, 60)
    years, months = divmod(months, 12)
    return years, months, rest.days, hours, minutes, seconds, rest.microseconds
