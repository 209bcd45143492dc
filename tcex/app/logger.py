# -*- coding: utf-8 -*-
"""App logging: a file under ``tc_log_path``, stderr when interactive, secrets masked.

The handlers go on the ``tcex`` logger, so records from every library module
(``tcex.app``, ``tcex.batch``, ``tcex.session`` ...) land in the same file.
Every handler carries a :class:`MaskingFilter` that rewrites the record itself
(message, %-arguments, exception and stack text) before any handler formats it,
so a secret cannot leak through a later handler either.
"""
from __future__ import absolute_import, division, print_function, unicode_literals

import logging
import os
import sys
import traceback

from tcex.app.masking import MASK, Masker, mask_text, to_text  # noqa: F401 (re-exported)
from tcex.app.results import ensure_folder, open_private
from tcex.app.terminal import write_text
from tcex.errors import ArgumentError
from tcex.utils.booleans import to_bool

#: Level names accepted by ``--logging`` / ``--tc_log_level``.
LOG_LEVELS = {
    'trace': logging.DEBUG,
    'debug': logging.DEBUG,
    'info': logging.INFO,
    'warning': logging.WARNING,
    'error': logging.ERROR,
    'critical': logging.CRITICAL,
}

FILE_FORMAT = '%(asctime)s - %(name)s - %(levelname)s - %(message)s'
STDERR_FORMAT = '%(levelname)s - %(message)s'

_HANDLER_MARK = '_tcex_app_handler'


def level_for(name):
    """Return the logging level for a level name (``trace`` means debug).

    Args:
        name (str): One of :data:`LOG_LEVELS` (any case).

    Returns:
        int: The :mod:`logging` level.

    Raises:
        ArgumentError: The name is unknown.
    """
    key = to_text(name or '').strip().lower()
    if key not in LOG_LEVELS:
        raise ArgumentError(
            'unknown logging level {!r} (choose from {})'.format(
                name, ', '.join(sorted(LOG_LEVELS))
            ),
            value=name,
        )
    return LOG_LEVELS[key]


class MaskingFilter(logging.Filter):
    """A handler filter that masks secrets in the record itself.

    The record's message is formatted once (with its %-arguments), masked and
    stored back with no arguments; exception and stack text are formatted,
    masked and cached on the record, so every handler after this one (including
    handlers of parent loggers) sees masked text.

    Args:
        secrets: A live collection of secrets (e.g. the ``set`` of
            :attr:`tcex.TcEx.secrets`); later additions are honoured.
    """

    def __init__(self, secrets):
        super(MaskingFilter, self).__init__()
        self.masker = secrets if isinstance(secrets, Masker) else Masker(secrets)
        self._formatter = logging.Formatter()

    def filter(self, record):
        """Mask the record in place; always keeps it."""
        if getattr(record, '_tcex_masked', None) is self:
            return True
        self.masker.warn_short()
        try:
            message = record.getMessage()
        except Exception:  # pylint: disable=broad-except
            message = '{} {!r}'.format(to_text(record.msg), record.args)
        record.msg = self.masker.mask(message)
        record.args = ()
        if record.exc_info and not record.exc_text:
            record.exc_text = self._formatter.formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = self.masker.mask(record.exc_text)
        if getattr(record, 'stack_info', None):
            record.stack_info = self.masker.mask(record.stack_info)
        record._tcex_masked = self  # pylint: disable=protected-access
        return True


class MaskingFormatter(logging.Formatter):
    """A formatter that masks secrets in the final text.

    Args:
        fmt (str): The format.
        secrets: A live collection of secrets.
        tracebacks (bool): False leaves exception tracebacks out (used for
            stderr, so a traceback only reaches the log file).
    """

    def __init__(self, fmt, secrets, tracebacks=True):
        super(MaskingFormatter, self).__init__(fmt)
        self.masker = secrets if isinstance(secrets, Masker) else Masker(secrets)
        self.tracebacks = tracebacks

    def format(self, record):
        """Format the record and mask every secret in the result."""
        if self.tracebacks:
            return self.masker.mask(super(MaskingFormatter, self).format(record))
        saved = (record.exc_info, record.exc_text, getattr(record, 'stack_info', None))
        record.exc_info, record.exc_text = None, None
        if saved[2] is not None:
            record.stack_info = None
        try:
            return self.masker.mask(super(MaskingFormatter, self).format(record))
        finally:
            record.exc_info, record.exc_text = saved[0], saved[1]
            if saved[2] is not None:
                record.stack_info = saved[2]


