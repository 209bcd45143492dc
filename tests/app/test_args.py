# -*- coding: utf-8 -*-
"""Tests for tcex.app.args: standard arguments and install.conf params."""
from __future__ import absolute_import, division, print_function, unicode_literals

import os

import pytest

from tcex.app.args import (
    ListAction, TcArgumentParser, add_install_conf_params, add_standard_arguments,
    apply_list_defaults, decode_argv, option_names, split_list, to_bool,
)
from tcex.app.install_conf import InstallConf
from tcex.errors import ArgumentError, TcExError

HERE = os.path.dirname(os.path.abspath(__file__))
OPENDNS_CONF = os.path.join(HERE, '..', 'fixtures', 'opendns', 'install.conf')

#: The seed's OpenDNS command line, one argv item per value ("Test & Org" is one item).
OPENDNS_ARGV = [
    '--tc_log_path', 'log',
    '--tc_temp_path', 'tmp',
    '--tc_out_path', 'out',
    '--tc_api_path', 'https://api.threatconnect.com',
    '--api_access_id', '1234567890',
    '--api_default_org', 'Test & Org',
    '--api_max_results', '300',
    '--api_secret_key', 'qwertyuiopasdfghjklzxcvbnm',
    '--confidences', '>=,75',
    '--delete',
    '--logging', 'debug',
    '--opendns_key', 'x000000x-x0x0-0x00-x000-xx000x00000x',
    '--owners', 'Subscriber Community',
    '--owners', 'Test & Org',
    '--queue_sleep', '30',
    '--ratings', '>=,3.0',
]


def build(conf=None):
    parser = TcArgumentParser(prog='app')
    add_standard_arguments(parser)
    add_install_conf_params(parser, conf)
    return parser


def parse(argv, conf=None, parser=None):
    parser = parser or build(conf)
    args, unknown = parser.parse_known_args(argv)
    apply_list_defaults(parser, args)
    return args, unknown


def conf_of(text):
    conf = InstallConf.parse(text, path='install.conf')
    assert [p for p in conf.problems if p.severity == 'error'] == []
    return conf


def test_standard_defaults():
    args, unknown = parse([])
    assert unknown == []
    assert (args.tc_log_path, args.tc_temp_path, args.tc_out_path) == ('log', 'tmp', 'out')
    assert args.tc_log_file == 'app.log'
    assert args.tc_log_level == 'info'
    assert args.tc_verify is True
    assert args.tc_proxy_tc is False and args.tc_proxy_external is False
    assert args.tc_api_path is None and args.api_secret_key is None and args.tc_token is None
    assert args.batch_chunk_size == 25000
    assert args.batch_max_bytes == 2000000
    assert (args.batch_poll_interval, args.batch_poll_max_interval, args.batch_poll_timeout) == (
        15.0, 20.0, 3600.0)


def test_standard_values_and_types():
    args, _ = parse([
        '--tc_tmp_path', '/t', '--tc_token', 'tok', '--tc_token_expires', '1700000000',
        '--tc_proxy_host', 'proxy', '--tc_proxy_port', '3128', '--tc_proxy_username', 'u',
        '--tc_proxy_password', 'p', '--tc_proxy_tc', '--tc_proxy_external',
        '--tc_log_level', 'WARNING', '--batch_chunk_size', '10', '--batch_poll_interval', '0.5',
    ])
    assert args.tc_temp_path == '/t'
    assert args.tc_token_expires == 1700000000
    assert args.tc_proxy_port == 3128
    assert args.tc_proxy_tc is True and args.tc_proxy_external is True
    assert args.tc_log_level == 'warning'
    assert args.batch_chunk_size == 10
    assert args.batch_poll_interval == 0.5


@pytest.mark.parametrize('argv, expected', [
    (['--tc_verify', 'false'], False),
    (['--tc_verify', 'False'], False),
    (['--tc_verify', '0'], False),
    (['--tc_verify', 'true'], True),
    (['--tc_verify'], True),
])
def test_tc_verify(argv, expected):
    assert parse(argv)[0].tc_verify is expected


