# -*- coding: utf-8 -*-
"""Tests for tcex.tcex.TcEx."""
from __future__ import absolute_import, division, print_function, unicode_literals

import logging
import os
import subprocess
import sys

import pytest

from tcex import ExitCode, TcEx
from tcex.app.args import TcArgumentParser
from tcex.app.install_conf import InstallConf
from tcex.app.logger import remove_handlers
from tcex.errors import ArgumentError, BatchError, ConfigError, TcExError
from tests.helpers import read_text as read

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
OPENDNS_CONF = os.path.join(HERE, 'fixtures', 'opendns', 'install.conf')
PLAIN_APP = os.path.join(HERE, 'fixtures', 'apps', 'plain_app')
SECRET = 'qwertyuiopasdfghjklzxcvbnm'


pytestmark = pytest.mark.usefixtures('isolate_runtime')  # isolate_runtime, paths: tests/conftest.py


def log_text(paths):
    remove_handlers('tcex')  # closes (flushes) the file
    return read(os.path.join(paths['log'], 'app.log'))


def test_app_arguments_added_before_args_are_read(paths):
    tcex = TcEx(argv=paths['argv'] + ['--feed_url', 'https://feed.example'], install_conf=False)
    tcex.parser.add_argument('--feed_url')
    assert tcex.args.feed_url == 'https://feed.example'
    assert tcex.unknown_args == []


def test_arguments_are_parsed_lazily_and_errors_repeat(paths):
    tcex = TcEx(argv=paths['argv'] + ['--tc_proxy_port', 'abc'], install_conf=False)
    assert isinstance(tcex.parser, TcArgumentParser)
    for _ in range(2):
        with pytest.raises(ArgumentError) as info:
            tcex.args  # pylint: disable=pointless-statement
        assert 'abc' in str(info.value)
    assert tcex.log.name == 'tcex.app'  # usable for error handling
    assert not os.path.exists(paths['log'])


def test_missing_required_value_is_argument_error(paths):
    tcex = TcEx(argv=['--tc_out_path', paths['out'], '--tc_log_path'], install_conf=False)
    with pytest.raises(ArgumentError) as info:
        tcex.args  # pylint: disable=pointless-statement
    assert '--tc_log_path' in str(info.value)


def test_default_argv_is_sys_argv(paths, monkeypatch):
    monkeypatch.setattr(sys, 'argv', ['app.py'] + paths['argv'] + ['--api_default_org', 'Test & Org'])
    tcex = TcEx(install_conf=False)
    assert tcex.args.api_default_org == 'Test & Org'


def test_install_conf_found_next_to_main_script(paths, monkeypatch, tmpdir):
    monkeypatch.setattr(sys, 'argv', [os.path.join(PLAIN_APP, 'app.py')] + paths['argv'])
    monkeypatch.chdir(str(tmpdir))
    tcex = TcEx()
    assert os.path.abspath(tcex.install_conf.path) == os.path.join(PLAIN_APP, 'install.conf')
    assert tcex.args.mode == 'raise'


def test_install_conf_found_in_cwd(paths, monkeypatch, tmpdir):
    folder = tmpdir.mkdir('app')
    folder.join('install.conf').write('program.main = app.py\nparam.region = eu\n')
    monkeypatch.setattr(sys, 'argv', [os.path.join(str(tmpdir), 'nowhere', 'x.py')])
    monkeypatch.chdir(str(folder))
    tcex = TcEx(argv=paths['argv'])
    assert tcex.args.region == 'eu'


def test_install_conf_as_path_object_or_false(paths):
    assert TcEx(argv=paths['argv'], install_conf=OPENDNS_CONF).install_conf.list_delimiter == '|'
    conf = InstallConf.load(OPENDNS_CONF)
    assert TcEx(argv=paths['argv'], install_conf=conf).install_conf is conf
    assert TcEx(argv=paths['argv'], install_conf=False).install_conf is None


def test_install_conf_with_errors_refuses_to_start(tmpdir):
    path = tmpdir.join('install.conf')
    path.write('program.main = app.py\nthis line is bad\n')
    with pytest.raises(ConfigError) as info:
        TcEx(argv=[], install_conf=str(path))
    assert '{}:2:'.format(path) in str(info.value)


def test_unreadable_install_conf_is_config_error(tmpdir):
    with pytest.raises(ConfigError):
        TcEx(argv=[], install_conf=os.path.join(str(tmpdir), 'missing.conf'))


