# -*- coding: utf-8 -*-
"""The threaded standard-library HTTP server behind :class:`ThreatConnectEmulator`.

Every request is answered with JSON, whatever goes wrong: malformed request
lines and headers (400), oversize bodies (413), unknown routes (404), wrong
methods (405) and handler exceptions (500). Each response closes the
connection (HTTP/1.0), which keeps fault injection simple and predictable.
"""
from __future__ import absolute_import, division, print_function, unicode_literals

import logging
import socket

import six
from six.moves import BaseHTTPServer, socketserver
from six.moves.urllib.parse import parse_qsl, unquote, urlsplit

from tcex.testing import auth, routes
from tcex.testing.wire import Failure, Request, Response

LOG = logging.getLogger('tcex.testing')
_DRAIN_FACTOR = 4  # oversize bodies up to 4x the bound are read before the 413 is sent


def _text(value):
    """Return URL parts as text (Python 2 unquotes to UTF-8 bytes)."""
    return value.decode('utf-8', 'replace') if isinstance(value, bytes) else value


class _TooLarge(Exception):
    pass


class EmulatorServer(socketserver.ThreadingMixIn, BaseHTTPServer.HTTPServer):
    """A threaded HTTP server bound to one emulator (``self.emulator``)."""

    daemon_threads = True
    allow_reuse_address = True
    block_on_close = False

    def __init__(self, address, emulator):
        self.emulator = emulator
        BaseHTTPServer.HTTPServer.__init__(self, address, EmulatorHandler)

    def handle_error(self, request, client_address):
        """Log (at debug) instead of printing a traceback to stderr."""
        LOG.debug('emulator: error while serving %s', client_address, exc_info=True)


