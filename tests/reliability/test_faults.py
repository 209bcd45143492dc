# -*- coding: utf-8 -*-
"""Fault suite: every submit step x every fault, against the emulator's fault injection.

Each scenario submits the small feed of :mod:`tests.reliability.feed` (3 groups with a
Document, 5 indicators, one invalid Host; 4 entities per chunk, so 3 batch jobs) with one
fault injected at one step, and checks that the batch ends with every entity stored
exactly once, or with a one-line :class:`~tcex.errors.TcExError` after which a re-run on
the same store (same ``tc_temp_path``) completes with every entity stored exactly once.

The "killed" scenarios run a real App (``apps/fault_app.py``) in a subprocess that sends
itself SIGKILL right after a step, then run it again.

The figures (faults injected, runs, entities sent, stored, lost, duplicated) are printed
at the end of the pytest run (``tests/reliability/conftest.py``).
"""
from __future__ import absolute_import, division, print_function, unicode_literals

import io
import os
import signal
import subprocess
import sys
import time

import pytest
from six.moves.urllib.parse import urlsplit

from tcex.batch import Batch
from tcex.errors import TcExError
from tcex.session import HmacAuth, RetryPolicy, TcSession, TokenAuth
from tcex.testing import ThreatConnectEmulator
from tcex.testing import routes
from tests.reliability import figures
from tests.reliability.feed import BAD_XID, DOC_CONTENT, OWNER, build_feed, census

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
FAULT_APP = os.path.join(HERE, 'apps', 'fault_app.py')

#: The submit steps and the emulator endpoint each one calls.
STEPS = [('create job', 'batch.create'), ('upload data', 'batch.upload'), ('poll', 'batch.status'),
         ('errors', 'batch.errors'), ('file upload', 'file.upload')]
#: The faults: name -> emulator.inject() keywords (None: handled specially).
FAULTS = [('500', {'status': 500}), ('503', {'status': 503}),
          ('429 + Retry-After', {'status': 429, 'retry_after': 7}), ('dropped connection', {'drop': True}),
          ('hang past timeout', {'hang': 1.2}), ('expired token', None), ('expired token + refresh', None)]
READ_TIMEOUT = 0.5
MAX_RUNS = 4


class Sleeps(object):
    """An injectable sleep that records the waits instead of waiting."""

    def __init__(self):
        self.calls = []

    def __call__(self, seconds):
        self.calls.append(seconds)


class StepSession(TcSession):
    """A TcSession that calls ``before(endpoint)`` before each request (to expire the token at a step)."""

    before = None

    def request(self, method, url, *args, **kwargs):  # pylint: disable=arguments-differ
        if self.before is not None:
            path = urlsplit(self.url(url)).path
            self.before(routes.resolve(method.upper(), path[len('/api'):])[0])
        return super(StepSession, self).request(method, url, *args, **kwargs)


def _session(tc, sleeps, token, refresh=False):
    def renew(old):
        return tc.renew_token(), tc.token_expires  # what an App's token_refresh would fetch

    if token:
        auth = TokenAuth(tc.token, tc.token_expires, refresh=renew if refresh else None)
    else:
        auth = HmacAuth(tc.api_access_id, tc.api_secret_key)
    return StepSession(tc.url, auth=auth, timeout=(5, READ_TIMEOUT), sleep=sleeps,
                       retries=RetryPolicy(total=3, backoff_factor=0.01, jitter=0))


def _one_line(exc):
    text = str(exc)
    assert text.strip() and '\n' not in text and 'Traceback' not in text, repr(text)
    return text


def _check(tc, expected, result, reported, scenario):
    found = census(tc, expected)
    assert found['lost'] == 0, (scenario, found)
    assert found['duplicated'] == 0, (scenario, found['duplicated_xids'])
    assert found['stored'] == len(expected)
    assert not found['bad_stored']
    assert found['file'] == DOC_CONTENT, scenario
    assert [u['status'] for u in result['uploads']] == ['Success'], (scenario, result['uploads'])
    reasons = [e.get('errorSource', '') for e in reported]
    assert sum(1 for r in reasons if BAD_XID in r) == 1, (scenario, reported)
    return found


def _record(step, fault, injected, runs, found, outcome):
    figures.FAULTS.append({'step': step, 'fault': fault, 'injected': injected, 'runs': runs,
                           'sent': found['sent'], 'stored': found['stored'], 'lost': found['lost'],
                           'duplicated': found['duplicated'], 'outcome': outcome})


#: Scenarios that currently fail, with the bug (strict: they must be fixed, then these marks removed).
KNOWN_BUGS = {}  # (step, fault name) -> reason, for a fault the SDK does not survive yet


