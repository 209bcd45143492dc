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
from six.moves.urllib.parse import quote, urlsplit

from tcex.errors import ApiError, ArgumentError, AuthError
from tcex.session.auth import HmacAuth, TokenAuth
from tcex.session.base import DEFAULT_DEADLINE, DEFAULT_TIMEOUT, ApiConnectionError, RetryingSession, path_for_log

logger = logging.getLogger('tcex.session')

_HTML_MARKERS = (b'<!doctype', b'<html', b'<head', b'<body')


def _is_content(url):
    """Tell whether ``url`` downloads stored content (a Document may well be a web page)."""
    return urlsplit(url).path.rstrip('/').endswith('/download')


def _is_html(response):
    """Tell whether a response is a web page (a proxy's or login page), not API JSON."""
    kind = (response.headers.get('Content-Type') or '').lower()
    if 'html' in kind:
        return True
    if 'json' in kind or 'octet-stream' in kind or 'gzip' in kind:
        return False
    return response.content[:512].lstrip()[:9].lower().startswith(_HTML_MARKERS)


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
    message = 'API {} {} {}: {}'.format(response.status_code, method, path_for_log(url),
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


def is_on(value):
    """Tell whether a flag argument is on (True, or text such as ``'true'``/``'1'``)."""
    if isinstance(value, six.string_types):
        return value.strip().lower() in ('true', '1', 'yes', 'on')
    return value is True or (isinstance(value, int) and value == 1)


def proxies_from_args(args, flag):
    """Return the ``requests`` proxies mapping when the flag argument ``flag`` is on.

    Args:
        args (argparse.Namespace): The App's arguments (``tc_proxy_host``, ``tc_proxy_port``,
            ``tc_proxy_username``, ``tc_proxy_password``).
        flag (str): ``'tc_proxy_tc'`` (ThreatConnect API) or ``'tc_proxy_external'``.

    Returns:
        dict: ``{'http': url, 'https': url}``, or None when the flag is off or no host is set.

    Raises:
        ArgumentError: When the proxy host has no port.
    """
    host = getattr(args, 'tc_proxy_host', None)
    if not (is_on(getattr(args, flag, False)) and host):
        return None
    port = getattr(args, 'tc_proxy_port', None)
    if not port:
        raise ArgumentError('--{} needs --tc_proxy_port'.format(flag), value=host)
    url = proxy_url(host, port, getattr(args, 'tc_proxy_username', None), getattr(args, 'tc_proxy_password', None))
    return {'http': url, 'https': url}


class TcSession(RetryingSession):
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
        deadline (float): Seconds one request may take in all, retries and a slowly
            trickled answer included (default 600; a request may pass ``deadline=``).
        clock (callable): Current Unix time (default ``time.time``); used for ``Retry-After``
            dates and elapsed times.
        sleep (callable): Waits between retries (default ``time.sleep``).
        trust_env (bool): Read proxies and CA bundles from the environment (default False:
            the platform passes proxies as arguments).
        pool_size (int): Connections kept per host (default 10).

    A 2xx answer that is a web page rather than the API's JSON (a proxy's error or login
    page) raises :class:`~tcex.errors.ApiError`: it never counts as success.
    """

    def __init__(self, base_url, auth=None, proxies=None, verify=True, timeout=DEFAULT_TIMEOUT,
                 retries=True, clock=time.time, sleep=time.sleep, trust_env=False, pool_size=10,
                 deadline=DEFAULT_DEADLINE):
        if not base_url:
            raise ArgumentError('the API base URL (--tc_api_path) is missing')
        super(TcSession, self).__init__(proxies=proxies, verify=verify, timeout=timeout, retries=retries,
                                        deadline=deadline, clock=clock, sleep=sleep, trust_env=trust_env,
                                        pool_size=pool_size, label='API')
        self.base_url = six.text_type(base_url).rstrip('/')
        self.auth = auth
        if verify is False:
            logger.warning('TLS certificate verification is OFF for %s (--tc_verify false)', self.base_url)

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
        proxies = proxies_from_args(args, 'tc_proxy_tc')
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
        """Send a request with the session's base URL, timeout, deadline, auth and retries.

        Takes every ``requests.Session.request`` argument plus ``idempotent`` (bool):
        whether the request may be repeated after it reached the server (default: by
        method; a POST is not) and ``deadline`` (seconds the whole call may take).

        Returns:
            requests.Response: The final response (any status; see :func:`raise_for_api`).

        Raises:
            ApiConnectionError: When no complete response came back after the allowed
                retries or within the deadline.
            ApiError: When a 2xx answer is a web page, not the API's JSON.
            AuthError: When the token expired and cannot be refreshed.
        """
        response = super(TcSession, self).request(method, url, *args, **kwargs)
        request = response.request
        sent_url = request.url if request is not None else response.url
        if 200 <= response.status_code < 300 and not kwargs.get('stream') and not _is_content(sent_url) \
                and _is_html(response):
            raise ApiError('API {} {} {} answered with a web page, not the API\'s JSON (a proxy or login page?)'.format(
                response.status_code, six.text_type(method).upper(), path_for_log(sent_url)),
                value=response.status_code, status_code=response.status_code, url=sent_url)
        return response

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
                response.status_code, path_for_log(response.request.url)),
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


__all__ = ['TcSession', 'is_on', 'proxies_from_args', 'api_error', 'raise_for_api', 'proxy_url', 'fetch_indicator_types']
