# -*- coding: utf-8 -*-
"""Figures the reliability suites record; ``conftest.py`` prints them at the end of the run.

The suites append to these module-level collections while they run; the
``pytest_terminal_summary`` hook in ``tests/reliability/conftest.py`` turns them into
tables in the plain ``pytest -q`` output (so CI logs show them).
"""
from __future__ import absolute_import, division, print_function, unicode_literals

import collections
import os

#: One dict per fault scenario: step, fault, injected, runs, sent, stored, lost, duplicated, outcome.
FAULTS = []
#: target name -> number of generated cases tried.
FUZZ = collections.OrderedDict()
#: One dict per secrets scenario: scenario, secrets, forms (encoded forms searched), places (texts), found.
SECRETS = []
#: One dict per limit case: case, outcome, rss_growth_mb.
LIMITS = []


def fuzz_examples(default=60):
    """Return the fuzz budget per target: ``TCEX_FUZZ_EXAMPLES`` or ``default`` (CI size)."""
    value = os.environ.get('TCEX_FUZZ_EXAMPLES', '').strip()
    try:
        return max(1, int(value)) if value else default
    except ValueError:
        return default


def count_case(target):
    """Count one generated case tried for ``target``."""
    FUZZ[target] = FUZZ.get(target, 0) + 1


def _table(headers, rows):
    widths = [len(h) for h in headers]
    for row in rows:
        widths = [max(w, len(str(c))) for w, c in zip(widths, row)]
    line = '  '.join('{:<%d}' % w for w in widths)
    out = [line.format(*headers), line.format(*['-' * w for w in widths])]
    out.extend(line.format(*[str(c) for c in row]) for row in rows)
    return out


def report_lines():
    """Return the summary lines (empty when no reliability test recorded anything)."""
    lines = []
    if FAULTS:
        lines.append('fault suite: {} scenarios'.format(len(FAULTS)))
        rows = [(x['step'], x['fault'], x['injected'], x['runs'], x['sent'], x['stored'], x['lost'],
                 x['duplicated'], x['outcome']) for x in FAULTS]
        totals = ('TOTAL', '', sum(x['injected'] for x in FAULTS), sum(x['runs'] for x in FAULTS),
                  sum(x['sent'] for x in FAULTS), sum(x['stored'] for x in FAULTS),
                  sum(x['lost'] for x in FAULTS), sum(x['duplicated'] for x in FAULTS), '')
        lines.extend(_table(('step', 'fault', 'faults injected', 'runs', 'entities sent', 'stored', 'lost',
                             'duplicated', 'outcome'), rows + [totals]))
    if FUZZ:
        lines.append('fuzz suite: {} cases tried'.format(sum(FUZZ.values())))
        lines.extend(_table(('target', 'cases'), list(FUZZ.items())))
    if SECRETS:
        lines.append('secrets suite:')
        lines.extend(_table(('scenario', 'secret values', 'forms searched', 'texts searched',
                             'leaks found'),
                            [(x['scenario'], x['secrets'], x.get('forms', ''), x['places'], x['found'])
                             for x in SECRETS]))
    if LIMITS:
        lines.append('input limits:')
        lines.extend(_table(('case', 'outcome', 'RSS growth (MB)'),
                            [(x['case'], x['outcome'], '{:.1f}'.format(x['rss_growth_mb'])) for x in LIMITS]))
    return lines
