# -*- coding: utf-8 -*-
"""The benchmark's own checks, at a small size: its floor builds the very JSON the SDK builds.

No time is asserted (speed targets are read from the benchmark's printout, not from tests).
"""
from __future__ import absolute_import, division, print_function, unicode_literals

import json
import os
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
BENCH = os.path.join(ROOT, 'bench', 'bench_batch.py')


def _bench_module(name):
    sys.path.insert(0, os.path.join(ROOT, 'bench'))
    try:
        return __import__(name)
    finally:
        sys.path.pop(0)


def test_small_run_prints_a_line_per_workload_and_identical_documents():
    env = dict(os.environ, PYTHONPATH=ROOT)
    proc = subprocess.Popen([sys.executable, BENCH, '--sizes', '1500', '--workloads', 'feed,addresses,repeated',
                             '--repeat', '2'], stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, cwd=ROOT)
    out, err = proc.communicate()
    out = out.decode('utf-8')
    assert proc.returncode == 0, err.decode('utf-8', 'replace')
    lines = out.splitlines()
    assert [line.split()[0] for line in lines if line.split() and line.split()[1:2] == ['1500']] == [
        'feed', 'addresses', 'repeated']
    assert out.count('identical:') == 3 and 'WARNING' not in out
    assert out.count('totals of 2 runs') == 3


def test_an_unknown_workload_is_named_in_a_one_line_error():
    proc = subprocess.Popen([sys.executable, BENCH, '--sizes', '10', '--workloads', 'feed,bogus'],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=dict(os.environ, PYTHONPATH=ROOT),
                            cwd=ROOT)
    err = proc.communicate()[1].decode('utf-8')
    assert proc.returncode != 0 and err.strip() == 'unknown workload bogus (known: feed, addresses, repeated)'


def test_before_tree_is_measured_in_the_same_runs():
    env = dict(os.environ, PYTHONPATH=ROOT)
    proc = subprocess.Popen([sys.executable, BENCH, '--sizes', '1200', '--workloads', 'feed', '--repeat', '2',
                             '--before', ROOT], stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, cwd=ROOT)
    out, err = proc.communicate()
    out = out.decode('utf-8')
    assert proc.returncode == 0, err.decode('utf-8', 'replace')
    rows = [line.split() for line in out.splitlines() if line.split()[1:2] == ['1200']]
    assert [row[0] for row in rows] == ['feed:before', 'feed']
    totals = [line for line in out.splitlines() if 'totals of 2 runs' in line]
    assert len(totals) == 1 and 'before' in totals[0] and out.count('identical:') == 1


def test_feed_data_is_distinct_and_mixed():
    """The feed workload does not repeat texts: a memo of texts seen would buy nothing."""
    feed_data = _bench_module('feed_data')
    records = [r for r in feed_data.feed(3000) if r['kind'] == 'indicator']
    descriptions = [r['attrs'][0][1] for r in records]
    sources = [r['attrs'][0][3] for r in records]
    assert len(set(descriptions)) == len(records)
    assert len(set(sources)) > len(records) // 2
    types = set(r['type'] for r in records)
    assert types == set(['Address', 'Host', 'File', 'URL'])
    tags = set(t for r in records for t in r['tags'])
    assert 100 <= len(tags) <= len(feed_data.TAG_POOL)
    rating_types = set(type(v).__name__ for r in records for k, v in r['kwargs'] if k == 'rating')
    assert len(rating_types) >= 3  # floats, ints and text


def test_addresses_data_is_the_issue_shape_with_distinct_text():
    feed_data = _bench_module('feed_data')
    records = list(feed_data.addresses(2000))
    groups = [r for r in records if r['kind'] == 'group']
    indicators = [r for r in records if r['kind'] == 'indicator']
    assert set(r['type'] for r in groups) == set(['Incident']) and len(groups) == feed_data.group_count(2000)
    assert len(indicators) == 2000 and set(r['type'] for r in indicators) == set(['Address'])
    assert len(set(r['identity'] for r in indicators)) == 2000
    assert len(set(r['attrs'][0][1] for r in indicators)) == 2000  # a description of its own each
    assert all(len(r['tags']) == 1 and len(r['assoc']) == 1 for r in indicators)
    assert set(type(v).__name__ for r in indicators for k, v in r['kwargs'] if k == 'rating') == set(['float'])
    assert len(set(r['assoc'][0] for r in indicators)) > len(groups) // 2  # many Incidents, not one


def test_api_floor_is_measured_and_writes_the_floor_document():
    env = dict(os.environ, PYTHONPATH=ROOT)
    proc = subprocess.Popen([sys.executable, BENCH, '--sizes', '1600', '--workloads', 'feed,addresses', '--api-floor'],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, cwd=ROOT)
    out, err = proc.communicate()
    out = out.decode('utf-8')
    assert proc.returncode == 0, err.decode('utf-8', 'replace')
    rows = [line.split()[0] for line in out.splitlines() if line.split()[1:2] == ['1600']]
    assert rows == ['feed', 'feed:apifloor', 'addresses', 'addresses:apifloor']
    same = 'identical: the API floor document and the floor document are the same bytes' if sys.version_info[0] >= 3 \
        else 'identical: the API floor wrote the same JSON as the floor with sorted keys'  # unordered dicts
    assert out.count(same) == 2 and 'WARNING' not in out


def test_api_floor_document_equals_the_floor_document_past_its_pending_limit(tmp_path, monkeypatch):
    """Entities are written in groups of PENDING; each must be complete when written."""
    monkeypatch.syspath_prepend(os.path.join(ROOT, 'bench'))  # the bench imports its modules when it runs
    bench = _bench_module('bench_batch')
    api_floor = _bench_module('api_floor')
    n = 3 * api_floor.PENDING + 7
    for workload in ('feed', 'addresses'):
        floor_path, api_path = str(tmp_path / 'floor.json'), str(tmp_path / 'api.json')
        floor = bench.run_floor(workload, n, floor_path)
        api = bench.run_api_floor(workload, n, api_path)
        with open(floor_path, 'rb') as handle:
            floor_data = handle.read()
        with open(api_path, 'rb') as handle:
            api_data = handle.read()
        assert api['bytes'] == floor['bytes'] == len(api_data)
        if sys.version_info[0] >= 3:  # Python 2's dicts are unordered: the same keys, maybe in another order
            assert api_data == floor_data
        assert json.loads(api_data.decode('utf-8')) == json.loads(floor_data.decode('utf-8'))


def test_a_document_unlike_the_floor_is_reported():
    bench_report = _bench_module('bench_report')
    floor = {'canonical': 'a', 'digest': 'x', 'bytes': 10}
    assert bench_report.same_json('api', {'canonical': 'a', 'digest': 'x', 'bytes': 10}, floor).startswith(
        '  identical: the API floor document')
    assert bench_report.same_json('sdk', {'canonical': 'a', 'digest': 'y', 'bytes': 10}, floor).startswith(
        '  identical: the SDK wrote the same JSON as the floor with sorted keys')
    assert bench_report.same_json('sdk', {'canonical': 'b', 'digest': 'y', 'bytes': 11}, floor) == (
        '  WARNING: the SDK JSON differs from the floor JSON (bytes 11 vs 10)')
