# -*- coding: utf-8 -*-
"""tcex 0.8's request builder, ``tcex.request()``, over :class:`~tcex.session.ExternalSession`.

Apps written for tcex 0.8 build a request field by field and call ``send()``::

    r = tcex.request()
    r.url = 'https://feed.example.com/v1/items'
    r.add_payload('since', '2019-01-01')
    r.add_header('Accept', 'application/json')
    response = r.send()            # a requests.Response

The request goes through the external session: the SDK's retries, timeout, deadline,
proxy (``tc_proxy_external``) and masking. New code can call
``tcex.session_external.get(...)`` directly.
"""
from __future__ import absolute_import, division, print_function, unicode_literals

import base64
import json
import logging

import six

from tcex.errors import ArgumentError
from tcex.session.base import ApiConnectionError

logger = logging.getLogger('tcex.session')

METHODS = ('DELETE', 'GET', 'HEAD', 'OPTIONS', 'PATCH', 'POST', 'PUT')


class RequestError(ApiConnectionError, RuntimeError):
    """``send()`` got no answer; a ``RuntimeError`` too, as tcex 0.8 raised."""


class ExternalRequest(object):
    """One HTTP request built the tcex 0.8 way (``TcExRequest``).

    Args:
        session (requests.Session): The session sending it (normally ``tcex.session_external``).
    """

    def __init__(self, session):
        self.session = session
        self._body = None
        self._headers = {}
        self._http_method = 'GET'
        self._payload = {}
        self._url = None
        self._files = None
        self._timeout = None
        self.basic_auth = None

    # body
    @property
    def body(self):
        """The POST/PUT body."""
        return self._body

    @body.setter
    def body(self, data):
        if data is not None:
            self._body = data
            self.add_header('Content-Length', len(data))

    @property
    def json(self):
        """The body; setting it JSON-encodes the value and sets ``Content-Type``."""
        return self._body

    @json.setter
    def json(self, data):
        if data is not None:
            self._body = json.dumps(data)
            self.add_header('Content-Type', 'application/json')

    # headers
    @property
    def headers(self):
        """dict: The request's headers."""
        return self._headers

    def reset_headers(self):
        """Forget every header set so far."""
        self._headers = {}

    def add_header(self, key, val):
        """Set header ``key`` to ``val`` (as text)."""
        self._headers[key] = six.text_type(val)

    @property
    def authorization(self):
        """The ``Authorization`` header."""
        return self._headers.get('Authorization')

    @authorization.setter
    def authorization(self, data):
        self.add_header('Authorization', data)

    @property
    def content_type(self):
        """The ``Content-Type`` header."""
        return self._headers.get('Content-Type')

    @content_type.setter
    def content_type(self, data):
        self.add_header('Content-Type', data)

    def set_basic_auth(self, username, password):
        """Set a basic ``Authorization`` header."""
        token = base64.b64encode('{}:{}'.format(username, password).encode('utf-8')).decode('ascii')
        self.authorization = 'Basic {}'.format(token)

    @property
    def user_agent(self):
        """The ``User-Agent`` header."""
        return self._headers.get('User-Agent')

    @user_agent.setter
    def user_agent(self, data):
        self.add_header('User-Agent', data)

    # query parameters
    @property
    def payload(self):
        """dict: The query parameters."""
        return self._payload

    def reset_payload(self):
        """Forget every query parameter set so far."""
        self._payload = {}

    def add_payload(self, key, val, append=False):
        """Set query parameter ``key``; with ``append=True`` the key may repeat."""
        if append:
            self._payload.setdefault(key, []).append(val)
        else:
            self._payload[key] = val

    # method, url, transport settings
    @property
    def http_method(self):
        """The HTTP method (default GET)."""
        return self._http_method

    @http_method.setter
    def http_method(self, data):
        method = six.text_type(data).upper()
        if method not in METHODS:
            raise ArgumentError('{} is not an HTTP method (use one of {})'.format(data, ', '.join(METHODS)),
                                value=data)
        self._http_method = method
        if method in ('POST', 'PUT') and 'Content-Type' not in self._headers:
            self.add_header('Content-Type', 'application/json')

    @property
    def url(self):
        """The URL."""
        return self._url

    @url.setter
    def url(self, data):
        self._url = data

    @property
    def proxies(self):
        """dict: The session's proxies."""
        return self.session.proxies

    @proxies.setter
    def proxies(self, data):
        self.session.proxies = data

    @property
    def timeout(self):
        """The timeout of each attempt (default: the session's)."""
        return self._timeout if self._timeout is not None else self.session.timeout

    @timeout.setter
    def timeout(self, data):
        if isinstance(data, (int, float, tuple)) and not isinstance(data, bool):
            self._timeout = data

    @property
    def verify_ssl(self):
        """TLS verification of the session."""
        return self.session.verify

    @verify_ssl.setter
    def verify_ssl(self, verify):
        self.session.verify = verify

    @property
    def files(self):
        """dict: Files for a multipart upload."""
        return self._files

    @files.setter
    def files(self, data):
        if isinstance(data, dict):
            self._files = data

    def send(self, stream=False):
        """Send the request through the session (its retries, deadline and proxy).

        Args:
            stream (bool): Leave the body to be read by the caller.

        Returns:
            requests.Response: The response (any status).

        Raises:
            RequestError: When no answer came back (also an ``ApiConnectionError`` and a
                ``RuntimeError``).
        """
        if not self._url:
            raise ArgumentError('the request has no url: set request.url first')
        try:
            response = self.session.request(self._http_method, self._url, auth=self.basic_auth, data=self._body,
                                            files=self._files, headers=self._headers, params=self._payload,
                                            stream=stream, timeout=self._timeout)
        except ApiConnectionError as exc:
            raise RequestError(exc.message, url=exc.url, sent=exc.sent, host=exc.host)
        logger.debug('%s request answered %s', self._http_method, response.status_code)
        return response

    def __str__(self):
        lines = ['HTTP Method: {}'.format(self.http_method), 'Request URL: {}'.format(self.url),
                 'Content Type: {}'.format(self.content_type)]
        lines.extend('Header {}: {}'.format(k, '***' if k.lower() == 'authorization' else v)
                     for k, v in sorted(self._headers.items()))
        lines.extend('Payload {}: {}'.format(k, v) for k, v in sorted(self._payload.items()))
        return '\n'.join(lines)


__all__ = ['ExternalRequest', 'RequestError']
