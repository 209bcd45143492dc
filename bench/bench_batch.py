# -*- coding: utf-8 -*-
"""Benchmark: build and serialize a feed with tcex.batch vs plain dicts (and optionally tcex 0.8.29).

Three workloads (see ``bench/feed_data.py``):

* ``feed``: feed-like data with a fixed seed (distinct text per indicator, tags from a pool of
  300, Address/Host/File/URL, ratings as floats, ints and strings, six Group types with
  associations). This is the figure that counts.
* ``addresses``: the shape issue 15 measured: Address indicators only, each with its own
  description, a float rating, one tag and one association to one of many Incidents (less
  metadata per entity than ``feed``, so the SDK's fixed cost per entity weighs more).
* ``repeated``: the old workload, labelled as such: Address indicators that all carry the
  same tag and the same description. It flatters any cache of repeated values.

Times are CPU seconds of the measuring process (``time.process_time``; ``time.clock`` on
Python 2), so a busy machine does not inflate them. Each measurement runs in a fresh
subprocess (peak RSS per run). Records are generated in blocks of 1,000 outside the timed region, with the garbage collector disabled while a
block is generated (so the collections the generator's allocations trigger land in the timed
region, for the SDK and the floor alike). The floor builds the same JSON with plain dicts and
``json.dumps``; for N <= 200,000 the SDK's whole document (``Batch.save``) is compared with
the floor's: byte for byte on Python 3, with sorted keys on Python 2 (unordered dicts).

GC time: Python 3 sums the ``gc.callbacks`` start/stop intervals of the timed phases.
Python 2 has no GC hooks: the SDK run is repeated with the collector disabled and the GC
time is the difference of the two build + serialize times (noisy, marked ``~``).

``--api-floor`` also runs ``bench/api_floor.py``: tcex's builder calls (a call per entity,
attribute, tag and association) writing the floor's JSON as entities arrive, with no
validation and no store: a reference for what an SDK with tcex's API can reach against 0.8.29.

``--before PATH`` measures another tree's ``tcex`` (e.g. an export of an older commit) in the
same runs, interleaved with this one: before and after figures from one run, each against the
same floor and tcex 0.8.29 runs. ``TCEX_BENCH_TREE`` replaces this tree by another one.

tcex 0.8.29: set ``TCEX_BENCH_TCEX029`` to an interpreter that has it installed (a throwaway
venv outside the repo); the same records then go through its ``TcExBatch`` builders (with a
minimal stand-in for the TcEx session) and ``json.dumps`` of each ``batch.data`` chunk.

Usage::

    python bench/bench_batch.py                          # feed, addresses, repeated; 100000 and 1000000
    python bench/bench_batch.py --sizes 100000 --workloads feed
    python bench/bench_batch.py --sizes 100000 --workloads feed --repeat 5   # median of 5 runs
    python bench/bench_batch.py --sizes 100000 --workloads feed --repeat 5 --before /tmp/before

On a shared machine two runs of the same tree can differ by 15% or more: use ``--repeat``.
"""
from __future__ import absolute_import, division, print_function, unicode_literals

import argparse
import gc
import hashlib
import json
import os
import resource
import subprocess
import sys
import tempfile
import time

from bench_report import HEADER, line, median, same_json, total, totals

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
BLOCK = 1000
WORKLOADS = ('feed', 'addresses', 'repeated')  # record generators of feed_data.py
COMPARE_MAX = 200000
# CPU time of this process (user + system), not wall time: the figures must not depend on what
# else the machine runs (shared CI hosts); process_time on Python 3, clock() on Python 2 (Unix).
clock = getattr(time, 'process_time', None) or time.clock


def _records(workload, n):
    """Yield lists of up to BLOCK records, generated with the GC disabled (not timed)."""
    import feed_data
    source = getattr(feed_data, workload)(n)  # one of WORKLOADS: a generator of feed_data
    while True:
        gc.disable()
        block = []
        for record in source:
            block.append(record)
            if len(block) == BLOCK:
                break
        gc.enable()
        if not block:
            return
        yield block
        del block  # before the next one is built: one block alive at a time (peak RSS)


