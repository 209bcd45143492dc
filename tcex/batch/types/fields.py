# -*- coding: utf-8 -*-
"""Declarative field tables: one :class:`~tcex.batch.types.spec.TypeSpec` per Group and Indicator type.

The entity classes (:mod:`tcex.batch.entity`) and the builders read these tables for the
Interface-1 signatures, property setters, ``add_key_value``, validation and serialization;
what is special about a type (File hashes, occurrences, Document/Report content, the
malware/password rule) is a property of its spec, declared here.
"""
from __future__ import absolute_import, division, print_function, unicode_literals

import re

from tcex.batch.types import validators as v
from tcex.batch.types.kind import Kind
from tcex.batch.types.spec import Field, Rule, TypeSpec  # noqa: F401  (importable here)

EVENT_STATUSES = ['New', 'Needs Review', 'In Progress', 'Escalated', 'Completed', 'False Positive',
                  'No Further Action', 'Reopened']
INCIDENT_STATUSES = ['New', 'Open', 'Stalled', 'Containment Achieved', 'Restoration Achieved',
                     'Incident Reported', 'Closed', 'Rejected', 'Deleted']
SIGNATURE_FILE_TYPES = ['Bro', 'ClamAV', 'CybOX', 'Iris Search Hash', 'KQL', 'OpenIOC', 'Regex', 'SPL',
                        'Sigma', 'Snort', 'Suricata', 'TQL Query', 'YARA']

#: A File size: bytes, from 0 to the largest 64-bit signed integer (what the API stores).
_FILE_SIZE = v.bounded_integer(0, 2 ** 63 - 1)

#: A malware Document needs a password (the API refuses it otherwise).
MALWARE_PASSWORD = Rule('password', lambda data: not data.get('malware') or bool(data.get('password')),
                        'has malware true but no password')


def _f(attr, key, validator, required=False, aliases=()):
    return Field(attr, key, validator, required, aliases)


def _dates(*names):
    return [_f(attr, key, v.date) for attr, key in names]


_COMMON_DATES = (('external_date_added', 'externalDateAdded'), ('external_date_expires', 'externalDateExpires'),
                 ('external_last_modified', 'externalLastModified'), ('first_seen', 'firstSeen'),
                 ('last_seen', 'lastSeen'))


def _group(name, fields=(), positional=None, branch=None, **flags):
    fields = list(fields)
    known = set(f.attr for f in fields)
    common = [f for f in _dates(*_COMMON_DATES) if f.attr not in known]
    if positional is None:
        positional = ['name'] + [f.attr for f in fields] + ['xid']
    method = re.sub(r'\W+', '_', name.lower())
    return TypeSpec(name, Kind.GROUP, method, fields + common, positional=positional, api_branch=branch, **flags)


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


def _indicator(name, method, values, fields=(), positional=None, branch=None, **flags):
    if positional is None:
        positional = [f.attr for f in values] + ['rating', 'confidence', 'xid']
    return TypeSpec(name, Kind.INDICATOR, method, list(fields) + _indicator_common(), values=values,
                    positional=positional, api_branch=branch, **flags)


def _build_group_specs():
    text = v.text()
    return [
        _group('Adversary', branch='adversaries'),
        _group('Campaign', [_f('first_seen', 'firstSeen', v.date)], branch='campaigns'),
        _group('Document', [
            _f('file_name', 'fileName', text),  # optional: required for Signatures only (batch v2 field table)
            _f('malware', 'malware', v.boolean),
            _f('password', 'password', text),
        ], positional=['name', 'file_name', 'file_content', 'malware', 'password', 'xid'], branch='documents',
            has_files=True, rules=[MALWARE_PASSWORD]),
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
        ], positional=['name', 'file_name', 'file_content', 'publish_date', 'xid'], branch='reports', has_files=True),
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
            positional=['md5', 'sha1', 'sha256', 'size', 'rating', 'confidence', 'xid'], branch='files',
            has_occurrences=True, summary_parser=v.file_hashes),
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
    return _indicator(type_dict['name'], None, values, branch=type_dict.get('apiBranch'), custom=True)


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
