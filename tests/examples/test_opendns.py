# -*- coding: utf-8 -*-
"""examples/opendns: the seed App, run with ``tcex run --emulator`` against a local block list double."""
from __future__ import absolute_import, division, print_function, unicode_literals

import io
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import zipfile

import pytest
import six

from tcex import TcEx
from tcex.app.results import read_results_tc
from tcex.cli.emulated import run_with_emulator
from tcex.testing import ThreatConnectEmulator
from tests.examples.helpers import EXAMPLES, ROOT, Run, write_tc_conf
from tests.testing.helpers import Api

KEY = 'x000000x-x0x0-0x00-x000-xx000x00000x'
FOLDER = os.path.join(EXAMPLES, 'opendns')
SCRIPT = os.path.join(FOLDER, 'opendns.py')
GOOD = ['apt-c2.example.com', 'dropper.example.net', 'phish.example.org']


def load_module(name, path):
    """Import a file of examples/opendns as a module (Python 2 and 3)."""
    if six.PY2:  # pragma: no cover - exercised by the py27 tests
        import imp  # pylint: disable=import-outside-toplevel,deprecated-module
        return imp.load_source(name, path)
    import importlib.util  # pylint: disable=import-outside-toplevel
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def load_app_class():
    """Return the example's OpenDnsApp."""
    return load_module('opendns_example', SCRIPT).OpenDnsApp


#: The example's own fake block list API (examples/opendns/fake_blocklist.py).
BlockListDouble = load_module('opendns_fake_blocklist',
                              os.path.join(FOLDER, 'fake_blocklist.py')).BlockListDouble


def host(name, rating, confidence, tags=()):
    return {'type': 'Host', 'summary': name, 'rating': rating, 'confidence': confidence,
            'tag': [{'name': t} for t in tags]}


@pytest.fixture
def emulator():
    with ThreatConnectEmulator(owner='Test & Org', owners=['Subscriber Community'],
                               polls_until_complete=0) as tc:
        yield tc


@pytest.fixture
def stored(emulator):
    api = Api(emulator)
    _, errors = api.run({'indicator': [
        host('apt-c2.example.com', 4, 90, ['APT']), host('phish.example.org', 3, 75),
        host('low-rating.example.com', 2, 90), host('low-confidence.example.com', 5, 60)]})
    assert not errors
    _, errors = api.run({'indicator': [host('dropper.example.net', 5, 100, ['Crimeware']),
                                       host('unrated.example.com', None, 80)]},
                        owner='Subscriber Community')
    assert not errors
    emulator.clear_faults()
    return emulator


def run_app(emulator, folder, double_url, extra=(), **overrides):
    config = write_tc_conf('opendns', folder, **overrides)
    out = io.StringIO()
    code = run_with_emulator(SCRIPT, config=config, out=out, emulator=emulator, extra_args=[
        '--opendns_url', double_url, '--queue_sleep', '0'] + list(extra))
    return Run(code, out.getvalue(), os.path.join(folder, 'out'))


def test_success_sends_qualifying_hosts_and_deletes_stale(stored, tmpdir):
    with BlockListDouble(KEY, domains=['stale.example.com', 'phish.example.org']) as double:
        run = run_app(stored, str(tmpdir), double.url)
    assert run.code == 0, run.output
    assert sorted(double.domains) == GOOD
    assert int(run.results()['last_completed_time']) > 0
    assert '3 domains sent, 0 refused, 1 deleted' in run.message()
    assert KEY not in run.output


def test_partial_failure_when_some_domains_are_refused(stored, tmpdir):
    with BlockListDouble(KEY) as double:
        double.refuse.add('dropper.example.net')
        run = run_app(stored, str(tmpdir), double.url)
    assert run.code == 3, run.output
    assert sorted(double.domains) == ['apt-c2.example.com', 'phish.example.org']
    assert 'block list refused dropper.example.net' in run.output
    assert '3 domains sent, 1 refused' in run.message()


def test_without_delete_stale_domains_stay(stored, tmpdir):
    with BlockListDouble(KEY, domains=['stale.example.com']) as double:
        run = run_app(stored, str(tmpdir), double.url, delete='false')
    assert run.code == 0, run.output
    assert sorted(double.domains) == sorted(GOOD + ['stale.example.com'])
    assert not [r for r in double.requests if r[0] == 'DELETE']


def test_tags_limit_the_read(stored, tmpdir):
    with BlockListDouble(KEY) as double:
        run = run_app(stored, str(tmpdir), double.url, tags='APT|Crimeware')
    assert run.code == 0, run.output
    assert sorted(double.domains) == ['apt-c2.example.com', 'dropper.example.net']


def test_no_matching_indicators(emulator, tmpdir):
    with BlockListDouble(KEY, domains=['stale.example.com']) as double:
        run = run_app(emulator, str(tmpdir), double.url, delete='false')
    assert run.code == 0, run.output
    assert double.domains == ['stale.example.com']
    assert '0 domains sent, 0 refused, 0 deleted' in run.message()
    assert not [r for r in double.requests if r[0] == 'POST']