def _matrix():
    for step, endpoint in STEPS:
        for fault_name, fault in FAULTS:
            marks = ()
            if (step, fault_name) in KNOWN_BUGS:
                marks = pytest.mark.xfail(strict=True, reason=KNOWN_BUGS[(step, fault_name)])
            yield pytest.param(step, endpoint, fault_name, fault, marks=marks,
                               id='{}-{}'.format(step, fault_name))


@pytest.mark.parametrize('step,endpoint,fault_name,fault', list(_matrix()))
def test_fault_at_step(step, endpoint, fault_name, fault, tmpdir):
    temp_path = str(tmpdir)
    token = fault is None
    with ThreatConnectEmulator(polls_until_complete=1) as tc:
        sleeps = Sleeps()
        state = {'expired': 0}

        def expire_at_step(seen):
            if seen == endpoint and not state['expired']:
                state['expired'] = 1
                tc.expire_token()  # the emulator now really answers 401 "Unauthorized"

        if fault is not None:
            tc.inject(endpoint, **fault)
        runs, messages, result, expected, reported = 0, [], None, None, []
        while runs < MAX_RUNS and result is None:
            runs += 1
            session = _session(tc, sleeps, token, refresh=fault_name.endswith('refresh'))
            if token and runs == 1:
                session.before = expire_at_step
            batch = Batch(OWNER, attribute_write_type='Append', halt_on_error=False, temp_path=temp_path,
                          store_path='feed.db', session=session, chunk_size=4, poll_interval=0.01,
                          poll_max_interval=0.01, sleep=sleeps)
            expected = build_feed(batch)
            try:
                result = batch.submit_all()
            except TcExError as exc:
                messages.append(_one_line(exc))
            finally:
                batch.close()
            # each result reports the jobs of its own run (and of runs that died before reporting):
            # the bad Host's error must be reported exactly once over all runs
            reported.extend((result or {}).get('errors') or [])
            failed = [u for u in (result or {}).get('uploads') or [] if u.get('status') != 'Success']
            if failed:  # reported in the result (exit code 3): the App is run again, like an error
                messages.append(_one_line(failed[0]['message']))
                result = None
            if result is None and token:
                tc.renew_token()  # the platform passes a fresh token to the next run
        if fault is not None and fault.get('hang'):
            time.sleep(fault['hang'])  # let the emulator finish the request it held, then count
        tc.finish_jobs()  # the platform processes every job that received data, polled or not
        injected = state['expired'] if token else (0 if tc.faults.pending() else 1)
        assert injected == 1, 'the fault was never triggered at {}'.format(endpoint)
        assert result is not None, 'still failing after {} runs: {}'.format(runs, messages)
        try:
            found = _check(tc, expected, result, reported, (step, fault_name))
        except AssertionError:
            known = ' (known bug, xfail)' if (step, fault_name) in KNOWN_BUGS else ''
            _record(step, fault_name, injected, runs, census(tc, expected), 'FAILED' + known)
            raise
        if fault and fault.get('retry_after'):
            assert 7 in sleeps.calls, 'Retry-After was not honoured: {}'.format(sleeps.calls)
        if fault_name.endswith('refresh'):
            assert runs == 1, 'a refreshed token must not need a re-run: {}'.format(messages)
        _record(step, fault_name, injected, runs, found, 'completed' if runs == 1 else 'resumed')


def test_duplicate_detector_sees_a_second_submission(tmpdir):
    """Control: the census must report duplicates when the same data is processed twice."""
    with ThreatConnectEmulator(polls_until_complete=0) as tc:
        for run in (1, 2):
            batch = Batch(OWNER, attribute_write_type='Append', halt_on_error=False,
                          temp_path=str(tmpdir.join(str(run))), session=_session(tc, Sleeps(), False),
                          chunk_size=4, poll_interval=0.01)
            expected = build_feed(batch)
            batch.submit_all()
            batch.close()
        found = census(tc, expected)
        assert found['duplicated'] == len(expected) and found['lost'] == 0


# ---- a real App killed between steps ----------------------------------------------------------
KILL_POINTS = [('create job', 'create'), ('upload data', 'upload'), ('poll', 'poll'), ('errors', 'errors'),
               ('file upload', 'file')]


