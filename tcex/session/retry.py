# -*- coding: utf-8 -*-
"""The retry policy of :class:`tcex.session.TcSession`.

urllib3's own ``Retry`` sleeps with ``time.sleep`` inside the connection pool, so a test
could not run it without really waiting. The session therefore mounts adapters whose
urllib3 retry count is zero (:func:`urllib3_retry`) and runs its own loop, asking a
:class:`RetryPolicy` after each attempt whether and how long to wait, and waiting through
the session's injectable ``sleep``.

What is retried:

* every method, when the connection could not be made (nothing reached the server);
* idempotent methods (GET, PUT, DELETE, HEAD, OPTIONS by default) on a dropped
  connection, a read timeout, and on 429, 500, 502, 503 and 504;
* any method, POST included, on 429 and on 503 that carries ``Retry-After``: the server
  says it did not process the request.

A POST that reached the server and got no answer (dropped connection, read timeout) or a
500 is never retried: for ``POST /v2/batch`` that could create a second job. Callers can
mark a POST as safe to repeat with ``idempotent=True``.

Waits grow exponentially (``backoff_factor * 2 ** (attempt - 1)``), are capped at
``backoff_max`` and jittered; a ``Retry-After`` header (seconds or an HTTP date) is honoured
up to ``retry_after_max``. A ``Retry-After`` that is negative, ``nan`` or unreadable is
ignored, one that is huge is capped, and a wait is never shorter than the backoff, so a
misbehaving server cannot make the session loop without waiting.
"""
from __future__ import absolute_import, division, print_function, unicode_literals

import math
import random
from email.utils import mktime_tz, parsedate_tz

import requests

from tcex.session.compat import Retry

IDEMPOTENT_METHODS = frozenset(['GET', 'PUT', 'DELETE', 'HEAD', 'OPTIONS'])
RETRY_STATUSES = frozenset([429, 500, 502, 503, 504])
REFUSED_STATUSES = frozenset([429, 503])


def urllib3_retry(**kwargs):
    """Build a ``urllib3.util.retry.Retry`` on urllib3 1.10 to 2.x alike.

    urllib3 before 1.26 (and the 1.10 bundled in requests 2.6.0) names the method list
    ``method_whitelist``; 1.26 accepts both and 2.x only ``allowed_methods``. Pass
    ``allowed_methods`` and this picks the spelling that works. Keywords the installed
    urllib3 does not know (``status``, ``raise_on_status`` before 1.15) are dropped.

    Args:
        **kwargs: ``Retry`` keyword arguments.

    Returns:
        urllib3.util.retry.Retry: The retry object.
    """
    methods = kwargs.pop('allowed_methods', None)
    for name in ('status', 'raise_on_status'):
        if name in kwargs:
            try:
                Retry(**{name: kwargs[name]})
            except TypeError:  # an older urllib3 without this keyword
                del kwargs[name]
    if methods is not None:
        try:
            return Retry(allowed_methods=methods, **kwargs)
        except TypeError:  # urllib3 < 1.26
            return Retry(method_whitelist=methods, **kwargs)
    return Retry(**kwargs)


def parse_retry_after(value, now):
    """Parse a ``Retry-After`` header.

    Args:
        value (str): The header: delay seconds or an HTTP date.
        now (float): The current Unix time, for HTTP dates.

    Returns:
        float: Seconds to wait (>= 0, possibly infinite), or None when the header is
        absent, unreadable, negative or not a number (``nan``): the caller then backs
        off as if there were no header.
    """
    if value is None:
        return None
    value = value.strip()
    try:
        seconds = float(value)
    except (ValueError, OverflowError):
        seconds = None
    if seconds is None:
        try:
            parsed = parsedate_tz(value)
            seconds = None if parsed is None else mktime_tz(parsed) - now
        except (TypeError, ValueError, OverflowError):
            return None
        if seconds is None:
            return None
        return max(0.0, seconds)  # a date in the past: retry now (after the usual backoff)
    if math.isnan(seconds) or seconds < 0:
        return None
    return seconds


