# -*- coding: utf-8 -*-
"""Secrets: a full App run with HMAC or token credentials, a proxy password and ``.encrypt``
params must not leave any secret value (raw, base64 or URL-encoded) in its outputs.

The App (``apps/secret_app/app.py``) logs its arguments at debug level, submits a batch to
the emulator, fails a request with a wrong secret, writes results.tc, dumps ``repr()`` of
its TcEx, args, session and auth objects, and ends with an error quoting two secrets.
"""
from __future__ import absolute_import, division, print_function, unicode_literals

import base64
import io
import os
import subprocess
import sys

import pytest
from six.moves.urllib.parse import quote, quote_plus

from tcex.testing import ThreatConnectEmulator
from tests.reliability import figures

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
APP = os.path.join(HERE, 'apps', 'secret_app', 'app.py')

SECRET_KEY = 'S3cr3t/Key+With=Odd&Chars-7f3a91c2'
FEED_KEY = 'feedkey-9b8e7d6c5b4a-UNIQUE'
FEED_PASSWORD = 'p@ss w0rd:feed/8812'
PROXY_PASSWORD = 'pr0xy:p@ss/word-4471'


def forms(secret):
    """The raw secret and the encoded forms it could appear in."""
    raw = secret.encode('utf-8')
    return set([secret, base64.b64encode(raw).decode('ascii'), quote(secret, safe=''), quote_plus(secret)])


def _run_app(tc, folder, token):
    argv = [sys.executable, APP] + tc.app_args(token=token) + [
        '--tc_log_path', os.path.join(folder, 'log'), '--tc_out_path', os.path.join(folder, 'out'),
        '--tc_temp_path', os.path.join(folder, 'tmp'), '--logging', 'debug',
        '--feed_key', FEED_KEY, '--feed_password', FEED_PASSWORD,
        '--tc_proxy_host', '127.0.0.1', '--tc_proxy_port', '9', '--tc_proxy_username', 'proxyuser',
        '--tc_proxy_password', PROXY_PASSWORD]
    if token:  # HMAC secret passed too (unused), it must still be masked
        argv += ['--api_secret_key', SECRET_KEY]
    env = dict(os.environ, TCEX_LOG_STDERR='1')
    env['PYTHONPATH'] = ROOT + os.pathsep + env.get('PYTHONPATH', '')
    proc = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, cwd=folder)
    out, err = proc.communicate()
    return proc.returncode, out.decode('utf-8', 'replace'), err.decode('utf-8', 'replace')


def _read(path):
    with io.open(path, encoding='utf-8', errors='replace') as handle:
        return handle.read()


def _collect(folder, out, err):
    texts = {'stdout': out, 'stderr': err}
    for name in ('log/app.log', 'out/results.tc', 'out/message.tc', 'out/errors.txt', 'out/reprs.txt'):
        path = os.path.join(folder, name)
        assert os.path.isfile(path), '{} was not written'.format(name)
        texts[name] = _read(path)
    return texts


def _leaks(texts, secrets):
    leaks = []
    for place, text in sorted(texts.items()):
        for secret in secrets:
            for form in forms(secret):
                if form in text:
                    leaks.append('{}: {!r} (a form of {!r}...)'.format(place, form, secret[:6]))
    return leaks


RUNS = {}


def _app_run(token, tmpdir_factory):
    """Run the App once per credential kind; return (texts, secrets, exit code, stderr)."""
    if token not in RUNS:
        folder = str(tmpdir_factory.mktemp('secret-app'))
        with ThreatConnectEmulator(api_secret_key=SECRET_KEY, polls_until_complete=0) as tc:
            code, out, err = _run_app(tc, folder, token)
            secrets = [SECRET_KEY, FEED_KEY, FEED_PASSWORD, PROXY_PASSWORD] + ([tc.token] if token else [])
            assert tc.indicator('secrets.example.com') is not None, (code, err)  # the App really ran
        RUNS[token] = (_collect(folder, out, err), secrets, code, err)
    return RUNS[token]


