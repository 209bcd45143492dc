# -*- coding: utf-8 -*-
"""The HTTP session an App uses to talk to the ThreatConnect API.

:class:`TcSession` is a ``requests.Session`` that

* joins relative URLs (``'/v2/batch'``) to the API root given as ``tc_api_path``;
* puts a timeout on every request;
* authenticates every request (:mod:`tcex.session.auth`);
* retries through its own loop with an injectable ``sleep`` (:mod:`tcex.session.retry`),
  never repeating a POST that reached the server unless told it is idempotent;
* verifies TLS unless told not to (and then says so in the log);
* logs each request's method, path, status and elapsed time at debug level, never
  headers, bodies or credentials.

:func:`api_error` turns a failed response into a one-line :class:`~tcex.errors.ApiError`
(or :class:`~tcex.errors.AuthError` for 401).
"""
from __future__ import absolute_import, division, print_function, unicode_literals

import logging
import time

import requests
import six
from requests.adapters import HTTPAdapter
from six.moves.urllib.parse import parse_qsl, quote, urlencode, urlsplit

from tcex.errors import ApiError, ArgumentError, AuthError
from tcex.session.auth import HmacAuth, TokenAuth
from tcex.session.retry import RetryPolicy, request_was_sent, urllib3_retry

logger = logging.getLogger('tcex.session')

DEFAULT_TIMEOUT = (10, 60)
_MASKED_QUERY_KEYS = frozenset(['token', 'expiredtoken', 'password', 'secret', 'secretkey', 'apikey'])


class ApiConnectionError(ApiError):
    """No response came back from the API (connection refused or dropped, timeout).

    Attributes:
        sent (bool): False when the request certainly never reached the server; True when
            it may have been processed (the outcome is unknown).
    """

    def __init__(self, message, value=None, url=None, sent=True, exit_code=None):
        super(ApiConnectionError, self).__init__(message, value=value, status_code=None, url=url,
                                                 exit_code=exit_code)
        self.sent = sent


def _path_for_log(url):
    """Return the URL's path and query with sensitive query values masked."""
    parts = urlsplit(url)
    if not parts.query:
        return parts.path
    pairs = []
    for key, value in parse_qsl(parts.query, keep_blank_values=True):
        pairs.append((key, '***' if key.lower() in _MASKED_QUERY_KEYS else value))
    return '{}?{}'.format(parts.path, urlencode(pairs))


def _response_message(response):
    """Extract the API's explanation from a response body, on one line."""
    text = ''
    try:
        body = response.json()
    except ValueError:
        body = None
    if isinstance(body, dict):
        for key in ('message', 'description', 'errorMessage', 'status'):
            if body.get(key):
                text = six.text_type(body[key])
                break
    if not text:
        try:
            text = response.text or ''
        except Exception:  # pragma: no cover - undecodable body
            text = ''
    text = ' '.join(text.split())
    if len(text) > 300:
        text = text[:297] + '...'
    return text or (response.reason or 'no message')


def api_error(response, action=None):
    """Build the error for a failed API response.

    Args:
        response (requests.Response): The failed response.
        action (str): Optional words saying what was being done (e.g. ``'create batch job'``).

    Returns:
        ApiError: :class:`~tcex.errors.AuthError` for 401, :class:`~tcex.errors.ApiError`
        otherwise, with the message ``'API <status> <METHOD> <path>: <API message>'``.
    """
    request = response.request
    method = request.method if request is not None else '?'
    url = request.url if request is not None else response.url
    message = 'API {} {} {}: {}'.format(response.status_code, method, _path_for_log(url),
                                        _response_message(response))
    if action:
        message = '{} failed: {}'.format(action, message)
    cls = AuthError if response.status_code == 401 else ApiError
    return cls(message, value=response.status_code, status_code=response.status_code, url=url)


def raise_for_api(response, action=None):
    """Raise :func:`api_error` for a response that is not 2xx.

    Args:
        response (requests.Response): The response.
        action (str): Optional words saying what was being done.

    Returns:
        requests.Response: The response, when it succeeded.

    Raises:
        ApiError: For 4xx/5xx (AuthError for 401).
    """
    if not 200 <= response.status_code < 300:
        raise api_error(response, action)
    return response


def proxy_url(host, port, username=None, password=None):
    """Build a proxy URL from the proxy arguments.

    Args:
        host (str): Proxy host.
        port (int): Proxy port.
        username (str): Optional user.
        password (str): Optional password.

    Returns:
        str: ``http://[user[:password]@]host:port``.
    """
    credentials = ''
    if username:
        credentials = quote(six.text_type(username), safe='')
        if password:
            credentials += ':' + quote(six.text_type(password), safe='')
        credentials += '@'
    return 'http://{}{}:{}'.format(credentials, host, int(port))


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


