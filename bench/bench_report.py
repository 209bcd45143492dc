# -*- coding: utf-8 -*-
"""The table ``bench_batch.py`` prints: a line per measurement, medians, and the floor comparison."""
from __future__ import absolute_import, division, print_function, unicode_literals

HEADER = ('{:<18} {:>8} {:>7} {:>7} {:>7} {:>8} {:>7} {:>7} {:>6} {:>6} {:>9} {:>7} {:>7} {:>7} {:>7} {:>6}'.format(
    'workload', 'size', 'build', 'serial', 'total', 'gc', 'us/ent', 'floor', 'flgc', 'ratio', 'JSON', 'RSS MB',
    'flRSS', '0.8.29', '029RSS', 'vs029'))


def line(workload, n, run, floor, old, gc_text):
    """One row of the table: a run's figures beside the floor's and tcex 0.8.29's (``old``, or None)."""
    seconds, floor_seconds = total(run), total(floor)
    old_seconds = total(old) if old else None
    entities = n + (run.get('groups') or 0)
    return ('{:<18} {:>8} {:>7.2f} {:>7.2f} {:>7.2f} {:>8} {:>7.2f} {:>7.2f} {:>6} {:>6.2f} {:>9} {:>7.1f} {:>7.1f} '
            '{:>7} {:>7} {:>6}').format(
        workload, n, run['build'], run['serialize'], seconds, gc_text, seconds / entities * 1e6, floor_seconds,
        '-' if floor['gc'] is None else '{:.2f}'.format(floor['gc']), seconds / floor_seconds, run['bytes'],
        run['peak_mb'], floor['peak_mb'], '{:.2f}'.format(old_seconds) if old else '-',
        '{:.1f}'.format(old['peak_mb']) if old else '-', '{:.2f}'.format(seconds / old_seconds) if old else '-')


def total(run):
    return run['build'] + run['serialize']


def median(runs):
    """The run with the median total (the lower middle one of an even count), or None."""
    if not runs:
        return None
    return sorted(runs, key=total)[(len(runs) - 1) // 2]


def totals(runs):
    return ' '.join('{:.2f}'.format(total(run)) for run in runs)


def same_json(name, run, floor):
    """The line that says whether a run wrote the floor's document."""
    what = 'the SDK' if name == 'sdk' else 'the API floor'
    if run['canonical'] and run['canonical'] != floor['canonical']:
        return '  WARNING: {} JSON differs from the floor JSON (bytes {} vs {})'.format(what, run['bytes'], floor['bytes'])
    if run['digest'] and run['digest'] == floor['digest']:
        return '  identical: {} document and the floor document are the same bytes'.format(what)
    return '  identical: {} wrote the same JSON as the floor with sorted keys (key order differs)'.format(what)
