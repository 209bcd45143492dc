# -*- coding: utf-8 -*-
"""examples/manual_submit against the emulator: the Option 2 cycle and error retrieval."""
from __future__ import absolute_import, division, print_function, unicode_literals

from tests.examples.helpers import run_example


def test_manual_cycle_retrieves_the_rejected_record(emulator, tmpdir):
    run = run_example('manual_submit', emulator, str(tmpdir))
    assert run.code == 3, run.output
    # one job, created without halting on error, holding all six entities
    assert len(emulator.batch_jobs) == 1
    job = emulator.batch_jobs[0]
    assert job['config']['haltOnError'] is False
    assert (job['batchStatus']['successCount'], job['batchStatus']['errorCount']) == (5, 1)
    # the steps ran in order
    positions = [run.output.index('step {}:'.format(n)) for n in (1, 2, 3, 4, 5)]
    assert positions == sorted(positions)
    assert 'step 4: rejected: Address 203.0.113.77 has new security label Partner Only' in run.output
    # everything but the invalid record is stored
    assert emulator.indicator('203.0.113.77') is None
    host = emulator.indicator('login-portal.example')
    assert host['associatedGroups'] == [{'groupXid': 'example-incident'}]
    assert emulator.indicator('https://login-portal.example/sso/verify.php') is not None
    incident = emulator.group('example-incident')
    assert incident['status'] == 'Open'
    assert sorted(incident['associatedGroupXid']) == ['example-adversary', 'example-kit-notes']
    assert emulator.file('example-kit-notes') == b'The kit posts harvested credentials to /sso/collect.php.\n'
    assert run.message() == 'batch: 5 succeeded, 1 errors, 0 unprocessed in 1 job; 1 of 1 files uploaded'


def test_manual_cycle_without_the_invalid_record_succeeds(emulator, tmpdir):
    run = run_example('manual_submit', emulator, str(tmpdir), with_invalid_record=None)
    assert run.code == 0, run.output
    assert 'step 4' not in run.output
    assert emulator.batch_jobs[0]['batchStatus']['successCount'] == 5
    assert len(emulator.indicators()) == 2 and len(emulator.groups()) == 3


def test_manual_cycle_waits_for_a_slow_job(emulator, tmpdir):
    emulator.polls_until_complete = 3
    run = run_example('manual_submit', emulator, str(tmpdir), with_invalid_record=None)
    assert run.code == 0, run.output
    assert emulator.request_count('batch.status') >= 4
