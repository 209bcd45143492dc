# -*- coding: utf-8 -*-
"""Small request/response types shared by the emulator's routes and server."""
from __future__ import absolute_import, division, print_function, unicode_literals

import json

import six


class Request(object):
    """One parsed HTTP request.

    Attributes:
        method (str): Upper-case HTTP method.
        target (str): The raw request target (path + query as sent).
        path (str): The path below ``/api`` (e.g. ``/v2/batch``), unquoted.
        query (dict): First value of each query parameter.
        headers: The request headers (``get(name)`` works case-insensitively).
        body (bytes): The request body.
    """

    def __init__(self, method, target, path, query, headers, body):
        self.method = method
        self.target = target
        self.path = path
        self.query = query
        self.headers = headers
        self.body = body

    def json(self):
        """Return the body parsed as JSON or raise :class:`Failure` 400."""
        try:
            return json.loads(self.body.decode('utf-8'))
        except (ValueError, UnicodeDecodeError):
            raise Failure(400, 'The request body is not valid JSON.')


class Response(object):
    """A response to send.

    Args:
        status (int): HTTP status.
        body: A JSON-able object, or bytes/text sent as is.
        headers (dict): Extra headers.
        content_type (str): Content type (defaults to JSON for objects, octet-stream for bytes).
    """

    def __init__(self, status, body=None, headers=None, content_type=None):
        self.status = status
        self.headers = dict(headers or {})
        if isinstance(body, bytes):
            self.content = body
            self.content_type = content_type or 'application/octet-stream'
        elif isinstance(body, six.text_type):
            self.content = body.encode('utf-8')
            self.content_type = content_type or 'text/plain; charset=utf-8'
        elif body is None:
            self.content = b''
            self.content_type = content_type or 'application/json'
        else:
            self.content = json.dumps(body, sort_keys=True).encode('utf-8')
            self.content_type = content_type or 'application/json'


class Failure(Exception):
    """Raised by a route to answer with an error.

    Args:
        status (int): HTTP status.
        message (str): The ``message`` of ``{"status": "Failure", "message": ...}``.
        body: A full body to send instead of the standard failure shape.
    """

    def __init__(self, status, message, body=None):
        super(Failure, self).__init__(message)
        self.status = status
        self.message = message
        self.body = body

    def response(self):
        """Return the :class:`Response` for this failure."""
        body = self.body if self.body is not None else {'status': 'Failure',
                                                        'message': self.message}
        return Response(self.status, body)


def invalid(description, status=400):
    """Return a :class:`Failure` with the batch API's ``Invalid`` body shape."""
    return Failure(status, description, body={'status': 'Invalid', 'description': description})
