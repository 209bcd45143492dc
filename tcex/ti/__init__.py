# -*- coding: utf-8 -*-
"""Reading threat intelligence: :class:`ThreatIntel` (``tcex.ti``) and 0.8's ``tcex.resource``."""
from __future__ import absolute_import, division, print_function, unicode_literals

from tcex.ti.client import ThreatIntel
from tcex.ti.filters import build_filters
from tcex.ti.post_filters import PostFilters, parse_item
from tcex.ti.resource import Resource

__all__ = ['PostFilters', 'Resource', 'ThreatIntel', 'build_filters', 'parse_item']
