# -*- coding: utf-8 -*-
"""Helpers shared by tests in several packages: reading a text file, collecting log messages."""
from __future__ import absolute_import, division, print_function, unicode_literals

import io
import logging


def read_text(path):
    """Return the whole text of a UTF-8 file."""
    with io.open(path, encoding='utf-8') as handle:
        return handle.read()


class LogCollector(logging.Handler):
    """A logging handler keeping the formatted message of every record in ``messages``."""

    def __init__(self):
        logging.Handler.__init__(self)
        self.messages = []

    def emit(self, record):
        self.messages.append(record.getMessage())