class EmulatorHandler(BaseHTTPServer.BaseHTTPRequestHandler):
    """Turns one HTTP request into a route call; never lets an error escape."""

    server_version = 'ThreatConnectEmulator'
    sys_version = ''
    protocol_version = 'HTTP/1.0'
    timeout = 30

    # ---- plumbing ------------------------------------------------------------------------
    def log_message(self, format, *args):  # pylint: disable=redefined-builtin
        """Log requests at debug level instead of writing to stderr."""
        LOG.debug('emulator: %s - %s', self.address_string(), format % args)

    def address_string(self):
        """Return the client address without a reverse DNS lookup."""
        return str(self.client_address[0])

    def send_error(self, code, message=None, explain=None):
        """Answer a request the base class could not parse with a JSON error."""
        self.close_connection = True
        if getattr(self, 'request_version', 'HTTP/0.9') in ('HTTP/0.9', None) or \
                not str(getattr(self, 'request_version', '')).startswith('HTTP/1.'):
            self.request_version = 'HTTP/1.0'  # always answer with headers
        text = message or self.responses.get(code, ('Error',))[0]
        try:
            self._send(Response(code, {'status': 'Failure', 'message': text}))
        except (socket.error, IOError, ValueError):
            LOG.debug('emulator: could not send error %s', code)

    def parse_request(self):
        """Refuse a request line without an HTTP version at once (no wait for headers)."""
        line = self.raw_requestline or b''
        words = line.decode('iso-8859-1').strip().split()
        if len(words) in (1, 2):
            self.command = None
            self.requestline = ' '.join(words)[:200]
            self.request_version = 'HTTP/1.0'
            self.close_connection = True
            self.send_error(400, 'Bad request line (no HTTP version): {!r}'.format(
                ' '.join(words)[:100]))
            return False
        return BaseHTTPServer.BaseHTTPRequestHandler.parse_request(self)

    def finish(self):
        """Flush and close, tolerating sockets the client (or a fault) already closed."""
        try:
            BaseHTTPServer.BaseHTTPRequestHandler.finish(self)
        except (socket.error, IOError, ValueError):
            pass

    def _send(self, response):
        self.send_response(response.status)
        self.send_header('Content-Type', response.content_type)
        self.send_header('Content-Length', str(len(response.content)))
        self.send_header('Connection', 'close')
        for key, value in response.headers.items():
            self.send_header(key, str(value))
        self.end_headers()
        if self.command != 'HEAD':
            self.wfile.write(response.content)

    def _drop(self):
        self.close_connection = True
        try:
            self.connection.shutdown(socket.SHUT_RDWR)
        except (socket.error, OSError):
            pass

    # ---- body ----------------------------------------------------------------------------
    def _read_body(self, limit):
        if 'chunked' in (self.headers.get('Transfer-Encoding') or '').lower():
            return self._read_chunked(limit)
        length = self.headers.get('Content-Length')
        if length is None:
            return b''
        if not length.strip().isdigit():
            raise ValueError('Invalid Content-Length header: {!r}.'.format(length))
        length = int(length)
        if length > limit:
            if length <= limit * _DRAIN_FACTOR:
                remaining = length
                while remaining > 0:
                    chunk = self.rfile.read(min(65536, remaining))
                    if not chunk:
                        break
                    remaining -= len(chunk)
            raise _TooLarge()
        body = self.rfile.read(length) if length else b''
        if len(body) != length:
            raise ValueError('The request body is shorter than its Content-Length.')
        return body

    def _read_chunked(self, limit):
        parts, total = [], 0
        while True:
            line = self.rfile.readline(1024).strip()
            try:
                size = int(line.split(b';')[0], 16)
            except ValueError:
                raise ValueError('Malformed chunked body.')
            if size == 0:
                while self.rfile.readline(1024).strip():
                    pass
                return b''.join(parts)
            total += size
            if total > limit:
                raise _TooLarge()
            parts.append(self.rfile.read(size))
            self.rfile.readline(8)

    # ---- dispatch ------------------------------------------------------------------------
    def _handle(self):
        emu = self.server.emulator
        self.close_connection = True
        target = self.path
        split = urlsplit(target)
        if split.scheme:  # absolute-form request target
            target = split.path + ('?' + split.query if split.query else '')
        path = _text(unquote(split.path))
        query = dict((_text(k), _text(v))
                     for k, v in parse_qsl(split.query, keep_blank_values=True))
        endpoint, handler, args = 'unknown', None, ()
        if path.startswith('/api/'):
            endpoint, handler, args = routes.resolve(self.command, path[4:])
        fault = emu.faults.take(endpoint)
        try:
            body = self._read_body(emu.max_body_bytes)
        except _TooLarge:
            self._send(Response(413, {'status': 'Failure', 'message':
                                      'Request body exceeds the limit of {} bytes.'.format(
                                          emu.max_body_bytes)}))
            return
        except ValueError as error:
            self._send(Response(400, {'status': 'Failure', 'message': six.text_type(error)}))
            return
        if fault is not None and self._apply_fault(emu, fault):
            return
        self._send(self._dispatch(emu, Request(self.command, target, path[4:], query,
                                               self.headers, body), handler, args))

    def _apply_fault(self, emu, fault):
        """Apply an injected fault; return True when the request is answered."""
        LOG.debug('emulator: applying %r', fault)
        if fault.hang:
            emu.wait(fault.hang)
        if fault.drop:
            self._drop()
            return True
        if fault.status is None:
            return False
        headers = {}
        if fault.retry_after is not None:
            headers['Retry-After'] = fault.retry_after
        body = fault.body
        if body is None:
            body = {'status': 'Failure', 'message': self.responses.get(
                fault.status, ('Injected failure',))[0]}
        self._send(Response(fault.status, body, headers=headers))
        return True

    def _dispatch(self, emu, request, handler, args):
        denied = auth.check(emu.credentials, self.headers, request.target, self.command,
                            emu.clock())
        if denied:
            return Response(401, {'status': 'Failure', 'message': denied})
        if handler is None:
            return Response(404, {'status': 'Failure',
                                  'message': 'No such endpoint: {} {}'.format(
                                      self.command, request.path or self.path)})
        try:
            return handler(emu, request, *args)
        except Failure as failure:
            return failure.response()
        except Exception:  # pylint: disable=broad-except
            LOG.exception('emulator: internal error on %s %s', self.command, self.path)
            return Response(500, {'status': 'Failure', 'message':
                                  'Internal error in the emulator (see the tcex.testing log).'})

    do_GET = do_POST = do_PUT = do_DELETE = do_PATCH = do_HEAD = do_OPTIONS = _handle

