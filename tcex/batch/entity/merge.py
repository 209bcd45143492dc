# -*- coding: utf-8 -*-
"""Interface-3 dicts: validate a dict's fields and metadata lists and merge them into an entity."""
from __future__ import absolute_import, division, print_function, unicode_literals

import logging

from tcex.batch.entity.metadata import _attribute_value
from tcex.batch.textutil import _TEXT, _bool, show
from tcex.errors import ValidationError

log = logging.getLogger('tcex.batch')

#: Keys the REST API returns for an object that the batch API does not take: an Interface-3
#: dict may carry them (data read from ThreatConnect fed back); they are left out of the payload.
REST_KEYS = frozenset(('id', 'ownerName', 'owner', 'dateAdded', 'lastModified', 'webLink', 'legacyLink'))
#: REST keys left out only when the type has no batch field of that name.
REST_ONLY_KEYS = frozenset(('fileSize', 'fileType', 'observationCount', 'lastObserved', 'falsePositiveCount',
                            'falsePositiveLastReported', 'enrichmentCount', 'principalId', 'score',
                            'status', 'eventDate', 'publishDate', 'documentDateAdded', 'documentType',
                            'generatedReport', 'firstSeen', 'countryCode', 'organization', 'asn',
                            'dnsActive', 'whoisActive', 'active', 'activeLocked', 'privateFlag', 'summary',
                            'name', 'description', 'rating', 'confidence'))


def _as_list(entity, key, value):
    if isinstance(value, (list, tuple)):
        return value
    raise entity._error(key, value, 'must be a list')


def _meta_attribute(entity, key, value):
    for item in _as_list(entity, key, value):
        if not isinstance(item, dict) or 'type' not in item or 'value' not in item:
            raise entity._error(key, item, 'each attribute needs a type and a value')
        clean = dict(item)
        clean['type'] = entity._validate_value(_TEXT, 'attribute.type', item['type'])
        clean['value'] = _attribute_value(entity, item['value'])
        clean['displayed'] = _bool(entity, 'attribute.displayed', item.get('displayed', False))
        if entity._attrs is None:
            entity._attrs = []
        if clean not in entity._attrs:
            entity._attrs.append(clean)


def _names(entity, key, value):
    for item in _as_list(entity, key, value):
        if isinstance(item, dict):
            if 'name' not in item:
                raise entity._error(key, item, 'each item needs a name')
            yield item
        else:
            yield {'name': item}


def _meta_tag(entity, key, value):
    for item in _names(entity, key, value):
        entity.tag(item['name'])


def _meta_label(entity, key, value):
    for item in _names(entity, key, value):
        entity.security_label(item['name'], item.get('description'), item.get('color'))


def _meta_group_xid(entity, key, value):
    for item in _as_list(entity, key, value):
        if isinstance(item, dict):
            if 'groupXid' not in item:
                raise entity._error(key, item, 'each item needs a groupXid')
            item = item['groupXid']
        entity.association(item)


def _meta_indicators(entity, key, value):
    current = entity._data.setdefault('associatedIndicators', [])
    for item in _as_list(entity, key, value):
        if not isinstance(item, dict) or 'summary' not in item or 'indicatorType' not in item:
            raise entity._error(key, item, 'each item needs a summary and an indicatorType')
        if item not in current:
            current.append(dict(item))


def _meta_occurrence(entity, key, value):
    if not entity.spec.has_occurrences:
        raise entity._error(key, value, 'only File indicators have occurrences')
    for item in _as_list(entity, key, value):
        if not isinstance(item, dict):
            raise entity._error(key, item, 'each occurrence must be an object')
        if item not in (entity._occ or ()):
            entity.occurrence(item.get('fileName'), item.get('path'), item.get('date'))


META_HANDLERS = {
    'attribute': _meta_attribute,
    'tag': _meta_tag,
    'securityLabel': _meta_label,
    'associatedGroupXid': _meta_group_xid,
    'associatedGroups': _meta_group_xid,
    'associatedIndicators': _meta_indicators,
    'fileOccurrence': _meta_occurrence,
}


def apply_dict(entity, data, rest=False):
    """Apply an Interface-3 dict to an entity (validated); lists are union'ed, scalars overwritten.

    With ``rest``, keys of the REST API's objects (``id``, ``ownerName``, ``webLink``...)
    are left out with a debug line instead of being refused.
    """
    spec = entity.spec
    dropped = None
    for key, value in data.items():
        if key in ('type', 'xid'):
            continue
        if rest and (key in REST_KEYS or key.startswith('threatAssess')):
            if key in REST_KEYS or key not in spec.by_key:
                dropped = (dropped or []) + [key]
                continue
        handler = META_HANDLERS.get(key)
        if handler is not None and key in spec.meta_keys:
            handler(entity, key, value)
            continue
        field = spec.by_key.get(key)
        if field is not None:
            entity._apply_field(field, value)
        elif entity._apply_identity(key, value):
            continue
        elif rest and key in REST_ONLY_KEYS:
            dropped = (dropped or []) + [key]
        else:
            known = sorted(set(spec.by_key) | set(spec.meta_keys) | set(entity.identity_keys))
            raise ValidationError(
                '{} has no field {} (known: {})'.format(spec.name, show(key), ', '.join(known)),
                value=key, type_name=spec.name, field=key)
    if dropped:
        log.debug('%s %s: REST API keys %s left out of the batch payload', spec.name, entity.xid,
                  ', '.join(sorted(dropped)))
