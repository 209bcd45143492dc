# -*- coding: utf-8 -*-
"""Tests for the parts TcEx delegates to: config_files, batches, fatal, startup."""
from __future__ import absolute_import, division, print_function, unicode_literals

import os
import sys

import pytest

from tcex.app import args as app_args
from tcex.app import config_files, fatal, startup
from tcex.app.batches import BatchRegistry
from tcex.errors import ArgumentError, ConfigError, TcExError


def _touch(folder, name):
    if not os.path.isdir(folder):
        os.makedirs(folder)
    path = os.path.join(folder, name)
    with open(path, 'w') as handle:
        handle.write('')
    return path


def test_install_conf_in_a_later_folder_wins_over_install_json_in_an_earlier_one(tmpdir):
    first, second = str(tmpdir.join('a')), str(tmpdir.join('b'))
    _touch(first, 'install.json')
    conf = _touch(second, 'install.conf')
    assert config_files.find_install_conf([first, second]) == conf
    assert config_files.find_install_conf([first]) == os.path.join(first, 'install.json')
    assert config_files.find_install_conf([str(tmpdir.join('none'))]) is None


def test_resolve_install_conf_false_skips_discovery_and_rejects_non_conf_objects():
    calls = []
    assert config_files.resolve_install_conf(False, lambda: calls.append(1)) is None
    assert config_files.resolve_install_conf(None, lambda: None) is None
    assert calls == []
    with pytest.raises(ConfigError, match='not an install.conf'):
        config_files.resolve_install_conf(object(), lambda: None)


def test_store_names_are_numbered_per_owner_and_action_and_repeat_in_a_new_registry(tmpdir):
    temp = str(tmpdir)
    first, other = BatchRegistry(), BatchRegistry()
    names = [first.store_name('My Org', 'Create', temp) for _ in range(2)]
    assert names[0].endswith('-create-1.db') and names[1].endswith('-create-2.db')
    assert names[0].startswith('tcex-batch-my-org-')
    assert first.store_name('My Org', 'Delete', temp).endswith('-delete-1.db')
    assert other.store_name('My Org', 'Create', temp) == names[0]
    assert other.store_name('Other', 'Create', temp) != names[1]


class _Closable(object):
    def __init__(self, closed, fail=False):
        self.closed, self.fail = closed, fail

    def close(self):
        if self.fail:
            raise IOError('disk gone')
        self.closed.append(self)


def test_close_all_logs_a_failure_and_closes_the_rest(collector):
    logger, messages = collector
    closed = []
    registry = BatchRegistry()
    good, bad = _Closable(closed), _Closable(closed, fail=True)
    registry.add(good)
    registry.add(bad)
    registry.close_all(logger)
    assert closed == [good]
    assert len(messages) == 1 and 'disk gone' in messages[0]
    registry.close_all(logger)  # nothing left to close
    assert closed == [good] and len(messages) == 1


def test_install_excepthook_replaces_an_earlier_tcex_hook_instead_of_chaining(isolate_runtime):
    sys.excepthook = original = sys.__excepthook__  # whatever an earlier test's TcEx left (the fixture restores it)
    seen = []
    assert fatal.install_excepthook(lambda *info: seen.append('first')) is original
    assert fatal.install_excepthook(lambda *info: seen.append('second')) is original
    sys.excepthook(ValueError, ValueError('x'), None)
    assert seen == ['second']


def test_handle_uncaught_passes_other_exceptions_to_the_previous_hook():
    seen, reported = [], []
    error = ValueError('plain')
    fatal.handle_uncaught((ValueError, error, None), lambda *a, **k: reported.append(a),
                          previous=lambda *info: seen.append(info[1]))
    assert seen == [error] and reported == []
    tc_error = TcExError('bad value')
    fatal.handle_uncaught((TcExError, tc_error, None), lambda exc, exc_info: reported.append(exc) or 'x',
                          previous=lambda *info: seen.append(info[1]))
    assert reported == [tc_error] and seen == [error]


def test_secret_values_collects_standard_and_marked_arguments_as_text():
    parser = app_args.TcArgumentParser(prog='app')
    app_args.add_standard_arguments(parser)
    parser.add_argument('--feed_key', secret=True)
    args, _ = startup.parse_app_args(parser, ['--api_secret_key', 's3cret', '--feed_key', 'k3y'], None, set())
    assert startup.secret_values(parser, args) == {'s3cret', 'k3y'}


def test_handle_uncaught_writes_other_exceptions_to_message_tc_masked_and_passes_them_on(tmpdir, collector):
    logger, messages = collector
    out, seen = str(tmpdir.join('out')), []
    error = RuntimeError('token abcdef123456\nsecond line')
    fatal.handle_uncaught((RuntimeError, error, None), None, previous=lambda *info: seen.append(info[1]),
                          secrets={'abcdef123456'}, args=fatal.message_args(['--tc_out_path', out]),
                          logger=logger)
    with open(os.path.join(out, 'message.tc')) as handle:
        assert handle.read() == 'RuntimeError: token *** second line'
    assert seen == [error] and messages == ['uncaught RuntimeError: token *** second line']


def test_message_args_reads_tc_out_path_from_argv_or_gives_none():
    assert fatal.message_args(['--n', 'c', '--tc_out_path', 'a', '--tc_out_path=b']).tc_out_path == 'b'
    assert fatal.message_args(['--n', 'c']) is None
    assert fatal.describe_exception(KeyError()) == 'KeyError'


def test_describe_exception_masks_a_secret_holding_whitespace_runs():
    secret = 'correct  horse\tbattery'
    assert fatal.describe_exception(ValueError('k ' + secret + '\nnext'), {secret}) == 'ValueError: k *** next'


def test_an_argument_error_masks_a_secret_holding_whitespace_runs():
    parser = app_args.TcArgumentParser(prog='app')
    parser.add_argument('--pin', type=int, secret=True)
    with pytest.raises(ArgumentError) as info:
        parser.parse_args(['--pin', '1234  5678'])
    assert '1234' not in str(info.value) and '***' in str(info.value)
