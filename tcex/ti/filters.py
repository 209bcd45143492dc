# -*- coding: utf-8 -*-
"""Server-side filters (``filters=``, ``orParams``, ``modifiedSince``) built from Python values.

A filter is ``(name, operator, value)``; operators are ``=``, ``<``, ``>`` and ``^``
(starts with). Names and operators are checked against the platform's lists
(see the developer docs' ``filters.rst``) before any request is made.
"""
from __future__ import absolute_import, division, print_function, unicode_literals

import datetime
import numbers
import time

import six

from tcex.errors import ArgumentError

#: Filter name -> operators, for indicators of every type and per type.
INDICATOR_FILTERS = {'summary': '=^', 'dateAdded': '<>', 'rating': '<>', 'confidence': '=<>',
                     'threatAssessRating': '=<>', 'threatAssessConfidence': '=<>'}
INDICATOR_TYPE_FILTERS = {'Address': {'countryCode': '=', 'organization': '=', 'asn': '='},
                          'Host': {'dnsActive': '=', 'whoisActive': '='}}
#: Filter name -> operators, for groups of every type and per type.
GROUP_FILTERS = {'name': '=^', 'dateAdded': '=<>'}
GROUP_TYPE_FILTERS = {'Document': {'fileType': '='}}
OPERATORS = ('=', '<', '>', '^')


def known_filters(kind, type_name=None):
    """Return ``{name: operators}`` usable on a list of ``kind`` (``indicator``/``group``)."""
    base, extra = ((INDICATOR_FILTERS, INDICATOR_TYPE_FILTERS) if kind == 'indicator'
                   else (GROUP_FILTERS, GROUP_TYPE_FILTERS))
    found = dict(base)
    found.update(extra.get(type_name, {}))
    return found


def iso8601(value, name='modified_since'):
    """Return ``value`` (datetime, date, epoch seconds or ISO text) as ``YYYY-MM-DDTHH:MM:SSZ``."""
    if isinstance(value, datetime.datetime):
        if value.tzinfo is not None:
            value = value.replace(tzinfo=None) - value.utcoffset()
        return value.strftime('%Y-%m-%dT%H:%M:%SZ')
    if isinstance(value, datetime.date):
        return value.strftime('%Y-%m-%dT00:00:00Z')
    if isinstance(value, numbers.Real) and not isinstance(value, bool):
        return time.strftime('%Y-%m-%dT%H:%M:%SZ', time.gmtime(value))
    if isinstance(value, six.string_types):
        text = value.strip()
        for pattern, size in (('%Y-%m-%dT%H:%M:%S', 19), ('%Y-%m-%d', 10)):
            try:
                parsed = time.strptime(text[:size], pattern)
            except ValueError:
                continue
            if size == 19 and text[19:] not in ('', 'Z', '+00:00', '.000Z'):
                break
            if size == 10 and text[10:]:
                break
            return time.strftime('%Y-%m-%dT%H:%M:%SZ', parsed)
    raise ArgumentError('{}: not a date: \'{}\' (expected a datetime, a date, epoch seconds or '
                        'YYYY-MM-DD[THH:MM:SSZ])'.format(name, value), value=value)


def _text(name, value):
    if isinstance(value, bool):
        return 'true' if value else 'false'
    if isinstance(value, datetime.datetime):
        return iso8601(value, name)
    if isinstance(value, datetime.date):
        return value.strftime('%Y-%m-%d')
    if isinstance(value, numbers.Real):
        return six.text_type(value)
    if isinstance(value, six.string_types):
        if ',' in value:
            raise ArgumentError('filter {}: a value cannot contain a comma: \'{}\''.format(
                name, value), value=value)
        if value == '':
            raise ArgumentError('filter {}: the value is empty'.format(name), value=value)
        return six.text_type(value)
    raise ArgumentError('filter {}: unsupported value \'{}\' (use text, a number, a bool or a '
                        'date)'.format(name, value), value=value)


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
        if operator not in known[name]:
            raise ArgumentError('filter {}: operator \'{}\' is not allowed (allowed: {})'.format(
                name, operator, ' '.join(known[name])), value=operator)
        clauses.append('{}{}{}'.format(name, operator, _text(name, value)))
    return ','.join(clauses) or None
