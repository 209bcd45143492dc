# -*- coding: utf-8 -*-
"""Tests of tcex/testing/job_input.py: a job's input read as a whole, and its Outcome."""
from __future__ import absolute_import, division, print_function, unicode_literals

import json

import pytest

from tcex.testing.job_input import CRITICAL, MAX_DEPTH, Outcome, nesting_exceeds, read_input


def nested(depth):
    document = {}
    for _ in range(depth - 1):
        document = {'x': document}
    return document


def test_nesting_is_measured_in_containers():
    assert not nesting_exceeds(nested(MAX_DEPTH), MAX_DEPTH)
    assert nesting_exceeds(nested(MAX_DEPTH + 1), MAX_DEPTH)
    assert nesting_exceeds({'a': [[{'b': []}]]}, 4) and not nesting_exceeds({'a': [[{'b': 1}]]}, 4)


def test_a_valid_input_gives_its_three_arrays():
    outcome = Outcome()
    payload = json.dumps({'group': [{'xid': 'g'}], 'indicator': [{'x': 1}, {'x': 2}]}).encode('utf-8')
    assert read_input(payload, 2, outcome) == ([{'xid': 'g'}], [{'x': 1}, {'x': 2}], [])
    assert outcome.errors == [] and outcome.results == []


@pytest.mark.parametrize('payload, reason', [
    (b'{"group": [', 'the batch input is not valid JSON.'),
    (b'[1, 2]', 'the batch input is not valid JSON.'),
    (b'\xff', 'the batch input is not valid JSON.'),
    (json.dumps(nested(MAX_DEPTH + 1)), 'the batch input nests deeper than 64 levels.'),
    ('{"group": {"a": 1}}', 'group, indicator and association must be arrays.'),
])
def test_an_unreadable_input_fails_the_job_with_one_critical_error(payload, reason):
    outcome = Outcome()
    assert read_input(payload, 10, outcome) is None
    assert outcome.errors == [{'errorReason': '{}: {}'.format(CRITICAL, reason), 'errorSource': ''}]
    assert outcome.results[0]['code'] == '0x1000' and outcome.counts['unprocessCount'] == 0


def test_too_many_indicators_leave_every_entity_unprocessed():
    outcome = Outcome()
    payload = json.dumps({'group': [{}], 'indicator': [{}, {}, {}]})
    assert read_input(payload, 2, outcome) is None
    assert outcome.errors[0]['errorReason'] == ('Batch job with 3 indicators would exceed the number of '
                                                'allowed indicators (2).')
    assert outcome.results[0]['code'] == '0x1002' and outcome.counts['unprocessCount'] == 4


def test_outcome_error_entries():
    outcome = Outcome()
    outcome.error('Bad.', 'x is not valid.', last="group[0] 'x'")
    assert outcome.errors == [{'errorReason': 'Bad.', 'errorSource': 'x is not valid.'}]
    assert outcome.results == [{'code': '0x1001', 'severity': 'Error', 'errorReason': 'Bad.',
                                'errorMessage': "Bad. Last processed group[0] 'x'."}]
