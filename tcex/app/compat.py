# -*- coding: utf-8 -*-
"""tcex 0.8's small :class:`TcEx` helpers, mixed into :class:`tcex.TcEx`.

Same names, parameters and return types as tcex 0.8: ``s``, ``safetag``/``safe_tag``,
``safeurl``/``safe_url``, ``safe_indicator``, ``safe_rt``, ``safe_group_name``,
``expand_indicators``, ``group_types``, ``group_types_data`` and the
``playbook.exit(code, msg)`` every tcex job template calls.
"""
from __future__ import absolute_import, division, print_function, unicode_literals

import six
from six.moves.urllib.parse import quote

#: Group types and their REST API names, in tcex 0.8's order.
GROUP_TYPES_DATA = (
    ('Adversary', 'adversaries', 'adversary'),
    ('Campaign', 'campaigns', 'campaign'),
    ('Document', 'documents', 'document'),
    ('Email', 'emails', 'email'),
    ('Event', 'events', 'event'),
    ('Incident', 'incidents', 'incident'),
    ('Intrusion Set', 'intrusionSets', 'intrusionSet'),
    ('Signature', 'signatures', 'signature'),
    ('Report', 'reports', 'report'),
    ('Threat', 'threats', 'threat'),
    ('Task', 'tasks', 'task'),
)

#: The ThreatConnect limit on a tag's length.
TAG_MAX_LENGTH = 128


def to_text(data, errors='strict'):
    """Return bytes decoded as UTF-8; text, None, numbers, lists and dicts unchanged.

    Args:
        data: The value.
        errors (str): The codec error handler (``strict``, ``ignore``, ``replace``).

    Returns:
        The value, as text when it was bytes.

    Raises:
        UnicodeDecodeError: Bytes that are not UTF-8 with ``errors='strict'``.
    """
    if isinstance(data, six.binary_type):
        return data.decode('utf-8', errors)
    return data


def url_quote(text, errors='strict'):
    """Percent-encode text for a URL path segment (only ``~`` and unreserved characters kept)."""
    text = to_text(text, errors)
    if not isinstance(text, six.text_type):
        text = six.text_type(text)
    quoted = quote(text.encode('utf-8'), safe=str('~'))
    return quoted.decode('ascii') if isinstance(quoted, six.binary_type) else quoted


class JobPlaybook(object):
    """``tcex.playbook`` for a Job App: only :meth:`exit`, which is ``tcex.exit``.

    tcex 0.8's job template ends its error handler with ``tcex.playbook.exit(1, msg)``.

    Args:
        tcex: The :class:`tcex.TcEx`.
    """

    def __init__(self, tcex):
        self.tcex = tcex

    def exit(self, code=None, msg=None):
        """End the App as :meth:`tcex.TcEx.exit` does (a Job App keeps exit code 3)."""
        self.tcex.exit(code, msg)


class TcExCompat(object):
    """The tcex 0.8 helpers that need nothing but their arguments."""

    def s(self, data, errors='strict'):  # pylint: disable=invalid-name
        """Return ``data`` as text (bytes decoded as UTF-8); see :func:`to_text`."""
        return to_text(data, errors)

    def safe_tag(self, tag, errors='strict'):
        """Return a tag cut to 128 characters and percent-encoded (None stays None).

        The tag is cut before encoding, so an escape is never split.
        """
        if tag is None:
            return None
        text = to_text(tag, errors)
        return url_quote(six.text_type(text)[:TAG_MAX_LENGTH])

    def safetag(self, tag, errors='strict'):
        """Same as :meth:`safe_tag`."""
        return self.safe_tag(tag, errors)

    def safe_url(self, url, errors='strict'):
        """Return text percent-encoded for a URL (None stays None)."""
        return None if url is None else url_quote(url, errors)

    def safeurl(self, url, errors='strict'):
        """Same as :meth:`safe_url`."""
        return self.safe_url(url, errors)

    def safe_indicator(self, indicator, errors='strict'):
        """Return an indicator percent-encoded for a URL (None stays None)."""
        return None if indicator is None else url_quote(indicator, errors)

    @staticmethod
    def safe_rt(resource_type, lower=False):
        """Return a type name with spaces as ``_`` (``User Agent`` -> ``User_Agent``)."""
        if resource_type is None:
            return None
        resource_type = resource_type.replace(' ', '_')
        return resource_type.lower() if lower else resource_type

    @staticmethod
    def safe_group_name(group_name, group_max_length=100, ellipsis=True):
        """Shorten a group name to under ``group_max_length`` characters, on a word boundary.

        Args:
            group_name (str): The name.
            group_max_length (int): The limit (ThreatConnect's is 100).
            ellipsis (bool): End a shortened name with `` ...``.

        Returns:
            str: The name, unchanged when short enough.
        """
        if group_name is None or len(group_name) <= group_max_length:
            return group_name
        suffix = ' ...' if ellipsis else ''
        room = group_max_length - len(suffix)
        result = ''
        for word in group_name.split(' '):
            candidate = '{} {}'.format(result, word) if result else word
            if len(candidate) >= room:
                break
            result = candidate
        if not result:  # the first word alone is too long
            result = group_name[:max(room - 1, 0)]
        return (result + suffix).strip()

    @staticmethod
    def expand_indicators(indicator):
        """Split a multi-value summary (``md5 : sha1 : sha256``) into its values.

        Returns:
            list: ``[value]`` for a one-value indicator; three items (None for a
            missing value) for a multi-value one.
        """
        if ' : ' not in indicator:
            return [indicator]
        parts = [part.strip() or None for part in indicator.split(' : ', 2)]
        return parts + [None] * (3 - len(parts))

    @property
    def group_types(self):
        """list: The ThreatConnect group type names."""
        return [name for name, _, _ in GROUP_TYPES_DATA]

    @property
    def group_types_data(self):
        """dict: Group type name -> ``{'apiBranch': ..., 'apiEntity': ...}``."""
        return dict((name, {'apiBranch': branch, 'apiEntity': entity})
                    for name, branch, entity in GROUP_TYPES_DATA)
