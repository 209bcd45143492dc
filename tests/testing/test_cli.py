# -*- coding: utf-8 -*-
"""``tcex emulator`` run as a subprocess."""
from __future__ import absolute_import, division, print_function, unicode_literals

import os
import signal
import subprocess
import sys
import threading

from tests.testing.helpers import Api

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


class _Creds(object):
    def __init__(self, values):
        self.url = values['tc_api_path']
        self.api_access_id = values['api_access_id']
        self.api_secret_key = values['api_secret_key']
        self.token = values['tc_token']


def _ignore_sigint():
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # as a background job of a script starts


def _start(*args, **options):
    env = dict(os.environ, PYTHONPATH=ROOT + os.pathsep + os.environ.get('PYTHONPATH', ''),
               PYTHONUNBUFFERED='1')
    process = subprocess.Popen([sys.executable, '-m', 'tcex', 'emulator'] + list(args),
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, cwd=ROOT,
                               preexec_fn=_ignore_sigint if options.get('sigint_ignored') else None)
    values = {}
    for _ in range(20):
        line = process.stdout.readline().decode('utf-8')
        if not line or line.startswith('Serving'):
            break
        key, _, value = line.partition(': ')
        values[key] = value.strip()
    return process, values


def _stop(process, signum):
    process.send_signal(signum)
    watchdog = threading.Timer(30, process.kill)  # a signal it does not act on fails the test, not the run
    watchdog.start()
    try:
        out, err = process.communicate()
    finally:
        watchdog.cancel()
    return process.returncode, out.decode('utf-8'), err.decode('utf-8')


def test_cli_serves_until_sigterm():
    process, values = _start('--owner', 'My Org')
    try:
        assert values['tc_api_path'].startswith('http://127.0.0.1:')
        assert values['api_default_org'] == 'My Org'
        api = Api(_Creds(values))
        owners = api.get('/v2/owners').json()['data']['owner']
        assert owners[0]['name'] == 'My Org'
        assert api.get('/v2/whoami', mode='token').status_code == 200
    finally:
        code, out, err = _stop(process, signal.SIGTERM)
    assert code == 0, err
    assert 'Emulator stopped.' in out


def test_cli_exits_cleanly_on_sigint():
    process, values = _start('--port', '0')
    assert 'api_secret_key' in values
    code, _, err = _stop(process, signal.SIGINT)
    assert code == 0, err


def test_cli_stops_on_sigint_when_started_with_it_ignored():
    process, values = _start('--port', '0', sigint_ignored=True)
    assert 'api_secret_key' in values
    code, out, err = _stop(process, signal.SIGINT)
    assert code == 0, err
    assert 'Emulator stopped.' in out


def test_cli_adds_owners_and_loads_indicators(tmpdir):
    seed = tmpdir.join('hosts.json')
    seed.write('{"Seeded Community": [{"type": "Host", "summary": "bad.example.com", "rating": 3}],'
               ' "My Org": [{"type": "Address", "summary": "192.0.2.1"}]}')
    process, values = _start('--owner', 'My Org', '--add-owner', 'Empty Source', '--load', str(seed))
    try:
        api = Api(_Creds(values))
        names = [o['name'] for o in api.get('/v2/owners').json()['data']['owner']]
        assert names == ['My Org', 'Empty Source', 'Seeded Community']
        hosts = api.get('/v2/indicators/hosts', query={'owner': 'Seeded Community'}).json()
        assert [h['hostName'] for h in hosts['data']['host']] == ['bad.example.com']
        addresses = api.get('/v2/indicators/addresses', query={'owner': 'My Org'}).json()
        assert [a['ip'] for a in addresses['data']['address']] == ['192.0.2.1']
    finally:
        code, out, err = _stop(process, signal.SIGTERM)
    assert code == 0, err


def test_cli_bad_load_file_is_one_line_error(tmpdir):
    seed = tmpdir.join('hosts.json')
    seed.write('{"My Org": [{"type": "Host"}]}')
    env = dict(os.environ, PYTHONPATH=ROOT + os.pathsep + os.environ.get('PYTHONPATH', ''))
    process = subprocess.Popen([sys.executable, '-m', 'tcex', 'emulator', '--load', str(seed)],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, cwd=ROOT)
    out, err = process.communicate()
    assert process.returncode == 1
    assert err.decode('utf-8') == (
        "tcex emulator: error: {}: owner 'My Org' indicator 1: needs a 'type' and a 'summary'\n".format(seed))
