# -*- coding: utf-8 -*-
"""The platform's tables: group and indicator types, allowed values, default owners.

Written from the API reference, independently of :mod:`tcex.batch` (the emulator
stands in for the platform and must not share the SDK's assumptions).
"""
from __future__ import absolute_import, division, print_function, unicode_literals

GROUP_TYPES = (
    'Adversary', 'Campaign', 'Document', 'Email', 'Event', 'Incident', 'Intrusion Set',
    'Report', 'Signature', 'Threat',
)

#: Group fields (besides name/type/xid) that must be present, per type.
GROUP_REQUIRED = {  # Document and Report fileName are optional (batch v2 field table)
    'Email': ('subject', 'header', 'body'),
    'Signature': ('fileName', 'fileType', 'fileText'),
}

#: Group fields holding a date, per type (plus the common ones below).
GROUP_DATES = {
    'Campaign': ('firstSeen',),
    'Event': ('eventDate',),
    'Incident': ('eventDate',),
    'Report': ('publishDate',),
}

COMMON_DATES = ('externalDateAdded', 'externalDateExpires', 'externalLastModified', 'firstSeen',
                'lastSeen')

EVENT_STATUSES = ('New', 'Needs Review', 'In Progress', 'Escalated', 'Completed', 'False Positive',
                  'No Further Action', 'Reopened')
INCIDENT_STATUSES = ('New', 'Open', 'Stalled', 'Containment Achieved', 'Restoration Achieved',
                     'Incident Reported', 'Closed', 'Rejected', 'Deleted')
SIGNATURE_FILE_TYPES = ('Bro', 'ClamAV', 'CybOX', 'Iris Search Hash', 'KQL', 'OpenIOC', 'Regex',
                        'SPL', 'Sigma', 'Snort', 'Suricata', 'TQL Query', 'YARA')

REGISTRY_HIVES = ('HKEY_CLASSES_ROOT', 'HKEY_CURRENT_CONFIG', 'HKEY_CURRENT_USER',
                  'HKEY_CURRENT_USER_LOCAL_SETTINGS', 'HKEY_LOCAL_MACHINE', 'HKEY_PERFORMANCE_DATA',
                  'HKEY_PERFORMANCE_NLSTEXT', 'HKEY_PERFORMANCE_TEXT', 'HKEY_USERS')
REGISTRY_VALUE_TYPES = ('REG_NONE', 'REG_BINARY', 'REG_DWORD', 'REG_DWORD_LITTLE_ENDIAN',
                        'REG_DWORD_BIG_ENDIAN', 'REG_EXPAND_SZ', 'REG_LINK', 'REG_MULTI_SZ',
                        'REG_QWORD', 'REG_QWORD_LITTLE_ENDIAN', 'REG_SZ')

#: Value fields of the built-in indicator types, in summary order.
VALUE_FIELDS = {
    'Address': ('ip',),
    'ASN': ('AS Number',),
    'CIDR': ('Block',),
    'EmailAddress': ('address',),
    'File': ('md5', 'sha1', 'sha256'),
    'Host': ('hostName',),
    'Mutex': ('Mutex',),
    'Registry Key': ('Key Name', 'Value Name', 'Value Type'),
    'URL': ('text',),
    'User Agent': ('User Agent String',),
}

#: Wire names tcex sends for batch v2 and the names read-back uses.
WIRE_NAMES = {
    'Host': {'flag1': 'dnsActive', 'flag2': 'whoisActive'},
    'File': {'intValue1': 'size'},
}

#: Security labels every owner starts with.
DEFAULT_LABELS = (
    {'name': 'TLP:WHITE', 'description': 'TLP white', 'color': 'FFFFFF'},
    {'name': 'TLP:CLEAR', 'description': 'TLP clear', 'color': 'FFFFFF'},
    {'name': 'TLP:GREEN', 'description': 'TLP green', 'color': '33FF00'},
    {'name': 'TLP:AMBER', 'description': 'TLP amber', 'color': 'FFC000'},
    {'name': 'TLP:RED', 'description': 'TLP red', 'color': 'FF0033'},
)


#: Attribute types every owner has unless the emulator is given its own list
#: (``ThreatConnectEmulator(attribute_types=[...])``): the platform's common defaults.
DEFAULT_ATTRIBUTE_TYPES = (
    'Additional Analysis and Context', 'Attribution', 'Course of Action Taken', 'Description',
    'Detection Percentage', 'Drop Log File', 'External Date Created', 'External Date Expires',
    'External Date Last Modified', 'External ID', 'First Seen', 'Impact Description', 'Impact Score',
    'Last Seen', 'Phase of Intrusion', 'Physical Address', 'Reference Text', 'Response Team & Staff involved',
    'Restoration Cost', 'Source', 'Targeted Industry Sector', 'Title', 'Unique ID',
)


def _type(name, branch, entity, custom, labels, case='', parsable='true'):
    data = {
        'name': name, 'custom': 'true' if custom else 'false', 'parsable': parsable,
        'apiBranch': branch, 'apiEntity': entity, 'casePreference': case,
    }
    for number, label in enumerate(labels, 1):
        data['value{}Label'.format(number)] = label
        data['value{}Type'.format(number)] = 'text'
    if len(labels) < 2:
        data['value2Label'] = ''
    return data


def default_indicator_types():
    """Return the indicator type list ``GET /v2/types/indicatorTypes`` serves by default.

    The ten standard types plus one custom type, ``Hashtag`` (value field ``Hashtag``).
    """
    return [
        _type('Address', 'addresses', 'address', False, ('ip',)),
        _type('EmailAddress', 'emailAddresses', 'emailAddress', False, ('address',), 'lower'),
        _type('File', 'files', 'file', False, ('md5', 'sha1', 'sha256'), 'upper'),
        _type('Host', 'hosts', 'host', False, ('hostName',), 'lower'),
        _type('URL', 'urls', 'url', False, ('text',)),
        _type('ASN', 'asns', 'asn', True, ('AS Number',), 'upper'),
        _type('CIDR', 'cidrBlocks', 'cidrBlock', True, ('Block',)),
        _type('Mutex', 'mutexes', 'mutex', True, ('Mutex',)),
        _type('Registry Key', 'registryKeys', 'registryKey', True,
              ('Key Name', 'Value Name', 'Value Type')),
        _type('User Agent', 'userAgents', 'userAgent', True, ('User Agent String',)),
        _type('Hashtag', 'hashtags', 'hashtag', True, ('Hashtag',), parsable='false'),
    ]


def value_fields(type_info):
    """Return the value field names of an indicator type dict (``value1Label``...)."""
    name = type_info.get('name')
    if name in VALUE_FIELDS:
        return VALUE_FIELDS[name]
    labels = []
    for number in (1, 2, 3):
        label = type_info.get('value{}Label'.format(number))
        if label:
            labels.append(label)
    return tuple(labels)