def _peak_mb():
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024.0 * 1024.0) if sys.platform == 'darwin' else peak / 1024.0


class _GcTimer(object):
    """Sum of the collector's pause times via gc.callbacks (Python 3.3+)."""

    def __init__(self):
        self.total = 0.0
        self._start = None
        self.available = hasattr(gc, 'callbacks')
        if self.available:
            gc.callbacks.append(self._callback)

    def _callback(self, phase, info):
        if phase == 'start':
            self._start = clock()
        elif self._start is not None:
            self.total += clock() - self._start
            self._start = None


def _fill(entity, record):
    for attr_type, value, displayed, source in record['attrs']:
        if source is None:
            entity.attribute(attr_type, value, displayed=displayed)
        else:
            entity.attribute(attr_type, value, displayed=displayed, source=source)
    for tag in record['tags']:
        entity.tag(tag)
    for xid in record['assoc']:
        entity.association(xid)


def _build(batch, workload, n, report_kwargs=None):
    """Build every record with a batch's builder methods; return the CPU seconds it took."""
    build = 0.0
    for block in _records(workload, n):
        start = clock()
        for record in block:
            kwargs = dict(record['kwargs'])
            if report_kwargs and record['method'] == 'report':
                for key, value in report_kwargs.items():
                    kwargs.setdefault(key, value)
            entity = getattr(batch, record['method'])(*record['args'], **kwargs)
            _fill(entity, record)
        build += clock() - start
    return build


def run_sdk(workload, n, temp_path, out_path):
    """Build and serialize with tcex.batch; return the timings and the JSON size."""
    from tcex.batch import Batch
    batch = Batch('Bench Org', temp_path=temp_path)
    build = _build(batch, workload, n)
    start = clock()
    size = 0
    with open(out_path, 'wb') as handle:
        for chunk in batch.iter_chunks():
            handle.write(chunk.payload)
            size += len(chunk.payload)
    serialize = clock() - start
    if n <= COMPARE_MAX:  # not timed: the whole document, to compare with the floor's
        batch.save(out_path)
    batch.close()
    return {'build': build, 'serialize': serialize, 'bytes': size}


def _floor_entity(record, sha256):
    if record['kind'] == 'group':
        data = {'name': record['identity'], 'type': record['type']}
    else:
        data = {'summary': record['identity'], 'type': record['type']}
    data['xid'] = sha256('{}-{}'.format(record['type'], record['identity']).encode('utf-8')).hexdigest()
    for key, value in record['fields']:
        data[key] = value
    if record['assoc'] and record['kind'] == 'indicator':
        data['associatedGroups'] = [{'groupXid': xid} for xid in record['assoc']]
    if record['attrs']:
        attributes = data['attribute'] = []
        for attr_type, value, displayed, source in record['attrs']:
            item = {'type': attr_type, 'value': value, 'displayed': displayed}
            if source is not None:
                item['source'] = source
            attributes.append(item)
    if record['tags']:
        data['tag'] = [{'name': tag} for tag in record['tags']]
    if record['assoc'] and record['kind'] == 'group':  # the SDK writes a Group's associations last
        data['associatedGroupXid'] = list(record['assoc'])
    return data


def run_floor(workload, n, out_path):
    """The same JSON with plain dicts and json.dumps; return the timings and the JSON size."""
    sha256 = hashlib.sha256
    groups, indicators = [], []
    build = 0.0
    for block in _records(workload, n):
        start = clock()
        for record in block:
            (groups if record['kind'] == 'group' else indicators).append(_floor_entity(record, sha256))
        build += clock() - start
    start = clock()
    payload = json.dumps({'group': groups, 'indicator': indicators}, separators=(',', ':')).encode('utf-8')
    with open(out_path, 'wb') as handle:
        handle.write(payload)
    serialize = clock() - start
    return {'build': build, 'serialize': serialize, 'bytes': len(payload)}


