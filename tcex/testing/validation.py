# -*- coding: utf-8 -*-
"""Entity validation the way the platform applies it to batch input.

Each ``check_*`` function returns a normalised copy of the entity or raises
:class:`Invalid` carrying the platform-style ``errorReason``.
"""
from __future__ import absolute_import, division, print_function, unicode_literals

import re

import six

from tcex.testing import rules

_ISO = re.compile(r'^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$')
_HEX = re.compile(r'^[0-9a-fA-F]+$')
_COLOR = re.compile(r'^[0-9a-fA-F]{6}$')
_EMAIL = re.compile(r'^[^@\s]+@[^@\s]+\.[^@\s.]+$')
_URL = re.compile(r'^[a-zA-Z][a-zA-Z0-9+.\-]*://([^/?#]*)')
_ASN = re.compile(r'^ASN\d+$')
_HASH_LENGTHS = {'md5': 32, 'sha1': 40, 'sha256': 64}


class Invalid(Exception):
    """An entity the platform would reject.

    Attributes:
        reason (str): The ``errorReason`` text.
        field (str): The offending field.
    """

    def __init__(self, reason, field=None):
        super(Invalid, self).__init__(reason)
        self.reason = reason
        self.field = field


def is_text(value):
    """Return True for a non-empty text value."""
    return isinstance(value, six.string_types) and bool(value.strip())


def is_date(value):
    """Return True when ``value`` is an ISO-8601 date or date-time string."""
    return isinstance(value, six.string_types) and bool(_ISO.match(value.strip()))


def is_ipv4(value):
    """Return True for a dotted-quad IPv4 address."""
    parts = value.split('.')
    if len(parts) != 4:
        return False
    for part in parts:
        if not part.isdigit() or len(part) > 3 or int(part) > 255:
            return False
    return True


def _ipv6_groups(value):
    """Return the 8 hex groups of an IPv6 address (expanding ``::``), or None."""
    if value.count('::') > 1:
        return None
    if '.' in value.rsplit(':', 1)[-1]:
        head, _, tail = value.rpartition(':')
        if not is_ipv4(tail):
            return None
        octets = [int(x) for x in tail.split('.')]
        value = '{}:{:x}:{:x}'.format(head, octets[0] * 256 + octets[1], octets[2] * 256 + octets[3])
    if '::' in value:
        left, right = value.split('::')
        left = left.split(':') if left else []
        right = right.split(':') if right else []
        if len(left) + len(right) > 7:
            return None
        groups = left + ['0'] * (8 - len(left) - len(right)) + right
    else:
        groups = value.split(':')
    if len(groups) != 8:
        return None
    for group in groups:
        if not group or len(group) > 4 or not _HEX.match(group):
            return None
    return groups


def is_ipv6(value):
    """Return True for a valid IPv6 address (compressed forms allowed)."""
    return _ipv6_groups(value) is not None


def _check_cidr(value):
    address, sep, prefix = value.partition('/')
    if not sep or not prefix.isdigit():
        return False
    if is_ipv4(address):
        return int(prefix) <= 32
    if '::' in address or int(prefix) > 128:
        return False
    groups = _ipv6_groups(address)
    if groups is None:
        return False
    return all(len(g) == 1 or g[0] != '0' for g in groups)


def _ascii(value):
    try:
        value.encode('ascii')
    except (UnicodeEncodeError, UnicodeDecodeError):
        return False
    return True


def number(value, low, high, integer):
    """Return ``value`` as a number within [low, high] or raise ValueError.

    Numeric strings are accepted (tcex 0.8 sent some as text).
    """
    if isinstance(value, bool) or value is None:
        raise ValueError(value)
    if isinstance(value, six.string_types):
        value = float(value.strip())
    value = float(value)
    if value != value or value < low or value > high:
        raise ValueError(value)
    if integer:
        if value != int(value):
            raise ValueError(value)
        return int(value)
    return value


def check_attributes(label, attributes):
    """Validate an ``attribute`` list."""
    if not isinstance(attributes, list):
        raise Invalid('{} has an invalid attribute list.'.format(label), 'attribute')
    for attribute in attributes:
        if not isinstance(attribute, dict) or not is_text(attribute.get('type')) \
                or attribute.get('value') in (None, ''):
            raise Invalid('{} has an attribute without type or value.'.format(label), 'attribute')


