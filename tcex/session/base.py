# -*- coding: utf-8 -*-
"""The retrying ``requests.Session`` both of the SDK's sessions are built on.

:class:`RetryingSession` puts a timeout and an overall deadline on every request, retries
through :class:`~tcex.session.retry.RetryPolicy` with an injectable ``sleep``, logs each
attempt (method, host, path with sensitive query values masked, status, time; never
headers or bodies) and turns a missing answer into a one-line
:class:`ApiConnectionError` that names the host. :class:`~tcex.session.TcSession` (the
ThreatConnect API) and :class:`~tcex.session.ExternalSession` (third-party APIs) add
authentication, URL joining and response checks on top.
"""
from __future__ import absolute_import, division, print_function, unicode_literals

import logging
import time

import requests
import six
from requests.adapters import HTTPAdapter
from six.moves.urllib.parse import parse_qsl, urlencode, urlsplit

from tcex.errors import ApiConnectionError, ApiError  # noqa: F401 (ApiConnectionError: imported from here)
from tcex.session.deadline import DeadlineExceeded, call_within
from tcex.session.retry import RetryPolicy, request_was_sent

logger = logging.getLogger('tcex.session')

DEFAULT_TIMEOUT = (10, 60)
#: Seconds one request may take in all (attempts, waits between them, reading the answer).
DEFAULT_DEADLINE = 600.0
MASKED_QUERY_KEYS = frozenset(['token', 'expiredtoken', 'password', 'secret', 'secretkey', 'apikey', 'api_key',
                               'key', 'access_token', 'auth', 'signature', 'customerkey', 'client_secret'])


def path_for_log(url, masked_keys=MASKED_QUERY_KEYS):
    """Return the URL's path and query with sensitive query values masked."""
    parts = urlsplit(url)
    if not parts.query:
        return parts.path
    pairs = []
    for key, value in parse_qsl(parts.query, keep_blank_values=True):
        pairs.append((key, '***' if key.lower() in masked_keys else value))
    return '{}?{}'.format(parts.path, urlencode(pairs))


def host_of(url):
    """Return ``host:port`` of a URL (the default port filled in)."""
    parts = urlsplit(url)
    port = parts.port or (443 if parts.scheme == 'https' else 80)
    return '{}:{}'.format(parts.hostname or '?', port)


def _rewindable(kwargs):
    """Return a function that rewinds the request body for a retry, or None when impossible."""
    body = kwargs.get('data')
    if body is None or isinstance(body, (six.binary_type, six.text_type, dict, list, tuple)):
        files = kwargs.get('files')
        if files:
            return None if any(hasattr(f, 'read') for f in _file_objects(files)) else (lambda: None)
        return lambda: None
    if hasattr(body, 'seek') and hasattr(body, 'tell'):
        try:
            position = body.tell()
        except (IOError, OSError, ValueError):
            return None
        return lambda: body.seek(position)
    return None  # a generator or other one-shot iterable


def _file_objects(files):
    items = files.values() if isinstance(files, dict) else [f[1] for f in files]
    for item in items:
        yield item[1] if isinstance(item, tuple) and len(item) > 1 else item


