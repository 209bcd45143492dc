# -*- coding: utf-8 -*-
"""Tests for tcex/app/argv.py: decoding, secret values before parsing, values starting with -."""
from __future__ import absolute_import, division, print_function, unicode_literals

import pytest

from tcex.app.args import TcArgumentParser, add_standard_arguments
from tcex.app.argv import decode_argv, join_dash_values, secret_values
from tcex.errors import ArgumentError


@pytest.fixture
def parser():
    parser = TcArgumentParser(prog='app')
    add_standard_arguments(parser)
    parser.add_argument('--level', type=int, secret=True)
    return parser


def test_join_dash_values(parser):
    argv = ['--api_secret_key', '-abc', '--tc_token', '--x', '--tc_proxy_tc', '--api_access_id', 'id']
    assert join_dash_values(parser, argv) == [
        '--api_secret_key=-abc', '--tc_token=--x', '--tc_proxy_tc', '--api_access_id', 'id']
    assert join_dash_values(parser, ['--tc_token', '--api_access_id', 'x']) == ['--tc_token', '--api_access_id', 'x']
    assert join_dash_values(parser, ['--', '--tc_token', '-a']) == ['--', '--tc_token', '-a']


def test_secret_values(parser):
    argv = ['--api_secret_key', 's1', '--tc_token=s2', '--level', 's3', '--api_access_id', 'not-secret']
    assert secret_values(parser, argv) == set(['s1', 's2', 's3'])


def test_bad_secret_value_is_masked_in_the_error(parser):
    with pytest.raises(ArgumentError) as info:
        parser.parse_known_args(['--level', 'S3cret-level'])
    assert str(info.value).replace("u'", "'") == "argument --level: invalid int value: '***'"


def test_decode_argv():
    assert decode_argv([b'--a', b'caf\xc3\xa9']) == ['--a', 'caf\xe9']
    with pytest.raises(ArgumentError) as info:
        decode_argv([b'--api_default_org', b'caf\xe9'])
    assert str(info.value) == ('argument 2 (the value of --api_default_org) is not valid UTF-8 '
                               '(byte {!r} at position 3)'.format(b'\xe9'))
