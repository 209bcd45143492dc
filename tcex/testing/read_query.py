# -*- coding: utf-8 -*-
"""Selecting stored indicators and groups for the emulator's REST reads.

A query (owner, kind, type, tag, label, ``filters``, ``orParams``,
``modifiedSince``) is evaluated once into a list of matching records, cached
against the store's :attr:`~tcex.testing.state.Store.version`; every page of
the same query is then a slice of that list, so reading a million records page
by page costs the same for the last page as for the first.
"""
from __future__ import absolute_import, division, print_function, unicode_literals

import re
import time
from collections import OrderedDict

from tcex.testing.state import label_key
from tcex.testing.wire import Failure

#: Server-side filters and their operators, per kind and per type.
INDICATOR_FILTERS = {'summary': '=^', 'dateAdded': '<>', 'rating': '<>', 'confidence': '=<>',
                     'threatAssessRating': '=<>', 'threatAssessConfidence': '=<>'}
INDICATOR_TYPE_FILTERS = {'Address': {'countryCode': '=', 'organization': '=', 'asn': '='},
                          'Host': {'dnsActive': '=', 'whoisActive': '='}}
GROUP_FILTERS = {'name': '=^', 'dateAdded': '=<>'}
GROUP_TYPE_FILTERS = {'Document': {'fileType': '='}}
TAG_FILTERS = {'name': '=^'}
_CLAUSE = re.compile(r'^([A-Za-z]+)([=<>^])(.*)$', re.S)
_CACHE_SIZE = 8


def allowed_filters(kind, type_name=None):
    """Return ``{filter name: operators}`` for a list of ``kind`` (and type)."""
    if kind == 'tag':
        return dict(TAG_FILTERS)
    base, extra = ((INDICATOR_FILTERS, INDICATOR_TYPE_FILTERS) if kind == 'indicator'
                   else (GROUP_FILTERS, GROUP_TYPE_FILTERS))
    found = dict(base)
    found.update(extra.get(type_name, {}))
    return found


def iso_value(text, name):
    """Normalise a date filter value to ``YYYY-MM-DDTHH:MM:SSZ`` or raise a 400."""
    text = (text or '').strip()
    for pattern, size in (('%Y-%m-%dT%H:%M:%S', 19), ('%Y-%m-%d', 10)):
        try:
            parsed = time.strptime(text[:size], pattern)
        except ValueError:
            continue
        rest = text[size:]
        if size == 19 and rest not in ('', 'Z') and not re.match(r'^(\.\d+)?(Z|[+-]00:?00)?$',
                                                                  rest):
            break
        return time.strftime('%Y-%m-%dT%H:%M:%SZ', parsed)
    raise Failure(400, 'Invalid date for {}: \'{}\' (expected YYYY-MM-DD or ISO-8601 UTC).'.format(
        name, text))


def parse_filters(text, allowed):
    """Parse ``filters=`` text into ``[(name, operator, value)]`` or raise a 400."""
    clauses = []
    for part in (text or '').split(','):
        if not part.strip():
            continue
        match = _CLAUSE.match(part.strip())
        if not match:
            raise Failure(400, 'Invalid filter \'{}\': expected <name><operator><value> with an '
                               'operator of = < > ^.'.format(part))
        name, operator, value = match.groups()
        if name not in allowed:
            raise Failure(400, 'Invalid filter \'{}\': unknown filter name \'{}\' (known: {}).'.format(
                part, name, ', '.join(sorted(allowed))))
        if operator not in allowed[name]:
            raise Failure(400, 'Invalid filter \'{}\': operator \'{}\' is not allowed for {} '
                               '(allowed: {}).'.format(part, operator, name,
                                                       ' '.join(allowed[name])))
        if name == 'dateAdded':
            value = iso_value(value, name)
        elif name in ('rating', 'confidence', 'threatAssessRating', 'threatAssessConfidence',
                      'weight'):
            try:
                value = float(value)
            except ValueError:
                raise Failure(400, 'Invalid filter \'{}\': {} needs a number.'.format(part, name))
        clauses.append((name, operator, value))
    return clauses


def _field(record, name):
    if name in ('summary', 'name'):
        return record.get(name)
    if name == 'threatAssessRating':
        return record.get(name, record.get('rating'))
    if name == 'threatAssessConfidence':
        return record.get(name, record.get('confidence'))
    return record.get(name)


def clause_matches(record, name, operator, wanted):
    value = _field(record, name)
    if value is None:
        return False
    if isinstance(wanted, float):
        try:
            value = float(value)
        except (TypeError, ValueError):
            return False
    elif name == 'dateAdded':
        value = value if len(value) == 20 else iso_value(value, name)
        if operator == '=':
            return value[:10] == wanted[:10]
    else:
        if isinstance(value, bool):
            value = 'true' if value else 'false'
        value, wanted = '{}'.format(value).lower(), wanted.lower()
    if operator == '=':
        return value == wanted
    if operator == '^':
        return value.startswith(wanted)
    if operator == '<':
        return value < wanted
    return value > wanted


def build_predicate(kind, type_name=None, tag=None, label=None, clauses=(), or_params=False,
                    modified_since=None):
    """Return ``predicate(record) -> bool`` for one query."""
    tag = tag.lower() if tag is not None else None
    label = label_key(label) if label is not None else None
    clauses = list(clauses)

    def predicate(record):
        if kind == 'indicator' and record.get('active') is False:
            return False
        if type_name is not None and record['type'] != type_name:
            return False
        if tag is not None and not any(t['name'].lower() == tag for t in record['tag']):
            return False
        if label is not None and not any(label_key(x['name']) == label
                                         for x in record['securityLabel']):
            return False
        if modified_since is not None and (record.get('lastModified') or '') < modified_since:
            return False
        if not clauses:
            return True
        results = (clause_matches(record, *clause) for clause in clauses)
        return any(results) if or_params else all(results)

    return predicate


def select(store, data, kind, key, predicate):
    """Return the records of ``data`` (an OwnerData) matching ``predicate``, cached by ``key``.

    The caller holds ``store.lock``.
    """
    cache = store.query_cache
    full_key = (id(data), kind) + tuple(key)
    hit = cache.get(full_key)
    if hit is not None and hit[0] == store.version:
        return hit[1]
    table = data.indicators if kind == 'indicator' else data.groups
    records = [record for record in table.values() if predicate(record)]
    cache[full_key] = (store.version, records)
    while len(cache) > _CACHE_SIZE:
        cache.popitem(last=False)
    return records


def new_cache():
    """Return an empty query cache (an ordered dict, oldest first)."""
    return OrderedDict()
