# -*- coding: utf-8 -*-
"""Issue 13 item 11 (emulator): association index, deep batch input, request lines with no version."""
from __future__ import absolute_import, division, print_function, unicode_literals

import json
import socket

from tcex.testing.edges import Edges


def test_edges_index_follows_every_change():
    edges = Edges()
    a, b, c = ('i', 1), ('i', 2), ('g', 'x')
    edges[frozenset((a, b))] = 'linked'
    edges[frozenset((a, c))] = None
    assert sorted(edges.neighbours(a)) == [(('g', 'x'), None), (('i', 2), 'linked')]
    assert edges.neighbours(b) == [(a, 'linked')]
    assert edges.pop(frozenset((a, b))) == 'linked'
    assert edges.neighbours(b) == [] and edges.neighbours(a) == [(c, None)]
    assert edges.pop(frozenset((a, b)), 'gone') == 'gone'
    edges[frozenset((b, c))] = None
    edges.drop(c)
    assert edges.neighbours(a) == [] and edges.neighbours(b) == [] and len(edges) == 0
    edges[frozenset((a, b))] = None
    del edges[frozenset((a, b))]
    assert edges.neighbours(a) == []


def test_read_back_uses_the_index(api, emulator):
    """Each indicator's read-back lists exactly its own associations (one group, many indicators)."""
    indicators = [{'type': 'Host', 'summary': 'h{}.example.com'.format(n),
                   'associatedGroups': [{'groupXid': 'g-{}'.format(n % 3)}]} for n in range(30)]
    groups = [{'type': 'Incident', 'xid': 'g-{}'.format(n), 'name': 'G{}'.format(n)}
              for n in range(3)]
    status, errors = api.run({'group': groups, 'indicator': indicators})
    assert not errors
    for item in emulator.indicators():
        number = int(item['summary'][1:].split('.')[0])
        assert item['associatedGroupXid'] == ['g-{}'.format(number % 3)]
    assert len(emulator.group('g-1')['associatedIndicators']) == 10


def test_deeply_nested_input_is_a_job_error(api, emulator):
    deep = '[' * 5000 + ']' * 5000
    payload = '{"indicator": [{"type": "Host", "summary": "x.example.com", "extra": ' + deep + '}]}'
    batch_id = api.create_job()
    assert api.upload(batch_id, payload.encode('utf-8')).status_code == 202
    for _ in range(3):  # every poll answers, none is a 500
        status = api.status(batch_id)
    assert status['status'] == 'Completed' and status['errorCount'] >= 1
    errors = api.get('/v2/batch/{}/errors'.format(batch_id)).json()
    assert 'Encountered an unexpected Exception' in json.dumps(errors)
    assert emulator.indicators() == []


def test_moderately_nested_input_within_the_limit_is_processed(api, emulator):
    extra = json.loads('[' * 20 + ']' * 20)
    status, errors = api.run({'indicator': [{'type': 'Host', 'summary': 'ok.example.com',
                                             'extra': extra}]})
    assert not errors and len(emulator.indicators()) == 1


def test_request_line_without_version_is_answered_at_once(emulator):
    for raw in (b'GET /api/v2/owners\r\n', b'GET\r\n'):
        sock = socket.create_connection(('127.0.0.1', emulator.port), timeout=5)
        try:
            sock.sendall(raw)  # no blank line: a server waiting for headers would hang here
            reply = b''
            while True:
                chunk = sock.recv(65536)
                if not chunk:
                    break
                reply += chunk
        finally:
            sock.close()
        assert b' 400 ' in reply.split(b'\r\n')[0]
        assert b'no HTTP version' in reply


def test_a_query_selects_once_until_the_data_changes(emulator):
    """Every page of one query slices the same selected list; new data selects again."""
    from tcex.testing import read_query
    store = emulator.store
    store.load_indicators(emulator.owner, ({'type': 'Host', 'summary': 'h{}.example.com'.format(n),
                                            'rating': n % 5} for n in range(50)))
    data = store.owner(emulator.owner)
    calls = []

    def predicate(record):
        calls.append(record['id'])
        return record['rating'] > 2

    key = ('Host', None, None, (('rating', '>', 2.0),), False, None)
    first = read_query.select(store, data, 'indicator', key, predicate)
    assert len(first) == 20 and len(calls) == 50
    assert read_query.select(store, data, 'indicator', key, predicate) is first
    assert len(calls) == 50  # the second page did not scan again
    store.load_indicators(emulator.owner, [{'type': 'Host', 'summary': 'new.example.com',
                                            'rating': 4}])
    again = read_query.select(store, data, 'indicator', key, predicate)
    assert len(again) == 21 and len(calls) == 101