def run_api_floor(workload, n, out_path):
    """The same records through the API floor (``api_floor.py``); return the timings and the JSON size."""
    from api_floor import ApiFloorBatch
    batch = ApiFloorBatch()
    build = _build(batch, workload, n)
    start = clock()
    payload = batch.payload()
    with open(out_path, 'wb') as handle:
        handle.write(payload)
    return {'build': build, 'serialize': clock() - start, 'bytes': len(payload)}


class _Args(object):
    def __init__(self, temp_path):
        self.tc_temp_path = temp_path


class _TcExStandIn(object):
    """What tcex 0.8.29's TcExBatch reads from its TcEx session, offline."""

    def __init__(self, temp_path):
        import logging
        from tcex.tcex_utils import TcExUtils
        self.args = _Args(temp_path)
        self.indicator_types_data = {}
        self.log = logging.getLogger('tcex029-bench')
        self.utils = TcExUtils()


def run_tcex029(workload, n, temp_path, out_path):
    """The same records through tcex 0.8.29's builders and json.dumps of each batch.data chunk."""
    import tcex
    if os.path.dirname(os.path.dirname(os.path.abspath(tcex.__file__))) == ROOT:
        raise SystemExit('TCEX_BENCH_TCEX029 must point at an interpreter with tcex 0.8.29, not this tree')
    from tcex.tcex_batch_v2 import TcExBatch
    batch = TcExBatch(_TcExStandIn(temp_path), 'Bench Org')
    build = _build(batch, workload, n, report_kwargs={'file_name': None})  # required positionally in 0.8.29
    start = clock()
    size = 0
    with open(out_path, 'wb') as handle:
        while True:
            data = batch.data
            if not data['group'] and not data['indicator']:
                break
            payload = json.dumps(data, separators=(',', ':')).encode('utf-8')
            handle.write(payload)
            size += len(payload)
    serialize = clock() - start
    return {'build': build, 'serialize': serialize, 'bytes': size}


def child(mode, workload, n):
    """Run one measurement and print it as JSON (runs in its own process)."""
    temp = tempfile.mkdtemp(prefix='tcex-bench-')
    out_path = os.path.join(temp, 'out.json')
    if mode == 'sdk-nogc':
        gc.disable()
        gc.enable = lambda: None  # the block generator re-enables it otherwise
    timer = _GcTimer()
    if mode in ('sdk', 'sdk-nogc'):
        result = run_sdk(workload, n, temp, out_path)
    elif mode == 'floor':
        result = run_floor(workload, n, out_path)
    elif mode == 'api':
        result = run_api_floor(workload, n, out_path)
    else:
        result = run_tcex029(workload, n, temp, out_path)
    result['gc'] = timer.total if timer.available else None
    result['mode'] = mode
    result['peak_mb'] = _peak_mb()  # before the comparison below reads the whole JSON back
    result['digest'] = result['canonical'] = None
    if n <= COMPARE_MAX and mode != 'tcex029':
        with open(out_path, 'rb') as handle:
            data = handle.read()
        result['digest'] = hashlib.sha256(data).hexdigest()
        canonical = json.dumps(json.loads(data.decode('utf-8')), sort_keys=True, separators=(',', ':'))
        result['canonical'] = hashlib.sha256(canonical.encode('utf-8')).hexdigest()
    for name in os.listdir(temp):
        path = os.path.join(temp, name)
        if os.path.isfile(path):
            os.remove(path)
    print(json.dumps(result))


def _spawn(mode, workload, n, python, tree=None):
    env = dict(os.environ)
    if mode == 'tcex029':  # its own tcex, not this tree's
        env.pop('PYTHONPATH', None)
        cwd = tempfile.gettempdir()
    else:
        tree = tree or os.environ.get('TCEX_BENCH_TREE') or ROOT  # another checkout's tcex, e.g. a "before" copy
        env['PYTHONPATH'] = tree + os.pathsep + os.environ.get('PYTHONPATH', '')
        cwd = ROOT
    proc = subprocess.Popen([python, os.path.abspath(__file__), '--child', mode, workload, str(n)],
                            stdout=subprocess.PIPE, env=env, cwd=cwd)
    out = proc.communicate()[0]
    if proc.returncode != 0:
        raise SystemExit('{} {} run of {} failed'.format(mode, workload, n))
    return json.loads(out.decode('utf-8').strip().splitlines()[-1])


