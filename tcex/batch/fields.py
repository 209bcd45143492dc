# -*- coding: utf-8 -*-
"""Declarative field tables: one per Group and Indicator type.

Each type is a :class:`TypeSpec` listing its :class:`Field` objects (python
attribute name, JSON key, validator, required flag) and its positional order.
The generic entity classes in :mod:`tcex.batch.entity` read these tables to
build the Interface-1 builder signatures, property setters, ``add_key_value``,
validation and serialization; nothing is written by hand per field.
"""
from __future__ import absolute_import, division, print_function, unicode_literals

import re

from tcex.batch import validators as v

GROUP = 'group'
INDICATOR = 'indicator'

EVENT_STATUSES = ['New', 'Needs Review', 'In Progress', 'Escalated', 'Completed', 'False Positive',
                  'No Further Action', 'Reopened']
INCIDENT_STATUSES = ['New', 'Open', 'Stalled', 'Containment Achieved', 'Restoration Achieved',
                     'Incident Reported', 'Closed', 'Rejected', 'Deleted']
SIGNATURE_FILE_TYPES = ['Bro', 'ClamAV', 'CybOX', 'Iris Search Hash', 'KQL', 'OpenIOC', 'Regex', 'SPL',
                        'Sigma', 'Snort', 'Suricata', 'TQL Query', 'YARA']

#: A File size: bytes, from 0 to the largest 64-bit signed integer (what the API stores).
_FILE_SIZE = v.bounded_integer(0, 2 ** 63 - 1)

# JSON keys holding metadata; handled by the entity classes, not by Field objects.
GROUP_META_KEYS = ('attribute', 'securityLabel', 'tag', 'associatedGroupXid', 'associatedIndicators')
INDICATOR_META_KEYS = ('attribute', 'securityLabel', 'tag', 'associatedGroups', 'associatedIndicators',
                       'fileOccurrence')


class Field(object):
    """One scalar field of a type.

    Attributes:
        attr (str): The python name (builder keyword and property).
        key (str): The batch JSON key.
        validator (callable): ``fn(value) -> normalised value`` raising ValueError.
        required (bool): Whether the API needs the field.
        aliases (tuple): Other keys ``add_key_value`` accepts for this field.
    """

    __slots__ = ('attr', 'key', 'validator', 'required', 'aliases')

    def __init__(self, attr, key, validator, required=False, aliases=()):
        self.attr = attr
        self.key = key
        self.validator = validator
        self.required = required
        self.aliases = tuple(aliases)

    def __repr__(self):
        return 'Field({!r}, {!r})'.format(self.attr, self.key)


class TypeSpec(object):
    """The table of one Group or Indicator type.

    Attributes:
        name (str): The API type name (``Registry Key``).
        kind (str): ``group`` or ``indicator``.
        method (str): The Interface-1 builder name on Batch (``registry_key``), or None.
        fields (list): Scalar :class:`Field` objects, common ones included.
        values (list): Indicator value fields (their values make the summary).
        positional (list): Attribute names accepted positionally by the builder, in order.
        by_attr (dict): attr -> Field (values included).
        by_key (dict): JSON key or alias -> Field (values included).
        api_branch (str): The v2 API branch (``documents``), where known.
        custom (bool): A custom indicator type fetched from the API.
    """

    def __init__(self, name, kind, method, fields, values=(), positional=(), api_branch=None, custom=False):
        self.name = name
        self.kind = kind
        self.method = method
        self.fields = list(fields)
        self.values = list(values)
        self.positional = list(positional)
        self.api_branch = api_branch
        self.custom = custom
        self.by_attr = {}
        self.by_key = {}
        for field in self.values + self.fields:
            self.by_attr[field.attr] = field
            self.by_key[field.key] = field
            for alias in field.aliases:
                self.by_key[alias] = field
        self.required = [f for f in self.fields if f.required]
        self.has_files = name in ('Document', 'Report')

    def __repr__(self):
        return 'TypeSpec({!r})'.format(self.name)


def _f(attr, key, validator, required=False, aliases=()):
    return Field(attr, key, validator, required, aliases)


def _dates(*names):
    return [_f(attr, key, v.date) for attr, key in names]


_COMMON_DATES = (('external_date_added', 'externalDateAdded'), ('external_date_expires', 'externalDateExpires'),
                 ('external_last_modified', 'externalLastModified'), ('first_seen', 'firstSeen'),
                 ('last_seen', 'lastSeen'))


def _group(name, fields=(), positional=None, branch=None):
    fields = list(fields)
    known = set(f.attr for f in fields)
    common = [f for f in _dates(*_COMMON_DATES) if f.attr not in known]
    if positional is None:
        positional = ['name'] + [f.attr for f in fields] + ['xid']
    method = re.sub(r'\W+', '_', name.lower())
    return TypeSpec(name, GROUP, method, fields + common, positional=positional, api_branch=branch)


def _indicator_common():
    return [
        _f('rating', 'rating', v.rating),
        _f('confidence', 'confidence', v.confidence),
        _f('active', 'active', v.boolean),
        _f('active_locked', 'activeLocked', v.boolean),
        _f('private_flag', 'privateFlag', v.boolean),
        _f('description', 'description', v.text()),
        _f('date_added', 'dateAdded', v.date),
        _f('last_modified', 'lastModified', v.date),
    ] + _dates(*_COMMON_DATES)


def _indicator(name, method, values, fields=(), positional=None, branch=None):
    if positional is None:
        positional = [f.attr for f in values] + ['rating', 'confidence', 'xid']
    return TypeSpec(name, INDICATOR, method, list(fields) + _indicator_common(), values=values,
                    positional=positional, api_branch=branch)


