# -*- coding: utf-8 -*-
"""Testing helpers: the offline ThreatConnect API emulator.

``ThreatConnectEmulator`` is a real local HTTP server that behaves like the
ThreatConnect v2 API for everything this SDK uses; see ``docs/emulator.rst``.
"""
from __future__ import absolute_import, division, print_function, unicode_literals

from tcex.testing.auth import hmac_headers, hmac_signature
from tcex.testing.emulator import ENDPOINTS, ThreatConnectEmulator

__all__ = ['ENDPOINTS', 'ThreatConnectEmulator', 'hmac_headers', 'hmac_signature']
