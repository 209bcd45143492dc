# -*- coding: utf-8 -*-
"""Benchmark: build and serialize N Address indicators with tcex.batch vs a plain-dict floor.

Each indicator has a rating, a confidence, one tag, one attribute and an association
to one of N/100 Incident groups. The floor builds the same JSON (same xids) with
plain dicts and ``json.dumps``. Every size runs in a fresh subprocess so the peak
RSS (``resource.getrusage``) is per run.

Usage::

    python bench/bench_batch.py                  # sizes 100000 and 1000000
    python bench/bench_batch.py --sizes 100000   # quick run
"""
from __future__ import absolute_import, division, print_function, unicode_literals

import argparse
import hashlib
import json
import os
import resource
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def _ips(n):
    for i in range(n):
        yield '10.{}.{}.{}'.format((i >> 16) & 255, (i >> 8) & 255, i & 255)


def _peak_mb():
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024.0 * 1024.0) if sys.platform == 'darwin' else peak / 1024.0


def run_tcex(n, temp_path, out_path):
    """Build and serialize with tcex.batch; return (build s, serialize s, bytes)."""
    from tcex.batch import Batch
    groups = max(1, n // 100)
    start = time.time()
    batch = Batch('Bench Org', temp_path=temp_path)
    group_xids = []
    for g in range(groups):
        incident = batch.incident('incident-{}'.format(g), event_date='2024-08-04T00:00:00Z', status='Open')
        group_xids.append(incident.xid)
    address = batch.address
    for i, ip in enumerate(_ips(n)):
        ind = address(ip, rating=3, confidence=60)
        ind.tag('Bench')
        ind.attribute('Description', 'benchmark indicator')
        ind.association(group_xids[i % groups])
    build = time.time() - start
    start = time.time()
    size = 0
    with open(out_path, 'wb') as handle:
        for chunk in batch.iter_chunks():
            handle.write(chunk.payload)
            size += len(chunk.payload)
    serialize = time.time() - start
    if n <= 200000:  # not timed: the whole payload in one file, to compare with the floor's JSON
        batch.save(out_path)
    else:
        os.remove(out_path)
        open(out_path, 'wb').close()
    batch.close()
    return build, serialize, size


def run_floor(n, out_path):
    """The same JSON with plain dicts and json.dumps; return (total s, bytes)."""
    start = time.time()
    groups = max(1, n // 100)
    sha = hashlib.sha256
    group_list = []
    for g in range(groups):
        name = 'incident-{}'.format(g)
        group_list.append({'name': name, 'type': 'Incident', 'xid': sha(('Incident-' + name).encode()).hexdigest(),
                           'eventDate': '2024-08-04T00:00:00Z', 'status': 'Open'})
    indicators = []
    for i, ip in enumerate(_ips(n)):
        indicators.append({
            'summary': ip, 'type': 'Address', 'xid': sha(('Address-' + ip).encode()).hexdigest(),
            'rating': 3.0, 'confidence': 60,
            'associatedGroups': [{'groupXid': group_list[i % groups]['xid']}],
            'attribute': [{'type': 'Description', 'value': 'benchmark indicator', 'displayed': False}],
            'tag': [{'name': 'Bench'}]})
    payload = json.dumps({'group': group_list, 'indicator': indicators}, separators=(',', ':')).encode('utf-8')
    with open(out_path, 'wb') as handle:
        handle.write(payload)
    return time.time() - start, len(payload)


def child(mode, n):
    """Run one measurement and print it as JSON (runs in its own process)."""
    temp = tempfile.mkdtemp(prefix='tcex-bench-')
    out_path = os.path.join(temp, 'out.json')
    if mode == 'tcex':
        build, serialize, size = run_tcex(n, temp, out_path)
        result = {'build': build, 'serialize': serialize, 'bytes': size}
    else:
        total, size = run_floor(n, out_path)
        result = {'total': total, 'bytes': size}
    result['peak_mb'] = _peak_mb()  # before the comparison below reads the whole JSON back
    result['digest'] = result['canonical'] = None
    if n <= 200000:
        with open(out_path, 'rb') as handle:
            data = handle.read()
        result['digest'] = hashlib.sha256(data).hexdigest()
        canonical = json.dumps(json.loads(data.decode('utf-8')), sort_keys=True, separators=(',', ':'))
        result['canonical'] = hashlib.sha256(canonical.encode('utf-8')).hexdigest()
    os.remove(out_path)
    os.rmdir(temp)
    print(json.dumps(result))


def _spawn(mode, n, python):
    env = dict(os.environ, PYTHONPATH=ROOT + os.pathsep + os.environ.get('PYTHONPATH', ''))
    proc = subprocess.Popen([python, os.path.abspath(__file__), '--child', mode, str(n)], stdout=subprocess.PIPE,
                            env=env)
    out = proc.communicate()[0]
    if proc.returncode != 0:
        raise SystemExit('{} run of {} failed'.format(mode, n))
    return json.loads(out.decode('utf-8').strip().splitlines()[-1])


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('--sizes', default='100000,1000000', help='comma-separated indicator counts')
    parser.add_argument('--python', default=sys.executable, help='interpreter for the runs')
    parser.add_argument('--child', nargs=2, metavar=('MODE', 'N'), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        child(args.child[0], int(args.child[1]))
        return 0
    header = '{:>9} {:>8} {:>11} {:>8} {:>8} {:>6} {:>12} {:>13} {:>12}'.format(
        'size', 'build s', 'serialize s', 'total s', 'floor s', 'ratio', 'peak RSS MB', 'floor RSS MB', 'JSON bytes')
    print(header)
    for n in [int(x) for x in args.sizes.split(',') if x]:
        tcex = _spawn('tcex', n, args.python)
        floor = _spawn('floor', n, args.python)
        total = tcex['build'] + tcex['serialize']
        print('{:>9} {:>8.2f} {:>11.2f} {:>8.2f} {:>8.2f} {:>6.2f} {:>12.1f} {:>13.1f} {:>12}'.format(
            n, tcex['build'], tcex['serialize'], total, floor['total'], total / floor['total'], tcex['peak_mb'],
            floor['peak_mb'], tcex['bytes']))
        if tcex['canonical'] and tcex['canonical'] != floor['canonical']:
            print('  warning: tcex JSON differs from the floor JSON (bytes {} vs {})'.format(
                tcex['bytes'], floor['bytes']))
        elif tcex['digest'] and tcex['digest'] != floor['digest']:
            print('  note: same JSON as the floor, keys in another order (Python 2 dicts are unordered)')
        sys.stdout.flush()
    return 0


if __name__ == '__main__':
    sys.exit(main())