@pytest.mark.parametrize('token', [False, True], ids=['hmac', 'token'])
def test_no_secret_in_logs_output_results_or_errors(token, tmpdir_factory):
    texts, secrets, code, err = _app_run(token, tmpdir_factory)
    assert code == 1 and 'error: feed refused key *** (password ***)' in err, (code, err)
    assert 'last_run' in texts['out/results.tc']
    assert 'feed refused key ***' in texts['out/message.tc']
    assert 'list owners failed: API 401' in texts['out/errors.txt']
    assert 'arguments: ' in texts['log/app.log'] and 'feed key ***' in texts['log/app.log']
    searched = dict((k, v) for k, v in texts.items() if k != 'out/reprs.txt')
    leaks = _leaks(searched, secrets)
    figures.SECRETS.append({'scenario': ('token' if token else 'hmac') + ': logs, stdout, stderr, *.tc, errors',
                            'secrets': len(secrets), 'places': len(searched), 'found': len(leaks)})
    assert not leaks, leaks


REPR_OBJECTS = ['tcex', 'session', 'auth', 'proxies', 'batch', 'wrong auth']


@pytest.mark.parametrize('token', [False, True], ids=['hmac', 'token'])
def test_no_secret_in_reprs_of_runtime_objects(token, tmpdir_factory):
    texts, secrets, _, _ = _app_run(token, tmpdir_factory)
    reprs = dict(line.split('\t', 1) for line in texts['out/reprs.txt'].splitlines() if '\t' in line)
    assert sorted(reprs) == sorted(REPR_OBJECTS + ['args'])
    leaks = _leaks(dict((k, v) for k, v in reprs.items() if k != 'args'), secrets)
    figures.SECRETS.append({'scenario': ('token' if token else 'hmac') + ': repr() of ' + ', '.join(REPR_OBJECTS),
                            'secrets': len(secrets), 'places': len(REPR_OBJECTS), 'found': len(leaks)})
    assert not leaks, leaks


@pytest.mark.parametrize('token', [False, True], ids=['hmac', 'token'])
def test_no_secret_in_repr_of_args(token, tmpdir_factory):
    texts, secrets, _, _ = _app_run(token, tmpdir_factory)
    reprs = dict(line.split('\t', 1) for line in texts['out/reprs.txt'].splitlines() if '\t' in line)
    assert not _leaks({'args': reprs['args']}, secrets)


def test_secret_forms_are_searched():
    """Control: the search would see a base64 or URL-encoded secret."""
    encoded = forms(FEED_PASSWORD)
    assert quote(FEED_PASSWORD, safe='') in encoded and FEED_PASSWORD in encoded
    assert base64.b64encode(FEED_PASSWORD.encode('utf-8')).decode('ascii') in encoded


def test_proxy_password_stays_out_of_errors_and_logs_when_the_proxy_is_used():
    """With ``tc_proxy_tc`` on and the proxy down: the error and the debug log name no password."""
    import argparse
    import logging

    from tcex.errors import ApiError
    from tcex.session import TcSession

    records = []

    class Collect(logging.Handler):
        def emit(self, record):
            records.append(self.format(record))

    handler = Collect(level=logging.DEBUG)
    logger = logging.getLogger('tcex')
    old_level = logger.level
    logger.addHandler(handler)
    logger.setLevel(logging.DEBUG)
    try:
        args = argparse.Namespace(tc_api_path='http://127.0.0.1:9/api', api_access_id='1234',
                                  api_secret_key=SECRET_KEY, tc_token=None, tc_proxy_tc=True,
                                  tc_proxy_host='127.0.0.1', tc_proxy_port=9, tc_proxy_username='proxyuser',
                                  tc_proxy_password=PROXY_PASSWORD, tc_verify=True)
        session = TcSession.from_args(args, retries=1, sleep=lambda seconds: None)
        with pytest.raises(ApiError) as info:
            session.get('/v2/owners')
        texts = {'error': str(info.value), 'log': '\n'.join(records), 'repr': repr(session) + repr(session.auth)}
    finally:
        logger.removeHandler(handler)
        logger.setLevel(old_level)
    assert 'connection failed' in texts['error'] or 'timed out' in texts['error'], texts['error']
    leaks = _leaks(texts, [SECRET_KEY, PROXY_PASSWORD])
    figures.SECRETS.append({'scenario': 'proxy in use, proxy down: error, debug log, reprs', 'secrets': 2,
                            'places': len(texts), 'found': len(leaks)})
    assert not leaks, leaks