def request_was_sent(exc):
    """Tell whether a ``requests`` exception may have happened after the request was sent.

    Args:
        exc (Exception): The exception ``requests`` raised.

    Returns:
        bool: False only when the connection was never made (so nothing reached the server).
    """
    if isinstance(exc, requests.exceptions.ConnectTimeout):
        return False
    if isinstance(exc, requests.exceptions.ConnectionError):
        text = repr(exc.args[0]) if exc.args else repr(exc)
        for marker in ('NewConnectionError', 'ConnectTimeoutError', 'Connection refused',
                       'Failed to establish a new connection', 'NameResolutionError'):
            if marker in text:
                return False
    return True


class RetryPolicy(object):
    """Decide whether a request is retried and how long to wait first.

    Args:
        total (int): Retries after the first attempt (default 5; 0 disables retries).
        backoff_factor (float): Seconds of the first wait (default 1.0).
        backoff_max (float): Cap of a single wait (default 30).
        jitter (float): Fraction of each wait that is randomised (0..1, default 0.5):
            the wait is ``delay * (1 - jitter * random())``.
        retry_after_max (float): Cap of a ``Retry-After`` wait (default 120).
        statuses (iterable): Statuses retried for idempotent methods.
        methods (iterable): Methods considered idempotent.
        rng (random.Random): Source of the jitter (injectable for tests).
    """

    def __init__(self, total=5, backoff_factor=1.0, backoff_max=30.0, jitter=0.5, retry_after_max=120.0,
                 statuses=RETRY_STATUSES, methods=IDEMPOTENT_METHODS, rng=None):
        self.total = int(total)
        self.backoff_factor = float(backoff_factor)
        self.backoff_max = float(backoff_max)
        self.jitter = min(1.0, max(0.0, float(jitter)))
        self.retry_after_max = float(retry_after_max)
        self.statuses = frozenset(statuses)
        self.methods = frozenset(m.upper() for m in methods)
        self.rng = rng or random.Random()

    @classmethod
    def coerce(cls, value):
        """Turn the ``retries`` argument of the session into a policy.

        Args:
            value: A :class:`RetryPolicy`, an int (number of retries), or None/False (none).

        Returns:
            RetryPolicy: The policy.
        """
        if isinstance(value, cls):
            return value
        if value is None or value is False:
            return cls(total=0)
        if value is True:
            return cls()
        return cls(total=int(value))

    def is_idempotent(self, method):
        """Tell whether ``method`` may be repeated after it reached the server."""
        return method.upper() in self.methods

    def backoff(self, attempt):
        """Return the jittered wait before retry number ``attempt`` (1-based)."""
        delay = min(self.backoff_max, self.backoff_factor * (2 ** max(0, attempt - 1)))
        return delay * (1.0 - self.jitter * self.rng.random())

    def for_response(self, method, response, attempt, idempotent, now):
        """Decide about a response.

        Args:
            method (str): The HTTP method.
            response (requests.Response): The response.
            attempt (int): The retry that would follow (1 for the first retry).
            idempotent (bool): Whether the request may be repeated after it reached the server.
            now (float): Current Unix time (for ``Retry-After`` dates).

        Returns:
            float: Seconds to wait before retrying, or None to stop.
        """
        if attempt > self.total:
            return None
        status = response.status_code
        retry_after = parse_retry_after(response.headers.get('Retry-After'), now)
        refused = status == 429 or (status == 503 and retry_after is not None)
        if not refused and not (idempotent and status in self.statuses):
            return None
        backoff = self.backoff(attempt)
        if retry_after is not None and status in REFUSED_STATUSES:
            return min(max(retry_after, backoff), max(self.retry_after_max, backoff))
        return backoff

    def for_exception(self, method, exc, attempt, idempotent):
        """Decide about an exception raised by ``requests``.

        Args:
            method (str): The HTTP method.
            exc (Exception): The exception.
            attempt (int): The retry that would follow (1 for the first retry).
            idempotent (bool): Whether the request may be repeated after it reached the server.

        Returns:
            float: Seconds to wait before retrying, or None to stop.
        """
        if attempt > self.total:
            return None
        if not isinstance(exc, (requests.exceptions.ConnectionError, requests.exceptions.Timeout,
                                requests.exceptions.ChunkedEncodingError)):
            return None
        if request_was_sent(exc) and not idempotent:
            return None
        return self.backoff(attempt)

    def __repr__(self):
        return '<RetryPolicy total={} backoff_factor={} backoff_max={}>'.format(
            self.total, self.backoff_factor, self.backoff_max)
