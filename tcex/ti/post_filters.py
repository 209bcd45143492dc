# -*- coding: utf-8 -*-
"""The seed App's post-filter syntax, parsed from list params and applied to read results.

============== =============================== ==========================================
param          item forms                      meaning
============== =============================== ==========================================
date_added     ``>=,1,years`` ``<=,1,days``    ``dateAdded`` compared with now - amount
last_modified  ``>=,12,hours``                 ``lastModified`` compared the same way
ratings        ``>=3.0`` ``>=,3.0``            ``rating`` (0-5) compared with the number
confidences    ``>=75`` ``>=,75``              ``confidence`` (0-100) compared with it
============== =============================== ==========================================

Operators: ``>=``, ``<=``, ``>``, ``<``, ``=`` (or ``==``). Units: seconds, minutes,
hours, days, weeks, months (30 days), years (365 days), singular or plural. Items of
one param are ANDed, and so are the params. A list param may arrive as repeated
values or as one value joined with the list delimiter (``|``). An item that has no
value for the field (no rating, say) does not pass that param's filters.
"""
from __future__ import absolute_import, division, print_function, unicode_literals

import calendar
import operator
import re
import time

import six

from tcex.errors import ArgumentError

_OPS = {'>=': operator.ge, '<=': operator.le, '>': operator.gt, '<': operator.lt,
        '=': operator.eq, '==': operator.eq}
_UNITS = {'second': 1, 'minute': 60, 'hour': 3600, 'day': 86400, 'week': 7 * 86400,
          'month': 30 * 86400, 'year': 365 * 86400}
_DATE = re.compile(r'^(>=|<=|==|=|>|<)\s*,\s*(\d+)\s*,\s*([A-Za-z]+)$')
_NUMBER = re.compile(r'^(>=|<=|==|=|>|<)\s*,?\s*(\d+(?:\.\d+)?)$')
#: param -> (record field, kind, (low, high) for numbers)
PARAMS = {'date_added': ('dateAdded', 'date', None), 'last_modified': ('lastModified', 'date', None),
          'ratings': ('rating', 'number', (0, 5)), 'confidences': ('confidence', 'number', (0, 100))}


def _epoch(text):
    try:
        return calendar.timegm(time.strptime(six.text_type(text)[:19], '%Y-%m-%dT%H:%M:%S'))
    except (TypeError, ValueError):
        return None


def split_items(values, delimiter='|'):
    """Return the items of a list param (repeated values and/or delimiter-joined text)."""
    if values is None:
        return []
    if isinstance(values, six.string_types):
        values = [values]
    items = []
    for value in values:
        items.extend(x.strip() for x in six.text_type(value).split(delimiter) if x.strip())
    return items


class PostFilter(object):
    """One parsed item: ``field op value`` (``value`` in epoch seconds for dates).

    Attributes:
        param (str): The param it came from.
        text (str): The item as given.
        field (str): The record field compared (``dateAdded``, ``rating``...).
        op (str): The operator.
        value (float): The number, or for dates the seconds back from now.
        kind (str): ``date`` or ``number``.
    """

    def __init__(self, param, text, field, op, value, kind):
        self.param, self.text, self.field = param, text, field
        self.op, self.value, self.kind = op, value, kind

    def matches(self, item, now):
        """Return True when ``item`` (a dict) passes this filter at time ``now``."""
        found = item.get(self.field)
        if found is None:
            return False
        if self.kind == 'date':
            found = _epoch(found)
            return found is not None and _OPS[self.op](found, now - self.value)
        try:
            return _OPS[self.op](float(found), self.value)
        except (TypeError, ValueError):
            return False

    def __repr__(self):
        return 'PostFilter({}=\'{}\')'.format(self.param, self.text)


def parse_item(param, text):
    """Parse one item of ``param`` or raise a one-line :class:`ArgumentError`."""
    if param not in PARAMS:
        raise ArgumentError('unknown post filter param \'{}\' (known: {})'.format(
            param, ', '.join(sorted(PARAMS))), value=param)
    field, kind, bounds = PARAMS[param]
    text = six.text_type(text).strip()
    if kind == 'date':
        match = _DATE.match(text)
        if not match:
            raise ArgumentError(
                '--{}: malformed filter \'{}\': expected <operator>,<amount>,<unit> such as '
                '>=,1,years or <=,1,days'.format(param, text), value=text)
        unit = match.group(3).lower()
        unit = unit[:-1] if unit.endswith('s') else unit
        if unit not in _UNITS:
            raise ArgumentError('--{}: malformed filter \'{}\': unknown unit \'{}\' (use seconds, '
                                'minutes, hours, days, weeks, months or years)'.format(
                                    param, text, match.group(3)), value=text)
        return PostFilter(param, text, field, match.group(1), int(match.group(2)) * _UNITS[unit],
                          kind)
    match = _NUMBER.match(text)
    if not match:
        raise ArgumentError('--{}: malformed filter \'{}\': expected <operator><number> such as '
                            '>={} or >=,{}'.format(param, text, bounds[1] * 3 // 5,
                                                   bounds[1] * 3 // 5), value=text)
    number = float(match.group(2))
    if not bounds[0] <= number <= bounds[1]:
        raise ArgumentError('--{}: malformed filter \'{}\': {} is outside {}-{}'.format(
            param, text, match.group(2), bounds[0], bounds[1]), value=text)
    return PostFilter(param, text, field, match.group(1), number, kind)


class PostFilters(object):
    """The post filters of one read: parsed once, applied to each item.

    Args:
        clock (callable): Current epoch seconds (relative dates are measured from it).
        delimiter (str): The install.conf ``list.delimiter`` (default ``|``).
        **params: ``date_added``, ``last_modified``, ``ratings``, ``confidences``: each a
            list of items (or one delimiter-joined text, or None).

    Raises:
        ArgumentError: For the first malformed item, naming the param and the item.
    """

    def __init__(self, clock=time.time, delimiter='|', **params):
        self.clock = clock
        self.filters = []
        for param in sorted(params):
            for text in split_items(params[param], delimiter):
                self.filters.append(parse_item(param, text))

    @classmethod
    def from_args(cls, args, clock=time.time, delimiter='|'):
        """Build from an argparse namespace's ``date_added``/``last_modified``/... values."""
        return cls(clock=clock, delimiter=delimiter,
                   **dict((name, getattr(args, name, None)) for name in PARAMS))

    def __bool__(self):
        return bool(self.filters)

    __nonzero__ = __bool__

    def __len__(self):
        return len(self.filters)

    def matches(self, item, now=None):
        """Return True when ``item`` passes every filter."""
        now = self.clock() if now is None else now
        return all(f.matches(item, now) for f in self.filters)

    def apply(self, items):
        """Yield the items that pass every filter (``now`` is taken once, at the start)."""
        now = self.clock()
        for item in items:
            if all(f.matches(item, now) for f in self.filters):
                yield item

    def server_filters(self):
        """Return ``(name, op, value)`` server-side filters equivalent to some of these.

        Only exact equivalents are returned: strict ``>``/``<`` on ``rating`` and
        ``confidence`` and ``=`` on ``confidence``; the rest is applied after reading.
        """
        found = []
        for item in self.filters:
            if item.kind == 'number' and item.op in ('>', '<'):
                found.append((item.field, item.op, item.value))
            elif item.field == 'confidence' and item.op in ('=', '=='):
                found.append(('confidence', '=', int(item.value)))
        return found

    def __repr__(self):
        return 'PostFilters(\'{}\')'.format(self.filters)
