# -*- coding: utf-8 -*-
"""Date and time parsing: any common form to ISO-8601, the form the ThreatConnect API reads.

:func:`to_iso8601` is what the batch builders use for every DateTime field
(``firstSeen``, ``eventDate``, a file occurrence's ``date``, ...). It accepts:

* ``datetime.datetime`` objects (naive ones are taken as UTC; aware ones keep their offset),
  ``datetime.date`` objects (midnight UTC);
* epoch seconds as ``int``/``float`` or a digit string (``'1486000923'``,
  ``'1486000923.5'``); a value above 1e11 in magnitude is taken as epoch *milliseconds*;
* ISO-8601: ``2024-08-04``, ``2024-08-04T00:00:00Z``, ``2024-08-04T01:02:03.123+05:30``,
  ``2024-08-04 01:02`` (a space instead of ``T``), offsets ``+05:30``/``+0530``/``+05``
  and the suffixes ``Z``, ``UTC``, ``GMT``;
* US month-first dates: ``02/02/2017``, ``2/2/2017 1:02:03 PM``, ``02-02-2017``, and
  ``2017/02/02``;
* RFC 2822 and other month-name forms: ``Thu, 02 Feb 2017 01:02:03 +0000``,
  ``2 February 2017``, ``Feb 2, 2017 01:02``, ``Thu Feb  2 01:02:03 2017`` (``ctime``),
  with the zones ``UT``/``GMT``/``UTC``/``Z`` and the North American ``EST``...``PDT``;
* relative expressions, against ``now``: ``now``, ``today``, ``yesterday``, ``tomorrow``
  (the last three at midnight), ``2 days ago``, ``an hour ago``, ``in 2 weeks``, ``-1d``,
  ``+3 hours``. Units: seconds (``s``, ``sec``), minutes (``m``, ``min``), hours (``h``,
  ``hr``), days (``d``), weeks (``w``, ``wk``), months (``mo``) and years (``y``, ``yr``);
  months and years are calendar arithmetic (the day is clamped to the month's last day).

The result is ``YYYY-MM-DDTHH:MM:SSZ`` when the time is UTC (including an explicit
``+00:00``) and ``YYYY-MM-DDTHH:MM:SS+05:30`` when another offset was given: the timezone
is kept, not converted. Fractional seconds are dropped (truncated, never rounded up), as
the API's documented form has none. Anything else raises ``ValueError`` naming the value.
"""
from __future__ import absolute_import, division, print_function, unicode_literals

import calendar
import datetime
import math
import numbers
import re

import six

__all__ = ['FixedOffset', 'UTC', 'add_months', 'format_iso8601', 'parse_datetime', 'to_iso8601']


class FixedOffset(datetime.tzinfo):
    """A timezone with a fixed offset from UTC (Python 2 has no ``datetime.timezone``).

    Args:
        minutes (int): The offset east of UTC in minutes (``330`` for ``+05:30``).
    """

    def __init__(self, minutes):
        super(FixedOffset, self).__init__()
        self.minutes = int(minutes)
        self._offset = datetime.timedelta(minutes=self.minutes)

    def utcoffset(self, dt):
        """Return the fixed offset."""
        return self._offset

    def dst(self, dt):
        """Return no daylight saving adjustment."""
        return _ZERO

    def tzname(self, dt):
        """Return ``UTC`` or ``+HH:MM``."""
        return 'UTC' if not self.minutes else _format_offset(self.minutes)

    def __repr__(self):
        return 'FixedOffset({})'.format(self.minutes)

    def __reduce__(self):
        return (FixedOffset, (self.minutes,))


_ZERO = datetime.timedelta(0)
UTC = FixedOffset(0)
_EPOCH = datetime.datetime(1970, 1, 1, tzinfo=UTC)
_MS_THRESHOLD = 1e11

_NAMED_ZONES = {
    'z': 0, 'ut': 0, 'utc': 0, 'gmt': 0,
    'est': -300, 'edt': -240, 'cst': -360, 'cdt': -300,
    'mst': -420, 'mdt': -360, 'pst': -480, 'pdt': -420,
}
_MONTHS = {
    'jan': 1, 'feb': 2, 'mar': 3, 'apr': 4, 'may': 5, 'jun': 6,
    'jul': 7, 'aug': 8, 'sep': 9, 'oct': 10, 'nov': 11, 'dec': 12,
}
_MONTH_NAMES = {
    'january': 1, 'february': 2, 'march': 3, 'april': 4, 'june': 6, 'july': 7,
    'august': 8, 'september': 9, 'sept': 9, 'october': 10, 'november': 11, 'december': 12,
}
_MONTH_NAMES.update(_MONTHS)
_WEEKDAY = (r'(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun'
            r'|monday|tuesday|wednesday|thursday|friday|saturday|sunday)')