class TcSession(requests.Session):
    """A ``requests.Session`` for the ThreatConnect API.

    Args:
        base_url (str): The API root (``tc_api_path``), e.g. ``https://tc.example.com/api``.
        auth (requests.auth.AuthBase): :class:`HmacAuth` or :class:`TokenAuth` (or None).
        proxies (dict): ``requests`` proxies mapping, e.g. from :func:`proxy_url`.
        verify (bool or str): TLS verification (default True); False logs a warning.
        timeout (float or tuple): Default ``(connect, read)`` timeout in seconds for every
            request that does not give its own (default ``(10, 60)``).
        retries: A :class:`RetryPolicy`, a number of retries, or None/False for none
            (default: ``RetryPolicy()``, 5 retries).
        clock (callable): Current Unix time (default ``time.time``); used for ``Retry-After``
            dates and elapsed times.
        sleep (callable): Waits between retries (default ``time.sleep``).
        trust_env (bool): Read proxies and CA bundles from the environment (default False:
            the platform passes proxies as arguments).
        pool_size (int): Connections kept per host (default 10).
    """

    def __init__(self, base_url, auth=None, proxies=None, verify=True, timeout=DEFAULT_TIMEOUT,
                 retries=True, clock=time.time, sleep=time.sleep, trust_env=False, pool_size=10):
        super(TcSession, self).__init__()
        if not base_url:
            raise ArgumentError('the API base URL (--tc_api_path) is missing')
        self.base_url = six.text_type(base_url).rstrip('/')
        self.auth = auth
        self.trust_env = trust_env
        if proxies:
            self.proxies.update(proxies)
        self.verify = verify
        if verify is False:
            logger.warning('TLS certificate verification is OFF for %s (--tc_verify false)', self.base_url)
        self.timeout = timeout
        self.retry_policy = RetryPolicy.coerce(retries)
        self.clock = clock or time.time
        self.sleep = sleep or time.sleep
        adapter_retry = urllib3_retry(total=0, connect=0, read=False, redirect=0, status=0,
                                      raise_on_status=False, allowed_methods=None)
        for prefix in ('http://', 'https://'):
            self.mount(prefix, HTTPAdapter(max_retries=adapter_retry, pool_connections=pool_size,
                                           pool_maxsize=pool_size))

    @classmethod
    def from_args(cls, args, **kwargs):
        """Build a session from the App's parsed arguments.

        Token authentication is used when ``tc_token`` is set, else HMAC with
        ``api_access_id``/``api_secret_key``. The proxy arguments are used when
        ``tc_proxy_tc`` is true.

        Args:
            args (argparse.Namespace): The App's arguments.
            **kwargs: Extra :class:`TcSession` arguments (``clock``, ``sleep``, ``retries``, ...).

        Returns:
            TcSession: The session.

        Raises:
            ArgumentError: When ``tc_api_path`` is missing.
            AuthError: When neither a token nor an Access ID and Secret Key are given.
        """
        clock = kwargs.get('clock') or time.time
        kwargs['clock'] = clock
        base_url = getattr(args, 'tc_api_path', None)
        if not base_url:
            raise ArgumentError('the API base URL (--tc_api_path) is missing')
        token = getattr(args, 'tc_token', None)
        access_id = getattr(args, 'api_access_id', None)
        secret_key = getattr(args, 'api_secret_key', None)
        if token:
            auth = TokenAuth(token, getattr(args, 'tc_token_expires', None), clock=clock,
                             refresh=kwargs.pop('token_refresh', None))
        elif access_id and secret_key:
            auth = HmacAuth(access_id, secret_key, clock=clock)
        else:
            raise AuthError('no API credentials: pass --tc_token, or --api_access_id and --api_secret_key')
        kwargs.pop('token_refresh', None)
        proxies = None
        host = getattr(args, 'tc_proxy_host', None)
        if getattr(args, 'tc_proxy_tc', False) and host:
            port = getattr(args, 'tc_proxy_port', None)
            if not port:
                raise ArgumentError('--tc_proxy_tc needs --tc_proxy_port', value=host)
            url = proxy_url(host, port, getattr(args, 'tc_proxy_username', None),
                            getattr(args, 'tc_proxy_password', None))
            proxies = {'http': url, 'https': url}
        verify = getattr(args, 'tc_verify', True)
        if verify is None:
            verify = True
        kwargs.setdefault('verify', verify)
        return cls(base_url, auth=auth, proxies=proxies, **kwargs)

    def url(self, path):
        """Join ``path`` to the API root unless it is already absolute.

        Args:
            path (str): ``'/v2/batch'``, ``'v2/batch'`` or a full URL.

        Returns:
            str: The absolute URL.
        """
        path = six.text_type(path)
        if path.startswith('http://') or path.startswith('https://'):
            return path
        return '{}/{}'.format(self.base_url, path.lstrip('/'))

    def request(self, method, url, *args, **kwargs):  # pylint: disable=arguments-differ
        """Send a request with the session's base URL, timeout, auth and retries.

        Takes every ``requests.Session.request`` argument plus ``idempotent`` (bool):
        whether the request may be repeated after it reached the server (default: by
        method; a POST is not).

        Returns:
            requests.Response: The final response (any status; see :func:`raise_for_api`).

        Raises:
            ApiConnectionError: When no response came back after the allowed retries.
            AuthError: When the token expired and cannot be refreshed.
        """
        method = six.text_type(method).upper()
        url = self.url(url)
        idempotent = kwargs.pop('idempotent', None)
        if idempotent is None:
            idempotent = self.retry_policy.is_idempotent(method)
        if kwargs.get('timeout') is None:
            kwargs['timeout'] = self.timeout
        rewind = _rewindable(kwargs)
        attempt = 0
        while True:
            attempt += 1
            started = self.clock()
            try:
                response = super(TcSession, self).request(method, url, *args, **kwargs)
            except requests.exceptions.RequestException as exc:
                wait = None
                if rewind is not None:
                    wait = self.retry_policy.for_exception(method, exc, attempt, idempotent)
                self._log(method, url, None, started, attempt, exc)
                if wait is None:
                    raise self._connection_error(method, url, exc, attempt)
                rewind()
                self._wait(wait, method, url, exc.__class__.__name__)
                continue
            self._log(method, url, response, started, attempt)
            wait = None
            if rewind is not None and not 200 <= response.status_code < 400:
                wait = self.retry_policy.for_response(method, response, attempt, idempotent, self.clock())
            if wait is None:
                return response
            response.close()
            rewind()
            self._wait(wait, method, url, 'HTTP {}'.format(response.status_code))

    def _wait(self, seconds, method, url, reason):
        logger.info('retrying %s %s after %s in %.1fs', method, _path_for_log(url), reason, seconds)
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
        logger.debug('%s %s -> %s in %.3fs (attempt %d)', method, _path_for_log(url), outcome, elapsed, attempt)

    @staticmethod
    def _connection_error(method, url, exc, attempts):
        sent = request_was_sent(exc)
        kind = 'timed out' if isinstance(exc, requests.exceptions.Timeout) else 'connection failed'
        message = 'API {} {} {} after {} attempt{} ({}){}'.format(
            method, _path_for_log(url), kind, attempts, '' if attempts == 1 else 's', exc.__class__.__name__,
            '' if sent else ': the request was not sent')
        return ApiConnectionError(message, url=url, sent=sent)

    def get_json(self, path, action=None, **kwargs):
        """GET ``path`` and return its JSON body.

        Args:
            path (str): Relative or absolute URL.
            action (str): Optional words for the error message.
            **kwargs: ``requests`` arguments (``params``, ...).

        Returns:
            The decoded JSON.

        Raises:
            ApiError: When the response is not 2xx or not JSON.
        """
        response = raise_for_api(self.get(path, **kwargs), action)
        try:
            return response.json()
        except ValueError:
            raise ApiError('API {} GET {}: response is not JSON'.format(
                response.status_code, _path_for_log(response.request.url)),
                status_code=response.status_code, url=response.request.url)


def fetch_indicator_types(session):
    """Fetch the owner's indicator types (standard and custom) from the API.

    ``GET /v2/types/indicatorTypes``. Pass ``lambda: fetch_indicator_types(session)`` as
    ``Batch(indicator_types=...)``; the batch calls it at most once.

    Args:
        session (TcSession): The session (or a zero-argument callable returning one).

    Returns:
        list: The ``indicatorType`` dicts as the API returns them.
    """
    if callable(session) and not isinstance(session, requests.Session):
        session = session()
    body = session.get_json('/v2/types/indicatorTypes', action='fetch indicator types')
    data = body.get('data', {}) if isinstance(body, dict) else {}
    types = data.get('indicatorType', [])
    if isinstance(types, dict):
        types = [types]
    logger.debug('fetched %d indicator types', len(types))
    return list(types)


__all__ = ['ApiConnectionError', 'TcSession', 'api_error', 'raise_for_api', 'proxy_url', 'fetch_indicator_types']
