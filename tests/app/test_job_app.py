# -*- coding: utf-8 -*-
"""Tests for tcex.app.job_app.JobApp: lifecycle in process, and a real App as a subprocess."""
from __future__ import absolute_import, division, print_function, unicode_literals

import os
import subprocess
import sys

import pytest
import six

from tcex import ExitCode, JobApp, TcEx
from tcex.app.logger import remove_handlers
from tcex.errors import ApiError, ArgumentError
from tests.helpers import read_text as read

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
JOB_APP = os.path.join(ROOT, 'tests', 'fixtures', 'apps', 'job_app')
SECRET = 'qwertyuiopasdfghjklzxcvbnm'
FEED_KEY = 'feed-key-0000-1111'


pytestmark = pytest.mark.usefixtures('isolate_runtime')  # isolate_runtime, paths: tests/conftest.py


class Recorder(JobApp):
    """Records the lifecycle; behaviour set through class attributes."""

    outcome = None
    fail_in = None
    teardown_error = None

    def __init__(self, tcex):
        super(Recorder, self).__init__(tcex)
        self.calls = []

    def add_arguments(self, parser):
        self.calls.append('add_arguments')
        parser.add_argument('--limit', type=int, default=5)

    def setup(self):
        self.calls.append('setup')
        self._maybe_fail('setup')

    def run(self):
        self.calls.append('run:{}'.format(self.args.limit))
        self._maybe_fail('run')
        return self.outcome

    def teardown(self):
        self.calls.append('teardown')
        if self.teardown_error is not None:
            raise self.teardown_error

    def _maybe_fail(self, stage):
        if self.fail_in and self.fail_in[0] == stage:
            raise self.fail_in[1]


def make(paths, extra=(), **attributes):
    cls = type(str('App'), (Recorder,), attributes)
    tcex = TcEx(argv=paths['argv'] + list(extra), install_conf=False)
    return cls(tcex)


def test_lifecycle_order_and_success(paths, capsys):
    app = make(paths, ['--limit', '9'])
    assert app.execute() == (ExitCode.SUCCESS, None)
    assert app.calls == ['add_arguments', 'setup', 'run:9', 'teardown']
    assert capsys.readouterr().err == ''


@pytest.mark.parametrize('outcome, expected', [
    (ExitCode.PARTIAL_FAILURE, ExitCode.PARTIAL_FAILURE), (3, ExitCode.PARTIAL_FAILURE),
    (1, ExitCode.FAILURE), (0, ExitCode.SUCCESS), (42, ExitCode.FAILURE)])
def test_run_return_value_decides(paths, outcome, expected):
    assert make(paths, outcome=outcome).execute()[0] is expected


def test_exit_code_attribute_then_tcex_exit_code(paths):
    app = make(paths)
    app.exit_code = 3
    app.exit_message = 'partial'
    assert app.execute() == (ExitCode.PARTIAL_FAILURE, 'partial')
    app = make(paths)
    app.tcex.exit_code = ExitCode.FAILURE
    assert app.execute()[0] is ExitCode.FAILURE


def test_tcex_error_is_one_line_and_teardown_runs(paths, capsys):
    app = make(paths, ['--api_secret_key', SECRET],
               fail_in=('run', ApiError('refused ' + SECRET, status_code=401)))
    code, message = app.execute()
    assert (code, message) == (ExitCode.FAILURE, 'refused ***')
    assert app.calls[-1] == 'teardown'
    assert capsys.readouterr().err == 'error: refused ***\n'


@pytest.mark.parametrize('exit_value, expected', [
    (None, (ExitCode.SUCCESS, None)), (3, (ExitCode.PARTIAL_FAILURE, None)), (2, (ExitCode.FAILURE, None)),
    ('stopped: key ' + SECRET, (ExitCode.FAILURE, 'stopped: key ' + SECRET))])
def test_sys_exit_in_a_hook_goes_through_tcex_exit(paths, exit_value, expected):
    app = make(paths, ['--api_secret_key', SECRET], fail_in=('run', SystemExit(exit_value)))
    assert app.execute() == expected and app.calls[-1] == 'teardown'
    with pytest.raises(SystemExit) as info:
        app.tcex.exit(*expected)
    assert info.value.code == int(expected[0])
    message = os.path.join(paths['out'], 'message.tc')
    assert (read(message) == 'stopped: key ***') if expected[1] else not os.path.exists(message)


def test_tcex_error_exit_code_is_used(paths):
    app = make(paths, fail_in=('setup', ApiError('partial outage', exit_code=3)))
    assert app.execute()[0] is ExitCode.PARTIAL_FAILURE
    assert 'run:5' not in app.calls and app.calls[-1] == 'teardown'


