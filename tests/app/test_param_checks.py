# -*- coding: utf-8 -*-
"""install.json ``required`` and ``validValues`` enforced when the arguments are parsed; an uncaught
exception ending in message.tc (run directly and under ``tcex run --emulator``)."""
from __future__ import absolute_import, division, print_function, unicode_literals

import io
import json
import os
import subprocess
import sys

import pytest
import six

from tcex import TcEx
from tcex.app.install_conf import InstallConf
from tcex.app.install_json import InstallJson
from tcex.errors import ArgumentError
from tests.cli.helpers import ROOT, tcex_subprocess

SECRET = 'secret-value-0123456789'

PARAMS = [
    {'name': 'n', 'type': 'Choice', 'validValues': ['a', 'b'], 'required': True},
    {'name': 'owners', 'type': 'MultiChoice', 'validValues': ['${OWNERS}']},
    {'name': 'kinds', 'type': 'MultiChoice', 'validValues': ['x', 'y']},
    {'name': 'flag', 'type': 'Boolean', 'required': True},
    {'name': 'with_default', 'type': 'String', 'required': True, 'default': 'dd'},
    {'name': 'key', 'type': 'String', 'encrypt': True},
    {'name': 'logging', 'type': 'Choice', 'validValues': ['debug', 'info']},
]

APP = '''from tcex import TcEx
tcex = TcEx()
tcex.log.info('n is %s', tcex.args.n)
if tcex.args.n == 'b':
    raise RuntimeError('feed down, key {}'.format(tcex.args.key))
tcex.exit(0, 'n={}'.format(tcex.args.n))
'''


def install_json(params=None):
    return InstallJson.parse(json.dumps({
        'programMain': 'app', 'programVersion': '1.0.0', 'programLanguage': 'PYTHON',
        'listDelimiter': '|', 'params': PARAMS if params is None else params}))


def args_of(paths, *argv, **kwargs):
    conf = kwargs.get('conf') or install_json()
    return TcEx(argv=paths['argv'] + list(argv), install_conf=conf).args


@pytest.fixture
def run_paths(paths, isolate_runtime):  # pylint: disable=unused-argument
    return paths


def test_valid_values_and_required_are_satisfied(run_paths):
    args = args_of(run_paths, '--n', 'b', '--kinds', 'x|y', '--owners', 'Any Org', '--logging', 'DEBUG')
    assert (args.n, args.kinds, args.owners, args.logging) == ('b', ['x', 'y'], ['Any Org'], 'debug')
    assert args.flag is False and args.with_default == 'dd'  # Boolean never missing; default satisfies


@pytest.mark.parametrize('argv, message', [
    (['--n', 'c'], "argument --n: invalid value 'c' (valid values: a, b)"),
    (['--n', 'a', '--kinds', 'x|z'], "argument --kinds: invalid value 'z' (valid values: x, y)"),
    (['--n', 'a', '--logging', 'warning'], "argument --logging: invalid value 'warning' (valid values: debug, info)"),
    ([], 'required argument missing: --n (install.json declares it required)'),
    (['--n', ''], 'required argument missing: --n (install.json declares it required)'),
    (['--n', 'a', '--with_default', ''],
     'required argument missing: --with_default (install.json declares it required)'),
])
def test_invalid_or_missing_value_is_a_one_line_argument_error(run_paths, argv, message):
    with pytest.raises(ArgumentError) as caught:
        args_of(run_paths, *argv)
    assert str(caught.value) == message


def test_encrypted_value_is_masked_in_the_error(run_paths):
    conf = install_json([{'name': 'key', 'type': 'Choice', 'encrypt': True, 'validValues': ['k1']}])
    with pytest.raises(ArgumentError) as caught:
        args_of(run_paths, '--key', SECRET, conf=conf)
    assert str(caught.value) == "argument --key: invalid value '***' (valid values: k1)"
    assert caught.value.value is None


def test_placeholder_anywhere_in_valid_values_skips_the_check(run_paths):
    conf = install_json([{'name': 'attr', 'type': 'Choice', 'validValues': ['Description', '${ATTRIBUTES}']}])
    assert args_of(run_paths, '--attr', 'Anything', conf=conf).attr == 'Anything'


