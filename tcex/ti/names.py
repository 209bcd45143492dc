# -*- coding: utf-8 -*-
"""Indicator and group type names, API branches and entity keys."""
from __future__ import absolute_import, division, print_function, unicode_literals

import six
from six.moves.urllib.parse import quote

from tcex.errors import ArgumentError

#: Group type -> (branch, entity).
GROUP_TYPES = {
    'Adversary': ('adversaries', 'adversary'), 'Campaign': ('campaigns', 'campaign'),
    'Document': ('documents', 'document'), 'Email': ('emails', 'email'),
    'Event': ('events', 'event'), 'Incident': ('incidents', 'incident'),
    'Intrusion Set': ('intrusionSets', 'intrusionSet'), 'Report': ('reports', 'report'),
    'Signature': ('signatures', 'signature'), 'Threat': ('threats', 'threat'),
}
#: Standard indicator type -> (branch, entity, summary fields).
INDICATOR_TYPES = {
    'Address': ('addresses', 'address', ('ip',)),
    'EmailAddress': ('emailAddresses', 'emailAddress', ('address',)),
    'File': ('files', 'file', ('md5', 'sha1', 'sha256')),
    'Host': ('hosts', 'host', ('hostName',)),
    'URL': ('urls', 'url', ('text',)),
}


class TypeMap(object):
    """Resolves indicator type names (standard ones offline, custom ones from the API).

    Args:
        indicator_types (callable): Returns the ``indicatorType`` dicts of
            ``GET /v2/types/indicatorTypes``; called at most once, only for a name that
            is not a standard type.
    """

    def __init__(self, indicator_types=None):
        self._fetch = indicator_types
        self._custom = None

    def _custom_types(self):
        if self._custom is None:
            found = {}
            for info in (self._fetch() if self._fetch else []):
                fields = tuple(info.get('value{}Label'.format(n)) for n in (1, 2, 3)
                               if info.get('value{}Label'.format(n)))
                found[info['name']] = (info['apiBranch'], info['apiEntity'], fields)
            self._custom = found
        return self._custom

    def indicator(self, type_name):
        """Return ``(branch, entity, summary fields)`` of an indicator type.

        Raises:
            ArgumentError: For an unknown type.
        """
        if type_name in INDICATOR_TYPES:
            return INDICATOR_TYPES[type_name]
        custom = self._custom_types()
        if type_name in custom:
            return custom[type_name]
        raise ArgumentError('unknown indicator type \'{}\' (known: {})'.format(
            type_name, ', '.join(sorted(set(INDICATOR_TYPES) | set(custom)))), value=type_name)

    def is_indicator(self, type_name):
        """Return True when ``type_name`` is an indicator type (standard or custom)."""
        try:
            self.indicator(type_name)
        except ArgumentError:
            return False
        return True

    @staticmethod
    def group(type_name):
        """Return ``(branch, entity)`` of a group type.

        Raises:
            ArgumentError: For an unknown type.
        """
        if type_name not in GROUP_TYPES:
            raise ArgumentError('unknown group type \'{}\' (known: {})'.format(
                type_name, ', '.join(sorted(GROUP_TYPES))), value=type_name)
        return GROUP_TYPES[type_name]


def summary_of(item, fields):
    """Return the summary of a typed-branch item from its own value fields."""
    parts = [item.get(field) for field in fields if item.get(field)]
    return ' : '.join(parts) if parts else item.get('summary')


def url_part(value):
    """URL-quote one path segment (``/`` included), UTF-8 on Python 2 and 3."""
    text = six.text_type(value)
    return quote(text.encode('utf-8') if six.PY2 else text, safe=str(''))