def test_argument_error_before_setup(paths, capsys):
    app = make(paths, ['--limit', 'many'])
    code, message = app.execute()
    assert code is ExitCode.FAILURE
    assert 'many' in message
    assert app.calls == ['add_arguments', 'teardown']
    err = capsys.readouterr().err
    assert err.startswith('error: argument --limit') and err.count('\n') == 1


def test_unexpected_exception_traceback_only_in_log(paths, capsys):
    app = make(paths, fail_in=('run', ZeroDivisionError('division by zero')))
    code, message = app.execute()
    assert code is ExitCode.FAILURE
    assert message == 'unexpected ZeroDivisionError: division by zero'
    assert capsys.readouterr().err == 'error: unexpected ZeroDivisionError: division by zero\n'
    remove_handlers('tcex')
    text = read(os.path.join(paths['log'], 'app.log'))
    assert 'Traceback' in text and 'ZeroDivisionError' in text


def test_keyboard_interrupt(paths, capsys):
    app = make(paths, fail_in=('run', KeyboardInterrupt()))
    assert app.execute() == (ExitCode.FAILURE, 'interrupted')
    assert app.calls[-1] == 'teardown'
    assert capsys.readouterr().err == 'error: interrupted\n'


def test_teardown_failure_turns_success_into_failure(paths, capsys):
    app = make(paths, teardown_error=RuntimeError('cannot close'))
    code, message = app.execute()
    assert code is ExitCode.FAILURE
    assert 'cannot close' in message
    assert 'cannot close' in capsys.readouterr().err


def test_run_not_implemented_is_failure(paths, capsys):
    app = JobApp(TcEx(argv=paths['argv'], install_conf=False))
    assert app.execute()[0] is ExitCode.FAILURE
    assert 'must implement run()' in capsys.readouterr().err


def test_main_exits_with_code_and_message(paths):
    class Partial(JobApp):
        tcex_class = type(str('NoConfTcEx'), (TcEx,), {})

        def run(self):
            self.exit_message = '1 of 2 failed'
            return 3

    with pytest.raises(SystemExit) as info:
        Partial.main(argv=paths['argv'])
    assert info.value.code == 3
    assert read(os.path.join(paths['out'], 'message.tc')) == '1 of 2 failed'


def test_main_with_bad_install_conf_is_one_line(paths, tmpdir, capsys):
    conf = tmpdir.join('install.conf')
    conf.write('program.main = app.py\nparam.a = 1\nparam.a = 2\n')

    class BadConf(TcEx):
        def find_install_conf(self):
            return str(conf)

    class App(JobApp):
        tcex_class = BadConf

        def run(self):
            return 0

    with pytest.raises(SystemExit) as info:
        App.main(argv=paths['argv'])
    assert info.value.code == 1
    err = capsys.readouterr().err
    assert err.startswith('error: {}:3:'.format(conf)) and err.count('\n') == 1


def test_argument_error_class_is_a_tcex_error():
    assert issubclass(ArgumentError, Exception) and ArgumentError('x').exit_code == 1


# ---------------------------------------------------------------- subprocess: the real thing
def run_app(paths, *extra, **env_extra):
    env = dict(os.environ)
    env['PYTHONPATH'] = ROOT + os.pathsep + env.get('PYTHONPATH', '')
    env['TCEX_LOG_STDERR'] = '0'
    env.update(env_extra)
    command = [sys.executable, os.path.join(JOB_APP, 'app.py')] + list(extra)
    if six.PY2:  # Python 2 passes argv as bytes
        command = [item.encode('utf-8') if isinstance(item, six.text_type) else item
                   for item in command]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
    out, err = process.communicate()
    return process.returncode, out.decode('utf-8'), err.decode('utf-8')


def app_argv(paths, mode, *extra):
    return paths['argv'] + ['--api_access_id', 'id-1', '--api_secret_key', SECRET,
                            '--feed_key', FEED_KEY, '--mode', mode, '--count', '5',
                            '--tags', 'APT|Crimeware', '--logging', 'debug'] + list(extra)


def outputs(paths):
    def maybe(name):
        path = os.path.join(paths['out'], name)
        return read(path) if os.path.exists(path) else None
    log = read(os.path.join(paths['log'], 'app.log'))
    return maybe('results.tc'), maybe('message.tc'), log


def assert_no_secret(*texts):
    for text in texts:
        if text:
            assert SECRET not in text
            assert FEED_KEY not in text


def test_subprocess_success(paths):
    code, out, err = run_app(paths, *app_argv(paths, 'success', '--dry_run'))
    assert (code, out, err) == (0, '', '')
    results, message, log = outputs(paths)
    assert results == 'param.last_run = 5\n'
    assert message == 'processed 5 items'
    assert "tags=['APT', 'Crimeware'] count=5 dry_run=True" in log or \
        "tags=[u'APT', u'Crimeware'] count=5 dry_run=True" in log
    assert 'setup: feed key ***, secret key ***' in log
    assert 'teardown ran' in log
    assert 'exit code 0 (SUCCESS)' in log
    assert_no_secret(log, message, results)


