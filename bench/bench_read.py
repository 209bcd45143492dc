# -*- coding: utf-8 -*-
"""Benchmark: read N stored Host indicators back, with filters, through ``tcex.ti`` vs a plain loop.

The emulator runs in this process. The N indicators are loaded straight into its
store with ``emulator.store.load_indicators`` (the documented test/bench loader:
N batch uploads would measure the batch side, not reading). Each reader runs in a
fresh subprocess so its peak RSS (``resource.getrusage``) is its own:

* ``tcex``:  ``ThreatIntel.indicators('Host', filters=..., include=())`` consumed item by item;
* ``floor``: a plain ``requests`` loop doing the same paging (``resultStart``/``resultLimit``,
  the same ``filters``) and ``response.json()``.

Both use page size 10,000 (the platform's cap) and token authentication. The
filters (``rating>0``, ``confidence<100``) match every stored indicator, so all N
come back through the server-side filter path.

Usage::

    python bench/bench_read.py                   # N = 1,000,000
    python bench/bench_read.py --size 100000     # quick run
"""
from __future__ import absolute_import, division, print_function, unicode_literals

import argparse
import json
import os
import resource
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
FILTERS = [('rating', '>', 0), ('confidence', '<', 100)]
PAGE = 10000


def _peak_mb():
    """Peak RSS of this process in MB.

    Linux keeps ``ru_maxrss`` across ``exec`` (a reader started by a big parent would
    report the parent's size), so ``VmHWM`` of ``/proc/self/status`` is used there.
    """
    try:
        with open('/proc/self/status') as handle:
            for line in handle:
                if line.startswith('VmHWM:'):
                    return int(line.split()[1]) / 1024.0
    except (IOError, OSError):
        pass
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024.0 * 1024.0) if sys.platform == 'darwin' else peak / 1024.0


def read_tcex(url, token):
    """Read every Host through tcex.ti; return (count, pages, first page s, last page s)."""
    from tcex.session import TcSession
    from tcex.session.auth import TokenAuth
    from tcex.ti import ThreatIntel

    session = TcSession(url, auth=TokenAuth(token))
    times, marks = [], [time.time()]
    original = session.get

    def timed_get(*args, **kwargs):
        response = original(*args, **kwargs)
        now = time.time()
        times.append(now - marks[-1])
        marks.append(now)
        return response

    session.get = timed_get
    count = 0
    for item in ThreatIntel(session, page_size=PAGE).indicators('Host', filters=FILTERS,
                                                                include=()):
        count += 1 if item['summary'] else 0
    return count, len(times), times[0], times[-1]


def read_floor(url, token):
    """The same paging with plain requests; return (count, pages, first page s, last page s)."""
    import requests

    session = requests.Session()
    session.headers['Authorization'] = 'TC-Token {}'.format(token)
    text = ','.join('{}{}{}'.format(*f) for f in FILTERS)
    start = count = 0
    times = []
    while True:
        began = time.time()
        response = session.get('{}/v2/indicators/hosts'.format(url), params={
            'resultStart': start, 'resultLimit': PAGE, 'filters': text}, timeout=(10, 300))
        response.raise_for_status()
        data = response.json()['data']
        items = data['host']
        times.append(time.time() - began)
        for item in items:
            count += 1 if item['hostName'] else 0
        start += len(items)
        if not items or start >= data['resultCount']:
            break
    return count, len(times), times[0], times[-1]


def reader_main(mode, url, token):
    """Subprocess entry: read, then print one JSON line with the figures."""
    began = time.time()
    count, pages, first, last = (read_tcex if mode == 'tcex' else read_floor)(url, token)
    print(json.dumps({'count': count, 'pages': pages, 'seconds': time.time() - began,
                      'first_page': first, 'last_page': last, 'peak_mb': _peak_mb()}))


def _reader(mode, url, token):
    env = dict(os.environ, PYTHONPATH=ROOT)
    output = subprocess.check_output([sys.executable, os.path.abspath(__file__), '--reader', mode,
                                      url, token], env=env)
    return json.loads(output.decode('utf-8').strip().splitlines()[-1])


def main():
    parser = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    parser.add_argument('--size', type=int, default=1000000)
    parser.add_argument('--reader', nargs=3, metavar=('MODE', 'URL', 'TOKEN'),
                        help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.reader:
        return reader_main(*args.reader)
    sys.path.insert(0, ROOT)
    from tcex.testing import ThreatConnectEmulator

    with ThreatConnectEmulator(token_ttl=24 * 3600) as emulator:
        began = time.time()
        emulator.store.load_indicators(emulator.owner, (
            {'type': 'Host', 'summary': 'h{:07d}.example.com'.format(n), 'rating': 1 + n % 5,
             'confidence': n % 100} for n in range(args.size)))
        print('python {}.{}: stored {:,} Host indicators in {:.1f} s (emulator RSS {:.0f} MB)'.format(
            sys.version_info[0], sys.version_info[1], args.size, time.time() - began, _peak_mb()))
        import requests
        began = time.time()
        requests.get('{}/v2/indicators/hosts'.format(emulator.url), params={
            'resultLimit': 1, 'filters': ','.join('{}{}{}'.format(*f) for f in FILTERS)},
            headers={'Authorization': 'TC-Token {}'.format(emulator.token)}).raise_for_status()
        print('emulator: first request of the query (selects the matches once) {:.1f} s'.format(
            time.time() - began))
        print('{:<6} {:>10} {:>6} {:>9} {:>10} {:>11} {:>10} {:>9}'.format(
            'reader', 'items', 'pages', 'seconds', 'items/s', 'first pg s', 'last pg s',
            'peak MB'))
        for mode in ('floor', 'tcex'):
            result = _reader(mode, emulator.url, emulator.token)
            print('{:<6} {:>10,} {:>6} {:>9.1f} {:>10,.0f} {:>11.2f} {:>10.2f} {:>9.1f}'.format(
                mode, result['count'], result['pages'], result['seconds'],
                result['count'] / max(result['seconds'], 1e-9), result['first_page'],
                result['last_page'], result['peak_mb']))
            if result['count'] != args.size:
                print('WARNING: {} read {} of {}'.format(mode, result['count'], args.size))
    return 0


if __name__ == '__main__':
    sys.exit(main())
