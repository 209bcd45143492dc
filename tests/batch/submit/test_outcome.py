# -*- coding: utf-8 -*-
"""Unit tests of the submit result helpers (no HTTP); the journal is tested in test_journal.py."""
from __future__ import absolute_import, division, print_function, unicode_literals

from tcex.app.exit import ExitCode
from tcex.batch import outcome
from tcex.batch.submit.outcome import aggregate, chunk_line, is_critical
from tcex.batch.submit.states import ChunkState
from tests.batch.submit.test_journal import journal  # noqa: F401  (fixture)


def status(success, failed, unprocessed, **extra):
    body = {'status': 'Completed', 'successCount': success, 'errorCount': failed, 'unprocessCount': unprocessed}
    body.update(extra)
    return body


def test_outcome_all_succeeded_is_success():
    code, summary = outcome(status(10, 0, 0, batchIds=[1, 2]))
    assert code == ExitCode.SUCCESS
    assert summary == 'batch: 10 succeeded, 0 errors, 0 unprocessed in 2 jobs'


def test_outcome_some_errors_is_partial_failure():
    assert outcome(status(9, 1, 0))[0] == ExitCode.PARTIAL_FAILURE
    assert outcome(status(9, 0, 1))[0] == ExitCode.PARTIAL_FAILURE


def test_outcome_nothing_succeeded_is_failure():
    code, summary = outcome(status(0, 1, 9, id=4))
    assert code == ExitCode.FAILURE
    assert summary == 'batch: 0 succeeded, 1 errors, 9 unprocessed in 1 job'


def test_outcome_failed_upload_is_partial_failure():
    result = status(3, 0, 0, uploads=[{'status': 'Success'}, {'status': 'Failed'}])
    code, summary = outcome(result)
    assert code == ExitCode.PARTIAL_FAILURE
    assert summary.endswith('; 1 of 2 files uploaded')


def test_outcome_critical_error_is_failure():
    errors = [{'errorReason': 'Encountered an unexpected Exception while processing batch job', 'errorSource': ''}]
    assert is_critical(errors)
    assert not is_critical([{'errorReason': 'Incident x has an invalid status.'}])
    assert outcome(status(5, 1, 0, critical=True))[0] == ExitCode.FAILURE


def test_outcome_of_nothing_to_send_is_success():
    assert outcome(status(0, 0, 0))[0] == ExitCode.SUCCESS


def test_aggregate_sums_jobs_and_counts_unsent_as_unprocessed(journal):
    book = journal
    one = book.record(['a', 'b'], 0, 2, 10)
    book.update(one, ChunkState.COMPLETED, batch_id=1, result=status(1, 1, 0, errors=[{'errorReason': 'bad'}],
                                                           successIndicatorCount=1))
    two = book.record(['c'], 0, 1, 10)
    book.update(two, ChunkState.COMPLETED, batch_id=2, result=status(1, 0, 0, successIndicatorCount=1))
    result = aggregate(book.chunks(), uploads=[], halted=True, unsent=5)
    assert result['batchIds'] == [1, 2] and result['id'] == 2
    assert (result['successCount'], result['errorCount'], result['unprocessCount']) == (2, 1, 5)
    assert result['successIndicatorCount'] == 2
    assert result['errors'] == [{'errorReason': 'bad'}]
    assert result['halted'] is True and result['unsentCount'] == 5
    assert [c['chunk'] for c in result['chunks']] == [one.seq, two.seq]


def test_chunk_line_has_counts_and_rate():
    line = chunk_line({'chunk': 2, 'batchId': 9, 'status': 'Completed', 'groupCount': 1, 'indicatorCount': 99,
                       'bytes': 5000, 'successCount': 100, 'errorCount': 0, 'unprocessCount': 0, 'sent': 200,
                       'elapsed': 4.0, 'rate': 50.0})
    assert line == ('batch chunk 2: job 9 Completed: 1 groups + 99 indicators (5000 bytes): 100 succeeded, '
                    '0 errors, 0 unprocessed; 200 sent in 4.0 s (50/s)')
