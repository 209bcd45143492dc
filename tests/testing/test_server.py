# -*- coding: utf-8 -*-
"""Robustness: loopback binding, size bound, malformed requests, internal errors."""
from __future__ import absolute_import, division, print_function, unicode_literals

import json
import socket
import threading

import pytest

from tcex.testing import ThreatConnectEmulator

from tests.testing.helpers import Api


def _raw(emulator, data):
    """Send raw bytes, return (status line, JSON body)."""
    sock = socket.create_connection(('127.0.0.1', emulator.port), timeout=5)
    try:
        sock.sendall(data)
        chunks = []
        while True:
            chunk = sock.recv(65536)
            if not chunk:
                break
            chunks.append(chunk)
    finally:
        sock.close()
    head, _, body = b''.join(chunks).partition(b'\r\n\r\n')
    return head.split(b'\r\n')[0].decode('latin-1'), json.loads(body.decode('utf-8'))


def test_binds_loopback_on_a_free_port(emulator):
    assert emulator.host == '127.0.0.1' and emulator.port > 0
    other = ThreatConnectEmulator().start()
    try:
        assert other.port != emulator.port
    finally:
        other.stop()


def test_start_stop_and_restart():
    tc = ThreatConnectEmulator()
    tc.start()
    port = tc.port
    tc.stop()
    tc.stop()
    with pytest.raises(socket.error):
        socket.create_connection(('127.0.0.1', port), timeout=1)
    with tc:
        assert Api(tc).get('/v2/owners').status_code == 200


def test_oversize_body_is_413():
    with ThreatConnectEmulator(max_body_bytes=1000) as tc:
        response = Api(tc).post('/v2/batch', data=b'x' * 1001)
        assert response.status_code == 413
        assert response.json()['status'] == 'Failure' and '1000' in response.json()['message']


def test_oversize_chunked_body_is_413():
    with ThreatConnectEmulator(max_body_bytes=10) as tc:
        status, body = _raw(tc, b'POST /api/v2/batch HTTP/1.1\r\nHost: x\r\n'
                                b'Transfer-Encoding: chunked\r\n\r\n14\r\n' + b'y' * 20 +
                            b'\r\n0\r\n\r\n')
        assert ' 413 ' in status and body['status'] == 'Failure'


def test_chunked_body_is_read(api, emulator):
    def gen():
        yield json.dumps(api.config()).encode('utf-8')
    response = api.post('/v2/batch', data=gen())
    assert response.status_code == 201


@pytest.mark.parametrize('raw', [
    b'GARBAGE\r\n\r\n',
    b'GET /api/v2/owners HTTP/9.9\r\n\r\n',
    b'POST /api/v2/batch HTTP/1.1\r\nContent-Length: abc\r\n\r\n',
    b'POST /api/v2/batch HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n',
])
def test_malformed_requests_get_json_400(emulator, raw):
    status, body = _raw(emulator, raw)
    assert ' 400 ' in status or ' 505 ' in status
    assert body['status'] == 'Failure'
    assert Api(emulator).get('/v2/owners').status_code == 200


def test_short_body_is_400(emulator):
    sock = socket.create_connection(('127.0.0.1', emulator.port), timeout=5)
    sock.sendall(b'POST /api/v2/batch HTTP/1.1\r\nContent-Length: 50\r\n\r\nabc')
    sock.shutdown(socket.SHUT_WR)
    reply = sock.recv(65536)
    sock.close()
    assert b' 400 ' in reply.split(b'\r\n')[0]


def test_unknown_route_is_404_json(api):
    response = api.get('/v2/nothing')
    assert response.status_code == 404 and response.json()['status'] == 'Failure'
    outside = api.tc.url.replace('/api', '/elsewhere')
    import requests
    assert requests.get(outside).status_code == 401


def test_wrong_method_is_405(api):
    response = api.request('DELETE', '/v2/owners')
    assert response.status_code == 405 and response.json()['status'] == 'Failure'


def test_unknown_http_method_is_json(emulator):
    status, body = _raw(emulator, b'BREW /api/v2/owners HTTP/1.0\r\n\r\n')
    assert ' 501 ' in status and body['status'] == 'Failure'


def test_handler_exception_is_500_and_server_keeps_serving(api, emulator):
    emulator.indicator_types = [object()]  # a broken configuration makes the route raise
    response = api.get('/v2/types/indicatorTypes')
    assert response.status_code == 500 and response.json()['status'] == 'Failure'
    assert api.get('/v2/owners').status_code == 200


def test_concurrent_requests(api, emulator):
    results = []

    def worker():
        results.append(api.get('/v2/owners').status_code)

    threads = [threading.Thread(target=worker) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(10)
    assert results == [200] * 8 and emulator.request_count('owners') == 8


def test_start_on_a_port_in_use_is_one_line_error():
    from tcex.errors import TcExError
    from tcex.testing import ThreatConnectEmulator

    with ThreatConnectEmulator() as first:
        second = ThreatConnectEmulator(port=first.port)
        with pytest.raises(TcExError) as info:
            second.start()
    assert 'cannot listen on 127.0.0.1:{}'.format(first.port) in str(info.value)


def test_cli_port_out_of_range_is_one_line_error():
    import subprocess
    import sys

    process = subprocess.Popen([sys.executable, '-m', 'tcex', 'emulator', '--port', '99999'],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    _, err = process.communicate()
    err = err.decode('utf-8')
    assert process.returncode == 1
    assert 'Traceback' not in err and err.count('\n') == 1, err
    assert 'cannot listen on 127.0.0.1:99999' in err
