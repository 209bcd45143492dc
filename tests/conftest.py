# -*- coding: utf-8 -*-
"""Shared pytest fixtures.

``emulator`` yields a started :class:`tcex.testing.ThreatConnectEmulator`
(owner ``Demo Organization`` plus ``Common Community``; jobs complete on the
first poll) and stops it after the test. ``isolate_runtime`` undoes what a
``TcEx`` does to the process; ``paths`` gives the log/out/temp folders and the
matching ``argv`` of an App run under a pytest temp dir.
"""
from __future__ import absolute_import, division, print_function, unicode_literals

import logging
import os
import sys

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


@pytest.fixture
def isolate_runtime():
    """Undo what a TcEx does to the process: log handlers, 'tcex' level, excepthook."""
    from tcex.app.logger import remove_handlers

    logger = logging.getLogger('tcex')
    level = logger.level
    hook = sys.excepthook
    yield
    remove_handlers('tcex')
    logger.setLevel(level)
    sys.excepthook = hook


@pytest.fixture
def paths(tmpdir):
    """``{'log', 'out', 'tmp', 'argv'}``: an App's folders under the test's temp dir and the argv naming them."""
    base = str(tmpdir)
    log, out, tmp = os.path.join(base, 'log'), os.path.join(base, 'out'), os.path.join(base, 'tmp')
    return {'log': log, 'out': out, 'tmp': tmp,
            'argv': ['--tc_log_path', log, '--tc_out_path', out, '--tc_temp_path', tmp]}
