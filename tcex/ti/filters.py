# -*- coding: utf-8 -*-
"""Server-side filters (``filters=``, ``orParams``, ``modifiedSince``) built from Python values.

A filter is ``(name, operator, value)``; operators are ``=``, ``<``, ``>`` and ``^``
(starts with). Names and operators are checked against the platform's lists
(see the developer docs' ``filters.rst``) before any request is made.
"""
from __future__ import absolute_import, division, print_function, unicode_literals

import datetime
import math
import numbers
import re

import six

from tcex.errors import ArgumentError

#: Filter name -> (operators, value kind), for indicators of every type and per type.
#: Kinds: ``number`` (int or float), ``integer``, ``date``, ``boolean`` and ``text``.
INDICATOR_FILTERS = {'summary': ('=^', 'text'), 'dateAdded': ('<>', 'date'),
                     'rating': ('<>', 'number'), 'confidence': ('=<>', 'number'),
                     'threatAssessRating': ('=<>', 'number'),
                     'threatAssessConfidence': ('=<>', 'number')}
INDICATOR_TYPE_FILTERS = {'Address': {'countryCode': ('=', 'text'),
                                      'organization': ('=', 'text'), 'asn': ('=', 'integer')},
                          'Host': {'dnsActive': ('=', 'boolean'),
                                   'whoisActive': ('=', 'boolean')}}
#: Filter name -> (operators, value kind), for groups of every type and per type.
GROUP_FILTERS = {'name': ('=^', 'text'), 'dateAdded': ('=<>', 'date')}
GROUP_TYPE_FILTERS = {'Document': {'fileType': ('=', 'text')}}
OPERATORS = ('=', '<', '>', '^')
_ISO = re.compile(r'^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}:\d{2}(?::\d{2})?)(\.\d+)?)?'
                  r'(Z|[+-]\d{2}:?\d{2})?$')
_DATE_FORMS = ('(expected a datetime, a date, epoch seconds or ISO-8601 text such as '
               '2024-08-04 or 2024-08-04T10:00:00Z)')


def known_filters(kind, type_name=None):
    """Return ``{name: (operators, value kind)}`` usable on a list of ``kind``."""
    base, extra = ((INDICATOR_FILTERS, INDICATOR_TYPE_FILTERS) if kind == 'indicator'
                   else (GROUP_FILTERS, GROUP_TYPE_FILTERS))
    found = dict(base)
    found.update(extra.get(type_name, {}))
    return found


def _finite(value):
    return not (math.isnan(value) or math.isinf(value))


def _parse_iso(text):
    """Return ISO-8601 ``text`` as ``YYYY-MM-DDTHH:MM:SSZ`` (UTC), or None."""
    match = _ISO.match(text.strip())
    if not match:
        return None
    day, clock, _, zone = match.groups()
    clock = clock or '00:00:00'
    clock = clock if len(clock) == 8 else clock + ':00'
    try:
        parsed = datetime.datetime.strptime('{}T{}'.format(day, clock), '%Y-%m-%dT%H:%M:%S')
    except ValueError:
        return None
    if zone and zone != 'Z':
        digits = zone[1:].replace(':', '')
        offset = datetime.timedelta(hours=int(digits[:2]), minutes=int(digits[2:]))
        parsed = parsed - offset if zone[0] == '+' else parsed + offset
    return _format(parsed)


def _format(value):
    if value.year < 1900:  # py2 strftime refuses years before 1900
        return '{:04d}-{:02d}-{:02d}T{:02d}:{:02d}:{:02d}Z'.format(
            value.year, value.month, value.day, value.hour, value.minute, value.second)
    return value.strftime('%Y-%m-%dT%H:%M:%SZ')


def iso8601(value, name='modified_since'):
    """Return ``value`` (datetime, date, epoch seconds or ISO text) as ``YYYY-MM-DDTHH:MM:SSZ``.

    Raises:
        ArgumentError: For anything else (relative text, NaN, a bool...).
    """
    found = None
    if isinstance(value, datetime.datetime):
        if value.tzinfo is not None and value.utcoffset() is not None:
            value = value.replace(tzinfo=None) - value.utcoffset()
        found = _format(value)
    elif isinstance(value, datetime.date):
        found = _format(datetime.datetime(value.year, value.month, value.day))
    elif isinstance(value, numbers.Real) and not isinstance(value, bool):
        try:
            found = _format(datetime.datetime(1970, 1, 1) + datetime.timedelta(
                seconds=float(value))) if _finite(float(value)) else None
        except (OverflowError, ValueError):
            found = None
    elif isinstance(value, six.string_types):
        found = _parse_iso(value)
    if found is None:
        raise ArgumentError('{}: not a date: {} {}'.format(name, _shown(value), _DATE_FORMS),
                            value=value)
    return found