def _build_group_specs():
    text = v.text()
    return [
        _group('Adversary', branch='adversaries'),
        _group('Campaign', [_f('first_seen', 'firstSeen', v.date)], branch='campaigns'),
        _group('Document', [
            _f('file_name', 'fileName', text),  # optional: required for Signatures only (batch v2 field table)
            _f('malware', 'malware', v.boolean),
            _f('password', 'password', text),
        ], positional=['name', 'file_name', 'file_content', 'malware', 'password', 'xid'], branch='documents'),
        _group('Email', [
            _f('subject', 'subject', text, True),
            _f('header', 'header', text, True),
            _f('body', 'body', text, True),
            _f('to_addr', 'to', text, aliases=('to_addr',)),
            _f('from_addr', 'from', text, aliases=('from_addr',)),
            _f('score', 'score', v.integer),
        ], positional=['name', 'subject', 'header', 'body', 'to_addr', 'from_addr', 'xid'], branch='emails'),
        _group('Event', [
            _f('event_date', 'eventDate', v.date),
            _f('status', 'status', v.choice(EVENT_STATUSES)),
            _f('event_type', 'eventType', text),
        ], positional=['name', 'event_date', 'status', 'xid'], branch='events'),
        _group('Incident', [
            _f('event_date', 'eventDate', v.date),
            _f('status', 'status', v.choice(INCIDENT_STATUSES)),
        ], branch='incidents'),
        _group('Intrusion Set', branch='intrusionSets'),
        _group('Report', [
            _f('file_name', 'fileName', text),
            _f('publish_date', 'publishDate', v.date),
        ], positional=['name', 'file_name', 'file_content', 'publish_date', 'xid'], branch='reports'),
        _group('Signature', [
            _f('file_name', 'fileName', text, True),
            _f('file_type', 'fileType', v.choice(SIGNATURE_FILE_TYPES), True),
            _f('file_text', 'fileText', v.text(), True),
        ], branch='signatures'),
        _group('Threat', branch='threats'),
    ]


def _build_indicator_specs():
    text = v.text()
    return [
        _indicator('Address', 'address', [_f('ip', 'ip', v.address, True)], branch='addresses'),
        _indicator('ASN', 'asn', [_f('as_number', 'AS Number', v.asn, True)], branch='asns'),
        _indicator('CIDR', 'cidr', [_f('block', 'Block', v.cidr, True)], branch='cidrBlocks'),
        _indicator('EmailAddress', 'email_address', [_f('address', 'address', v.email_address, True)],
                   branch='emailAddresses'),
        _indicator('File', 'file', [
            _f('md5', 'md5', v.md5), _f('sha1', 'sha1', v.sha1), _f('sha256', 'sha256', v.sha256),
        ], fields=[_f('size', 'intValue1', _FILE_SIZE, aliases=('size',))],
            positional=['md5', 'sha1', 'sha256', 'size', 'rating', 'confidence', 'xid'], branch='files'),
        _indicator('Host', 'host', [_f('hostname', 'hostName', v.host, True)], fields=[
            _f('dns_active', 'flag1', v.boolean, aliases=('dnsActive', 'dns_active')),
            _f('whois_active', 'flag2', v.boolean, aliases=('whoisActive', 'whois_active')),
        ], positional=['hostname', 'dns_active', 'whois_active', 'rating', 'confidence', 'xid'], branch='hosts'),
        _indicator('Mutex', 'mutex', [_f('mutex', 'Mutex', v.mutex, True)], branch='mutexes'),
        _indicator('Registry Key', 'registry_key', [
            _f('key_name', 'Key Name', v.registry_key_name, True),
            _f('value_name', 'Value Name', text, True),
            _f('value_type', 'Value Type', v.registry_value_type, True),
        ], branch='registryKeys'),
        _indicator('URL', 'url', [_f('text', 'text', v.url, True)], branch='urls'),
        _indicator('User Agent', 'user_agent', [_f('text', 'User Agent String', v.user_agent, True)],
                   branch='userAgents'),
    ]


def custom_indicator_spec(type_dict):
    """Build the table of a custom indicator type from the API's type dict.

    Args:
        type_dict (dict): One entry of ``/v2/types/indicatorTypes`` (``name``,
            ``value1Label``..``value3Label``, ``apiBranch``).

    Returns:
        TypeSpec: The table (values are free text; summary joined with " : ").
    """
    values = []
    for number in (1, 2, 3):
        label = type_dict.get('value{}Label'.format(number))
        if label:
            attr = 'value{}'.format(number)
            values.append(Field(attr, label, v.text(), required=(number == 1), aliases=(attr,)))
    if not values:
        values.append(Field('value1', 'value1', v.text(), required=True))
    spec = _indicator(type_dict['name'], None, values, branch=type_dict.get('apiBranch'))
    spec.custom = True
    return spec


def normalise_type_name(name):
    """Return the lookup key for a type name (case, spaces and underscores ignored).

    Args:
        name (str): A type name such as ``Registry Key``, ``registry_key`` or ``RegistryKey``.

    Returns:
        str: ``registrykey``.
    """
    return re.sub(r'[\s_\-]+', '', name).lower()


GROUP_SPECS = _build_group_specs()
INDICATOR_SPECS = _build_indicator_specs()
GROUP_TYPES = dict((normalise_type_name(s.name), s) for s in GROUP_SPECS)
INDICATOR_TYPES = dict((normalise_type_name(s.name), s) for s in INDICATOR_SPECS)
