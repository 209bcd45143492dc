# -*- coding: utf-8 -*-
"""Authentication checks the way the ThreatConnect platform makes them.

Two schemes are accepted (reference section 1):

* HMAC: ``Timestamp: <epoch seconds>`` and ``Authorization: TC <id>:<sig>``
  where ``sig = base64(HMAC-SHA256(secret, "<path>?<query>:<METHOD>:<ts>"))``.
* Token: ``Authorization: TC-Token <token>``, valid until its expiry.
"""
from __future__ import absolute_import, division, print_function, unicode_literals

import base64
import hashlib
import hmac

import six

#: Allowed distance between the client's Timestamp header and the server clock.
TIMESTAMP_WINDOW = 300

MSG_ACCESS_DENIED = 'Access Denied'
MSG_SIGNATURE = 'Signature data did not match expected result.'
MSG_TIMESTAMP = 'Timestamp out of acceptable time range'
MSG_TOKEN = 'Unauthorized'


def _bytes(value):
    if isinstance(value, six.text_type):
        return value.encode('utf-8')
    return value


def hmac_signature(secret_key, path_and_query, method, timestamp):
    """Return the platform's HMAC signature.

    Args:
        secret_key (str): The API user's secret key.
        path_and_query (str): The request path including ``/api`` and, when
            present, ``?`` and the query string as sent.
        method (str): The HTTP method, upper case.
        timestamp (int|str): The value of the ``Timestamp`` header.

    Returns:
        str: The base64 signature.
    """
    message = '{}:{}:{}'.format(path_and_query, method.upper(), timestamp)
    digest = hmac.new(_bytes(secret_key), _bytes(message), digestmod=hashlib.sha256).digest()
    return base64.b64encode(digest).decode('ascii')


def hmac_headers(access_id, secret_key, path_and_query, method, timestamp):
    """Return the two headers an HMAC-signed request carries (a test helper).

    Args:
        access_id (str): The API user's access id.
        secret_key (str): The API user's secret key.
        path_and_query (str): Path (including ``/api``) and query as sent.
        method (str): The HTTP method.
        timestamp (int): Epoch seconds.

    Returns:
        dict: ``Timestamp`` and ``Authorization`` headers.
    """
    timestamp = int(timestamp)
    signature = hmac_signature(secret_key, path_and_query, method, timestamp)
    return {
        'Timestamp': str(timestamp),
        'Authorization': 'TC {}:{}'.format(access_id, signature),
    }


class Credentials(object):
    """The credentials one emulator accepts.

    Args:
        access_id (str): HMAC access id.
        secret_key (str): HMAC secret key.
        token (str): API token.
        token_expires (float): Token expiry, epoch seconds.
    """

    def __init__(self, access_id, secret_key, token, token_expires):
        self.access_id = access_id
        self.secret_key = secret_key
        self.token = token
        self.token_expires = token_expires


def check(credentials, headers, path_and_query, method, now):
    """Check a request's credentials.

    Args:
        credentials (Credentials): What the emulator accepts.
        headers: The request headers (a mapping with ``get``).
        path_and_query (str): The raw request target (path + query as sent).
        method (str): The HTTP method.
        now (float): The emulator's current time.

    Returns:
        str|None: None when the request is authenticated, else the platform's
        401 message.
    """
    authorization = (headers.get('Authorization') or '').strip()
    if authorization.startswith('TC-Token '):
        token = authorization[len('TC-Token '):].strip()
        if token != credentials.token or now >= credentials.token_expires:
            return MSG_TOKEN
        return None
    if not authorization.startswith('TC '):
        return MSG_ACCESS_DENIED
    access_id, _, signature = authorization[3:].strip().partition(':')
    if access_id != credentials.access_id or not signature:
        return MSG_ACCESS_DENIED
    timestamp = (headers.get('Timestamp') or '').strip()
    try:
        stamp = int(timestamp)
    except ValueError:
        return MSG_TIMESTAMP
    if abs(now - stamp) > TIMESTAMP_WINDOW:
        return MSG_TIMESTAMP
    expected = hmac_signature(credentials.secret_key, path_and_query, method, timestamp)
    if not hmac.compare_digest(_bytes(expected), _bytes(signature)):
        return MSG_SIGNATURE
    return None
