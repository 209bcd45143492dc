# -*- coding: utf-8 -*-
"""Hostile or odd inputs at the App's edges: results.tc injection, flags that say false,
command-line values that are not UTF-8 or start with ``-``, out-of-range numbers, NUL bytes."""
from __future__ import absolute_import, division, print_function, unicode_literals

import io
import os
import subprocess
import sys
from collections import OrderedDict

import pytest
import six

from tcex import TcEx
from tcex.app.install_conf import InstallConf
from tcex.app.results import read_results_tc, write_results_tc
from tcex.app.tc_conf import build_argv, parse_tc_conf, read_tc_conf
from tcex.errors import ConfigError, TcExError, ValidationError
from tcex.session import TcSession

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))

#: The one true/false vocabulary (tcex.utils.booleans), spelled out so the test stands on its own.
TRUE_WORDS = ('true', 't', 'yes', 'y', 'on', '1')
FALSE_WORDS = ('false', 'f', 'no', 'n', 'off', '0')

#: Every separator str.splitlines() splits on (Python 3).
SEPARATORS = ['\n', '\r', '\r\n', '\x0b', '\x0c', '\x1c', '\x1d', '\x1e', '\x85', '\u2028', '\u2029']


def _parse(tmpdir, argv, install_conf=False):
    args = list(argv) + ['--tc_log_path', str(tmpdir.join('log')), '--tc_out_path', str(tmpdir.join('out'))]
    return TcEx(argv=args, install_conf=install_conf).args


# ---- 13.5 results.tc cannot be injected ----------------------------------------------------------
@pytest.mark.parametrize('separator', SEPARATORS, ids=[repr(s) for s in SEPARATORS])
def test_results_tc_refuses_every_line_separator(separator, tmpdir):
    out = str(tmpdir)
    write_results_tc(out, 'last_run', 'before')
    value = 'x' + separator + 'param.api_secret_key = injected'
    assert len(value.splitlines()) == 2  # Python itself sees two lines
    with pytest.raises(ValidationError) as info:
        write_results_tc(out, 'last_run', value)
    assert 'line break' in str(info.value) and '\n' not in str(info.value)
    assert read_results_tc(out) == {'last_run': 'before'}


@pytest.mark.parametrize('separator', SEPARATORS, ids=[repr(s) for s in SEPARATORS])
def test_results_tc_refuses_separators_in_keys(separator, tmpdir):
    with pytest.raises(ValidationError):
        write_results_tc(str(tmpdir), 'a' + separator + 'b', 'v')


def test_results_tc_is_read_with_the_rule_it_is_written_with(tmpdir):
    """A file another writer left with a Unicode separator is split there, on Python 2 and 3 alike."""
    out = str(tmpdir)
    with io.open(os.path.join(out, 'results.tc'), 'w', encoding='utf-8', newline='') as handle:
        handle.write('param.a = 1\u2028param.b = 2\x85param.c = 3\r\nparam.d = 4\x1cparam.e = 5\n')
    assert read_results_tc(out) == {'a': '1', 'b': '2', 'c': '3', 'd': '4', 'e': '5'}
    write_results_tc(out, 'b', 'two')
    assert read_results_tc(out) == {'a': '1', 'b': 'two', 'c': '3', 'd': '4', 'e': '5'}


# ---- 13.6 flags honour false ---------------------------------------------------------------------
PROXY = ('[threatconnect]\ntc_api_path = https://tc.example/api\napi_access_id = 1\n'
         'api_secret_key = s3cret-key\ntc_proxy_host = 10.0.0.1\ntc_proxy_port = 3128\n')


@pytest.mark.parametrize('word', sorted(FALSE_WORDS) + ['', 'False', ' NO '])
def test_tc_conf_proxy_flags_false_leave_the_proxy_off(word, tmpdir):
    values = parse_tc_conf(PROXY + 'tc_proxy_tc = {0}\ntc_proxy_external = {0}\n'.format(word))
    args = _parse(tmpdir, build_argv(values))
    assert args.tc_proxy_tc is False and args.tc_proxy_external is False
    assert not TcSession.from_args(args).proxies


@pytest.mark.parametrize('word', sorted(TRUE_WORDS) + ['True', ' YES '])
def test_tc_conf_proxy_flags_true_turn_the_proxy_on(word, tmpdir):
    values = parse_tc_conf(PROXY + 'tc_proxy_tc = {0}\ntc_proxy_external = {0}\n'.format(word))
    argv = build_argv(values)
    assert '--tc_proxy_tc' in argv and '--tc_proxy_external' in argv
    args = _parse(tmpdir, argv)
    assert args.tc_proxy_tc is True and args.tc_proxy_external is True
    assert TcSession.from_args(args).proxies


@pytest.mark.parametrize('option', ['--tc_proxy_tc', '--tc_proxy_external', '--dry_run'])
def test_flag_given_false_on_the_command_line_is_false(option, tmpdir):
    conf = InstallConf.parse('program.main = app.py\nparam.dry_run.flag\n')
    assert getattr(_parse(tmpdir, [option, 'false'], conf), option[2:]) is False
    assert getattr(_parse(tmpdir, [option], conf), option[2:]) is True


