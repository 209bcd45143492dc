# -*- coding: utf-8 -*-
"""Reliability suites: print the recorded figures at the end of the pytest run."""
from __future__ import absolute_import, division, print_function, unicode_literals

from tests.reliability import figures


def pytest_terminal_summary(terminalreporter):
    """Print the fault, fuzz, secrets and limits tables (shown by plain ``pytest -q`` too)."""
    lines = figures.report_lines()
    if not lines:
        return
    terminalreporter.section('tcex reliability figures')
    for line in lines:
        terminalreporter.write_line(line)