def test_token_expires_accepts_decimal():
    assert parse(['--tc_token_expires', '1700000000.7'])[0].tc_token_expires == 1700000000


def test_opendns_command_line_parses_into_what_it_means():
    conf = InstallConf.load(OPENDNS_CONF)
    args, unknown = parse(OPENDNS_ARGV, conf)
    assert unknown == []
    assert args.tc_log_path == 'log'
    assert args.tc_temp_path == 'tmp'
    assert args.tc_out_path == 'out'
    assert args.tc_api_path == 'https://api.threatconnect.com'
    assert args.api_access_id == '1234567890'
    assert args.api_default_org == 'Test & Org'
    assert args.api_max_results == '300'
    assert args.api_secret_key == 'qwertyuiopasdfghjklzxcvbnm'
    assert args.confidences == ['>=,75']
    assert args.delete is True
    assert args.tc_log_level == 'debug'
    assert args.opendns_key == 'x000000x-x0x0-0x00-x000-xx000x00000x'
    assert args.owners == ['Subscriber Community', 'Test & Org']
    assert args.queue_sleep == '30'
    assert args.ratings == ['>=,3.0']
    assert args.tags == []
    assert args.date_added == []


def test_opendns_defaults_when_nothing_is_passed():
    conf = InstallConf.load(OPENDNS_CONF)
    args, _ = parse([], conf)
    assert args.delete is False
    assert args.owners == [] and args.tags == []
    assert args.opendns_key is None and args.queue_sleep is None
    assert args.tc_log_level == 'info'


def test_list_single_value_is_split_like_the_platform():
    conf = InstallConf.load(OPENDNS_CONF)
    local, _ = parse(['--owners', 'Acme Corp|Common Community'], conf)
    platform, _ = parse(['--owners', 'Acme Corp', '--owners', 'Common Community'], conf)
    assert local.owners == platform.owners == ['Acme Corp', 'Common Community']


def test_list_repeated_and_delimited_mixed():
    conf = InstallConf.load(OPENDNS_CONF)
    args, _ = parse(['--tags', 'APT|Crimeware', '--tags', 'Botnet', '--tags', ''], conf)
    assert args.tags == ['APT', 'Crimeware', 'Botnet']


def test_multi_character_delimiter_and_list_default():
    conf = conf_of(
        'program.main = app.py\nlist.delimiter = ;;\n'
        'param.hosts = a.example;;b.example\nparam.hosts.list\n'
    )
    assert parse([], conf)[0].hosts == ['a.example', 'b.example']
    assert parse(['--hosts', 'c;;d'], conf)[0].hosts == ['c', 'd']


def test_list_default_is_not_shared_between_parses():
    conf = conf_of('list.delimiter = |\nparam.tags = x|y\nparam.tags.list\n')
    parser = build(conf)
    first, _ = parse([], parser=parser)
    first.tags.append('mutated')
    second, _ = parse([], parser=parser)
    assert second.tags == ['x', 'y']


def test_flag_default_from_install_conf():
    conf = conf_of('param.verbose = true\nparam.verbose.flag\nparam.quiet.flag\n')
    args, _ = parse([], conf)
    assert args.verbose is True and args.quiet is False
    assert parse(['--quiet'], conf)[0].quiet is True


def test_plain_param_default_and_empty_default():
    conf = conf_of('param.region = us-east\nparam.token_name =\n')
    args, _ = parse([], conf)
    assert args.region == 'us-east'
    assert args.token_name is None
    assert parse(['--region', 'eu'], conf)[0].region == 'eu'


def test_encrypt_params_are_secret_dests():
    conf = conf_of('param.feed_key =\nparam.feed_key.encrypt\nparam.api_secret_key =\n'
                   'param.api_secret_key.encrypt\nparam.public =\n')
    parser = build(conf)
    assert 'feed_key' in parser.secret_dests
    assert 'api_secret_key' in parser.secret_dests
    assert 'public' not in parser.secret_dests