def test_log_file_at_level_with_secrets_masked(paths):
    conf = InstallConf.parse('param.feed_key =\nparam.feed_key.encrypt\n')
    argv = paths['argv'] + ['--logging', 'debug', '--api_secret_key', SECRET, '--tc_token', 'tok-123',
                            '--tc_proxy_password', 'pw-456', '--feed_key', 'feed-789']
    tcex = TcEx(argv=argv, install_conf=conf)
    assert tcex.secrets >= {SECRET, 'tok-123', 'pw-456', 'feed-789'}
    tcex.log.debug('debug line')
    tcex.log.info('creds %s %s %s %s', SECRET, 'tok-123', 'pw-456', 'feed-789')
    tcex.secrets.add('added-later')
    logging.getLogger('tcex.batch').warning('batch says added-later')
    assert tcex.mask('x feed-789 y') == 'x *** y'
    text = log_text(paths)
    assert 'debug line' in text
    assert 'creds *** *** *** ***' in text
    assert 'batch says ***' in text
    for secret in (SECRET, 'tok-123', 'pw-456', 'feed-789', 'added-later'):
        assert secret not in text


def test_level_filters_records(paths):
    tcex = TcEx(argv=paths['argv'] + ['--tc_log_level', 'error'], install_conf=False)
    tcex.log.warning('hidden warning')
    tcex.log.error('shown error')
    text = log_text(paths)
    assert 'shown error' in text and 'hidden warning' not in text


def test_unknown_arguments_logged_by_name_only(paths):
    tcex = TcEx(argv=paths['argv'] + ['--surprise', 'sensitive-value'], install_conf=False)
    assert tcex.unknown_args == ['--surprise', 'sensitive-value']
    text = log_text(paths)
    assert '--surprise' in text
    assert 'sensitive-value' not in text


def test_tc_verify_false_warns(paths):
    tcex = TcEx(argv=paths['argv'] + ['--tc_verify', 'false'], install_conf=False)
    assert tcex.args.tc_verify is False
    assert 'verification is off' in log_text(paths)


def test_recreating_tcex_does_not_duplicate_handlers(paths):
    for _ in range(3):
        tcex = TcEx(argv=paths['argv'], install_conf=False)
        tcex.log.info('line')
    count = len(logging.getLogger('tcex').handlers)
    tcex.log.info('final line')
    assert len(logging.getLogger('tcex').handlers) == count
    assert log_text(paths).count('final line') == 1


def test_results_tc_and_undeclared_warning(paths):
    tcex = TcEx(argv=paths['argv'], install_conf=OPENDNS_CONF)
    tcex.results_tc('queue_sleep', 30)
    tcex.results_tc('tags', ['APT', 'Crimeware'])
    tcex.results_tc('queue_sleep', 45)
    tcex.results_tc('not_declared', 1)
    assert read(os.path.join(paths['out'], 'results.tc')) == (
        'param.queue_sleep = 45\nparam.tags = APT|Crimeware\nparam.not_declared = 1\n')
    text = log_text(paths)
    assert "'not_declared' is not a param of install.conf" in text
    assert "'queue_sleep' is not a param" not in text


def test_results_tc_unwritable_out_path(paths, tmpdir):
    blocker = tmpdir.join('blocker')
    blocker.write('x')
    out = os.path.join(str(blocker), 'out')
    tcex = TcEx(argv=['--tc_log_path', paths['log'], '--tc_out_path', out], install_conf=False)
    with pytest.raises(TcExError) as info:
        tcex.results_tc('a', 1)
    assert out in str(info.value)


@pytest.mark.parametrize('code, expected', [
    (None, 0), (0, 0), (1, 1), (3, 3), (ExitCode.PARTIAL_FAILURE, 3), (7, 1)])
def test_exit_codes(paths, code, expected):
    tcex = TcEx(argv=paths['argv'], install_conf=False)
    with pytest.raises(SystemExit) as info:
        tcex.exit(code)
    assert info.value.code == expected
    assert not os.path.exists(os.path.join(paths['out'], 'message.tc'))


def test_exit_uses_settable_exit_code(paths):
    tcex = TcEx(argv=paths['argv'], install_conf=False)
    assert tcex.exit_code is ExitCode.SUCCESS
    tcex.exit_code = 3
    assert tcex.exit_code is ExitCode.PARTIAL_FAILURE
    with pytest.raises(SystemExit) as info:
        tcex.exit(msg='2 of 5 failed')
    assert info.value.code == 3


def test_exit_message_written_masked_and_logged(paths):
    tcex = TcEx(argv=paths['argv'] + ['--api_secret_key', SECRET], install_conf=False)
    with pytest.raises(SystemExit) as info:
        tcex.exit(1, 'login failed with ' + SECRET)
    assert info.value.code == 1
    assert read(os.path.join(paths['out'], 'message.tc')) == 'login failed with ***'
    text = log_text(paths)
    assert 'ERROR - login failed with ***' in text
    assert 'exit code 1' in text


