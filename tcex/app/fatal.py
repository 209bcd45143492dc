# -*- coding: utf-8 -*-
"""Reporting a fatal error once on the terminal and once in the log; the process excepthook."""
from __future__ import absolute_import, division, print_function, unicode_literals

import argparse
import sys

import six

from tcex.app.exit import write_message_tc
from tcex.app.logger import flush_handlers, write_masked_traceback
from tcex.app.masking import mask_text, to_text
from tcex.app.terminal import SHOWN_ON_TERMINAL, write_stderr_line
from tcex.errors import TcExError


def report_fatal(logger, text, exc_info=None):
    """Log ``text`` (with the traceback for the log file) and write ``error: <text>`` to stderr.

    The record is marked so a log handler showing records on stderr leaves it out.

    Args:
        logger (logging.Logger): The App's logger.
        text (str): The message, secrets already masked.
        exc_info: An exception tuple, or True for the current one.
    """
    logger.error('%s', text, exc_info=exc_info, extra={SHOWN_ON_TERMINAL: True})
    flush_handlers()
    write_stderr_line('error: {}'.format(text))


def write_message_or_log(args, text, logger):
    """Write ``text`` to ``message.tc`` once the arguments are parsed; log a failure.

    Args:
        args (argparse.Namespace): The parsed arguments, or None (nothing written).
        text (str): The message, secrets already masked.
        logger (logging.Logger): Where a write failure is logged.

    Returns:
        bool: False when the file could not be written.
    """
    if args is None:
        return True
    try:
        write_message_tc(args.tc_out_path, text)
    except TcExError as exc:
        logger.error('%s', exc)
        return False
    return True


def message_args(argv):
    """Return a namespace holding only ``tc_out_path`` read from ``argv`` (for ``message.tc``).

    Used when the arguments could not be parsed, so an argument error still
    reaches the platform's ``message.tc``.

    Args:
        argv (list): The App's arguments.

    Returns:
        argparse.Namespace: ``tc_out_path`` (the last one given), or None when
        ``argv`` has none (nothing is written then).
    """
    out_path = None
    argv = list(argv or ())
    for index, item in enumerate(argv):
        item = to_text(item)
        if item == '--tc_out_path' and index + 1 < len(argv):
            out_path = to_text(argv[index + 1])
        elif item.startswith('--tc_out_path='):
            out_path = item.split('=', 1)[1]
    return argparse.Namespace(tc_out_path=out_path) if out_path else None


def describe_exception(exc_value, secrets=()):
    """Return ``<Type>: <message>`` for an exception, on one line, secrets masked."""
    name = type(exc_value).__name__
    try:
        detail = to_text(six.text_type(exc_value))
    except Exception:  # pylint: disable=broad-except
        detail = ''
    text = '{}: {}'.format(name, detail) if detail.strip() else name
    return ' '.join(mask_text(text, secrets).split())  # masked first, then one line (a secret may hold spaces)


def install_excepthook(handler):
    """Make ``handler(exc_type, exc_value, exc_traceback)`` the process's ``sys.excepthook``.

    A hook installed by an earlier call is replaced, not chained.

    Returns:
        The hook ``handler`` should pass other exceptions to.
    """
    current = sys.excepthook
    if getattr(current, '_tcex_hook', False):
        current = getattr(current, '_tcex_previous', sys.__excepthook__)

    def hook(exc_type, exc_value, exc_traceback):
        handler(exc_type, exc_value, exc_traceback)

    hook._tcex_hook = True  # pylint: disable=protected-access
    hook._tcex_previous = current  # pylint: disable=protected-access
    sys.excepthook = hook
    return current


def handle_uncaught(exc_info, report, previous=None, secrets=(), args=None, logger=None):
    """Report an uncaught :class:`TcExError` in one line; pass other exceptions on.

    Every uncaught exception ends in ``message.tc`` (one line, masked): a
    :class:`TcExError` as its message, another as ``<Type>: <message>``, which
    is also logged with its traceback (the log file) before the traceback goes
    to stderr. Python then exits with status 1.

    Args:
        exc_info (tuple): ``(exc_type, exc_value, exc_traceback)``.
        report: ``report(exc_value, exc_info=...)`` reports the error, returns the masked text.
        previous: The hook for other exceptions (None: Python's, with secrets masked).
        secrets: Strings to mask in a traceback written here.
        args (argparse.Namespace): The parsed arguments, or None (no ``message.tc``).
        logger (logging.Logger): Where a ``message.tc`` failure is logged.
    """
    previous = previous or sys.__excepthook__
    if not isinstance(exc_info[1], TcExError):
        _record_uncaught(exc_info, secrets, args, logger)
        if previous is sys.__excepthook__:  # the default hook would print secrets unmasked
            write_masked_traceback(exc_info[0], exc_info[1], exc_info[2], secrets)
        else:
            previous(*exc_info)
        return
    try:
        text = report(exc_info[1], exc_info=exc_info)
        write_message_or_log(args, text, logger)
        flush_handlers()
    except Exception:  # pylint: disable=broad-except
        previous(*exc_info)


def _record_uncaught(exc_info, secrets, args, logger):
    """Log an uncaught exception (log file only) and write it to ``message.tc``; never raise."""
    try:
        text = describe_exception(exc_info[1], secrets)
        if logger is not None:
            logger.error('uncaught %s', text, exc_info=exc_info, extra={SHOWN_ON_TERMINAL: True})
            flush_handlers()
        write_message_or_log(args, text, logger)
    except Exception:  # pylint: disable=broad-except
        pass