def test_param_clashing_with_standard_argument_reuses_it():
    conf = conf_of('param.logging = warning\nparam.tc_verify = false\nparam.tc_proxy_tc = true\n')
    args, _ = parse([], conf)
    assert args.tc_log_level == 'warning'
    assert args.tc_verify is False
    assert args.tc_proxy_tc is True
    assert parse(['--logging', 'error'], conf)[0].tc_log_level == 'error'


def test_bad_install_conf_default_for_typed_standard_argument_is_ignored():
    conf = conf_of('param.tc_proxy_port = not-a-port\n')
    assert parse([], conf)[0].tc_proxy_port is None


def test_app_can_redefine_a_param_with_a_type():
    conf = InstallConf.load(OPENDNS_CONF)
    parser = build(conf)
    parser.add_argument('--api_max_results', type=int, default=100)
    parser.add_argument('--owners', action='append')
    args, _ = parse(['--api_max_results', '300', '--owners', 'A|B'], parser=parser)
    assert args.api_max_results == 300
    assert args.owners == ['A|B']


def test_secret_keyword_on_add_argument():
    parser = build()
    parser.add_argument('--feed_password', secret=True)
    assert 'feed_password' in parser.secret_dests


def test_unknown_arguments_are_kept():
    args, unknown = parse(['--tc_log_path', 'L', '--surprise', 'value', '--flag2'])
    assert args.tc_log_path == 'L'
    assert unknown == ['--surprise', 'value', '--flag2']
    assert option_names(unknown) == ['--surprise', '--flag2']
    assert option_names(['--x=1', '-5', 'v']) == ['--x']


@pytest.mark.parametrize('argv, fragment', [
    (['--tc_log_path'], '--tc_log_path'),
    (['--tc_proxy_port', 'abc'], 'abc'),
    (['--logging', 'loud'], 'loud'),
    (['--tc_verify', 'maybe'], 'maybe'),
    (['--batch_chunk_size', '1e'], '--batch_chunk_size'),
])
def test_bad_values_are_one_line_argument_errors(argv, fragment, capsys):
    with pytest.raises(ArgumentError) as info:
        parse(argv)
    message = str(info.value)
    assert fragment in message
    assert '\n' not in message
    assert isinstance(info.value, TcExError) and info.value.exit_code == 1
    captured = capsys.readouterr()
    assert captured.err == '' and captured.out == ''


def test_decode_argv_decodes_utf8_bytes():
    assert decode_argv([b'--owners', 'Caf\xe9 Org'.encode('utf-8'), 'text']) == [
        '--owners', 'Caf\xe9 Org', 'text']


def test_decode_argv_rejects_invalid_utf8():
    with pytest.raises(ArgumentError) as info:
        decode_argv([b'--owners', b'\xff\xfe'])
    assert 'argument 2' in str(info.value)


def test_non_ascii_values_round_trip():
    conf = InstallConf.load(OPENDNS_CONF)
    args, _ = parse(decode_argv([b'--owners', 'M\xfcnchen|\u6771\u4eac'.encode('utf-8')]), conf)
    assert args.owners == ['M\xfcnchen', '\u6771\u4eac']


def test_split_list_and_to_bool_helpers():
    assert split_list(['a|b', None, '|c|'], '|') == ['a', 'b', 'c']
    assert split_list(['a|b'], None) == ['a|b']
    assert to_bool('Yes') is True and to_bool('off') is False
    with pytest.raises(ValueError):
        to_bool('perhaps')


def test_list_action_without_delimiter_appends():
    parser = TcArgumentParser()
    parser.add_argument('--item', action=ListAction)
    args = parser.parse_args(['--item', 'a|b', '--item', 'c'])
    assert args.item == ['a|b', 'c']


def test_namespace_repr_masks_secrets_and_keeps_other_values():
    from tcex.app.args import Namespace

    args = Namespace(api_secret_key='s3cr3t-value', tc_token='tok-123', owners=['a', 'tok-123'],
                     url='https://x/?token=tok-123', rating=5)
    args.secrets = {'s3cr3t-value', 'tok-123'}
    text = repr(args)
    assert 's3cr3t' not in text and 'tok-123' not in text
    assert "owners=['a', '***']" in text.replace("u'", "'")
    assert 'rating=5' in text
    assert 'secrets' not in vars(args)