def test_exit_with_unwritable_out_path_fails(paths, tmpdir):
    blocker = tmpdir.join('blocker')
    blocker.write('x')
    tcex = TcEx(argv=['--tc_log_path', paths['log'], '--tc_out_path', str(blocker)],
                install_conf=False)
    with pytest.raises(SystemExit) as info:
        tcex.exit(0, 'all good')
    assert info.value.code == 1
    assert 'cannot write' in log_text(paths)


def test_exit_after_argument_error_still_exits(paths):
    tcex = TcEx(argv=['--tc_log_path'], install_conf=False)
    with pytest.raises(SystemExit) as info:
        tcex.exit(1, 'bad arguments')
    assert info.value.code == 1


def test_subclass_with_public_hooks(paths):
    class MyTcEx(TcEx):
        logger_name = 'tcex.app.custom'
        install_excepthook = False

        def build_parser(self):
            parser = super(MyTcEx, self).build_parser()
            parser.add_argument('--feed_password', secret=True)
            return parser

        def process_args(self, args):
            super(MyTcEx, self).process_args(args)
            args.feed_password_length = len(args.feed_password or '')

    hook = sys.excepthook
    tcex = MyTcEx(argv=paths['argv'] + ['--feed_password', 'hunter2'], install_conf=False)
    assert sys.excepthook is hook
    assert tcex.args.feed_password_length == 7
    assert 'hunter2' in tcex.secrets
    assert tcex.log.name == 'tcex.app.custom'
    tcex.log.info('password hunter2')
    assert 'password ***' in log_text(paths)


def test_excepthook_reports_tcex_error_in_one_line(paths, capsys):
    tcex = TcEx(argv=paths['argv'] + ['--api_secret_key', SECRET], install_conf=False)
    tcex.args  # pylint: disable=pointless-statement
    try:
        raise BatchError('cannot submit with ' + SECRET)
    except BatchError:
        sys.excepthook(*sys.exc_info())
    err = capsys.readouterr().err
    assert err == 'error: cannot submit with ***\n'
    assert read(os.path.join(paths['out'], 'message.tc')) == 'cannot submit with ***'
    text = log_text(paths)
    assert 'Traceback' in text and SECRET not in text


def test_excepthook_passes_other_exceptions_on(paths):
    seen = []
    sys.excepthook = lambda *info: seen.append(info[0])
    TcEx(argv=paths['argv'], install_conf=False)
    TcEx(argv=paths['argv'], install_conf=False)  # hooks are not stacked
    try:
        raise KeyError('x')
    except KeyError:
        sys.excepthook(*sys.exc_info())
    assert seen == [KeyError]


def test_session_is_lazy_and_cached(paths, emulator):
    tcex = TcEx(argv=paths['argv'] + emulator.app_args(), install_conf=False)
    session = tcex.session
    assert session is tcex.session
    assert type(session).__name__ == 'TcSession'
    assert emulator.api_secret_key in tcex.secrets


def test_batch_is_wired_to_args(paths, emulator):
    tcex = TcEx(argv=paths['argv'] + emulator.app_args() + ['--batch_chunk_size', '10'],
                install_conf=False)
    batch = tcex.batch('Demo Organization', action='Delete', halt_on_error=False)
    config = batch.job_config()
    assert config['owner'] == 'Demo Organization'
    assert config['action'] == 'Delete'
    assert config['haltOnError'] is False
    assert 'playbookTriggersEnabled' not in config
    batch.close()


def test_batch_store_name_is_stable_across_runs(paths, emulator):
    names = []
    for _ in range(2):
        tcex = TcEx(argv=paths['argv'] + emulator.app_args(), install_conf=False)
        batches = [tcex.batch('Demo Organization'), tcex.batch('Demo Organization'),
                   tcex.batch('Demo Organization', action='Delete'), tcex.batch('Common Community')]
        names.append([os.path.basename(b.store.path) for b in batches])
        assert all(os.path.dirname(b.store.path) == paths['tmp'] for b in batches)
        for batch in batches:
            batch.close(remove=False)
    assert names[0] == names[1]
    assert len(set(names[0])) == 4


class _Killed(Exception):
    """Stands in for the process dying after a chunk completed."""


