# -*- coding: utf-8 -*-
"""Network edges: a misbehaving proxy on 127.0.0.1 between the SDK and the emulator.

Each scenario submits the fault suite's feed (:mod:`tests.reliability.feed`) through
:class:`~tests.reliability.misbehaving.MisbehavingServer` acting as a proxy in front of the
emulator, with one misbehaviour at one step, and re-runs the App on the same store until
the data is in (at most three runs). Every scenario must end with every entity stored
once, the Document's content uploaded, and any failure reported as one line:

* a status answer trickled one byte at a time stops at the poll phase's deadline;
* ``Retry-After`` that is negative, ``nan``, huge or an HTTP date is bounded and never
  leads to a retry without a wait;
* a 2xx web page (a proxy's login page) instead of the API's JSON is a failure, for the
  data upload and for a Document's file upload.

Waits go through an injectable sleep; the only real waiting is the short poll deadline.
Rows are added to the fault table printed at the end of the run.
"""
from __future__ import absolute_import, division, print_function, unicode_literals

import threading

import pytest

from tcex.batch import Batch
from tcex.errors import TcExError
from tcex.session import HmacAuth, RetryPolicy, TcSession
from tcex.testing import ThreatConnectEmulator
from tests.reliability import figures
from tests.reliability.feed import DOC_CONTENT, DOC_XID, OWNER, build_feed, census
from tests.reliability.misbehaving import MisbehavingServer, Rule

RETRY_AFTER_MAX = 120.0
#: Poll timeout of the trickle scenario (real seconds); the others poll with the default hour.
SHORT_POLL_TIMEOUT = 1.0
MAX_RUNS = 3
STATUS = r'^/api/v2/batch/\d+\?'
UPLOAD = r'^/api/v2/batch/\d+$'
FILE_UPLOAD = r'^/api/v2/groups/documents/[^/]+/upload'

#: (step, fault, rules, words the first run's error must contain or None when run 1 must succeed)
SCENARIOS = [
    ('poll', 'status trickled 1 byte/50 ms', [Rule('GET', STATUS, 'trickle', count=1, interval=0.05)],
     'deadline'),
    ('create job', 'Retry-After: -5', [Rule('POST', r'^/api/v2/batch$', 'status', count=2, status=429,
                                            headers={'Retry-After': '-5'})], None),
    ('create job', 'Retry-After: nan', [Rule('POST', r'^/api/v2/batch$', 'status', count=2, status=429,
                                             headers={'Retry-After': 'nan'})], None),
    ('poll', 'Retry-After: 1e308', [Rule('GET', STATUS, 'status', count=2, status=503,
                                         headers={'Retry-After': '1e308'})], None),
    ('poll', 'Retry-After: past HTTP date', [Rule('GET', STATUS, 'status', count=2, status=503,
                                                  headers={'Retry-After': 'Thu, 01 Jan 1970 00:00:00 GMT'})], None),
    ('poll', 'Retry-After: HTTP date in 9999', [Rule('GET', STATUS, 'status', count=1, status=503,
                                                     headers={'Retry-After': 'Fri, 31 Dec 9999 23:59:59 GMT'})],
     None),
    ('upload data', 'HTML page with 200', [Rule('POST', UPLOAD, 'html', count=1)], 'web page'),
    ('file upload', 'HTML page with 200', [Rule('POST', FILE_UPLOAD, 'html', count=1)], None),
]


class Sleeps(object):
    """An injectable sleep that records the waits instead of waiting."""

    def __init__(self):
        self.calls = []

    def __call__(self, seconds):
        self.calls.append(seconds)


def _submit(tc, proxy, temp_path, sleeps, poll_timeout):
    session = TcSession(proxy.root + '/api', auth=HmacAuth(tc.api_access_id, tc.api_secret_key),
                        timeout=(5, 30), sleep=sleeps,
                        retries=RetryPolicy(total=3, backoff_factor=0.01, jitter=0, retry_after_max=RETRY_AFTER_MAX))
    batch = Batch(OWNER, attribute_write_type='Append', halt_on_error=False, temp_path=temp_path,
                  store_path='feed.db', session=session, chunk_size=4, poll_interval=0.01, poll_max_interval=0.01,
                  poll_timeout=poll_timeout, sleep=Sleeps())
    expected = build_feed(batch)
    try:
        batch.submit_all()
        return expected, None
    except TcExError as exc:
        return expected, exc
    finally:
        batch.close()


def _runs(tc, proxy, temp_path, sleeps, poll_timeout):
    """Run the App until the data and the Document's content are in; return (expected, runs, first error)."""
    errors, expected, runs = [], None, 0
    while runs < MAX_RUNS:
        runs += 1
        expected, error = _submit(tc, proxy, temp_path, sleeps, poll_timeout)
        if error is not None:
            errors.append(error)
            continue
        tc.finish_jobs()
        if tc.file(DOC_XID) is not None:
            break
    return expected, runs, errors


@pytest.mark.parametrize('step,fault,rules,first_error', SCENARIOS, ids=['{}-{}'.format(s[0], s[1]) for s in SCENARIOS])
def test_network_edge(step, fault, rules, first_error, tmpdir):
    outcome = {}
    with ThreatConnectEmulator(polls_until_complete=1) as tc:
        with MisbehavingServer(rules, upstream=tc.url[:-len('/api')]) as proxy:
            sleeps = Sleeps()  # the session's retry waits
            poll_timeout = SHORT_POLL_TIMEOUT if 'trickle' in fault else 3600
            # a hang guard, not a speed check: today's SDK blocks on a trickled answer for minutes
            worker = threading.Thread(target=lambda: outcome.update(zip(('expected', 'runs', 'errors'),
                                                                        _runs(tc, proxy, str(tmpdir), sleeps,
                                                                              poll_timeout))))
            worker.daemon = True
            worker.start()
            worker.join(120)
            assert not worker.is_alive(), 'the submit blocked past its timeouts'
            injected = sum(rule.hits for rule in rules)
            tc.finish_jobs()
            found = census(tc, outcome['expected'])
            row = {'step': 'network: ' + step, 'fault': fault, 'injected': injected, 'runs': outcome['runs'],
                   'sent': found['sent'], 'stored': found['stored'], 'lost': found['lost'],
                   'duplicated': found['duplicated'], 'outcome': 'FAILED'}
            try:
                assert injected == sum(rule.count for rule in rules), 'the misbehaviour was not triggered'
                errors = outcome['errors']
                for error in errors:
                    text = str(error)
                    assert text.strip() and '\n' not in text, repr(text)
                if first_error is None:
                    assert not errors, [str(e) for e in errors]
                else:
                    assert errors and first_error in str(errors[0]), [str(e) for e in errors]
                    assert '127.0.0.1' in str(errors[0]) or 'web page' in str(errors[0])
                assert (found['lost'], found['duplicated']) == (0, 0), found
                assert found['file'] == DOC_CONTENT, 'the Document content was not uploaded'
                assert all(0 < wait <= RETRY_AFTER_MAX for wait in sleeps.calls), sleeps.calls
                refusals = sum(rule.hits for rule in rules if rule.action == 'status')
                assert len(sleeps.calls) >= refusals, 'a refused request was retried without a wait: {}'.format(
                    sleeps.calls)
                if 'HTTP date in 9999' in fault or '1e308' in fault:
                    assert RETRY_AFTER_MAX in sleeps.calls, sleeps.calls
            except AssertionError:
                figures.FAULTS.append(row)
                raise
            row['outcome'] = 'completed' if outcome['runs'] == 1 else 'resumed'
            figures.FAULTS.append(row)
