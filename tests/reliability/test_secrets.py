# -*- coding: utf-8 -*-
"""Secrets: a full App run with HMAC or token credentials, a proxy password and ``.encrypt``
params must not leave any secret value in its outputs, in any form: raw, repr/JSON-escaped,
URL-encoded (``quote``, ``quote_plus``, upper- and lower-case hex), base64 (standard,
URL-safe, inside basic auth) or hex.

The App (``apps/secret_app/app.py``) logs its arguments and every encoded form of its
secrets at debug level, submits a batch to the emulator, fails a request with a wrong
secret, writes results.tc, dumps ``repr()`` of its TcEx, args, session and auth objects,
and ends with an error quoting secrets in several forms. One secret starts with ``-`` and
is passed as a separate argument; one is shorter than 4 characters (not masked, warned
about once). Other scenarios: a secret argument with a bad value (the argparse error),
``tcex run --dry-run``, and an uncaught exception's traceback.
"""
from __future__ import absolute_import, division, print_function, unicode_literals

import base64
import binascii
import io
import json
import os
import re
import shutil
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
FEED_PASSWORD = 'p@ss w0rd:feed/8812%+="\xe9\\'
FEED_TOKEN = '-tok"en\\\xe9%2F+=/x9Q'  # starts with "-", passed as a separate argument
FEED_PIN = 'ab1'  # too short to mask: warned about, left as it is
PROXY_PASSWORD = 'pr0xy:p@ss/word-4471'
SHORT_WARNING = 'is too short to mask safely'


def _repr_body(value):
    text = repr(value)
    return text[1:-1] if text[0] in '"\'' else text[2:-1]  # drop u'' / b'' and the quotes


def forms(secret):
    """The raw secret and every encoded form it could appear in (independent of tcex's masking)."""
    raw = secret.encode('utf-8')
    b64 = base64.b64encode(raw).decode('ascii').rstrip('=')
    hexed = binascii.hexlify(raw).decode('ascii')
    found = set([secret, json.dumps(secret)[1:-1], json.dumps(secret, ensure_ascii=False)[1:-1],
                 _repr_body(secret), _repr_body(raw), b64, base64.urlsafe_b64encode(raw).decode('ascii').rstrip('='),
                 base64.b64encode(b'proxyuser:' + raw).decode('ascii').rstrip('='), hexed, hexed.upper(),
                 secret.encode('ascii', 'backslashreplace').decode('ascii')])
    for encoded in (quote(raw, safe=str('')), quote(raw), quote_plus(raw), quote_plus(raw, safe=str('/'))):
        encoded = encoded.decode('ascii') if isinstance(encoded, bytes) else encoded
        found.update([encoded, re.sub('%[0-9A-F]{2}', lambda m: m.group(0).lower(), encoded)])
    return found


def _env():
    env = dict(os.environ, TCEX_LOG_STDERR='1')
    env['PYTHONPATH'] = ROOT + os.pathsep + env.get('PYTHONPATH', '')
    return env


def _popen(argv, folder):
    if sys.version_info[0] == 2:  # Python 2 passes argv as bytes
        argv = [arg.encode('utf-8') if not isinstance(arg, bytes) else arg for arg in argv]
    proc = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=_env(), cwd=folder)
    out, err = proc.communicate()
    return proc.returncode, out.decode('utf-8', 'replace'), err.decode('utf-8', 'replace')


def _record(scenario, secrets, texts, leaks):
    figures.SECRETS.append({'scenario': scenario, 'secrets': len(secrets), 'places': len(texts),
                            'forms': sum(len(forms(secret)) for secret in secrets), 'found': len(leaks)})