def test_batch_killed_mid_submit_is_resumed_by_the_next_run(paths, emulator):
    def build(tcex, **options):
        batch = tcex.batch('Demo Organization', chunk_size=10, **options)
        for number in range(30):
            batch.address('10.0.0.{}'.format(number), rating=3).tag('resume')
        return batch

    def die_after_first_chunk(info):
        raise _Killed(info)

    argv = paths['argv'] + emulator.app_args() + ['--batch_poll_interval', '0']
    first = build(TcEx(argv=argv, install_conf=False), progress=die_after_first_chunk)
    with pytest.raises(_Killed):
        first.submit_all()
    first.close(remove=False)  # the process dies here: nothing else is cleaned up
    assert len(emulator.indicators(type='Address')) == 10

    second = build(TcEx(argv=argv, install_conf=False))
    result = second.submit_all()
    second.close()
    assert result['errorCount'] == 0
    assert len(emulator.indicators(type='Address')) == 30
    sent = sum(job['batchStatus'].get('successCount', 0) for job in emulator.batch_jobs)
    assert sent == 30, 'an entity was sent twice or lost'
    assert len(emulator.batch_jobs) == 3


def test_custom_indicator_types_fetched_once_through_the_session(paths, emulator):
    tcex = TcEx(argv=paths['argv'] + emulator.app_args(), install_conf=False)
    standard = {'Address', 'ASN', 'CIDR', 'EmailAddress', 'File', 'Host', 'Mutex', 'Registry Key', 'URL',
                'User Agent'}
    custom = [name for name in tcex.indicator_types if name not in standard]
    assert custom, 'the emulator serves at least one custom type'
    assert tcex.indicator_types_data[custom[0]]['custom'] is True
    batch = tcex.batch('Demo Organization')
    batch.indicator(custom[0], 'custom-value-1')
    tcex.batch('Demo Organization').indicator(custom[0], 'custom-value-2')
    assert emulator.request_count('types.indicator') == 1
    batch.close()


def _run_plain_app(paths, *extra):
    env = dict(os.environ)
    env['PYTHONPATH'] = ROOT + os.pathsep + env.get('PYTHONPATH', '')
    env['TCEX_LOG_STDERR'] = '0'
    command = [sys.executable, os.path.join(PLAIN_APP, 'app.py')] + paths['argv'] + list(extra)
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
    out, err = process.communicate()
    return process.returncode, out.decode('utf-8'), err.decode('utf-8')


def test_plain_app_uncaught_tcex_error_is_one_line(paths):
    code, out, err = _run_plain_app(paths, '--api_secret_key', SECRET)
    assert code == 1
    assert err == 'error: cannot build batch for key ***\n'
    assert out == ''
    text = read(os.path.join(paths['log'], 'app.log'))
    assert 'BatchError' in text and SECRET not in text


def test_plain_app_success(paths):
    code, _, err = _run_plain_app(paths, '--mode', 'ok')
    assert (code, err) == (0, '')
    assert read(os.path.join(paths['out'], 'results.tc')) == 'param.mode = ok\n'
    assert read(os.path.join(paths['out'], 'message.tc')) == 'plain done'


def test_plain_app_missing_value_is_one_line(paths):
    code, _, err = _run_plain_app(paths, '--api_secret_key')
    assert code == 1
    assert err.startswith('error: argument --api_secret_key')
    assert err.count('\n') == 1 and 'Traceback' not in err


def test_unknown_indicator_type_without_an_api_names_the_type(paths):
    tcex = TcEx(argv=paths['argv'], install_conf=False)
    batch = tcex.batch('Demo Organization')
    with pytest.raises(TcExError) as info:
        batch.indicator('Hostt', 'x.example.com')
    message = str(info.value)
    assert message.startswith("unknown indicator type 'Hostt' (known: Address,")
    assert 'custom types could not be fetched' in message and 'tc_api_path' in message
    batch.close()


@pytest.mark.parametrize('extra, words', [(['--logging', 'bogus'], 'logging'),
                                          (['--tc_log_path', '/dev/null/x'], 'tc_log_path')])
def test_invalid_arguments_end_the_run_even_when_the_app_never_read_them(paths, extra, words):
    argv = [item for item in paths['argv']]
    if extra[0] == '--tc_log_path':
        index = argv.index('--tc_log_path')
        del argv[index:index + 2]
    tcex = TcEx(argv=argv + extra, install_conf=False)
    tcex.log.info('hello')
    with pytest.raises(SystemExit) as info:
        tcex.exit(0, 'done')
    assert info.value.code == 1
    message = read(os.path.join(paths['out'], 'message.tc'))
    assert words in message and '\n' not in message


def test_an_app_that_handled_the_argument_error_itself_decides_the_exit(paths):
    from tcex.errors import ArgumentError
    tcex = TcEx(argv=paths['argv'] + ['--logging', 'bogus'], install_conf=False)
    with pytest.raises(ArgumentError):
        tcex.args  # pylint: disable=pointless-statement
    with pytest.raises(SystemExit) as info:
        tcex.exit(3, 'used the defaults')
    assert info.value.code == 3 and read(os.path.join(paths['out'], 'message.tc')) == 'used the defaults'
