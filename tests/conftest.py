# -*- coding: utf-8 -*-
"""Shared pytest fixtures.

``emulator`` yields a started :class:`tcex.testing.ThreatConnectEmulator`
(owner ``Demo Organization`` plus ``Common Community``; jobs complete on the
first poll) and stops it after the test.
"""
from __future__ import absolute_import, division, print_function, unicode_literals

import pytest


@pytest.fixture
def emulator():
    """A started ThreatConnect API emulator, stopped after the test."""
    from tcex.testing import ThreatConnectEmulator  # imported lazily: fixtures load for every test

    tc = ThreatConnectEmulator(owners=['Common Community'], polls_until_complete=0)
    tc.start()
    try:
        yield tc
    finally:
        tc.stop()
