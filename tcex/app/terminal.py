# -*- coding: utf-8 -*-
"""What a fatal error shows on the terminal: one ``error: <message>`` line on stderr.

:meth:`tcex.TcEx.report_error` logs the error with :data:`SHOWN_ON_TERMINAL` set
and writes the line with :func:`write_stderr_line`; :class:`ShownOnTerminal` on
the handlers that log to stderr leaves that record out, so the terminal shows
the error once and the log file holds it once.
"""
from __future__ import absolute_import, division, print_function, unicode_literals

import logging
import sys

import six

from tcex.app.masking import to_text

#: Log record attribute set by :meth:`TcEx.report_error`: the message is on stderr already.
SHOWN_ON_TERMINAL = 'tcex_shown_on_terminal'


class ShownOnTerminal(logging.Filter):
    """Keep a stderr log handler from repeating an error :meth:`TcEx.report_error` printed."""

    def filter(self, record):
        """Drop the records :meth:`TcEx.report_error` marked; keep the rest."""
        return not getattr(record, SHOWN_ON_TERMINAL, False)


def stderr_handlers(logger):
    """Return the handlers of ``logger`` that write to stderr (not files)."""
    return [handler for handler in logger.handlers
            if isinstance(handler, logging.StreamHandler) and not isinstance(handler, logging.FileHandler)
            and getattr(handler, 'stream', None) in (sys.stderr, sys.__stderr__)]


def write_text(stream, text):
    """Write text to ``stream`` and flush (UTF-8 bytes on a Python 2 pipe), never raising.

    Args:
        stream: A file-like object (``sys.stderr``).
        text (str): What to write.
    """
    try:
        if six.PY2 and not getattr(stream, 'encoding', None):
            stream.write(text.encode('utf-8'))
        else:
            stream.write(text)
        stream.flush()
    except Exception:  # pylint: disable=broad-except
        pass


def write_stderr_line(text):
    """Write one line to stderr (UTF-8 on Python 2 pipes), never raising."""
    write_text(sys.stderr, to_text(text).replace('\n', ' ').replace('\r', ' ') + '\n')


def hide_shown_records(logger):
    """Make every stderr handler of ``logger`` skip records already shown on the terminal.

    Args:
        logger (logging.Logger): The logger whose handlers are filtered (once each).
    """
    for handler in stderr_handlers(logger):
        if not any(isinstance(item, ShownOnTerminal) for item in handler.filters):
            handler.addFilter(ShownOnTerminal())
