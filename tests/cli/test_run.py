# -*- coding: utf-8 -*-
"""Tests for ``tcex run``."""
from __future__ import absolute_import, division, print_function, unicode_literals

import io
import json
import os
import shutil
import sys

import pytest

from tcex.app.masking import MASK
from tcex.cli.main import main
from tests.app.test_tc_conf import SEED_ARGV
from tests.cli.helpers import FIXTURES, tcex_subprocess

ECHO = (
    'import json, os, sys\n'
    'sys.stdout.write(json.dumps({"argv": sys.argv, "cwd": os.getcwd()}) + "\\n")\n'
    'sys.exit(int(os.environ.get("EXIT_CODE", "0")))\n'
)

#: What the echoing seed App prints under ``tcex run``: its secret masked.
MASKED_SEED_ARGV = [MASK if arg == 'qwertyuiopasdfghjklzxcvbnm' else arg for arg in SEED_ARGV]


@pytest.fixture
def opendns(tmp_path):
    folder = str(tmp_path / 'opendns')
    shutil.copytree(os.path.join(FIXTURES, 'opendns'), folder)
    return folder


def write(path, text):
    with io.open(path, 'w', encoding='utf-8') as handle:
        handle.write(text)


@pytest.fixture
def echo_app(tmp_path):
    folder = tmp_path / 'echo'
    folder.mkdir()
    write(str(folder / 'echo.py'), ECHO)
    write(str(folder / 'tc.conf'), '[threatconnect]\ntc_out_path = out\nname = Test & Org\n')
    return str(folder)


def test_opendns_called_as_the_seed_shows(opendns, capfd):
    assert main(['run', os.path.join(opendns, 'opendns.py')]) == 0
    out, err = capfd.readouterr()
    assert json.loads(out) == MASKED_SEED_ARGV  # the App printed its secret: masked
    assert err == ''
    for name in ('log', 'tmp', 'out'):
        assert os.path.isdir(os.path.join(opendns, name))


def test_same_interpreter_cwd_extra_args_and_exit_code(echo_app, capfd, monkeypatch):
    monkeypatch.setenv(str('EXIT_CODE'), str('3'))
    assert main(['run', os.path.join(echo_app, 'echo.py'), '--more', 'x y']) == 3
    result = json.loads(capfd.readouterr()[0])
    assert result['argv'] == ['echo.py', '--tc_out_path', 'out', '--name', 'Test & Org', '--more', 'x y']
    assert os.path.realpath(result['cwd']) == os.path.realpath(echo_app)


def test_config_option(echo_app, tmp_path, capfd):
    other = str(tmp_path / 'other.conf')
    write(other, '[threatconnect]\nfrom_other = 1\n')
    assert main(['run', '--config', other, os.path.join(echo_app, 'echo.py')]) == 0
    assert json.loads(capfd.readouterr()[0])['argv'] == ['echo.py', '--from_other', '1']


def test_dry_run_masks_secrets(opendns, capsys):
    assert main(['run', '--dry-run', os.path.join(opendns, 'opendns.py')]) == 0
    out = capsys.readouterr()[0]
    lines = out.splitlines()
    assert lines[0] == 'cd {}'.format(opendns)
    assert lines[1].startswith(sys.executable + ' opendns.py --tc_log_path log')
    assert "--api_secret_key '***'" in lines[1]
    assert 'qwertyuiop' not in out
    assert "--owners 'Subscriber Community' --owners 'Test & Org'" in lines[1]
    assert not os.path.isdir(os.path.join(opendns, 'out'))


def test_missing_script(tmp_path, capsys):
    script = str(tmp_path / 'nope.py')
    assert main(['run', script]) == 1
    assert capsys.readouterr()[1] == 'tcex run: error: {}: script not found\n'.format(script)


def test_missing_tc_conf(echo_app, capsys):
    os.remove(os.path.join(echo_app, 'tc.conf'))
    assert main(['run', os.path.join(echo_app, 'echo.py')]) == 1
    err = capsys.readouterr()[1]
    assert err.startswith(
        'tcex run: error: {}: cannot read tc.conf'.format(os.path.join(echo_app, 'tc.conf'))
    )
    assert len(err.splitlines()) == 1


def test_malformed_tc_conf(echo_app, capsys):
    write(os.path.join(echo_app, 'tc.conf'), '[threatconnect]\na = 1\noops\n')
    assert main(['run', os.path.join(echo_app, 'echo.py')]) == 1
    assert capsys.readouterr()[1] == (
        "tcex run: error: {}:3: malformed line 'oops': expected 'key = value'\n".format(
            os.path.join(echo_app, 'tc.conf')
        )
    )


def test_install_conf_with_errors_refused(echo_app, capsys):
    write(os.path.join(echo_app, 'install.conf'), 'program.main = echo.py\nallow.onDemand = perhaps\n')
    assert main(['run', os.path.join(echo_app, 'echo.py')]) == 1
    assert capsys.readouterr()[1] == (
        "tcex run: error: {}:2: invalid value 'perhaps' for allow.onDemand: "
        "expected true or false\n".format(os.path.join(echo_app, 'install.conf'))
    )


def test_subprocess_runs_and_returns_exit_code(opendns):
    code, out, err = tcex_subprocess(['run', 'opendns.py'], cwd=opendns)
    assert code == 0, err
    assert json.loads(out) == MASKED_SEED_ARGV
    assert 'Traceback' not in err


def test_subprocess_missing_script(tmp_path):
    code, out, err = tcex_subprocess(['run', 'missing.py'], cwd=str(tmp_path))
    assert code == 1
    assert out == ''
    assert err == 'tcex run: error: missing.py: script not found\n'


def test_non_ascii_values_reach_the_script(echo_app):
    write(os.path.join(echo_app, 'tc.conf'), '[threatconnect]\nowner = Zürich Org\n')
    code, out, err = tcex_subprocess(['run', 'echo.py', '--x', 'é'], cwd=echo_app)
    assert code == 0, err
    argv = json.loads(out)['argv'][1:]
    assert argv == ['--owner', 'Zürich Org', '--x', 'é']