def _want_stderr(stream):
    try:
        return to_bool(os.environ.get('TCEX_LOG_STDERR', ''))
    except ValueError:  # unset or not a boolean: decide by the stream
        pass
    isatty = getattr(stream, 'isatty', None)
    try:
        return bool(isatty and isatty())
    except (ValueError, OSError):  # closed stream
        return False


def remove_handlers(logger_name='tcex'):
    """Close and remove the handlers :func:`configure_logging` added.

    Args:
        logger_name (str): The logger they were added to.
    """
    logger = logging.getLogger(logger_name)
    for handler in list(logger.handlers):
        if getattr(handler, _HANDLER_MARK, False):
            logger.removeHandler(handler)
            try:
                handler.close()
            except Exception:  # pylint: disable=broad-except
                pass


def configure_logging(log_path, log_file='app.log', level='info', secrets=None,
                      stderr=None, logger_name='tcex'):
    """Send the ``tcex`` loggers' records to a file (and stderr), masking secrets.

    Handlers added by an earlier call are removed first, so creating a new
    :class:`tcex.TcEx` in the same process never duplicates output.

    Args:
        log_path (str): The folder (created if missing).
        log_file (str): The file name inside ``log_path``.
        level (str): A :data:`LOG_LEVELS` name.
        secrets: A live collection of secrets to mask (default: none).
        stderr: A stream to also log to; None decides by ``sys.stderr.isatty()``
            or the ``TCEX_LOG_STDERR`` environment variable (``1``/``0``);
            False never logs to stderr.
        logger_name (str): The logger to configure.

    Returns:
        str: The log file's path.

    Raises:
        ArgumentError: The level is unknown or the folder cannot be created.
    """
    numeric_level = level_for(level)
    masker = Masker(secrets if secrets is not None else set())
    path = os.path.join(log_path, log_file)
    try:
        ensure_folder(log_path)
        open_private(path, 'a').close()  # created owner-only (0600) before logging opens it
        file_handler = logging.FileHandler(path, encoding='utf-8', delay=False)
    except (IOError, OSError) as exc:
        # the folder is tc_log_path's unless the file name leads into another (tc_log_file=sub/x.log)
        in_file_part = os.path.isdir(log_path) and \
            os.path.normpath(os.path.dirname(path)) != os.path.normpath(log_path)
        name = 'tc_log_file' if in_file_part else 'tc_log_path'
        raise ArgumentError(
            '{}: cannot write log file {}: {}'.format(name, path, exc.strerror or exc),
            value=log_path if name == 'tc_log_path' else log_file,
        )
    remove_handlers(logger_name)
    logger = logging.getLogger(logger_name)
    handlers = [(file_handler, MaskingFormatter(FILE_FORMAT, masker))]
    if stderr is None:
        stream = sys.stderr if _want_stderr(sys.stderr) else None
    else:
        stream = stderr or None
    if stream is not None:
        handlers.append(
            (logging.StreamHandler(stream), MaskingFormatter(STDERR_FORMAT, masker, tracebacks=False))
        )
    for handler, formatter in handlers:
        setattr(handler, _HANDLER_MARK, True)
        handler.setLevel(numeric_level)
        handler.setFormatter(formatter)
        handler.addFilter(MaskingFilter(masker))
        logger.addHandler(handler)
    logger.setLevel(numeric_level)
    masker.warn_short()
    return path


def flush_handlers(logger_name='tcex'):
    """Flush every handler of the logger (before the process exits)."""
    for handler in logging.getLogger(logger_name).handlers:
        try:
            handler.flush()
        except Exception:  # pylint: disable=broad-except
            pass


def write_masked_traceback(exc_type, exc_value, exc_traceback, secrets, stream=None):
    """Write an uncaught exception's traceback to ``stream`` (stderr) with every secret masked.

    Used instead of Python's default hook, which would print secrets in the
    exception message or in the source lines it quotes.

    Args:
        exc_type: The exception class.
        exc_value: The exception.
        exc_traceback: Its traceback.
        secrets: A live collection of secrets or a :class:`Masker`.
        stream: Where to write (default ``sys.stderr``); errors writing are ignored.
    """
    stream = stream or sys.stderr
    text = mask_text(''.join(to_text(line) for line in
                             traceback.format_exception(exc_type, exc_value, exc_traceback)), secrets)
    write_text(stream, text)
