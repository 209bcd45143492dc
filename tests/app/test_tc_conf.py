# -*- coding: utf-8 -*-
"""Tests for tcex.app.tc_conf."""
from __future__ import absolute_import, division, print_function, unicode_literals

import io
import os
from collections import OrderedDict

import pytest

from tcex.app.install_conf import InstallConf
from tcex.app.tc_conf import (
    build_argv,
    drop_overridden,
    mask_argv,
    parse_tc_conf,
    read_tc_conf,
    secret_keys,
    tc_conf_path_for,
)
from tcex.errors import ConfigError

FIXTURES = os.path.join(os.path.dirname(os.path.dirname(__file__)), 'fixtures')
OPENDNS = os.path.join(FIXTURES, 'opendns')

#: The seed's OpenDNS command line, one argument per item.
SEED_ARGV = [
    '--tc_log_path', 'log', '--tc_temp_path', 'tmp', '--tc_out_path', 'out',
    '--tc_api_path', 'https://api.threatconnect.com', '--api_access_id', '1234567890',
    '--api_default_org', 'Test & Org', '--api_max_results', '300',
    '--api_secret_key', 'qwertyuiopasdfghjklzxcvbnm', '--confidences', '>=,75', '--delete',
    '--logging', 'debug', '--opendns_key', 'x000000x-x0x0-0x00-x000-xx000x00000x',
    '--owners', 'Subscriber Community', '--owners', 'Test & Org', '--queue_sleep', '30',
    '--ratings', '>=,3.0',
]


def test_opendns_tc_conf_builds_the_seed_command_line():
    values = read_tc_conf(os.path.join(OPENDNS, 'tc.conf'))
    conf = InstallConf.load(os.path.join(OPENDNS, 'install.conf'))
    assert build_argv(values, conf) == SEED_ARGV


def test_read_keeps_order_case_and_literal_values(tmp_path):
    path = str(tmp_path / 'tc.conf')
    with io.open(path, 'w', encoding='utf-8') as handle:
        handle.write(
            '\ufeff# header comment\r\n[threatconnect]\r\n'
            'tc_log_path = /tmp\r\nMixedCase = Value\r\n'
            'percent = 100%(x)s\r\nname: Zürich\r\nquoted = ""\r\n'
            'inline = a ; comment\r\nsemi = a;b\r\n'
            '[other]\r\nignored = 1\r\n'
        )
    values = read_tc_conf(path)
    assert list(values.items()) == [
        ('tc_log_path', '/tmp'), ('MixedCase', 'Value'), ('percent', '100%(x)s'),
        ('name', 'Zürich'), ('quoted', ''), ('inline', 'a'), ('semi', 'a;b'),
    ]


@pytest.mark.parametrize('text, message', [
    ('tc_log_path = log\n[threatconnect]\n',
     "tc.conf:1: line before the [threatconnect] section header: 'tc_log_path = log'"),
    ('[threatconnect]\na = 1\n\nthis is not a setting\n',
     "tc.conf:4: malformed line 'this is not a setting': expected 'key = value'"),
    ('[settings]\na = 1\n', 'tc.conf: no [threatconnect] section'),
    ('', 'tc.conf: no [threatconnect] section'),
    ('[threatconnect]\na = 1\napi_secret_key = first half\n  second half\n',
     "tc.conf:3: the value of 'api_secret_key' goes on over an indented line; a value is one line (remove the "
     "indentation of the next line)"),
])
def test_malformed(text, message):
    with pytest.raises(ConfigError) as info:
        parse_tc_conf(text)
    assert str(info.value) == message


def test_missing_file(tmp_path):
    path = str(tmp_path / 'tc.conf')
    with pytest.raises(ConfigError) as info:
        read_tc_conf(path)
    assert str(info.value).startswith('{}: cannot read tc.conf'.format(path))
    assert info.value.path == path


