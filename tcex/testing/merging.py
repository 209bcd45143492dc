# -*- coding: utf-8 -*-
"""Merging one input entity into its stored record, per the job's write types.

Attributes are merged per ``attributeWriteType`` (Append, Replace, Singleton by type,
Static: only on a new record); tags and security labels per their write types, without
duplicates (names compared case-insensitively). File hashes are merged one by one.
"""
from __future__ import absolute_import, division, print_function, unicode_literals

import six

from tcex.testing.state import iso

# The entity keys that are metadata, not fields of the record.
META_KEYS = ('attribute', 'tag', 'securityLabel', 'associatedGroupXid', 'associatedGroups',
             'associatedIndicators', 'fileOccurrence', 'fileContent')
_HASH_FIELDS = {32: 'md5', 40: 'sha1', 64: 'sha256'}


def write_list(existing, incoming, mode, key, is_new):
    """Merge a metadata list per write type; return the new list."""
    if incoming is None:
        return existing
    if mode == 'Static' and not is_new:
        return existing
    if mode == 'Append':
        return existing + incoming
    if mode == 'Singleton':
        kinds = set(item[key] for item in incoming)
        return [item for item in existing if item[key] not in kinds] + incoming
    return list(incoming)  # Replace (and Static for a new record)


def dedupe(items):
    """Return ``items`` without a repeated name (compared case-insensitively), in order."""
    seen, result = set(), []
    for item in items:
        name = item['name'].lower()
        if name not in seen:
            seen.add(name)
            result.append(item)
    return result


def copy_fields(record, entity, skip=()):
    """Copy the entity's non-metadata keys (except ``skip``) onto the record."""
    for key, value in entity.items():
        if key not in META_KEYS and key not in skip:
            record[key] = value


def merge_metadata(store, data, config, record, entity, is_new):
    """Merge the entity's attributes, tags and security labels into the record; stamp its dates.

    Args:
        store (Store): The emulator store (ids, labels, clock).
        data (OwnerData): The owner's data.
        config (dict): The job config (the write types).
        record (dict): The stored record, changed in place.
        entity (dict): The validated input entity.
        is_new (bool): Whether the record was just created.
    """
    attributes = None
    if entity.get('attribute') is not None:
        attributes = []
        for item in entity['attribute']:
            attributes.append({
                'id': store.next_id(), 'type': item['type'],
                'value': six.text_type(item['value']),
                'displayed': bool(item.get('displayed', False)),
                'pinned': bool(item.get('pinned', False)), 'source': item.get('source'),
                'securityLabel': list(item.get('securityLabel') or [])})
    record['attribute'] = write_list(record['attribute'], attributes, config['attributeWriteType'], 'type',
                                     is_new)
    tags = entity.get('tag')
    if tags is not None:
        tags = [{'name': t['name']} for t in tags]
    record['tag'] = dedupe(write_list(record['tag'], tags, config.get('tagWriteType', 'Replace'), 'name', True))
    labels = entity.get('securityLabel')
    if labels is not None:
        store.remember_labels(data, labels)
        labels = [{'name': x['name']} for x in labels]
    record['securityLabel'] = dedupe(write_list(record['securityLabel'], labels,
                                                config.get('securityLabelWriteType', 'Replace'), 'name', True))
    now = iso(store.clock())
    record.setdefault('dateAdded', now)
    record['lastModified'] = now


def merge_hashes(record, summary):
    """Merge a File summary's hashes into the record (a known hash is kept); rebuild its summary."""
    for part in summary.split(' : '):
        field = _HASH_FIELDS[len(part)]
        record[field] = record.get(field) or part
    record['summary'] = ' : '.join(record[f] for f in ('md5', 'sha1', 'sha256') if record.get(f))