# Pieces shared by the patterns below. Groups: hour, minute, second, fraction, am/pm; zone.
_TIME = r'([0-9]{1,2}):([0-9]{2})(?::([0-9]{2})(?:[.,]([0-9]+))?)?(?:\s*([ap])\.?m\.?)?'
_TZ = r'(?:\s*(z|utc|gmt|ut|[ecmp][sd]t|[+-][0-9]{2}(?::?[0-9]{2})?))?'

_UTC_FAST = re.compile(r'([0-9]{4})-([0-9]{2})-([0-9]{2})T([0-9]{2}):([0-9]{2}):([0-9]{2})Z\Z')
_ISO = re.compile(
    r'([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})(?:(?:t|\s+)' + _TIME + _TZ + r')?\Z', re.I)
_US = re.compile(
    r'([0-9]{1,2})([/-])([0-9]{1,2})\2([0-9]{4})(?:(?:t|\s+)' + _TIME + _TZ + r')?\Z', re.I)
_YMD_SLASH = re.compile(
    r'([0-9]{4})/([0-9]{1,2})/([0-9]{1,2})(?:(?:t|\s+)' + _TIME + _TZ + r')?\Z', re.I)
# "Thu, 02 Feb 2017 01:02:03 +0000", "2 February 2017"
_DAY_MONTH = re.compile(
    r'(?:' + _WEEKDAY + r',?\s+)?([0-9]{1,2})\s+([a-z]+)\.?,?\s+([0-9]{4})(?:,?\s+' + _TIME + _TZ
    + r')?\Z', re.I)
# "Feb 2, 2017 01:02:03", "Thursday, February 2 2017"
_MONTH_DAY = re.compile(
    r'(?:' + _WEEKDAY + r',?\s+)?([a-z]+)\.?\s+([0-9]{1,2})(?:st|nd|rd|th)?,?\s+([0-9]{4})(?:,?\s+'
    + _TIME + _TZ + r')?\Z', re.I)
# ctime / date(1): "Thu Feb  2 01:02:03 2017", "Thu Feb 2 01:02:03 UTC 2017"
_CTIME = re.compile(
    r'(?:' + _WEEKDAY + r',?\s+)?([a-z]+)\s+([0-9]{1,2})\s+' + _TIME + _TZ
    + r'\s+([0-9]{4})\Z', re.I)
_EPOCH_TEXT = re.compile(r'[0-9]+(?:\.[0-9]*)?\Z')

_UNITS = {}
for _names, _unit in (
        (('s', 'sec', 'secs', 'second', 'seconds'), 'seconds'),
        (('m', 'min', 'mins', 'minute', 'minutes'), 'minutes'),
        (('h', 'hr', 'hrs', 'hour', 'hours'), 'hours'),
        (('d', 'day', 'days'), 'days'),
        (('w', 'wk', 'wks', 'week', 'weeks'), 'weeks'),
        (('mo', 'mon', 'mons', 'month', 'months'), 'months'),
        (('y', 'yr', 'yrs', 'year', 'years'), 'years')):
    for _name in _names:
        _UNITS[_name] = _unit
_AMOUNT = r'([0-9]+|an?)\s*([a-z]+)'
_AGO = re.compile(_AMOUNT + r'\s+ago\Z', re.I)
_IN = re.compile(r'in\s+' + _AMOUNT + r'\Z', re.I)
_SIGNED = re.compile(r'([+-])\s*' + _AMOUNT + r'\Z', re.I)
_DAY_WORDS = {'today': 0, 'yesterday': -1, 'tomorrow': 1}


def _format_offset(minutes):
    sign = '-' if minutes < 0 else '+'
    hours, mins = divmod(abs(minutes), 60)
    return '{}{:02d}:{:02d}'.format(sign, hours, mins)