def check_metadata(label, entity, label_exists):
    """Validate attributes, tags, security labels and common dates of an entity."""
    if 'attribute' in entity:
        check_attributes(label, entity['attribute'])
    tags = entity.get('tag', [])
    if not isinstance(tags, list) or not all(isinstance(t, dict) and is_text(t.get('name'))
                                             for t in tags):
        raise Invalid('{} has an invalid tag.'.format(label), 'tag')
    labels = entity.get('securityLabel', [])
    if not isinstance(labels, list):
        raise Invalid('{} has an invalid securityLabel list.'.format(label), 'securityLabel')
    for item in labels:
        if not isinstance(item, dict) or not is_text(item.get('name')):
            raise Invalid('{} has a security label without a name.'.format(label), 'securityLabel')
        if item.get('color') is not None and not _COLOR.match(six.text_type(item['color'])):
            raise Invalid('{} has security label {} with an invalid color.'.format(
                label, item['name']), 'securityLabel')
        if not label_exists(item['name']) and not (is_text(item.get('description'))
                                                   and item.get('color')):
            raise Invalid('{} has new security label {} without description and color.'.format(
                label, item['name']), 'securityLabel')
    for field in rules.COMMON_DATES:
        if field in entity and entity[field] is not None and not is_date(entity[field]):
            raise Invalid('{} has an invalid {}.'.format(label, field), field)


def check_group(entity, label_exists):
    """Validate one batch group; return the normalised copy.

    Args:
        entity (dict): The group as sent.
        label_exists (callable): ``name -> bool`` for existing security labels.
    """
    if not isinstance(entity, dict):
        raise Invalid('Group is not a JSON object.')
    group_type = entity.get('type')
    name = entity.get('name')
    xid = entity.get('xid')
    if group_type not in rules.GROUP_TYPES:
        raise Invalid('Group {} has an invalid type {}.'.format(xid or name, group_type), 'type')
    if not is_text(xid):
        raise Invalid('{} {} is missing an xid.'.format(group_type, name), 'xid')
    if not is_text(name):
        raise Invalid('{} {} is missing a name.'.format(group_type, xid), 'name')
    label = '{} {}'.format(group_type, xid)
    for field in rules.GROUP_REQUIRED.get(group_type, ()):
        if not is_text(entity.get(field)):
            raise Invalid('{} is missing required field {}.'.format(label, field), field)
    for field in rules.GROUP_DATES.get(group_type, ()):
        if entity.get(field) is not None and not is_date(entity[field]):
            raise Invalid('{} has an invalid {}.'.format(label, field), field)
    status = entity.get('status')
    if group_type == 'Event' and status is not None and status not in rules.EVENT_STATUSES:
        raise Invalid('{} has an invalid status.'.format(label), 'status')
    if group_type == 'Incident' and status is not None and status not in rules.INCIDENT_STATUSES:
        raise Invalid('{} has an invalid status.'.format(label), 'status')
    if group_type == 'Signature' and entity.get('fileType') not in rules.SIGNATURE_FILE_TYPES:
        raise Invalid('{} has an invalid fileType.'.format(label), 'fileType')
    if group_type == 'Document' and entity.get('malware') and not is_text(entity.get('password')):
        raise Invalid('{} is malware without a password.'.format(label), 'password')
    if group_type == 'Email' and entity.get('score') is not None:
        try:
            number(entity['score'], -(2 ** 31), 2 ** 31 - 1, True)
        except ValueError:
            raise Invalid('{} has an invalid score.'.format(label), 'score')
    for field in ('associatedGroupXid', 'associatedIndicators'):
        if not isinstance(entity.get(field, []), list):
            raise Invalid('{} has an invalid {}.'.format(label, field), field)
    check_metadata(label, entity, label_exists)
    return dict(entity)


def indicator_summary(entity, type_info):
    """Return the summary of an indicator from its value fields or ``summary``."""
    fields = rules.value_fields(type_info)
    values = [entity.get(f) for f in fields]
    if type_info['name'] == 'File':
        hashes = [six.text_type(v).strip() for v in values if v not in (None, '')]
        if hashes:
            return ' : '.join(hashes)
    elif any(v not in (None, '') for v in values):
        return ' : '.join(six.text_type(v).strip() for v in values if v not in (None, ''))
    summary = entity.get('summary')
    return summary.strip() if is_text(summary) else None