def test_malformed_filter_stops_before_any_request(stored, tmpdir):
    with BlockListDouble(KEY) as double:
        run = run_app(stored, str(tmpdir), double.url, ratings='>=,high')
    assert run.code == 1
    assert "--ratings: malformed filter '>=,high'" in run.output
    assert double.requests == []
    assert stored.request_count('read.indicators') == 0


def test_block_list_failure_is_exit_1(stored, tmpdir):
    with BlockListDouble('another-key') as double:
        run = run_app(stored, str(tmpdir), double.url)
    assert run.code == 1
    assert 'block list: add domains failed: HTTP 401' in run.output
    assert 'last_completed_time' not in read_results_tc(run.out_path)


@pytest.mark.usefixtures('isolate_runtime')
def test_the_seed_command_line_in_process_with_queue_sleep_injected(stored, paths):
    """The seed's argv as the platform passes it (multi-word values are single items)."""
    app_class = load_app_class()
    waits = []
    with BlockListDouble(KEY, domains=['stale.example.com']) as double:
        argv = paths['argv'] + [
            '--tc_api_path', stored.url, '--api_access_id', stored.api_access_id,
            '--api_default_org', 'Test & Org', '--api_max_results', '300',
            '--api_secret_key', stored.api_secret_key, '--confidences', '>=,75', '--delete',
            '--logging', 'debug', '--opendns_key', KEY, '--owners', 'Subscriber Community',
            '--owners', 'Test & Org', '--queue_sleep', '30', '--ratings', '>=,3.0',
            '--opendns_url', double.url]
        app = app_class(TcEx(argv=argv, install_conf=os.path.join(EXAMPLES, 'opendns',
                                                                  'install.conf')))
        app.sleep = waits.append
        code, message = app.execute()
    assert int(code) == 0, message
    assert waits == [30]
    assert sorted(double.domains) == GOOD
    assert read_results_tc(paths['out'])['last_completed_time']


def readme_commands():
    """Return the commands of the README's ``sh`` block, one string per line."""
    with io.open(os.path.join(FOLDER, 'README.md'), encoding='utf-8') as handle:
        text = handle.read()
    return re.search(r'```sh\n(.*?)```', text, re.S).group(1).strip().splitlines()


def free_port():
    sock = socket.socket()
    sock.bind(('127.0.0.1', 0))
    port = sock.getsockname()[1]
    sock.close()
    return port


def wait_for_line(process):
    """Return the first line the fake block list prints (it serves from then on)."""
    return process.stdout.readline().decode('utf-8')


def test_the_readme_commands_run_end_to_end(tmpdir):
    """The README's commands, as written, on a copy of the folder (only the port differs)."""
    copy, start, run, stop = readme_commands()
    assert copy == 'cp -r examples/opendns /tmp/opendns && cd /tmp/opendns'
    assert start == 'python fake_blocklist.py --port 8080 &' and stop == 'kill %1'
    assert run.startswith('tcex run ')
    folder = os.path.join(str(tmpdir), 'opendns')
    shutil.copytree(FOLDER, folder)
    port = str(free_port())
    env = dict(os.environ)
    env['PYTHONPATH'] = os.pathsep.join([ROOT] + ([env['PYTHONPATH']] if env.get('PYTHONPATH') else []))
    env = dict((str(k), str(v)) for k, v in env.items())
    fake = subprocess.Popen([sys.executable] + start[len('python '):-2].replace('8080', port).split(),
                            cwd=folder, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    try:
        assert 'fake block list: http://127.0.0.1:{}/1.0'.format(port) in wait_for_line(fake)
        command = run[len('tcex '):].replace('8080', port).split()
        app = subprocess.Popen([sys.executable, '-m', 'tcex'] + command, cwd=folder, env=env,
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
        output = app.communicate()[0].decode('utf-8')
    finally:
        fake.send_signal(signal.SIGTERM)
        listed = fake.communicate()[0].decode('utf-8')
    assert app.returncode == 0, output
    assert '3 domains sent, 0 refused, 0 deleted' in output
    assert KEY not in output
    assert 'listed domains: apt-c2.example.com, dropper.example.net, phish.example.org' in listed
    assert int(read_results_tc(os.path.join(folder, 'out'))['last_completed_time']) > 0


def test_the_package_leaves_the_offline_helpers_out(tmpdir, capsys):
    from tcex.cli.main import main
    output = str(tmpdir)
    assert main(['package', FOLDER, '--output', output]) == 0
    (zip_name,) = os.listdir(output)
    with zipfile.ZipFile(os.path.join(output, zip_name)) as archive:
        names = [name for name in archive.namelist() if not name.startswith('lib/')]
    assert names == ['install.conf', 'README.md', 'opendns.py', 'tcex_main.py']
    assert 'left out tc.conf' in capsys.readouterr()[1]
