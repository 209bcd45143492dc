# -*- coding: utf-8 -*-
"""tcex.cli.emulated: running an App against an embedded emulator, and the demo command."""
from __future__ import absolute_import, division, print_function, unicode_literals

import io
import json
import os
import subprocess
import sys

import pytest

from tcex.cli import emulated
from tcex.errors import ConfigError
from tests.examples.helpers import EXAMPLES, ROOT, write_tc_conf

PROBE_APP = '''
from __future__ import print_function
import json
import sys
print('ARGV', json.dumps(sys.argv[1:]))
sys.exit(int(sys.argv[sys.argv.index('--exit') + 1]) if '--exit' in sys.argv else 0)
'''


def _probe(folder, conf_lines):
    script = os.path.join(folder, 'probe.py')
    with io.open(script, 'w', encoding='utf-8') as handle:
        handle.write(PROBE_APP)
    with io.open(os.path.join(folder, 'tc.conf'), 'w', encoding='utf-8') as handle:
        handle.write('[threatconnect]\n' + ''.join(line + '\n' for line in conf_lines))
    return script


def _argv(output):
    line = [x for x in output.splitlines() if x.startswith('ARGV ')][0]
    return json.loads(line[len('ARGV '):])


def test_emulator_values_replace_those_of_tc_conf(emulator, tmpdir):
    script = _probe(str(tmpdir), [
        'tc_log_path = log', 'tc_api_path = https://real.example/api', 'api_access_id = 123',
        'api_secret_key = real-secret', 'tc_token = abc', 'tc_proxy_host = proxy.example',
        'api_default_org = Real Org', 'feed = x',
    ])
    out = io.StringIO()
    assert emulated.run_with_emulator(script, out=out, emulator=emulator) == 0
    argv = _argv(out.getvalue())
    assert argv[argv.index('--tc_api_path') + 1] == emulator.url
    assert argv[argv.index('--api_access_id') + 1] == emulator.api_access_id
    assert argv[argv.index('--api_secret_key') + 1] == '***'  # what the App prints is masked
    assert emulator.api_secret_key not in out.getvalue()
    assert argv[argv.index('--api_default_org') + 1] == 'Demo Organization'
    for gone in ('https://real.example/api', '123', 'real-secret', '--tc_token', '--tc_proxy_host', 'Real Org'):
        assert gone not in argv
    assert argv[argv.index('--feed') + 1] == 'x'
    assert os.path.isdir(str(tmpdir.join('log')))


def test_extra_args_come_last_and_the_exit_code_is_returned(emulator, tmpdir):
    script = _probe(str(tmpdir), ['tc_log_path = log'])
    out = io.StringIO()
    code = emulated.run_with_emulator(script, extra_args=['--batch_poll_interval', '7', '--exit', '3'],
                                      out=out, emulator=emulator)
    assert code == 3
    argv = _argv(out.getvalue())
    assert argv[-4:] == ['--batch_poll_interval', '7', '--exit', '3']
    assert argv.index('0.1') < argv.index('7')
    assert 'exited with code 3 (partial failure)' in out.getvalue()


def test_a_new_emulator_is_named_after_the_org_of_tc_conf_and_stopped(tmpdir):
    script = _probe(str(tmpdir), ['api_default_org = Acme Corp'])
    out = io.StringIO()
    assert emulated.run_with_emulator(script, out=out) == 0
    assert '(owner Acme Corp)' in out.getvalue()
    assert 'owner Acme Corp:' in out.getvalue()


def test_missing_script_is_a_config_error(tmpdir):
    with pytest.raises(ConfigError) as info:
        emulated.run_with_emulator(str(tmpdir.join('nope.py')))
    assert 'script not found' in str(info.value)


def test_summary_counts_by_type_and_lists_errors(emulator, tmpdir):
    run_dir = str(tmpdir)
    config = write_tc_conf('manual_submit', run_dir)
    out = io.StringIO()
    emulated.run_with_emulator(os.path.join(EXAMPLES, 'manual_submit', 'app.py'), config=config, out=out,
                               emulator=emulator)
    lines = emulated.summarize(emulator)
    assert lines[0] == 'owner Demo Organization:'
    assert lines[1] == '  groups:          3  (Adversary 1, Document 1, Incident 1)'
    assert lines[2] == '  indicators:      2  (Host 1, URL 1)'
    assert lines[3] == 'files uploaded: 1 (57 bytes)'
    assert lines[4] == 'batch jobs: 1 (1 Completed): 5 succeeded, 1 errors, 0 unprocessed'
    assert lines[5] == 'errors reported by the batch API: 1'
    assert lines[6].startswith('  - Address 203.0.113.77 has new security label Partner Only')


def _env():
    env = dict(os.environ)
    env['PYTHONPATH'] = os.pathsep.join([ROOT] + ([env['PYTHONPATH']] if env.get('PYTHONPATH') else []))
    env['PYTHONIOENCODING'] = 'utf-8'
    return env


def _run_command(args, tmpdir):
    """Run a command as a user would; the feed App writes its folders under tmpdir."""
    extra = ['--tc_log_path', str(tmpdir.join('log')), '--tc_temp_path', str(tmpdir.join('tmp')),
             '--tc_out_path', str(tmpdir.join('out'))]
    process = subprocess.Popen(args + extra, cwd=ROOT, env=_env(), stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    output = process.communicate()[0].decode('utf-8')
    return process.returncode, output


def _check_demo_output(code, output):
    assert code == 0, output
    lines = output.splitlines()
    assert any(line.endswith('read 100 rows') for line in lines)
    assert any('batch chunk 1: job 1 Completed: 5 groups + 412 indicators' in line for line in lines)
    tail = lines[lines.index('== what the emulator stored =='):]
    assert tail[1:] == [
        'owner Demo Organization:',
        '  groups:          5  (Incident 5)',
        '  indicators:    412  (Address 112, File 120, Host 120, URL 60)',
        'files uploaded: 0 (0 bytes)',
        'batch jobs: 1 (1 Completed): 417 succeeded, 0 errors, 0 unprocessed',
        'errors reported by the batch API: none',
    ]


def test_tcex_run_emulator_runs_the_feed_demo_end_to_end(tmpdir):
    code, output = _run_command([sys.executable, '-m', 'tcex', 'run', '--emulator', 'examples/feed_app/app.py'],
                                tmpdir)
    _check_demo_output(code, output)