def _check_value(type_name, summary, entity):
    """Apply the per-type format rules to a composed summary."""
    if type_name == 'Address':
        return is_ipv4(summary) or is_ipv6(summary)
    if type_name == 'ASN':
        return bool(_ASN.match(summary))
    if type_name == 'CIDR':
        return _check_cidr(summary)
    if type_name == 'EmailAddress':
        return bool(_EMAIL.match(summary)) and _ascii(summary.split('@', 1)[0])
    if type_name == 'File':
        for part in summary.split(' : '):
            if not _HEX.match(part) or len(part) not in (32, 40, 64):
                return False
        for field, length in _HASH_LENGTHS.items():
            value = entity.get(field)
            if value not in (None, '') and (not _HEX.match(value) or len(value) != length):
                return False
        return True
    if type_name == 'Host':
        return _ascii(summary) and not re.search(r'[\s/:@]', summary)
    if type_name == 'URL':
        match = _URL.match(summary)
        if not match:
            return False
        domain = match.group(1).rsplit('@', 1)[-1]
        return _ascii(domain) and domain == domain.lower()
    if type_name == 'Registry Key':
        parts = summary.split(' : ')
        return (len(parts) == 3 and parts[0].split('\\')[0] in rules.REGISTRY_HIVES
                and parts[2] in rules.REGISTRY_VALUE_TYPES)
    return True


def check_indicator(entity, types, label_exists):
    """Validate one batch indicator; return the normalised copy with ``summary`` set.

    Args:
        entity (dict): The indicator as sent.
        types (dict): Indicator type name -> type dict (API shape).
        label_exists (callable): ``name -> bool`` for existing security labels.
    """
    if not isinstance(entity, dict):
        raise Invalid('Indicator is not a JSON object.')
    type_name = entity.get('type')
    if type_name not in types:
        raise Invalid('Indicator {} has an invalid type {}.'.format(
            entity.get('summary') or entity.get('xid'), type_name), 'type')
    summary = indicator_summary(entity, types[type_name])
    if not summary:
        raise Invalid('{} {} is missing its summary.'.format(type_name, entity.get('xid')),
                      'summary')
    label = '{} {}'.format(type_name, summary)
    if not _check_value(type_name, summary, entity):
        raise Invalid('{} is not a valid {} value.'.format(label, type_name), 'summary')
    result = dict(entity)
    result['summary'] = summary
    for field, low, high, integer in (('rating', 0, 5, False), ('confidence', 0, 100, True)):
        if result.get(field) is not None:
            try:
                result[field] = number(result[field], low, high, integer)
            except ValueError:
                raise Invalid('{} has an invalid {}.'.format(label, field), field)
    for field in ('active', 'activeLocked', 'privateFlag'):
        if field in result and not isinstance(result[field], bool):
            raise Invalid('{} has an invalid {}.'.format(label, field), field)
    for wire, name in rules.WIRE_NAMES.get(type_name, {}).items():
        if wire in result:
            result[name] = result.pop(wire)
    if type_name == 'File' and result.get('size') is not None:
        try:
            result['size'] = number(result['size'], 0, 2 ** 63, True)
        except ValueError:
            raise Invalid('{} has an invalid size.'.format(label), 'size')
    occurrences = result.get('fileOccurrence', [])
    if not isinstance(occurrences, list):
        raise Invalid('{} has an invalid fileOccurrence.'.format(label), 'fileOccurrence')
    for occurrence in occurrences:
        if not isinstance(occurrence, dict) or not any(
                occurrence.get(k) for k in ('fileName', 'path', 'date')):
            raise Invalid('{} has an empty file occurrence.'.format(label), 'fileOccurrence')
        if occurrence.get('date') and not is_date(occurrence['date']):
            raise Invalid('{} has a file occurrence with an invalid date.'.format(label),
                          'fileOccurrence')
    for field in ('associatedGroups', 'associatedIndicators'):
        if not isinstance(result.get(field, []), list):
            raise Invalid('{} has an invalid {}.'.format(label, field), field)
    check_metadata(label, result, label_exists)
    return result