class RetryingSession(requests.Session):
    """A ``requests.Session`` with timeouts, an overall deadline and safe retries.

    Args:
        proxies (dict): ``requests`` proxies mapping.
        verify (bool or str): TLS verification (default True); False logs a warning.
        timeout (float or tuple): Default ``(connect, read)`` timeout of each attempt.
        retries: A :class:`RetryPolicy`, a number of retries, or None/False for none.
        deadline (float): Default seconds a request may take in all, retries and reading a
            slowly trickled answer included (default 600; None for no limit). A request
            may pass its own ``deadline=``.
        clock (callable): Current Unix time (injectable).
        sleep (callable): Waits between retries (injectable).
        trust_env (bool): Read proxies and CA bundles from the environment (default False).
        pool_size (int): Connections kept per host (default 10).
        label (str): First word of log lines and error messages (``'API'``, ``'HTTP'``).
    """

    #: Query keys whose values are masked in log lines and messages.
    masked_query_keys = MASKED_QUERY_KEYS

    def __init__(self, proxies=None, verify=True, timeout=DEFAULT_TIMEOUT, retries=True, deadline=DEFAULT_DEADLINE,
                 clock=time.time, sleep=time.sleep, trust_env=False, pool_size=10, label='API'):
        super(RetryingSession, self).__init__()
        self.trust_env = trust_env
        if proxies:
            self.proxies.update(proxies)
        self.verify = verify
        self.timeout = timeout
        self.deadline = None if deadline is None else float(deadline)
        self.retry_policy = RetryPolicy.coerce(retries)
        self.clock = clock or time.time
        self.sleep = sleep or time.sleep
        self.label = label
        for prefix in ('http://', 'https://'):
            # urllib3 never retries on its own: the loop in request() does, with an injectable sleep
            self.mount(prefix, HTTPAdapter(max_retries=0, pool_connections=pool_size, pool_maxsize=pool_size))

    def url(self, path):
        """Return the absolute URL for ``path`` (subclasses join a base URL)."""
        return six.text_type(path)

    def log_path(self, url):
        """Return ``url``'s path and query for a log line, sensitive values masked."""
        return path_for_log(url, self.masked_query_keys)

    def request(self, method, url, *args, **kwargs):  # pylint: disable=arguments-differ
        """Send a request with the session's timeout, deadline and retries.

        Takes every ``requests.Session.request`` argument plus ``idempotent`` (bool):
        whether the request may be repeated after it reached the server (default: by
        method; a POST is not), and ``deadline`` (float): seconds the whole call may take
        (default :attr:`deadline`; None for no limit). With ``stream=True`` the deadline
        covers the answer's headers; reading the body is then the caller's.

        Returns:
            requests.Response: The final response (any status).

        Raises:
            ApiConnectionError: When no complete response came back after the allowed
                retries or before the deadline.
        """
        method = six.text_type(method).upper()
        url = self.url(url)
        idempotent = kwargs.pop('idempotent', None)
        if idempotent is None:
            idempotent = self.retry_policy.is_idempotent(method)
        deadline = kwargs.pop('deadline', self.deadline)
        deadline = None if deadline is None or float(deadline) == float('inf') else float(deadline)
        if kwargs.get('timeout') is None:
            kwargs['timeout'] = self.timeout
        rewind = _rewindable(kwargs)
        ends = None if deadline is None else self.clock() + deadline
        attempt = 0
        while True:
            attempt += 1
            started = self.clock()
            try:
                left = None if ends is None else ends - started
                if left is not None and left <= 0:
                    raise DeadlineExceeded('no complete answer within {:g} s'.format(deadline))
                response = self._attempt(method, url, args, kwargs, left)
            except requests.exceptions.RequestException as exc:
                wait = None
                if rewind is not None and not isinstance(exc, DeadlineExceeded):
                    wait = self.retry_policy.for_exception(method, exc, attempt, idempotent)
                self._log(method, url, None, started, attempt, exc)
                if wait is None or not self._in_time(ends, wait):
                    raise self._connection_error(method, url, exc, attempt, deadline)
                rewind()
                self._wait(wait, method, url, exc.__class__.__name__)
                continue
            self._log(method, url, response, started, attempt)
            wait = None
            if rewind is not None and not 200 <= response.status_code < 400:
                wait = self.retry_policy.for_response(method, response, attempt, idempotent, self.clock())
            if wait is None or not self._in_time(ends, wait):
                return response
            response.close()
            rewind()
            self._wait(wait, method, url, 'HTTP {}'.format(response.status_code))

    def _attempt(self, method, url, args, kwargs, left):
        parent = super(RetryingSession, self)
        return call_within(lambda: parent.request(method, url, *args, **kwargs), left)

    def _in_time(self, ends, wait):
        if ends is None or self.clock() + wait < ends:
            return True
        logger.info('not retrying: the request deadline would pass during the %.1fs wait', wait)
        return False

    def _wait(self, seconds, method, url, reason):
        logger.info('retrying %s %s after %s in %.1fs', method, self.log_path(url), reason, seconds)
        if seconds > 0:
            self.sleep(seconds)

    def _log(self, method, url, response, started, attempt, exc=None):
        if not logger.isEnabledFor(logging.DEBUG):
            return
        elapsed = max(0.0, self.clock() - started)
        outcome = response.status_code if response is not None else exc.__class__.__name__
        sent = response.request if response is not None else getattr(exc, 'request', None)
        if sent is not None and getattr(sent, 'url', None):
            url = sent.url  # the URL as sent, query included
        logger.debug('%s %s %s%s -> %s in %.3fs (attempt %d)', self.label, method, self._log_host(url),
                     self.log_path(url), outcome, elapsed, attempt)

    def _log_host(self, url):  # pylint: disable=unused-argument
        return ''

    def _connection_error(self, method, url, exc, attempts, deadline):
        sent = request_was_sent(exc)
        host = host_of(url)
        if isinstance(exc, DeadlineExceeded):
            kind = 'timed out: no complete answer from {} within the {:g} s deadline'.format(host, deadline)
        elif isinstance(exc, requests.exceptions.Timeout):
            kind = 'timed out waiting for {}'.format(host)
        elif sent:
            kind = 'connection failed: lost the connection to {}'.format(host)
        else:
            kind = 'connection failed: could not reach {}'.format(host)
        message = '{} {} {} {} after {} attempt{} ({}){}'.format(
            self.label, method, self.log_path(url), kind, attempts, '' if attempts == 1 else 's',
            exc.__class__.__name__, '' if sent else ': the request was not sent')
        return ApiConnectionError(message, url=url, sent=sent, host=host)


__all__ = ['RetryingSession', 'DEFAULT_DEADLINE', 'DEFAULT_TIMEOUT', 'host_of', 'path_for_log']