def _run_app(tc, folder, token):
    argv = [sys.executable, APP] + tc.app_args(token=token) + [
        '--tc_log_path', os.path.join(folder, 'log'), '--tc_out_path', os.path.join(folder, 'out'),
        '--tc_temp_path', os.path.join(folder, 'tmp'), '--logging', 'debug',
        '--feed_key', FEED_KEY, '--feed_password', FEED_PASSWORD, '--feed_token', FEED_TOKEN, '--feed_pin', FEED_PIN,
        '--tc_proxy_host', '127.0.0.1', '--tc_proxy_port', '9', '--tc_proxy_username', 'proxyuser',
        '--tc_proxy_password', PROXY_PASSWORD]
    if token:  # HMAC secret passed too (unused), it must still be masked
        argv += ['--api_secret_key', SECRET_KEY]
    return _popen(argv, folder)


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
            secrets = [SECRET_KEY, FEED_KEY, FEED_PASSWORD, FEED_TOKEN, PROXY_PASSWORD] + ([tc.token] if token else [])
            assert tc.indicator('secrets.example.com') is not None, (code, err)  # the App really ran
        RUNS[token] = (_collect(folder, out, err), secrets, code, err)
    return RUNS[token]


@pytest.mark.parametrize('token', [False, True], ids=['hmac', 'token'])
def test_no_secret_in_logs_output_results_or_errors(token, tmpdir_factory):
    texts, secrets, code, err = _app_run(token, tmpdir_factory)
    assert code == 1 and 'error: feed refused key *** (password ***) ' in err, (code, err)
    assert texts['stdout'].count('***') == (7 if token else 6), texts['stdout']  # the JSON dump, masked
    assert 'last_run' in texts['out/results.tc']
    assert 'feed refused key ***' in texts['out/message.tc']
    assert 'list owners failed: API 401' in texts['out/errors.txt']
    assert 'arguments: ' in texts['log/app.log'] and 'feed key ***' in texts['log/app.log']
    searched = dict((k, v) for k, v in texts.items() if k != 'out/reprs.txt')
    leaks = _leaks(searched, secrets)
    _record(('token' if token else 'hmac') + ': app.log, stdout, stderr, *.tc, errors', secrets, searched, leaks)
    assert not leaks, leaks


REPR_OBJECTS = ['tcex', 'session', 'auth', 'proxies', 'batch', 'wrong auth']


@pytest.mark.parametrize('token', [False, True], ids=['hmac', 'token'])
def test_no_secret_in_reprs_of_runtime_objects(token, tmpdir_factory):
    texts, secrets, _, _ = _app_run(token, tmpdir_factory)
    reprs = dict(line.split('\t', 1) for line in texts['out/reprs.txt'].splitlines() if '\t' in line)
    assert sorted(reprs) == sorted(REPR_OBJECTS + ['args'])
    searched = dict((k, v) for k, v in reprs.items() if k != 'args')
    leaks = _leaks(searched, secrets)
    _record(('token' if token else 'hmac') + ': repr() of ' + ', '.join(REPR_OBJECTS), secrets, searched, leaks)
    assert not leaks, leaks


@pytest.mark.parametrize('token', [False, True], ids=['hmac', 'token'])
def test_no_secret_in_repr_of_args(token, tmpdir_factory):
    texts, secrets, _, _ = _app_run(token, tmpdir_factory)
    reprs = dict(line.split('\t', 1) for line in texts['out/reprs.txt'].splitlines() if '\t' in line)
    assert not _leaks({'args': reprs['args']}, secrets)


def test_secret_forms_are_searched():
    """Control: the search would see each encoded form of a secret."""
    encoded = forms(FEED_PASSWORD)
    raw = FEED_PASSWORD.encode('utf-8')
    assert FEED_PASSWORD in encoded and json.dumps(FEED_PASSWORD)[1:-1] in encoded
    assert quote(raw, safe=str('')) in encoded and quote_plus(raw) in encoded
    assert base64.b64encode(raw).decode('ascii').rstrip('=') in encoded
    assert binascii.hexlify(raw).decode('ascii') in encoded
    assert len(encoded) >= 12, sorted(encoded)


@pytest.mark.parametrize('token', [False, True], ids=['hmac', 'token'])
def test_secret_starting_with_dash_is_accepted_and_masked(token, tmpdir_factory):
    texts, _, code, err = _app_run(token, tmpdir_factory)
    assert 'expected one argument' not in err and code == 1, err
    assert re.search(r"""u?'feed_token': u?'\*\*\*'""", texts['log/app.log']), texts['log/app.log']


def test_short_secret_is_not_a_mask_pattern_and_is_warned_once(tmpdir_factory):
    texts = _app_run(False, tmpdir_factory)[0]
    log = texts['log/app.log']
    assert 'a tab1e of results follows' in log  # not "t***e"
    assert log.count(SHORT_WARNING) == 1, log
    assert texts['stderr'].count(SHORT_WARNING) == 1


