# -*- coding: utf-8 -*-
"""A fake OpenDNS (Umbrella Enforcement) block list API on 127.0.0.1, to try the App offline.

Run it next to the App (``python fake_blocklist.py --port 8080``; Ctrl-C stops it and
prints the listed domains), then point the App at it with
``--opendns_url http://127.0.0.1:8080/1.0``. The tests use :class:`BlockListDouble`.

``POST /1.0/events`` adds each event's ``dstDomain`` (400 for the whole request when
one of them is in :attr:`BlockListDouble.refuse`), ``GET /1.0/domains`` lists the
domains in pages (``page``, ``limit``; ``meta.next`` is false on the last page),
``DELETE /1.0/domains/{name}`` removes one (404 unknown, 500 when in
:attr:`BlockListDouble.refuse_delete`). Every request needs ``customerKey``.
"""
from __future__ import absolute_import, division, print_function, unicode_literals

import argparse
import json
import signal
import sys
import threading

from six.moves import BaseHTTPServer
from six.moves.urllib.parse import parse_qsl, unquote, urlsplit


class BlockListDouble(object):
    """The double's state and server; use as a context manager.

    Attributes:
        url (str): The API root (``http://127.0.0.1:PORT/1.0``).
        domains (list): The listed domains, in the order added.
        refuse (set): Domains whose events are refused.
        refuse_delete (set): Domains whose deletion fails.
        requests (list): ``(method, path)`` of every request.
    """

    def __init__(self, key, domains=(), port=0):
        self.key = key
        self.domains = list(domains)
        self.refuse = set()
        self.refuse_delete = set()
        self.requests = []
        self.lock = threading.Lock()
        self.url = None
        self._server = None
        self._port = port

    def __enter__(self):
        double = self

        class Handler(BaseHTTPServer.BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def _answer(self, status, body=None):
                data = json.dumps(body).encode('utf-8') if body is not None else b''
                self.send_response(status)
                self.send_header('Content-Type', 'application/json')
                self.send_header('Content-Length', str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def _handle(self):
                split = urlsplit(self.path)
                query = dict(parse_qsl(split.query))
                length = int(self.headers.get('Content-Length') or 0)
                body = self.rfile.read(length) if length else b''
                with double.lock:
                    double.requests.append((self.command, split.path))
                    if query.get('customerKey') != double.key:
                        return self._answer(401, {'message': 'bad customerKey'})
                    return self._route(split.path, query, body)

            def _route(self, path, query, body):
                if self.command == 'POST' and path == '/1.0/events':
                    events = json.loads(body.decode('utf-8'))
                    names = [e['dstDomain'] for e in (events if isinstance(events, list)
                                                      else [events])]
                    if double.refuse & set(names):
                        return self._answer(400, {'message': 'domain refused'})
                    double.domains += [n for n in names if n not in double.domains]
                    return self._answer(202, {'id': len(double.requests)})
                if self.command == 'GET' and path == '/1.0/domains':
                    page, limit = int(query.get('page', 1)), int(query.get('limit', 200))
                    items = double.domains[(page - 1) * limit:page * limit]
                    more = page * limit < len(double.domains)
                    return self._answer(200, {'meta': {'page': page, 'limit': limit,
                                                       'next': more},
                                              'data': [{'id': n, 'name': d}
                                                       for n, d in enumerate(items)]})
                if self.command == 'DELETE' and path.startswith('/1.0/domains/'):
                    name = unquote(path[len('/1.0/domains/'):])
                    if name in double.refuse_delete:
                        return self._answer(500, {'message': 'cannot delete'})
                    if name not in double.domains:
                        return self._answer(404, {'message': 'unknown'})
                    double.domains.remove(name)
                    return self._answer(204)
                return self._answer(404, {'message': 'no route'})

            do_GET = do_POST = do_DELETE = _handle

        self._server = BaseHTTPServer.HTTPServer(('127.0.0.1', self._port), Handler)
        self.url = 'http://127.0.0.1:{}/1.0'.format(self._server.server_address[1])
        thread = threading.Thread(target=self._server.serve_forever, kwargs={'poll_interval': 0.05})
        thread.daemon = True
        thread.start()
        return self

    def __exit__(self, *exc):
        self._server.shutdown()
        self._server.server_close()


#: The ``opendns_key`` of the example's tc.conf.
EXAMPLE_KEY = 'x000000x-x0x0-0x00-x000-xx000x00000x'


def main(argv=None):
    """Serve until Ctrl-C or SIGTERM, then print the listed domains; return 0."""
    parser = argparse.ArgumentParser(description='A fake OpenDNS block list API on 127.0.0.1.')
    parser.add_argument('--port', type=int, default=8080, help='port (default: %(default)s)')
    parser.add_argument('--key', default=EXAMPLE_KEY, help="the customerKey it accepts (default: tc.conf's)")
    parser.add_argument('--domain', action='append', default=[], help='a domain listed at start; repeatable')
    args = parser.parse_args(argv)
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    with BlockListDouble(args.key, domains=args.domain, port=args.port) as double:
        print('fake block list: {} (customerKey {})'.format(double.url, args.key))
        sys.stdout.flush()
        try:
            while not stop.is_set():
                stop.wait(0.2)
        except KeyboardInterrupt:
            pass
        print('listed domains: {}'.format(', '.join(double.domains) or 'none'))
        sys.stdout.flush()
    return 0


if __name__ == '__main__':
    sys.exit(main())
