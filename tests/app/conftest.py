# -*- coding: utf-8 -*-
"""Fixtures shared by the tcex.app tests."""
from __future__ import absolute_import, division, print_function, unicode_literals

import logging

import pytest

from tests.helpers import LogCollector


@pytest.fixture
def collector(request):
    """A ``(logger, messages)`` pair: a non-propagating logger named after the test module
    (``test.exit.collector`` for ``test_exit.py``) and the list of messages it received."""
    name = request.module.__name__.rpartition('.')[2]
    if name.startswith('test_'):
        name = name[len('test_'):]
    logger = logging.getLogger('test.{}.collector'.format(name))
    handler = LogCollector()
    logger.addHandler(handler)
    logger.propagate = False
    yield logger, handler.messages
    logger.removeHandler(handler)
