# -*- coding: utf-8 -*-
"""Fixtures for the emulator's own tests."""
from __future__ import absolute_import, division, print_function, unicode_literals

import pytest

from tests.testing.helpers import Api


@pytest.fixture
def api(emulator):
    """A signing ``requests`` client bound to the ``emulator`` fixture."""
    return Api(emulator)
