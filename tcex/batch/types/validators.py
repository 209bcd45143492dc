# -*- coding: utf-8 -*-
"""Value validators and normalisers used by the batch field tables.

Every validator is ``fn(value) -> normalised value`` and raises ``ValueError`` with a short
reason; the builders wrap that into :class:`tcex.errors.ValidationError` naming the type,
field and value. Text input may be ``str``/``unicode`` or UTF-8 ``bytes``; text output is
always ``six.text_type``. Factories (:func:`choice`, :func:`text`, :func:`bounded_integer`)
return such a validator.

Normalisation policy: a value is changed only where the platform requires one form (CIDR
IPv6 blocks, the ``ASN`` prefix, lower-case ASCII host names and URL domains, label colors)
or where the meaning cannot change (surrounding whitespace, a choice's case, a registry
hive's spelling). Anything else is kept as given, because xids derive from the summary:
IPv6 addresses keep their compression and case, hashes keep their case.
"""
from __future__ import absolute_import, division, print_function, unicode_literals

from tcex.batch.types.indicator_validators import (  # noqa: F401  (network and indicator values)
    REGISTRY_HIVES, REGISTRY_VALUE_TYPES, address, asn, cidr, email_address, file_hashes, host, md5, mutex,
    registry_key_name, registry_value_type, sha1, sha256, url, user_agent)
from tcex.batch.types.scalar_validators import (  # noqa: F401  (generic scalars and factories)
    boolean, bounded_integer, choice, color, confidence, date, integer, rating, text)
from tcex.utils.dates import to_iso8601  # noqa: F401  (was importable from here)
from tcex.utils.text import LONE_SURROGATE  # noqa: F401  (the pattern messages escape)

__all__ = [
    'REGISTRY_HIVES', 'REGISTRY_VALUE_TYPES', 'address', 'asn', 'boolean', 'bounded_integer',
    'choice', 'cidr', 'color', 'confidence', 'date', 'email_address', 'file_hashes', 'host',
    'integer', 'md5', 'mutex', 'rating', 'registry_key_name', 'registry_value_type', 'sha1',
    'sha256', 'text', 'url', 'user_agent',
]
