# -*- coding: utf-8 -*-
"""Exit codes and the platform's ``message.tc`` file.

ThreatConnect reads an App's exit status: ``0`` is success, ``3`` a partial
failure, anything else (typically ``1``) a failure. The short message the
platform shows next to the Job execution is read from ``<tc_out_path>/message.tc``.
"""
from __future__ import absolute_import, division, print_function, unicode_literals

import logging
import os

import six

from tcex.app.logger import to_text as _to_text  # bytes decoded as UTF-8, bad bytes replaced
from tcex.app.results import ensure_folder, open_private
from tcex.errors import TcExError
from tcex.utils.named_int import NamedInt

#: The most characters of ``message.tc`` the platform shows.
MESSAGE_TC_MAX_LENGTH = 255
MESSAGE_TC_FILENAME = 'message.tc'

_LOG = logging.getLogger('tcex.app.exit')


class ExitCode(NamedInt):
    """The exit codes ThreatConnect understands (an ``int`` with a ``name``, like an ``IntEnum``).

    Attributes:
        SUCCESS: The run completed (0).
        FAILURE: The run failed (1).
        PARTIAL_FAILURE: Part of the work failed, e.g. X of Y updates (3).
    """

    __slots__ = ()
    NAMES = {0: 'SUCCESS', 1: 'FAILURE', 3: 'PARTIAL_FAILURE'}


ExitCode.define()


def to_exit_code(value, default=ExitCode.SUCCESS, logger=None):
    """Normalise an exit code given as :class:`ExitCode`, int or None.

    Args:
        value: An :class:`ExitCode`, an int (0, 1 or 3), a numeric string, or None.
        default: What None means.
        logger: Where to warn about an unknown code (default ``tcex.app.exit``).

    Returns:
        ExitCode: The code; an int other than 0, 1 or 3 (or an unreadable value)
        becomes :attr:`ExitCode.FAILURE` with a warning, because the platform
        treats every value except 0 and 3 as a failure.
    """
    if value is None:
        return ExitCode(default)
    if isinstance(value, ExitCode):
        return value
    logger = logger or _LOG
    try:
        if isinstance(value, bool):
            raise ValueError('a bool is not an exit code')
        if isinstance(value, float) and value != int(value):
            raise ValueError('a fraction is not an exit code')  # int(0.5) would be a success
        number = int(value)
        return ExitCode(number)
    except (TypeError, ValueError, OverflowError):  # OverflowError: int(float('inf'))
        logger.warning('exit code %r is not 0, 1 or 3; exiting with 1 (failure)', value)
        return ExitCode.FAILURE


def log_level_for(code):
    """Return the logging level an exit message of this code is logged at.

    Args:
        code (ExitCode): The exit code.

    Returns:
        int: ``INFO`` for success, ``WARNING`` for partial failure, ``ERROR`` otherwise.
    """
    if code == ExitCode.SUCCESS:
        return logging.INFO
    if code == ExitCode.PARTIAL_FAILURE:
        return logging.WARNING
    return logging.ERROR


def write_message_tc(out_path, message):
    """Write the message the platform shows for this run to ``<out_path>/message.tc``.

    The message is reduced to one line and truncated to
    :data:`MESSAGE_TC_MAX_LENGTH` characters. The folder is created if missing.

    Args:
        out_path (str): The ``tc_out_path`` folder.
        message: The message (converted to text).

    Returns:
        str: The path written.

    Raises:
        TcExError: The folder cannot be created or the file written.
    """
    text = message if isinstance(message, six.text_type) else _to_text(message)
    text = ' '.join(text.splitlines()).strip()[:MESSAGE_TC_MAX_LENGTH]
    path = os.path.join(out_path, MESSAGE_TC_FILENAME)
    try:
        ensure_folder(out_path)
        with open_private(path) as handle:
            handle.write(text)
    except (IOError, OSError) as exc:
        raise TcExError(
            'cannot write {}: {}'.format(path, exc.strerror or exc), value=out_path
        )
    return path
