# -*- coding: utf-8 -*-
"""The HTTP session for the ThreatConnect API: authentication, retries, errors.

Public names::

    from tcex.session import TcSession, HmacAuth, TokenAuth, RetryPolicy, api_error
    from tcex.session import ExternalSession, ExternalRequest   # third-party APIs
"""
from __future__ import absolute_import, division, print_function, unicode_literals

from tcex.session.auth import HmacAuth, TokenAuth, hmac_signature  # noqa: F401
from tcex.session.retry import RetryPolicy, urllib3_retry  # noqa: F401
from tcex.session.session import (  # noqa: F401
    ApiConnectionError,
    TcSession,
    api_error,
    fetch_indicator_types,
    proxies_from_args,
    proxy_url,
    raise_for_api,
)
from tcex.session.external import ExternalSession  # noqa: F401
from tcex.session.request import ExternalRequest, RequestError  # noqa: F401

__all__ = ['HmacAuth', 'TokenAuth', 'hmac_signature', 'RetryPolicy', 'urllib3_retry', 'ApiConnectionError',
           'TcSession', 'api_error', 'fetch_indicator_types', 'proxy_url', 'raise_for_api',
           'proxies_from_args', 'ExternalSession', 'ExternalRequest', 'RequestError']