def _number(value, integer=False):
    """Return ``value`` (a finite int/float, or numeric text) as filter text, or None."""
    if isinstance(value, bool):
        return None
    if isinstance(value, six.string_types):
        try:
            value = int(value.strip()) if integer else float(value.strip())
        except ValueError:
            return None
    if not isinstance(value, numbers.Real) or not _finite(float(value)):
        return None
    if integer:
        return six.text_type(int(value)) if float(value) == int(value) else None
    if isinstance(value, six.integer_types):
        return six.text_type(value)
    return '{!r}'.format(float(value))


def _boolean(value):
    if isinstance(value, bool):
        return 'true' if value else 'false'
    if isinstance(value, six.string_types) and value.strip().lower() in ('true', 'false'):
        return value.strip().lower()
    return None


def _plain_text(value):
    if isinstance(value, six.string_types) and value.strip() and ',' not in value:
        return six.text_type(value)
    return None


_EXPECTED = {'number': 'a finite number', 'integer': 'a whole number',
             'boolean': 'True, False, \'true\' or \'false\'',
             'text': 'non-empty text without a comma'}


def value_text(name, operator, value, kind):
    """Return ``value`` as the text a ``kind`` filter sends.

    Raises:
        ArgumentError: One line naming the filter, operator and value, when it cannot be sent.
    """
    if kind == 'date':
        try:
            return iso8601(value, name)
        except ArgumentError:
            found, expected = None, 'not a date {}'.format(_DATE_FORMS)
    else:
        found = {'number': _number, 'integer': lambda v: _number(v, True),
                 'boolean': _boolean, 'text': _plain_text}[kind](value)
        expected = 'needs {}'.format(_EXPECTED[kind])
    if found is None:
        raise ArgumentError('filter {} {} {}: {}'.format(name, operator, _shown(value), expected),
                            value=value)
    return found


def _shown(value):
    text = value if isinstance(value, six.string_types) else '{!r}'.format(value)
    return '\'{}\''.format(text.replace('\n', '\\n'))


def normalise(filters):
    """Return ``filters`` (tuples, or a dict ``{name: value}`` / ``{name: (op, value)}``) as tuples."""
    if not filters:
        return []
    if isinstance(filters, dict):
        items = []
        for name, value in sorted(filters.items()):
            items.append((name,) + tuple(value) if isinstance(value, tuple) else (name, '=', value))
        return items
    found = []
    for item in filters:
        if not isinstance(item, (tuple, list)) or len(item) != 3:
            raise ArgumentError('filter \'{}\': expected (name, operator, value)'.format(item),
                                value=item)
        found.append(tuple(item))
    return found


def build_filters(filters, kind='indicator', type_name=None):
    """Return the ``filters=`` query text, or None when there are none.

    Args:
        filters: ``[(name, operator, value)]`` or ``{name: value}`` / ``{name: (op, value)}``.
        kind (str): ``indicator`` or ``group``.
        type_name (str): The indicator or group type, when the list is of one type.

    Raises:
        ArgumentError: For an unknown filter name, an operator the name does not take,
            or a value that cannot be sent.
    """
    known = known_filters(kind, type_name)
    clauses = []
    for name, operator, value in normalise(filters):
        operator = getattr(operator, 'value', operator)
        if name not in known:
            raise ArgumentError('unknown {} filter \'{}\' (known: {})'.format(
                kind, name, ', '.join(sorted(known))), value=name)
        if operator not in OPERATORS:
            raise ArgumentError('filter {}: unknown operator \'{}\' (use one of = < > ^)'.format(
                name, operator), value=operator)
        if operator not in known[name][0]:
            raise ArgumentError('filter {}: operator \'{}\' is not allowed (allowed: {})'.format(
                name, operator, ' '.join(known[name][0])), value=operator)
        clauses.append('{}{}{}'.format(name, operator, value_text(name, operator, value,
                                                                  known[name][1])))
    return ','.join(clauses) or None
