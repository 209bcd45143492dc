# -*- coding: utf-8 -*-
"""A misbehaving HTTP server on 127.0.0.1: a proxy in front of the emulator, or a third-party API.

Each request is matched against :class:`Rule` objects (method, path regex, how many times);
a matching rule misbehaves, anything else is forwarded to ``upstream`` (the emulator) or,
without one, answered with a JSON echo of the request. Rules:

* ``trickle``: a 200 JSON answer whose body arrives one byte every ``interval`` seconds
  (the connection is held until the client gives up, at most ``limit`` seconds);
* ``html``: a 200 ``text/html`` page, as a proxy's login or error page;
* ``status``: any status with any headers (``Retry-After: nan``...), not forwarded.

A plain-HTTP proxy request (absolute URL in the request line) is echoed as well, so a
test can check that a session used the proxy.
"""
from __future__ import absolute_import, division, print_function, unicode_literals

import json
import re
import socket
import threading
import time

import requests
from six.moves import BaseHTTPServer, socketserver

HTML_PAGE = (b'<!DOCTYPE html>\n<html><head><title>Proxy login</title></head>'
             b'<body><form>Please sign in to continue</form></body></html>\n')
_HOP = frozenset(['connection', 'keep-alive', 'transfer-encoding', 'content-length', 'content-encoding'])


class Rule(object):
    """One misbehaviour.

    Args:
        method (str): HTTP method to match.
        path (str): Regex searched in the request path.
        action (str): ``trickle``, ``html`` or ``status``.
        count (int): How many matching requests misbehave (None: all).
        status (int): Status for ``status``.
        headers (dict): Headers for ``status``.
        body (bytes): Body for ``trickle``/``status``.
        interval (float): Seconds between trickled bytes.
        limit (float): Longest a trickle goes on.
    """

    def __init__(self, method, path, action, count=None, status=200, headers=None, body=None, interval=0.05,
                 limit=60.0):
        self.method = method
        self.path = re.compile(path)
        self.action = action
        self.count = count
        self.status = status
        self.headers = headers or {}
        self.body = body
        self.interval = interval
        self.limit = limit
        self.hits = 0

    def take(self, method, path):
        """Return True (and count it) when this rule handles the request."""
        if method != self.method or not self.path.search(path):
            return False
        if self.count is not None and self.hits >= self.count:
            return False
        self.hits += 1
        return True


class _Handler(BaseHTTPServer.BaseHTTPRequestHandler):
    protocol_version = 'HTTP/1.1'

    def log_message(self, *args):  # pylint: disable=arguments-differ
        pass

    def _body(self):
        length = int(self.headers.get('Content-Length') or 0)
        return self.rfile.read(length) if length else b''

    def _handle(self):
        owner = self.server.owner
        body = self._body()
        owner.seen.append((self.command, self.path))
        rule = owner.rule_for(self.command, self.path)
        if rule is None:
            if owner.upstream:
                return self._forward(body)
            return self._send(200, {'Content-Type': 'application/json'}, json.dumps({
                'method': self.command, 'path': self.path, 'body': body.decode('utf-8', 'replace'),
                'headers': dict((k.lower(), v) for k, v in self.headers.items())}).encode('utf-8'))
        if rule.action == 'html':
            return self._send(200, {'Content-Type': 'text/html; charset=utf-8'}, HTML_PAGE)
        if rule.action == 'status':
            headers = {'Content-Type': 'application/json'}
            headers.update(rule.headers)
            return self._send(rule.status, headers, rule.body or b'{"status":"Failure","message":"busy"}')
        return self._trickle(rule)

    def _send(self, status, headers, content):
        self.send_response(status)
        for key, value in headers.items():
            self.send_header(key, value)
        self.send_header('Content-Length', str(len(content)))
        self.end_headers()
        self.wfile.write(content)

    def _trickle(self, rule):
        content = rule.body or (b'{"status":"Success","data":{"note":"' + b'x' * 4000 + b'"}}')
        self.send_response(200)
        self.send_header('Content-Type', 'application/json')
        self.send_header('Content-Length', str(len(content)))
        self.end_headers()
        self.wfile.flush()
        ends = time.time() + rule.limit
        try:
            for position in range(len(content)):
                if time.time() > ends or self.server.owner.stopping.is_set():
                    break
                self.wfile.write(content[position:position + 1])
                self.wfile.flush()
                time.sleep(rule.interval)
        except (socket.error, IOError):
            pass  # the client gave up: what a deadline is for
        self.close_connection = True

    def _forward(self, body):
        owner = self.server.owner
        headers = dict((k, v) for k, v in self.headers.items() if k.lower() not in _HOP and k.lower() != 'host')
        upstream = requests.request(self.command, owner.upstream + self.path, headers=headers, data=body or None,
                                    timeout=30, allow_redirects=False)
        out = dict((k, v) for k, v in upstream.headers.items() if k.lower() not in _HOP)
        self._send(upstream.status_code, out, upstream.content)

    do_GET = do_POST = do_PUT = do_DELETE = _handle


class _Server(socketserver.ThreadingMixIn, BaseHTTPServer.HTTPServer):
    daemon_threads = True
    allow_reuse_address = True


class MisbehavingServer(object):
    """Start with ``with MisbehavingServer(rules, upstream=emulator_root) as server:``.

    Args:
        rules (list): :class:`Rule` objects, first match wins.
        upstream (str): ``scheme://host:port`` requests are forwarded to (None: echo).

    Attributes:
        root (str): ``http://127.0.0.1:PORT`` once started.
        seen (list): ``(method, path)`` of every request received.
    """

    def __init__(self, rules=(), upstream=None):
        self.rules = list(rules)
        self.upstream = upstream.rstrip('/') if upstream else None
        self.seen = []
        self.stopping = threading.Event()
        self._lock = threading.Lock()
        self._server = None
        self.root = None

    def rule_for(self, method, path):
        """Return the rule handling this request, or None."""
        with self._lock:
            for rule in self.rules:
                if rule.take(method, path):
                    return rule
        return None

    def __enter__(self):
        self._server = _Server(('127.0.0.1', 0), _Handler)
        self._server.owner = self
        thread = threading.Thread(target=self._server.serve_forever, kwargs={'poll_interval': 0.05})
        thread.daemon = True
        thread.start()
        self.root = 'http://127.0.0.1:{}'.format(self._server.server_address[1])
        return self

    def __exit__(self, *exc):
        self.stopping.set()
        self._server.shutdown()
        self._server.server_close()
