# -*- coding: utf-8 -*-
"""Fixtures for the read API tests: a ThreatIntel reader bound to the ``emulator`` fixture."""
from __future__ import absolute_import, division, print_function, unicode_literals

import pytest

from tcex.session import TcSession, fetch_indicator_types
from tcex.session.auth import HmacAuth
from tcex.ti import ThreatIntel


def make_session(emulator, **kwargs):
    """A TcSession signing with the emulator's HMAC credentials; retries never sleep."""
    kwargs.setdefault('sleep', lambda seconds: None)
    kwargs.setdefault('auth', HmacAuth(emulator.api_access_id, emulator.api_secret_key))
    return TcSession(emulator.url, **kwargs)


def hosts(emulator, count, owner=None, **fields):
    """Store ``count`` Host indicators ``h00000.example.com``... directly in the emulator."""
    def items():
        for number in range(count):
            item = {'type': 'Host', 'summary': 'h{:05d}.example.com'.format(number)}
            item.update(fields)
            yield item
    emulator.store.load_indicators(owner or emulator.owner, items())
    return ['h{:05d}.example.com'.format(n) for n in range(count)]


@pytest.fixture
def ti(emulator):
    """A reader with a small page size (5) so paging is exercised."""
    session = make_session(emulator)
    return ThreatIntel(session, owner=emulator.owner, page_size=5,
                       indicator_types=lambda: fetch_indicator_types(session))
