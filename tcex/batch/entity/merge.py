# -*- coding: utf-8 -*-
"""Interface-3 metadata handlers: validate a dict's metadata lists and union them into an entity."""
from __future__ import absolute_import, division, print_function, unicode_literals

from tcex.batch.entity.metadata import _attribute_value
from tcex.batch.textutil import _TEXT, _bool


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