def test_subprocess_partial_failure(paths):
    code, _, err = run_app(paths, *app_argv(paths, 'partial'))
    assert (code, err) == (3, '')
    results, message, log = outputs(paths)
    assert message == '2 of 5 items failed'
    assert results == 'param.last_run = 5\n'
    assert 'WARNING - 2 of 5 items failed' in log


def test_subprocess_failure_return_code(paths):
    code, _, err = run_app(paths, *app_argv(paths, 'fail'))
    assert (code, err) == (1, '')
    assert outputs(paths)[1] == 'feed unavailable'


def test_subprocess_tcex_error_one_line_masked(paths):
    code, out, err = run_app(paths, *app_argv(paths, 'error'))
    assert code == 1
    assert err == 'error: feed refused key ***\n'
    results, message, log = outputs(paths)
    assert message == 'feed refused key ***'
    assert 'teardown ran' in log
    assert_no_secret(err, out, log, message)


def test_subprocess_crash_traceback_in_log_only(paths):
    code, _, err = run_app(paths, *app_argv(paths, 'crash'))
    assert code == 1
    assert err == 'error: unexpected ValueError: bad item with key ***\n'
    log = outputs(paths)[2]
    assert 'Traceback' in log and 'teardown ran' in log
    assert_no_secret(err, log)


def test_subprocess_non_ascii_error_line(paths):
    code, _, err = run_app(paths, *app_argv(paths, 'error', '--feed_key', 'cl\xe9-\u6771\u4eac'))
    assert code == 1
    assert err == 'error: feed refused key ***\n'
    code, _, err = run_app(paths, *app_argv(paths, 'crash', '--api_default_org', 'M\xfcnchen'))
    assert code == 1 and err.startswith('error: unexpected ValueError')


def test_subprocess_interrupt(paths):
    code, _, err = run_app(paths, *app_argv(paths, 'interrupt'))
    assert (code, err) == (1, 'error: interrupted\n')


def test_subprocess_exit_from_run_still_tears_down(paths):
    code, _, err = run_app(paths, *app_argv(paths, 'exit'))
    assert (code, err) == (3, '')
    results, message, log = outputs(paths)
    assert message == 'exited from run'
    assert 'teardown ran' in log


def test_subprocess_stderr_logging_is_masked(paths):
    code, _, err = run_app(paths, *app_argv(paths, 'crash'), TCEX_LOG_STDERR='1')
    assert code == 1
    assert 'setup: feed key ***' in err
    assert 'Traceback' not in err
    assert_no_secret(err)


def test_subprocess_missing_required_value(paths):
    code, out, err = run_app(paths, *(app_argv(paths, 'success') + ['--tc_out_path']))
    assert code == 1
    assert err.startswith('error: argument --tc_out_path') and err.count('\n') == 1
    assert 'Traceback' not in err and out == ''


def test_subprocess_unwritable_out_path(paths, tmpdir):
    blocker = tmpdir.join('blocker')
    blocker.write('x')
    code, _, err = run_app(paths, *(app_argv(paths, 'success') + ['--tc_out_path', str(blocker)]))
    assert code == 1
    assert err == 'error: cannot write {}: {} is not a folder\n'.format(
        os.path.join(str(blocker), 'results.tc'), blocker)


@pytest.mark.parametrize('mode, message', [
    ('error', 'feed refused key ***'),
    ('crash', 'unexpected ValueError: bad item with key ***'),
])
@pytest.mark.parametrize('stderr_logging', ['0', '1'])
def test_subprocess_fatal_error_shown_once_and_logged_once(paths, mode, message, stderr_logging):
    code, out, err = run_app(paths, *app_argv(paths, mode), TCEX_LOG_STDERR=stderr_logging)
    assert code == 1
    assert (out + err).count(message) == 1, err
    assert log_records_with(outputs(paths)[2], message) == 1
    assert outputs(paths)[1] == message  # message.tc


def test_emulated_run_shows_a_fatal_error_once(paths):
    from tcex.cli.emulated import run_with_emulator  # pylint: disable=import-outside-toplevel

    out = six.StringIO()
    code = run_with_emulator(os.path.join(JOB_APP, 'app.py'), extra_args=app_argv(paths, 'error'),
                             out=out)
    assert code == 1
    assert out.getvalue().count('feed refused key ***') == 1, out.getvalue()
    assert log_records_with(outputs(paths)[2], 'feed refused key ***') == 1


def log_records_with(log, text):
    """Count log records (not traceback lines) that contain ``text``."""
    return len([line for line in log.splitlines() if ' - tcex.' in line and text in line])
