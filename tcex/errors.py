# -*- coding: utf-8 -*-
"""The exception hierarchy.

Every error the SDK raises for a user's mistake or a remote failure is a
:class:`TcExError`. Each carries the exit code an App should end with and, where
there is one, the offending value, so an App (or :class:`tcex.JobApp`) can end
with a one-line message instead of a traceback.
"""
from __future__ import absolute_import, division, print_function, unicode_literals

import six


@six.python_2_unicode_compatible
class TcExError(Exception):
    """Root of every tcex error.

    Args:
        message: One line saying what is wrong.
        value: The offending value, if any.
        exit_code: The exit code an App should end with (default: the class's).

    Attributes:
        message (str): The message.
        value: The offending value (or None).
        exit_code (int): The exit code.
    """

    exit_code = 1

    def __init__(self, message, value=None, exit_code=None):
        message = six.text_type(message)
        if '\n' in message or '\r' in message:  # keep it one line when it quotes a raw value
            message = message.replace('\r', '\\r').replace('\n', '\\n')
        super(TcExError, self).__init__(message)
        self.message = message
        self.value = value
        if exit_code is not None:
            self.exit_code = int(exit_code)

    def __str__(self):
        return self.message


class ConfigError(TcExError):
    """A configuration file (install.conf, tc.conf) is malformed or inconsistent.

    Attributes:
        path (str): The file, if known.
        line (int): The 1-based line number, if known.
    """

    def __init__(self, message, value=None, path=None, line=None, exit_code=None):
        if path and line:
            message = '{}:{}: {}'.format(path, line, message)
        elif path:
            message = '{}: {}'.format(path, message)
        super(ConfigError, self).__init__(message, value=value, exit_code=exit_code)
        self.path = path
        self.line = line


class ArgumentError(TcExError):
    """A command line argument is missing or has a bad value."""


class ValidationError(TcExError):
    """A Group, Indicator or metadata value fails validation at build time.

    Attributes:
        type_name (str): The Group or Indicator type (e.g. ``Address``).
        field (str): The field (e.g. ``rating``).
    """

    def __init__(self, message, value=None, type_name=None, field=None, exit_code=None):
        super(ValidationError, self).__init__(message, value=value, exit_code=exit_code)
        self.type_name = type_name
        self.field = field


class BatchError(TcExError):
    """A batch cannot be built, chunked or submitted as asked."""


class ApiError(TcExError):
    """The ThreatConnect API refused a request or could not be reached.

    Attributes:
        status_code (int): The HTTP status, or None when no response came back.
        url (str): The URL requested (never including credentials).
    """

    def __init__(self, message, value=None, status_code=None, url=None, exit_code=None):
        super(ApiError, self).__init__(message, value=value, exit_code=exit_code)
        self.status_code = status_code
        self.url = url


class ApiConnectionError(ApiError):
    """No response came back from the API (connection refused or dropped, timeout).

    Attributes:
        sent (bool): False when the request certainly never reached the server; True when
            it may have been processed (the outcome is unknown).
        host (str): ``host:port`` the request went to.
    """

    def __init__(self, message, value=None, url=None, sent=True, exit_code=None, host=None):
        super(ApiConnectionError, self).__init__(message, value=value, status_code=None, url=url,
                                                 exit_code=exit_code)
        self.sent = sent
        self.host = host


class AuthError(ApiError):
    """The API rejected the credentials (HTTP 401) or none were given."""


class PackageError(TcExError):
    """An App folder cannot be packaged."""