def _gc_text(run, workload, n, python, tree):
    """The GC column: measured (Python 3), or for the SDK the difference from a run without the collector."""
    if run['gc'] is not None:
        return '{:.2f}'.format(run['gc'])
    if run['mode'] != 'sdk':
        return '-'
    nogc = _spawn('sdk-nogc', workload, n, python, tree=tree)
    return '~{:.2f}'.format(total(run) - total(nogc))


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('--sizes', default='100000,1000000', help='comma-separated indicator counts')
    parser.add_argument('--workloads', default='feed,addresses,repeated', help='feed, addresses and/or repeated')
    parser.add_argument('--python', default=sys.executable, help='interpreter for the runs')
    parser.add_argument('--repeat', type=int, default=1,
                        help='runs of each measurement (interleaved); the run with the median total is shown')
    parser.add_argument('--before', metavar='PATH',
                        help="another tree's tcex (git archive <commit> tcex | tar -x -C PATH), measured in the "
                             'same runs, interleaved with this one: before and after figures from one run')
    parser.add_argument('--api-floor', action='store_true',
                        help="also measure the API floor (bench/api_floor.py): tcex's builder calls with no "
                             'validation and no store, the reference for an SDK with that API')
    parser.add_argument('--child', nargs=3, metavar=('MODE', 'WORKLOAD', 'N'), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        child(args.child[0], args.child[1], int(args.child[2]))
        return 0
    old_python = os.environ.get('TCEX_BENCH_TCEX029')
    print('python {} | CPU s | us/ent = (build+serial)/(indicators+groups) | flgc = floor GC s | ratio = total /'
          ' floor total | vs029 = total / tcex 0.8.29 total{}'.format(
              sys.version.split()[0], '' if old_python else ' (set TCEX_BENCH_TCEX029 to compare)'))
    print(HEADER)
    sys.path.insert(0, HERE)
    import feed_data
    workloads = [w for w in args.workloads.split(',') if w]
    unknown = sorted(set(workloads) - set(WORKLOADS))
    if unknown:
        raise SystemExit('unknown workload {} (known: {})'.format(', '.join(unknown), ', '.join(WORKLOADS)))
    for workload in workloads:
        for n in [int(x) for x in args.sizes.split(',') if x]:
            runs = {'before': [], 'sdk': [], 'api': [], 'floor': [], 'tcex029': []}
            for _ in range(max(1, args.repeat)):  # interleaved: a slow spell of the machine hits them all
                if args.before:
                    runs['before'].append(_spawn('sdk', workload, n, args.python, tree=args.before))
                runs['sdk'].append(_spawn('sdk', workload, n, args.python))
                runs['floor'].append(_spawn('floor', workload, n, args.python))
                if args.api_floor:
                    runs['api'].append(_spawn('api', workload, n, args.python))
                if old_python:
                    runs['tcex029'].append(_spawn('tcex029', workload, n, old_python))
            floor, old = median(runs['floor']), median(runs['tcex029'])
            if args.repeat > 1:
                print('  totals of {} runs: {}sdk {}, floor {}{}{}'.format(
                    args.repeat, 'before ' + totals(runs['before']) + ', ' if args.before else '',
                    totals(runs['sdk']), totals(runs['floor']), ', API floor ' + totals(runs['api']) if runs['api']
                    else '', ', 0.8.29 ' + totals(runs['tcex029']) if old else ''))
            for name, suffix in (('before', ':before'), ('sdk', ''), ('api', ':apifloor')):
                run = median(runs[name])
                if run is None:
                    continue
                run['groups'] = max(1, n // 100) if workload == 'repeated' else feed_data.group_count(n)
                tree = args.before if name == 'before' else None
                print(line(workload + suffix, n, run, floor, old, _gc_text(run, workload, n, args.python, tree)))
                if name != 'before' and run['digest']:
                    print(same_json(name, run, floor))
            sys.stdout.flush()
    return 0


if __name__ == '__main__':
    sys.exit(main())