def format_iso8601(dt):
    """Format a datetime as ``YYYY-MM-DDTHH:MM:SSZ`` or ``YYYY-MM-DDTHH:MM:SS+HH:MM``.

    Args:
        dt (datetime.datetime): Naive (taken as UTC) or aware.

    Returns:
        str: The ISO-8601 text; fractional seconds are dropped.
    """
    offset = dt.utcoffset()
    text = '{:04d}-{:02d}-{:02d}T{:02d}:{:02d}:{:02d}'.format(
        dt.year, dt.month, dt.day, dt.hour, dt.minute, dt.second)
    if not offset:
        return text + 'Z'
    minutes = (offset.days * 86400 + offset.seconds) // 60
    return text + _format_offset(minutes)


def _zone(text):
    """Minutes east of UTC for a zone token (None = no zone given = UTC)."""
    if not text:
        return 0
    lower = text.lower()
    if lower in _NAMED_ZONES:
        return _NAMED_ZONES[lower]
    digits = text[1:].replace(':', '')
    hours = int(digits[:2])
    minutes = int(digits[2:] or 0)
    if hours > 23 or minutes > 59:
        raise ValueError('offset out of range')
    total = hours * 60 + minutes
    return -total if text[0] == '-' else total


def _build(year, month, day, hour=None, minute=None, second=None, frac=None, ampm=None, zone=None):
    """Build an aware datetime from matched text pieces (ValueError when out of range)."""
    hour = int(hour or 0)
    if ampm:
        if not 1 <= hour <= 12:
            raise ValueError('hour out of range for a 12-hour clock')
        hour = hour % 12 + (12 if ampm.lower() == 'p' else 0)
    tz = UTC
    minutes = _zone(zone)
    if minutes:
        tz = FixedOffset(minutes)
    return datetime.datetime(
        int(year), int(month), int(day), hour, int(minute or 0), int(second or 0),
        int((frac or '')[:6].ljust(6, '0')), tzinfo=tz)


def _month(name):
    month = _MONTH_NAMES.get(name.lower())
    if month is None:
        raise ValueError('unknown month name')
    return month


def _from_epoch(seconds):
    if isinstance(seconds, float) and (math.isnan(seconds) or math.isinf(seconds)):
        raise ValueError('not a finite number')
    if abs(seconds) > _MS_THRESHOLD:
        seconds = seconds / 1000.0
    try:
        return _EPOCH + datetime.timedelta(seconds=seconds)
    except OverflowError:
        raise ValueError('epoch value out of range')


def _aware(dt):
    if dt.tzinfo is None or dt.utcoffset() is None:
        return dt.replace(tzinfo=UTC)
    return dt


def _resolve_now(now):
    if now is None:
        return datetime.datetime.now(UTC)
    if callable(now):
        now = now()
    if isinstance(now, datetime.datetime):
        return _aware(now)
    if isinstance(now, numbers.Real) and not isinstance(now, bool):
        return _from_epoch(now)
    raise ValueError('now must be a datetime, epoch seconds or a callable returning one')


def _add_months(dt, months):
    index = dt.year * 12 + dt.month - 1 + months
    year, month = divmod(index, 12)
    month += 1
    if not 1 <= year <= 9999:
        raise ValueError('date out of range')
    return dt.replace(year=year, month=month, day=min(dt.day, calendar.monthrange(year, month)[1]))


def add_months(dt, months):
    """Return ``dt`` moved by whole calendar months (the day clamped to the month's last day).

    Args:
        dt (datetime.datetime): The start.
        months (int): Months to add (negative to go back).

    Returns:
        datetime.datetime: The moved datetime.

    Raises:
        ValueError: The result is outside years 1..9999.
    """
    return _add_months(dt, months)


def _relative(text, now):
    lower = text.lower()
    if lower == 'now':
        return _resolve_now(now)
    if lower in _DAY_WORDS:
        base = _resolve_now(now).replace(hour=0, minute=0, second=0, microsecond=0)
        return base + datetime.timedelta(days=_DAY_WORDS[lower])
    for pattern, sign in ((_AGO, -1), (_IN, 1), (_SIGNED, None)):
        match = pattern.match(text)
        if match is None:
            continue
        groups = match.groups()
        if sign is None:
            sign = -1 if groups[0] == '-' else 1
            groups = groups[1:]
        amount, unit = groups
        unit = _UNITS.get(unit.lower())
        if unit is None:
            return None
        count = 1 if amount.lower() in ('a', 'an') else int(amount)
        base = _resolve_now(now)
        try:
            if unit == 'months':
                return _add_months(base, sign * count)
            if unit == 'years':
                return _add_months(base, sign * count * 12)
            return base + datetime.timedelta(**{unit: sign * count})
        except OverflowError:
            raise ValueError('date out of range')
    return None