def test_secret_argument_with_a_bad_value_is_masked_in_the_error(tmpdir):
    """An App's ``secret=True`` argument with ``type=int`` given a bad value: the argparse error shows ***."""
    folder = str(tmpdir)
    bad_level = 'S3cretLevel-77x'
    code, out, err = _popen([sys.executable, APP, '--tc_log_path', 'log', '--tc_out_path', 'out',
                             '--feed_level', bad_level, '--api_secret_key', SECRET_KEY,
                             '--tc_token_expires', SECRET_KEY], folder)
    texts = {'stdout': out, 'stderr': err}
    leaks = _leaks(texts, [bad_level, SECRET_KEY])
    _record('argparse error for a secret argument with a bad value', [bad_level, SECRET_KEY], texts, leaks)
    assert code == 1 and 'Traceback' not in err and err.count('\n') == 1, err
    assert 'argument --' in err and '***' in err, err
    assert not leaks, leaks


def _dry_run_app(tmpdir):
    folder = str(tmpdir.join('app'))
    shutil.copytree(os.path.dirname(APP), folder)
    with io.open(os.path.join(folder, 'tc.conf'), 'w', encoding='utf-8') as handle:
        handle.write('[threatconnect]\ntc_log_path = log\napi_access_id = 1234\n'
                     'api_secret_key = --dash-S3cret-value\ntc_token = -tok-S3cret-2\n'
                     'tc_proxy_password = {}\nfeed_key = {}\nfeed_password = {}\n'.format(
                         PROXY_PASSWORD, FEED_KEY, FEED_PASSWORD))
    return folder


def test_dry_run_masks_every_secret(tmpdir):
    """``tcex run --dry-run``: secrets from tc.conf (one starting with ``--``, one with ``-``) and from
    extra ``--key=value`` / ``--key value`` arguments are all masked."""
    folder = _dry_run_app(tmpdir)
    code, out, err = _popen([sys.executable, '-m', 'tcex', 'run', '--dry-run', os.path.join(folder, 'app.py'),
                             '--', '--feed_token={}'.format(FEED_TOKEN), '--tc_proxy_password', '-x' + SECRET_KEY],
                            str(tmpdir))
    secrets = ['--dash-S3cret-value', '-tok-S3cret-2', PROXY_PASSWORD, FEED_KEY, FEED_PASSWORD, FEED_TOKEN,
               '-x' + SECRET_KEY]
    texts = {'stdout': out, 'stderr': err}
    leaks = _leaks(texts, secrets)
    _record('tcex run --dry-run (tc.conf, --key=value, values starting with -)', secrets, texts, leaks)
    assert code == 0 and "--api_secret_key '***'" in out and "'--feed_token=***'" in out, (out, err)
    assert not leaks, leaks


def test_uncaught_exception_traceback_is_masked(tmpdir):
    """A script using TcEx that dies on a plain exception quoting its secret: the traceback is masked."""
    script = str(tmpdir.join('crash.py'))
    with io.open(script, 'w', encoding='utf-8') as handle:
        handle.write('from six.moves.urllib.parse import quote\nfrom tcex import TcEx\n'
                     'tcex = TcEx(install_conf=False)\nkey = tcex.args.api_secret_key\n'
                     'raise ValueError("boom %s %r %s" % (key, key, quote(key.encode("utf-8"), safe="")))\n')
    code, out, err = _popen([sys.executable, script, '--tc_log_path', 'log', '--api_secret_key', FEED_PASSWORD],
                            str(tmpdir))
    texts = {'stdout': out, 'stderr': err, 'log/app.log': _read(str(tmpdir.join('log', 'app.log')))}
    leaks = _leaks(texts, [FEED_PASSWORD])
    _record('uncaught exception: traceback on stderr', [FEED_PASSWORD], texts, leaks)
    assert code == 1 and 'Traceback' in err and 'ValueError: boom ***' in err, err
    assert not leaks, leaks


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
    _record('proxy in use, proxy down: error, debug log, reprs', [SECRET_KEY, PROXY_PASSWORD], texts, leaks)
    assert not leaks, leaks
