# -*- coding: utf-8 -*-
"""One batch job's input as a whole: reading the document and what the job produced.

A job whose input is not a JSON object, nests too deep, has a key that is not an array or
more indicators than allowed fails as a whole (nothing is processed), with the platform's
job-level error entries; :class:`Outcome` collects those and the per-entity ones.
"""
from __future__ import absolute_import, division, print_function, unicode_literals

import json

CRITICAL = 'Encountered an unexpected Exception while processing batch job'
MAX_DEPTH = 64  # JSON nesting the emulator accepts in a batch input


def nesting_exceeds(document, limit):
    """Return True when ``document`` nests containers deeper than ``limit`` (iterative)."""
    stack = [(document, 1)]
    while stack:
        value, depth = stack.pop()
        if depth > limit:
            return True
        if isinstance(value, dict):
            stack.extend((item, depth + 1) for item in value.values()
                         if isinstance(item, (dict, list)))
        elif isinstance(value, list):
            stack.extend((item, depth + 1) for item in value if isinstance(item, (dict, list)))
    return False


class Outcome(object):
    """What processing one job produced.

    Attributes:
        errors (list): ``{"errorReason", "errorSource"}`` entries.
        results (list): ``/results`` entries (code, severity, errorReason, errorMessage).
        counts (dict): success/error counts per kind, and ``unprocessCount``.
    """

    def __init__(self):
        self.errors = []
        self.results = []
        self.counts = {'successGroupCount': 0, 'successIndicatorCount': 0,
                       'errorGroupCount': 0, 'errorIndicatorCount': 0,
                       'successAssociationCount': 0, 'errorAssociationCount': 0,
                       'unprocessCount': 0}

    def error(self, reason, source, code='0x1001', last=''):
        """Record one error entry."""
        self.errors.append({'errorReason': reason, 'errorSource': source})
        self.results.append({'code': code, 'severity': 'Error', 'errorReason': reason,
                             'errorMessage': '{} Last processed {}.'.format(reason, last).strip()})


def read_input(payload, max_indicators, outcome):
    """Return the job's ``(groups, indicators, associations)``, or None when the job fails whole.

    Args:
        payload (bytes|str): The uploaded batch JSON.
        max_indicators (int): Indicators allowed per job.
        outcome (Outcome): Receives the job-level error (and ``unprocessCount``) on failure.
    """
    try:
        if isinstance(payload, bytes):
            payload = payload.decode('utf-8')
        document = json.loads(payload)
        if not isinstance(document, dict):
            raise ValueError('not an object')
        too_deep = nesting_exceeds(document, MAX_DEPTH)
    except (ValueError, RuntimeError):  # RuntimeError: RecursionError on deep nesting
        outcome.error('{}: the batch input is not valid JSON.'.format(CRITICAL), '', code='0x1000')
        return None
    if too_deep:
        outcome.error('{}: the batch input nests deeper than {} levels.'.format(CRITICAL, MAX_DEPTH), '',
                      code='0x1000')
        return None
    groups = document.get('group') or []
    indicators = document.get('indicator') or []
    associations = document.get('association') or []
    if not all(isinstance(x, list) for x in (groups, indicators, associations)):
        outcome.error('{}: group, indicator and association must be arrays.'.format(CRITICAL), '',
                      code='0x1000')
        return None
    if len(indicators) > max_indicators:
        outcome.error('Batch job with {} indicators would exceed the number of allowed '
                      'indicators ({}).'.format(len(indicators), max_indicators), '', code='0x1002')
        outcome.counts['unprocessCount'] = len(groups) + len(indicators)
        return None
    return groups, indicators, associations