def _parse_text(text, now):
    match = _ISO.match(text)
    if match:
        year, month, day, hour, minute, second, frac, ampm, zone = match.groups()
        return _build(year, month, day, hour, minute, second, frac, ampm, zone)
    if _EPOCH_TEXT.match(text):
        return _from_epoch(float(text) if '.' in text else int(text))
    match = _US.match(text)
    if match:
        month, _sep, day, year, hour, minute, second, frac, ampm, zone = match.groups()
        return _build(year, month, day, hour, minute, second, frac, ampm, zone)
    match = _YMD_SLASH.match(text)
    if match:
        year, month, day, hour, minute, second, frac, ampm, zone = match.groups()
        return _build(year, month, day, hour, minute, second, frac, ampm, zone)
    match = _DAY_MONTH.match(text)
    if match:
        day, month, year, hour, minute, second, frac, ampm, zone = match.groups()
        return _build(year, _month(month), day, hour, minute, second, frac, ampm, zone)
    match = _MONTH_DAY.match(text)
    if match:
        month, day, year, hour, minute, second, frac, ampm, zone = match.groups()
        return _build(year, _month(month), day, hour, minute, second, frac, ampm, zone)
    match = _CTIME.match(text)
    if match:
        month, day, hour, minute, second, frac, ampm, zone, year = match.groups()
        return _build(year, _month(month), day, hour, minute, second, frac, ampm, zone)
    result = _relative(text, now)
    if result is None:
        raise ValueError('unrecognised date/time format')
    return result


def parse_datetime(value, now=None):
    """Parse any supported date/time form into an aware ``datetime``.

    Args:
        value: A datetime, date, epoch number or text (see the module docstring).
        now: The reference time for relative expressions: a datetime (naive = UTC),
            epoch seconds, or a zero-argument callable returning either. Default: the
            current UTC time.

    Returns:
        datetime.datetime: An aware datetime (UTC unless the value carried an offset);
        fractional seconds are kept here (only the ISO-8601 text drops them).

    Raises:
        ValueError: The value is not a date/time; the message names the value.
    """
    try:
        if isinstance(value, datetime.datetime):
            return _aware(value)
        if isinstance(value, datetime.date):
            return datetime.datetime(value.year, value.month, value.day, tzinfo=UTC)
        if isinstance(value, bool):
            raise ValueError('a boolean is not a date')
        if isinstance(value, numbers.Real):
            return _from_epoch(value)
        if isinstance(value, six.binary_type):
            value = value.decode('utf-8')
        if not isinstance(value, six.text_type):
            raise ValueError('expected a date/time, got {}'.format(type(value).__name__))
        text = value.strip()
        if not text:
            raise ValueError('empty date/time')
        return _parse_text(text, now)
    except (ValueError, OverflowError) as exc:
        raise ValueError("invalid date/time '{}': {}".format(_shown(value), exc))


def _shown(value):
    if isinstance(value, six.binary_type):
        return value.decode('utf-8', 'replace')
    if isinstance(value, six.text_type):
        return value[:80]
    return value


def to_iso8601(value, now=None):
    """Normalise a date/time in any common form to ISO-8601, keeping its timezone.

    Args:
        value: A datetime, date, epoch number or text (see the module docstring).
        now: The reference time for relative expressions (see :func:`parse_datetime`).

    Returns:
        str: ``YYYY-MM-DDTHH:MM:SSZ`` for UTC, ``YYYY-MM-DDTHH:MM:SS+HH:MM`` otherwise.

    Raises:
        ValueError: The value is not a date/time; the message names the value.

    Example:
        >>> to_iso8601('2017-02-02 01:02:03')
        '2017-02-02T01:02:03Z'
    """
    if type(value) is six.text_type and len(value) == 20:
        match = _UTC_FAST.match(value)
        if match:
            try:
                datetime.datetime(*[int(part) for part in match.groups()])
            except ValueError as exc:
                raise ValueError("invalid date/time '{}': {}".format(value, exc))
            return value
    return format_iso8601(parse_datetime(value, now))