def test_one_vocabulary_everywhere(tmpdir):
    """install.conf flag properties, install.conf flag defaults, tc.conf flags and arguments agree."""
    from tcex.utils import booleans

    assert sorted(booleans.TRUE_WORDS) == sorted(TRUE_WORDS) and sorted(booleans.FALSE_WORDS) == sorted(FALSE_WORDS)
    for word, expected in [(w, True) for w in TRUE_WORDS] + [(w, False) for w in FALSE_WORDS]:
        conf = InstallConf.parse('program.main = app.py\nparam.tags = a\nparam.tags.list = {0}\n'
                                 'param.on = {0}\nparam.on.flag\n'.format(word))
        assert not conf.errors, (word, conf.errors)
        assert conf.params['tags'].is_list is expected, word
        assert ('--on' in build_argv(OrderedDict([('on', word)]), conf)) is expected, word
        assert _parse(tmpdir, [], conf).on is expected, word
        assert _parse(tmpdir, ['--on', word], conf).on is expected, word
    with pytest.raises(ConfigError):
        build_argv(OrderedDict([('tc_proxy_tc', 'maybe')]))


# ---- 13.8 / 13.10 command-line values -------------------------------------------------------------
def _run(argv, tmpdir, script=None):
    script = script or 'from tcex import TcEx\nt = TcEx(install_conf=False)\nt.log.info("args %r", t.args)\n' \
                       'print(t.args.api_secret_key)\n'
    path = str(tmpdir.join('app.py'))
    with io.open(path, 'w', encoding='utf-8') as handle:
        handle.write(script)
    command = [sys.executable, path, '--tc_log_path', str(tmpdir.join('log'))]
    if six.PY2:
        command = [item.encode('utf-8') for item in command]
    env = dict(os.environ, TCEX_LOG_STDERR='1', PYTHONPATH=ROOT, LC_ALL='C.UTF-8', LANG='C.UTF-8')
    proc = subprocess.Popen(command + list(argv), stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env,
                            cwd=str(tmpdir))
    out, err = proc.communicate()
    return proc.returncode, out.decode('utf-8', 'replace'), err.decode('utf-8', 'replace')


@pytest.mark.parametrize('value', [b'caf\xe9', b'\xff\xfe', b'ok\xed\xa0\x80'], ids=['latin-1', 'bom', 'surrogate'])
def test_argument_that_is_not_utf8_is_one_line(value, tmpdir):
    code, out, err = _run([b'--api_default_org', value], tmpdir)
    assert code == 1, (out, err)
    assert err.count('\n') == 1 and 'Traceback' not in err and 'Logging error' not in err, err
    assert 'not valid UTF-8' in err and 'argument 4 (the value of --api_default_org)' in err, err


@pytest.mark.parametrize('value', ['-abc', '--looks-like-an-option', '-', '-1'])
def test_value_starting_with_dash_as_a_separate_argument(value, tmpdir):
    args = _parse(tmpdir, ['--api_secret_key', value, '--tc_token', value, '--api_access_id', 'id'])
    assert args.api_secret_key == value and args.tc_token == value and args.api_access_id == 'id'


def test_value_starting_with_dash_in_a_real_run(tmpdir):
    code, out, err = _run(['--api_secret_key', '-S3cret-dash'], tmpdir)
    assert code == 0 and out == '-S3cret-dash\n', (out, err)


def test_missing_value_before_a_known_option_is_still_an_error(tmpdir):
    with pytest.raises(TcExError) as info:
        _parse(tmpdir, ['--api_secret_key', '--tc_token', 'x'])
    assert 'expected one argument' in str(info.value)


@pytest.mark.parametrize('value', ['1e400', '-1e400', 'nan', 'inf'])
def test_token_expires_out_of_range_is_one_line(value, tmpdir):
    code, out, err = _run(['--tc_token_expires', value], tmpdir)
    assert code == 1 and err.count('\n') == 1 and 'Traceback' not in err, err
    assert 'tc_token_expires' in err and value in err, err


def test_nul_byte_in_tc_conf_is_one_line(tmpdir):
    path = str(tmpdir.join('tc.conf'))
    with io.open(path, 'w', encoding='utf-8') as handle:
        handle.write('[threatconnect]\ntc_log_path = log\napi_secret_key = ab\x00cd\n')
    with pytest.raises(ConfigError) as info:
        read_tc_conf(path)
    assert str(info.value).startswith(path + ':3: ') and 'NUL' in str(info.value)
    env = dict(os.environ, PYTHONPATH=ROOT)
    with io.open(str(tmpdir.join('app.py')), 'w', encoding='utf-8') as handle:
        handle.write('print("ran")\n')
    proc = subprocess.Popen([sys.executable, '-m', 'tcex', 'run', str(tmpdir.join('app.py'))],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, cwd=str(tmpdir))
    out, err = proc.communicate()
    err = err.decode('utf-8', 'replace')
    assert proc.returncode != 0 and err.count('\n') == 1 and 'NUL' in err and 'Traceback' not in err, err