def _run_app(tc, temp_path, kill_after=None, store=True, extra=()):
    env = dict(os.environ)
    env['PYTHONPATH'] = ROOT + os.pathsep + env.get('PYTHONPATH', '')
    env.pop('FAULT_APP_KILL_AFTER', None)
    if kill_after:
        env['FAULT_APP_KILL_AFTER'] = kill_after
    argv = [sys.executable, FAULT_APP] + tc.app_args() + [
        '--tc_temp_path', os.path.join(temp_path, 'tmp'), '--tc_log_path', os.path.join(temp_path, 'log'),
        '--tc_out_path', os.path.join(temp_path, 'out'), '--batch_poll_interval', '0.01',
        '--batch_poll_max_interval', '0.01', '--batch_chunk_size', '4']
    if store:
        argv += ['--store_name', 'feed.db']
    argv += list(extra)
    proc = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, cwd=temp_path)
    out, err = proc.communicate()
    return proc.returncode, out.decode('utf-8', 'replace'), err.decode('utf-8', 'replace')


def _killed_scenario(step, point, tmpdir, store):
    temp_path = str(tmpdir)
    with ThreatConnectEmulator(polls_until_complete=1) as tc:
        code, out, err = _run_app(tc, temp_path, kill_after=point, store=store)
        assert code == -signal.SIGKILL, (code, out, err)
        tc.finish_jobs()  # the platform goes on processing what it received from the dead App
        code, out, err = _run_app(tc, temp_path, store=store)
        assert code in (0, 3), (code, out, err)
        assert 'Traceback' not in err
        batch = Batch(OWNER, temp_path=os.path.join(temp_path, 'scratch'))
        expected = build_feed(batch)
        batch.close()
        tc.finish_jobs()
        found = census(tc, expected)
        label = 'killed + re-run' + ('' if store else ' (default store)')
        ok = found['lost'] == 0 and found['duplicated'] == 0 and found['file'] == DOC_CONTENT
        _record(step, label, 1, 2, found, 'resumed' if ok else 'FAILED')
        assert found['lost'] == 0, found
        assert found['duplicated'] == 0, found['duplicated_xids']
        assert found['file'] == DOC_CONTENT
        with io.open(os.path.join(temp_path, 'out', 'message.tc'), encoding='utf-8') as handle:
            assert 'succeeded' in handle.read()


@pytest.mark.skipif(not hasattr(signal, 'SIGKILL'), reason='needs POSIX signals')
@pytest.mark.parametrize('step,point', KILL_POINTS, ids=[k[0] for k in KILL_POINTS])
def test_app_killed_after_step_then_rerun(step, point, tmpdir):
    _killed_scenario(step, point, tmpdir, store=True)


@pytest.mark.skipif(not hasattr(signal, 'SIGKILL'), reason='needs POSIX signals')
def test_app_killed_then_rerun_with_default_store(tmpdir):
    """An App that calls ``tcex.batch(owner)`` without ``store_path`` (the documented way)."""
    _killed_scenario('upload data', 'upload', tmpdir, store=False)


# ---- an App adding its metadata unguarded on every run (issue 13, item 1) ------------------------
def _unguarded_scenario(step, point, tmpdir):
    """Kill (or fail) the unguarded App at ``point``, rerun it: nothing sent twice, no extra metadata."""
    temp_path = str(tmpdir)
    extra = ['--unguarded']
    with ThreatConnectEmulator(polls_until_complete=1) as tc:
        if point == 'create-500':
            tc.inject('batch.create', status=500, count=1)
            code, out, err = _run_app(tc, temp_path, extra=extra)
            assert code == 1, (code, out, err)
        else:
            code, out, err = _run_app(tc, temp_path, kill_after=point, extra=extra)
            assert code == -signal.SIGKILL, (code, out, err)
        tc.finish_jobs()
        code, out, err = _run_app(tc, temp_path, extra=extra)
        assert code in (0, 3), (code, out, err)
        batch = Batch(OWNER, temp_path=os.path.join(temp_path, 'scratch'))
        expected = build_feed(batch, guarded=False)
        batch.close()
        tc.finish_jobs()
        found = census(tc, expected)
        ok = found['lost'] == 0 and found['duplicated'] == 0 and found['file'] == DOC_CONTENT
        label = ('failed' if point == 'create-500' else 'killed') + ' + re-run (unguarded metadata)'
        _record(step, label, 1, 2, found, 'resumed' if ok else 'FAILED')
        assert found['lost'] == 0, found
        assert found['duplicated'] == 0, found['duplicated_xids']
        assert found['file'] == DOC_CONTENT
        for xid, jobs in found['processed'].items():
            assert jobs <= 1, (xid, jobs)


UNGUARDED_POINTS = KILL_POINTS + [('create job (500)', 'create-500')]


@pytest.mark.skipif(not hasattr(signal, 'SIGKILL'), reason='needs POSIX signals')
@pytest.mark.parametrize('step,point', UNGUARDED_POINTS, ids=[k[0] for k in UNGUARDED_POINTS])
def test_unguarded_metadata_app_killed_or_failed_then_rerun(step, point, tmpdir):
    _unguarded_scenario(step, point, tmpdir)
