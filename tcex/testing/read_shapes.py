# -*- coding: utf-8 -*-
"""The platform's JSON shapes for stored indicators and groups (REST v2 reads)."""
from __future__ import absolute_import, division, print_function, unicode_literals

import re

import six
from six.moves.urllib.parse import quote as _quote

from tcex.testing import rules
from tcex.testing.state import label_key

#: Group branch -> (type name, entity key).
GROUP_BRANCHES = {
    'adversaries': ('Adversary', 'adversary'), 'campaigns': ('Campaign', 'campaign'),
    'documents': ('Document', 'document'), 'emails': ('Email', 'email'),
    'events': ('Event', 'event'), 'incidents': ('Incident', 'incident'),
    'intrusionSets': ('Intrusion Set', 'intrusionSet'), 'reports': ('Report', 'report'),
    'signatures': ('Signature', 'signature'), 'threats': ('Threat', 'threat'),
}
GROUP_ENTITY = dict((type_name, entity) for type_name, entity in GROUP_BRANCHES.values())
GROUP_BRANCH = dict((value[0], key) for key, value in GROUP_BRANCHES.items())
_META = frozenset(['attribute', 'tag', 'securityLabel', 'associatedGroupXid', 'associatedGroups',
                   'associatedIndicators', 'fileOccurrence', 'fileContent', 'id', 'type', 'name',
                   'dateAdded', 'lastModified', 'summary', 'password'])


_SAFE = re.compile(r'^[A-Za-z0-9_.~-]*$')


def quote(text, safe=''):
    """URL-quote ``text`` (fast when nothing needs quoting)."""
    if _SAFE.match(text):
        return text
    return _quote(text.encode('utf-8') if six.PY2 else text, safe=str(safe))


class Types(object):
    """Indicator type lookups for one request (built from the emulator's type list)."""

    def __init__(self, indicator_types):
        self.by_name = dict((x['name'], x) for x in indicator_types)
        self.by_branch = dict((x['apiBranch'], x) for x in indicator_types)

    def entity(self, type_name):
        """Return the entity key of an indicator type (``host``), or ``indicator``."""
        info = self.by_name.get(type_name)
        return info['apiEntity'] if info else 'indicator'

    def branch(self, type_name):
        """Return the API branch of an indicator type (``hosts``)."""
        info = self.by_name.get(type_name)
        return info['apiBranch'] if info else 'indicators'

    def values(self, record):
        """Return ``[(key, value)]`` of an indicator's own summary fields."""
        info = self.by_name.get(record['type'], {'name': record['type']})
        fields = rules.value_fields(info) or ('summary',)
        if record['type'] == 'File':
            return [(f, record[f]) for f in fields if record.get(f)]
        parts = record['summary'].split(' : ') if len(fields) > 1 else [record['summary']]
        return list(zip(fields, parts))


def web_root(emu):
    """Return the emulator's UI root (``tc_api_path`` without ``/api``)."""
    url = emu.url or 'http://localhost/api'
    return url[:-4] if url.endswith('/api') else url


def _scores(item, record):
    for key in ('rating', 'confidence'):
        if record.get(key) is not None:
            item[key] = record[key]
    rating = record.get('threatAssessRating', record.get('rating'))
    confidence = record.get('threatAssessConfidence', record.get('confidence'))
    if rating is not None:
        item['threatAssessRating'] = rating
    if confidence is not None:
        item['threatAssessConfidence'] = confidence


def _flag(value):
    return 'true' if value in (True, 'true', 'True', 1) else 'false'


def tag_list(emu, record):
    """Return the ``tag`` array of a record."""
    return [{'name': t['name'], 'webLink': '{}/auth/tags/tag.xhtml?tag={}'.format(
        web_root(emu), quote(t['name'], safe=''))} for t in record['tag']]


def attribute_list(record):
    """Return the ``attribute`` array of a record."""
    return [{'id': a['id'], 'type': a['type'], 'value': a['value'],
             'displayed': a.get('displayed', False), 'dateAdded': record.get('dateAdded'),
             'lastModified': record.get('lastModified')} for a in record['attribute']]


def label_list(data, names):
    """Return the ``securityLabel`` array for label names of one owner."""
    found = []
    for item in names:
        known = data.labels.get(label_key(item['name'])) or {}
        found.append({'name': item['name'], 'description': known.get('description'),
                      'color': known.get('color')})
    return found


def _includes(emu, data, record, item, include, types=None):
    if 'additional' in include:
        item['active'] = record.get('active', True) is not False
        item['activeLocked'] = bool(record.get('activeLocked', False))
        item['privateFlag'] = bool(record.get('privateFlag', False))
        item['observationCount'] = int(record.get('observationCount') or 0)
        item['falsePositiveCount'] = int(record.get('falsePositiveCount') or 0)
        if record.get('type') == 'Host':
            item['dnsActive'] = _flag(record.get('dnsActive'))
            item['whoisActive'] = _flag(record.get('whoisActive'))
    if 'tags' in include:
        item['tag'] = tag_list(emu, record)
    if 'attributes' in include:
        item['attribute'] = attribute_list(record)
    if 'labels' in include:
        item['securityLabel'] = label_list(data, record['securityLabel'])
    return item


def indicator_item(emu, types, data, record, generic, include=(), single=False):
    """Return one indicator in the list (or, with ``single``, the object) shape."""
    item = {'id': record['id'], 'dateAdded': record.get('dateAdded'),
            'lastModified': record.get('lastModified')}
    if single:
        item['owner'] = dict(data.info)
        for key in ('description', 'source', 'xid'):
            if record.get(key) is not None:
                item[key] = record[key]
    else:
        item['ownerName'] = data.info['name']
    _scores(item, record)
    entity = types.entity(record['type'])
    item['webLink'] = '{}/auth/indicators/details/{}.xhtml?{}={}&owner={}'.format(
        web_root(emu), entity, entity, quote(record['summary'], safe=''),
        quote(data.info['name'], safe=''))
    if generic:
        item['type'] = record['type']
        item['summary'] = record['summary']
    else:
        item.update(types.values(record))
    return _includes(emu, data, record, item, include)


def group_item(emu, data, record, generic, include=(), single=False):
    """Return one group in the list (or, with ``single``, the object) shape."""
    item = {'id': record['id'], 'name': record['name'], 'dateAdded': record.get('dateAdded')}
    if single:
        item['owner'] = dict(data.info)
    else:
        item['ownerName'] = data.info['name']
    if generic:
        item['type'] = record['type']
    for key, value in record.items():
        if key not in _META and not isinstance(value, (dict, list)):
            item[key] = value
    entity = GROUP_ENTITY.get(record['type'], 'group')
    item['webLink'] = '{}/auth/{}/{}.xhtml?{}={}'.format(web_root(emu), entity, entity, entity,
                                                         record['id'])
    return _includes(emu, data, record, item, include)


def owner_list(store, type_name, summary):
    """Return the owners (``{id, name, type}``) holding an indicator of this type and summary."""
    found = []
    for data in store.owners.values():
        if store.find_indicator(data, type_name, summary=summary, hashes=[summary]) is not None:
            found.append(dict(data.info))
    return found
