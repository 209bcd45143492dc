# -*- coding: utf-8 -*-
"""Benchmark: build, serialize and submit N Address indicators end to end to the emulator.

Each indicator has a rating, a confidence, one tag, one attribute and an association
to one of N/100 Incident groups (the same data as ``bench_batch.py``). The submit runs
against :class:`tcex.testing.ThreatConnectEmulator` (jobs complete on the first poll),
with HMAC authentication, in chunks of ``--chunk-size`` entities. The emulator's own
processing runs in this process, so the submit time includes the emulator's work.

Usage::

    python bench/bench_submit.py                    # 100,000 indicators
    python bench/bench_submit.py --sizes 10000 --chunk-size 5000
"""
from __future__ import absolute_import, division, print_function, unicode_literals

import argparse
import os
import shutil
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, ROOT)


def _ips(n):
    for i in range(n):
        yield '10.{}.{}.{}'.format((i >> 16) & 255, (i >> 8) & 255, i & 255)


def run(n, chunk_size, temp_path):
    """Build, serialize and submit ``n`` indicators; return a dict of timings and counts."""
    from tcex.batch import Batch
    from tcex.session import HmacAuth, TcSession
    from tcex.testing import ThreatConnectEmulator

    with ThreatConnectEmulator(polls_until_complete=0, max_body_bytes=256 * 1024 * 1024,
                               upload_limit=256 * 1024 * 1024) as tc:
        session = TcSession(tc.url, auth=HmacAuth(tc.api_access_id, tc.api_secret_key), timeout=(10, 600))
        groups = max(1, n // 100)
        start = time.time()
        batch = Batch(tc.owner, temp_path=temp_path, session=session, chunk_size=chunk_size,
                      max_bytes=200 * 1024 * 1024, poll_interval=0.05, poll_max_interval=0.2)
        group_xids = []
        for g in range(groups):
            incident = batch.incident('incident-{}'.format(g), event_date='2024-08-04T00:00:00Z', status='Open')
            group_xids.append(incident.xid)
        for i, ip in enumerate(_ips(n)):
            ind = batch.address(ip, rating=3, confidence=60)
            ind.tag('Bench')
            ind.attribute('Description', 'benchmark indicator')
            ind.association(group_xids[i % groups])
        build = time.time() - start

        start = time.time()
        size = sum(len(chunk.payload) for chunk in batch.iter_chunks())
        serialize = time.time() - start

        start = time.time()
        batch.submit_all()
        submit = time.time() - start
        result = batch.summary
        stored = result.get('successIndicatorCount', result['successCount'] - groups)
        batch.close()
    return {'n': n, 'build': build, 'serialize': serialize, 'submit': submit, 'bytes': size,
            'jobs': len(result['batchIds']), 'success': result['successCount'], 'errors': result['errorCount'],
            'stored': stored}


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('--sizes', default='100000', help='comma-separated indicator counts (default 100000)')
    parser.add_argument('--chunk-size', type=int, default=25000, help='entities per batch job (default 25000)')
    args = parser.parse_args(argv)
    print('{:>9} {:>9} {:>11} {:>10} {:>12} {:>5} {:>9} {:>7} {:>12}'.format(
        'size', 'build s', 'serialize s', 'submit s', 'submit /s', 'jobs', 'success', 'errors', 'JSON bytes'))
    for size in [int(x) for x in args.sizes.split(',') if x.strip()]:
        temp_path = tempfile.mkdtemp(prefix='tcex-bench-submit-')
        try:
            row = run(size, args.chunk_size, temp_path)
        finally:
            shutil.rmtree(temp_path, ignore_errors=True)
        print('{n:>9} {build:>9.2f} {serialize:>11.2f} {submit:>10.2f} {rate:>12.0f} {jobs:>5} {success:>9} '
              '{errors:>7} {bytes:>12}'.format(rate=(row['success'] / row['submit']) if row['submit'] else 0, **row))
        if row['stored'] != size or row['errors']:
            print('MISMATCH: {} indicators succeeded, {} errors'.format(row['stored'], row['errors']))
            return 1
    return 0


if __name__ == '__main__':
    sys.exit(main())
