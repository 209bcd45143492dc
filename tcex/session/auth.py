# -*- coding: utf-8 -*-
"""Authentication for the ThreatConnect API as ``requests`` auth classes.

Two schemes exist (see the API reference, section 1):

* :class:`HmacAuth` signs every request with the API user's Access ID and Secret Key.
  The signature covers the full URL path (including the ``/api`` prefix), the query
  string as sent, the HTTP method and a Unix timestamp taken from an injectable
  clock *for each request*, so a retried request is signed afresh.
* :class:`TokenAuth` sends the token the platform hands to an App
  (``--tc_token``/``--tc_token_expires``). When the token has expired, or the API
  answers 401, an optional ``refresh`` callable may supply a new one; without it an
  expired token raises :class:`~tcex.errors.AuthError`.

Neither class ever puts the secret or the token into its ``repr`` or into a log line.
"""
from __future__ import absolute_import, division, print_function, unicode_literals

import base64
import hashlib
import hmac
import logging
import threading
import time

import six
from requests.auth import AuthBase
from six.moves.urllib.parse import urlsplit

from tcex.errors import AuthError

logger = logging.getLogger('tcex.session')


def _to_bytes(value):
    if isinstance(value, six.binary_type):
        return value
    return six.text_type(value).encode('utf-8')


def hmac_signature(secret_key, path_and_query, method, timestamp):
    """Compute the ThreatConnect HMAC signature.

    Args:
        secret_key (str): The API user's Secret Key.
        path_and_query (str): The URL path including ``/api`` and, when there is one,
            ``?`` and the query string exactly as sent.
        method (str): The HTTP method (upper case).
        timestamp (int): Unix epoch seconds, the value of the ``Timestamp`` header.

    Returns:
        str: The base64 encoded HMAC-SHA256 digest.
    """
    message = '{}:{}:{}'.format(path_and_query, method.upper(), int(timestamp))
    digest = hmac.new(_to_bytes(secret_key), _to_bytes(message), digestmod=hashlib.sha256).digest()
    return base64.b64encode(digest).decode('ascii')


def signed_path(url):
    """Return the part of ``url`` that the HMAC signature covers.

    Args:
        url (str): An absolute URL as it will be sent.

    Returns:
        str: ``<path>?<query>`` or just ``<path>`` when there is no query.
    """
    parts = urlsplit(url)
    path = parts.path or '/'
    if parts.query:
        return '{}?{}'.format(path, parts.query)
    return path


class HmacAuth(AuthBase):
    """HMAC (Access ID + Secret Key) authentication.

    Args:
        access_id (str): The API user's Access ID.
        secret_key (str): The API user's Secret Key.
        clock (callable): Returns the current Unix time in seconds (default ``time.time``).

    Raises:
        AuthError: When the Access ID or Secret Key is empty.
    """

    def __init__(self, access_id, secret_key, clock=time.time):
        if not access_id or not secret_key:
            raise AuthError('HMAC authentication needs both an Access ID and a Secret Key')
        self.access_id = six.text_type(access_id)
        self._secret_key = six.text_type(secret_key)
        self.clock = clock

    def __call__(self, request):
        timestamp = int(self.clock())
        signature = hmac_signature(self._secret_key, signed_path(request.url), request.method, timestamp)
        # native str names and values: Python 2's httplib joins headers and body, so a
        # unicode header would turn a binary body into a UnicodeDecodeError
        request.headers[str('Timestamp')] = str(timestamp)
        request.headers[str('Authorization')] = str('TC {}:{}'.format(self.access_id, signature))
        return request

    def __repr__(self):
        return '<HmacAuth access_id={!r} secret_key=***>'.format(self.access_id)


class TokenAuth(AuthBase):
    """Token authentication (``Authorization: TC-Token <token>``).

    Args:
        token (str): The API token.
        expires (int): Unix time in seconds when the token expires, or None when unknown.
        clock (callable): Returns the current Unix time in seconds (default ``time.time``).
        refresh (callable): Optional. Called with the expired token; returns a new
            ``(token, expires)`` pair. Used when the token has expired before a request
            is sent and once when the API answers 401 to a request.
        margin (float): Seconds before ``expires`` at which the token counts as expired
            (default 0).

    Raises:
        AuthError: When the token is empty.
    """

    def __init__(self, token, expires=None, clock=time.time, refresh=None, margin=0):
        if not token:
            raise AuthError('token authentication needs a token (--tc_token)')
        self._token = six.text_type(token)
        self.expires = None if expires in (None, '') else float(expires)
        self.clock = clock
        self.refresh = refresh
        self.margin = margin
        self._lock = threading.Lock()

    @property
    def token(self):
        """str: The current token."""
        return self._token

    def expired(self):
        """Tell whether the token has expired by the clock.

        Returns:
            bool: True when an expiry is known and has passed.
        """
        return self.expires is not None and self.clock() >= self.expires - self.margin

    def _refresh(self, reason):
        """Replace the token through the refresh callable.

        Args:
            reason (str): Why the token is being replaced (for the error message).

        Raises:
            AuthError: When no refresh callable exists or it fails.
        """
        with self._lock:
            if self.refresh is None:
                raise AuthError('API token {} and no token refresh is available'.format(reason))
            old = self._token
            try:
                result = self.refresh(old)
            except AuthError:
                raise
            except Exception as exc:  # the callable is user code: report it in one line
                raise AuthError('API token {} and refreshing it failed: {}'.format(reason, exc))
            if isinstance(result, (tuple, list)):
                token, expires = result[0], (result[1] if len(result) > 1 else None)
            else:
                token, expires = result, None
            if not token:
                raise AuthError('API token {} and the refresh returned no token'.format(reason))
            self._token = six.text_type(token)
            self.expires = None if expires in (None, '') else float(expires)
            logger.info('API token refreshed (%s)', reason)

    def _expiry_text(self):
        return time.strftime('%Y-%m-%dT%H:%M:%SZ', time.gmtime(self.expires))

    def __call__(self, request):
        if self.expired():
            self._refresh('expired at {}'.format(self._expiry_text()))
        request.headers[str('Authorization')] = str('TC-Token {}'.format(self._token))
        if self.refresh is not None:
            request.register_hook('response', self._handle_401)
        return request

    def _handle_401(self, response, **kwargs):
        """Response hook: on 401, refresh the token once and resend the request."""
        if response.status_code != 401 or getattr(response.request, '_tc_token_retried', False):
            return response
        sent_token = response.request.headers.get('Authorization', '')
        with self._lock:
            already_new = sent_token != 'TC-Token {}'.format(self._token)
        if not already_new:
            self._refresh('rejected by the API (401)')
        # the body has been read by the hook chain; release the connection before resending
        response.content  # noqa: B018  (consume so the connection can be reused)
        response.close()
        prepared = response.request.copy()
        prepared.headers[str('Authorization')] = str('TC-Token {}'.format(self._token))
        prepared._tc_token_retried = True  # pylint: disable=protected-access
        new_response = response.connection.send(prepared, **kwargs)
        new_response.history.append(response)
        new_response.request = prepared
        return new_response

    def __repr__(self):
        return '<TokenAuth token=*** expires={!r}>'.format(self.expires)