def test_build_argv_without_install_conf_passes_everything_but_empty_values():
    values = parse_tc_conf('[threatconnect]\na = 1\nempty =\nflag = true\nlist = x|y\n')
    assert build_argv(values) == ['--a', '1', '--flag', 'true', '--list', 'x|y']


@pytest.mark.parametrize('value, passed', [
    ('true', True), ('TRUE', True), ('yes', True), ('1', True), ('on', True),
    ('false', False), ('no', False), ('0', False), ('', False),
])
def test_build_argv_flags(value, passed):
    conf = InstallConf.parse('param.delete.flag\n')
    assert build_argv(OrderedDict([('delete', value), ('x', 'y')]), conf) == (
        (['--delete'] if passed else []) + ['--x', 'y']
    )


def test_build_argv_lists_tokenised_with_the_delimiter():
    conf = InstallConf.parse('list.delimiter = ::\nparam.tags =\nparam.tags.list\n')
    assert build_argv(
        OrderedDict([('tags', 'APT :: Crime|ware ::::x'), ('other', 'a::b')]), conf
    ) == [
        '--tags', 'APT', '--tags', 'Crime|ware', '--tags', 'x', '--other', 'a::b',
    ]
    assert build_argv({'tags': ''}, conf) == []


def test_secrets_and_mask():
    conf = InstallConf.parse('param.feed_key =\nparam.feed_key.encrypt\n')
    keys = secret_keys(conf)
    assert keys == {'api_secret_key', 'tc_token', 'tc_proxy_password', 'feed_key'}
    argv = ['--feed_key', 's3cret', '--delete', '--api_secret_key', 'x', '--a', 'b']
    assert mask_argv(argv, keys) == [
        '--feed_key', '***', '--delete', '--api_secret_key', '***', '--a', 'b'
    ]


def test_tc_conf_path_for():
    assert tc_conf_path_for(os.path.join('some', 'app.py')) == os.path.join(
        os.path.abspath('some'), 'tc.conf'
    )


def test_build_argv_flag_neither_true_nor_false_is_an_error():
    conf = InstallConf.parse('param.delete.flag\n')
    with pytest.raises(ConfigError) as info:
        build_argv(OrderedDict([('delete', 'maybe')]), conf)
    assert str(info.value) == "tc.conf: flag param 'delete' must be true or false, not 'maybe'"


@pytest.mark.parametrize('text, line, what', [
    ('[threatconnect]\nowner = x\nowner = y\n', 3, "key 'owner' (first set on line 2)"),
    ('[threatconnect]\na = 1\n[threatconnect]\nb = 2\n', 3, "section '[threatconnect]' (first set on line 1)"),
])
def test_duplicates_are_errors_naming_the_line(text, line, what):
    with pytest.raises(ConfigError) as info:
        parse_tc_conf(text, path='tc.conf')
    assert str(info.value) == 'tc.conf:{}: duplicate {}'.format(line, what)


def test_build_argv_flag_error_names_the_path_and_line(tmp_path):
    path = str(tmp_path / 'tc.conf')
    with io.open(path, 'w', encoding='utf-8') as handle:
        handle.write('[threatconnect]\n# a comment\nx = 1\n  \nn = maybe\n')
    conf = InstallConf.parse('param.n.flag\n')
    with pytest.raises(ConfigError) as info:
        build_argv(read_tc_conf(path), conf, path=path)
    assert str(info.value) == "{}:5: flag param 'n' must be true or false, not 'maybe'".format(path)
    assert (info.value.path, info.value.line) == (path, 5)


def test_drop_overridden_removes_the_keys_the_command_line_sets():
    values = OrderedDict([('owners', 'A|B'), ('tags', 'x'), ('delete', 'true'), ('n', '1')])
    kept = drop_overridden(values, ['--owners', 'C', '--tags=y', 'owners', '-n', '--'])
    assert list(kept.items()) == [('delete', 'true'), ('n', '1')]
    assert list(values) == ['owners', 'tags', 'delete', 'n']