def test_install_conf_apps_are_not_checked(run_paths):
    conf = InstallConf.parse('program.main=app.py\nparam.n=\nparam.mode=\n')
    args = args_of(run_paths, '--mode', 'anything', conf=conf)
    assert args.n is None and args.mode == 'anything'


# ------------------------------------------------------------------ as a process
@pytest.fixture
def app(tmpdir):
    folder = str(tmpdir.join('app'))
    os.makedirs(folder)
    params = PARAMS[:1] + [{'name': 'key', 'type': 'String', 'encrypt': True}]
    for name, text in (('install.json', install_json(params).data), ('app.py', APP),
                       ('tc.conf', '[threatconnect]\ntc_log_path = log\ntc_out_path = out\n'
                                   'tc_temp_path = tmp\nkey = {}\n'.format(SECRET))):
        with io.open(os.path.join(folder, name), 'w', encoding='utf-8') as handle:
            handle.write(text if isinstance(text, six.text_type) else six.text_type(json.dumps(text)))
    return folder


def run_direct(folder, *argv):
    env = dict(os.environ, PYTHONPATH=ROOT, PYTHONIOENCODING='utf-8')
    process = subprocess.Popen([sys.executable, 'app.py', '--tc_out_path', 'out', '--key', SECRET] + list(argv),
                               cwd=folder, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    out, err = process.communicate()
    return process.returncode, out.decode('utf-8'), err.decode('utf-8')


def message_tc(folder):
    with io.open(os.path.join(folder, 'out', 'message.tc'), encoding='utf-8') as handle:
        return handle.read()


def test_bad_choice_run_directly_is_one_line_exit_1_and_message_tc(app):
    code, out, err = run_direct(app, '--n', 'c')
    expected = "argument --n: invalid value 'c' (valid values: a, b)"
    assert (code, out, err) == (1, '', 'error: {}\n'.format(expected))
    assert message_tc(app) == expected


def test_bad_choice_under_tcex_run_emulator(app):
    code, out, err = tcex_subprocess(['run', '--emulator', os.path.join(app, 'app.py'), '--n', 'c'], cwd=app)
    expected = "argument --n: invalid value 'c' (valid values: a, b)"
    assert code == 1, out + err
    assert ('error: ' + expected) in (out + err) and 'Traceback' not in out + err
    assert message_tc(app) == expected


def test_missing_required_under_tcex_run_emulator(app):
    code, out, err = tcex_subprocess(['run', '--emulator', os.path.join(app, 'app.py')], cwd=app)
    assert code == 1, out + err
    assert 'error: required argument missing: --n' in out + err and 'Traceback' not in out + err


def test_valid_choice_under_tcex_run_emulator(app):
    code, out, err = tcex_subprocess(['run', '--emulator', os.path.join(app, 'app.py'), '--n', 'a'], cwd=app)
    assert code == 0, out + err
    assert message_tc(app) == 'n=a'


def test_uncaught_exception_run_directly_ends_in_message_tc(app):
    code, out, err = run_direct(app, '--n', 'b')
    assert code == 1 and out == ''
    assert 'Traceback' in err and err.rstrip().endswith('RuntimeError: feed down, key ***')
    assert SECRET not in err
    assert message_tc(app) == 'RuntimeError: feed down, key ***'
    with io.open(os.path.join(app, 'log', 'app.log'), encoding='utf-8') as handle:
        log = handle.read()
    assert log.count('uncaught RuntimeError: feed down, key ***') == 1 and SECRET not in log


def test_uncaught_exception_under_tcex_run_emulator_ends_in_message_tc(app):
    code, out, err = tcex_subprocess(['run', '--emulator', os.path.join(app, 'app.py'), '--n', 'b'], cwd=app)
    assert code == 1, out + err
    assert 'RuntimeError: feed down, key ***' in out + err and SECRET not in out + err
    assert message_tc(app) == 'RuntimeError: feed down, key ***'
