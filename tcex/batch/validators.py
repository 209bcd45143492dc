# -*- coding: utf-8 -*-
"""The documented public path of the value validators, kept for Apps that import it.

The validators live in :mod:`tcex.batch.types.validators` (the one place of truth); this module
only re-exports the same objects. New code imports :mod:`tcex.batch.types.validators`.
"""
from __future__ import absolute_import, division, print_function, unicode_literals

from tcex.batch.types.validators import (  # noqa: F401  (the same objects, re-exported)
    LONE_SURROGATE, REGISTRY_HIVES, REGISTRY_VALUE_TYPES, __all__, address, asn, boolean, bounded_integer, choice,
    cidr, color, confidence, date, email_address, file_hashes, host, integer, md5, mutex, rating, registry_key_name,
    registry_value_type, sha1, sha256, text, to_iso8601, url, user_agent)
