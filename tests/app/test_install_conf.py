# -*- coding: utf-8 -*-
"""Tests for tcex.app.install_conf."""
from __future__ import absolute_import, division, print_function, unicode_literals

import io
import os

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tcex.app.install_conf import DEFAULT_REPEATING_MINUTES, InstallConf, Param, Problem
from tcex.errors import ConfigError

FIXTURES = os.path.join(os.path.dirname(os.path.dirname(__file__)), 'fixtures')
OPENDNS = os.path.join(FIXTURES, 'opendns', 'install.conf')


def parse(text):
    return InstallConf.parse(text, path='install.conf')


def messages(conf):
    return [str(problem) for problem in conf.problems]


# ---------------------------------------------------------------- the seed's sample
def test_opendns_sample_top_level():
    conf = InstallConf.load(OPENDNS)
    assert conf.path == OPENDNS
    assert conf.program_version == '1.0.0'
    assert conf.program_language == 'PYTHON'
    assert conf.language_version == '2.7.x'
    assert conf.program_main == 'opendns.py'
    assert conf.allow_on_demand is True
    assert conf.repeating_minutes == [15, 30, 45, 60, 120, 240, 360]
    assert conf.list_delimiter == '|'
    assert conf.problems == []
    assert conf.unknown_keys == {}


def test_opendns_sample_params_exactly():
    conf = InstallConf.load(OPENDNS)
    expected = [
        Param('api_access_id', None, 'ThreatConnect API Access ID', line=8),
        Param('api_secret_key', None, 'ThreatConnect API Secret Key', line=10),
        Param('api_default_org', None, 'ThreatConnect Default Org Name', line=12),
        Param('api_max_results', None, None, line=14),
        Param('opendns_key', None, 'OpenDNS API Key', line=15),
        Param('logging', 'info', 'Logging Level (debug, info, warning, error, critical)', line=17),
        Param('queue_sleep', None, 'Seconds to sleep to allow processing of indicators by OpenDNS',
              line=19),
        Param('tags', None, 'Delimited list of tag filters (e.g. APT|Crimeware).', is_list=True,
              line=21),
        Param('owners', None, 'Delimited list of owners filters (e.g. Acme Corp|Common Community).',
              is_list=True, line=24),
        Param('date_added', None,
              'Delimited list of relative date filters (e.g. >=,1,years|<=,1,days)', is_list=True,
              line=27),
        Param('ratings', None, 'Delimited list of ratings filters (e.g. >=3.0|<=4.5)', is_list=True,
              line=30),
        Param('confidences', None, 'Delimited list of confidences filters (e.g. >=75|<=95)',
              is_list=True, line=33),
        Param('delete', None, 'Delete deprecated domains from OpenDNS block list', is_flag=True,
              line=36),
    ]
    assert list(conf.params.values()) == expected
    assert list(conf.params) == [param.name for param in expected]
    assert conf.list_params == ['tags', 'owners', 'date_added', 'ratings', 'confidences']
    assert conf.flag_params == ['delete']
    assert conf.encrypt_params == []


def test_delete_flag_line_declares_delete_not_delete_flag():
    conf = parse('param.delete.flag =\nparam.delete.label = Delete\n')
    assert list(conf.params) == ['delete']
    assert conf.params['delete'].is_flag is True
    assert conf.params['delete'].label == 'Delete'
    assert conf.problems == []


# ---------------------------------------------------------------- syntax
def test_crlf_bom_utf8_comments_and_whitespace():
    text = (
        '\ufeff# comment\r\n; another comment\r\n\r\n'
        '   program.version   =   2.0.1   \r\n'
        'program.language=Python\r\n'
        '\tparam.city = Zürich \r\n'
        'param.city.label = Stadt — city\r\n'
    )
    conf = parse(text)
    assert conf.problems == []
    assert conf.program_version == '2.0.1'
    assert conf.program_language == 'PYTHON'
    assert conf.params['city'].default == 'Zürich'
    assert conf.params['city'].label == 'Stadt — city'
    assert conf.params['city'].line == 6


def test_load_reads_bytes_with_bom(tmp_path):
    path = str(tmp_path / 'install.conf')
    with io.open(path, 'wb') as handle:
        handle.write('\ufeffprogram.main = app.py\r\nparam.name = é\r\n'.encode('utf-8'))
    conf = InstallConf.load(path)
    assert conf.program_main == 'app.py'
    assert conf.params['name'].default == 'é'


def test_load_missing_file_raises_config_error(tmp_path):
    path = str(tmp_path / 'nope.conf')
    with pytest.raises(ConfigError) as info:
        InstallConf.load(path)
    assert str(info.value).startswith(path + ': cannot read install.conf')


def test_load_invalid_utf8_names_line(tmp_path):
    path = str(tmp_path / 'install.conf')
    with io.open(path, 'wb') as handle:
        handle.write(b'program.version = 1\nparam.x = \xff\xfe\n')
    with pytest.raises(ConfigError) as info:
        InstallConf.load(path)
    assert str(info.value) == '{}:2: not valid UTF-8 text'.format(path)


def test_parse_accepts_bytes():
    assert parse(b'program.main = x.py\n').program_main == 'x.py'


@pytest.mark.parametrize('suffix', ['list', 'flag', 'encrypt'])
def test_flag_properties_may_omit_equals(suffix):
    conf = parse('list.delimiter = ,\nparam.p =\nparam.p.{}\n'.format(suffix))
    assert conf.problems == []
    assert getattr(conf.params['p'], 'is_' + suffix) is True


@pytest.mark.parametrize('value, expected', [
    ('', True), ('true', True), ('TRUE', True), ('yes', True), ('1', True),
    ('false', False), ('No', False), ('0', False),
])
def test_flag_values(value, expected):
    conf = parse('param.p =\nparam.p.encrypt = {}\n'.format(value))
    assert conf.params['p'].is_encrypt is expected
    assert conf.problems == []


def test_bad_flag_value_is_an_error():
    conf = parse('param.p =\nparam.p.list = sometimes\n')
    assert messages(conf) == [
        "install.conf:2: error: invalid value 'sometimes' for param.p.list: "
        "expected nothing, true or false"
    ]
    assert conf.params['p'].is_list is False


@pytest.mark.parametrize('value, expected', [('true', True), ('FALSE', False), ('True', True)])
def test_allow_on_demand(value, expected):
    assert parse('allow.onDemand = {}\n'.format(value)).allow_on_demand is expected


def test_allow_on_demand_defaults_to_false_and_rejects_junk():
    assert parse('').allow_on_demand is False
    conf = parse('allow.onDemand = sure\n')
    assert messages(conf) == [
        "install.conf:1: error: invalid value 'sure' for allow.onDemand: expected true or false"
    ]


def test_param_default_empty_is_none_and_value_kept():
    conf = parse('param.a =\nparam.b = some value = with equals\n')
    assert conf.params['a'].default is None
    assert conf.params['b'].default == 'some value = with equals'


def test_malformed_lines():
    conf = parse('program.version 1.0\nprogram.main\n= value\nparam. = 1\n')
    assert messages(conf) == [
        "install.conf:1: error: malformed line 'program.version 1.0': expected 'key = value'",
        "install.conf:2: error: malformed line 'program.main': missing '=' (only "
        "param.<name>.list, .flag and .encrypt may omit it)",
        "install.conf:3: error: malformed line '= value': expected 'key = value'",
        "install.conf:4: error: missing parameter name in 'param.'",
    ]


def test_duplicate_key_last_wins_with_error():
    conf = parse('program.version = 1\nprogram.version = 2\n')
    assert conf.program_version == '2'
    assert messages(conf) == [
        "install.conf:2: error: duplicate key 'program.version' (first set on line 1); "
        "the last value is used"
    ]


@pytest.mark.parametrize('suffix', ['label = x', 'list', 'encrypt', 'flag = false'])
def test_attribute_on_undeclared_param(suffix):
    conf = parse('list.delimiter = |\nparam.ghost.{}\n'.format(suffix))
    key = 'param.ghost.' + suffix.split(' ')[0]
    assert messages(conf) == [
        "install.conf:2: error: '{}' refers to param 'ghost' that is never declared "
        "(add 'param.ghost =')".format(key)
    ]
    assert 'ghost' not in conf.params


def test_attribute_before_declaration_is_fine():
    conf = parse('param.x.label = X\nparam.x = 1\n')
    assert conf.problems == []
    assert conf.params['x'].label == 'X'
    assert conf.params['x'].line == 2


def test_param_order_follows_file_order_including_flag_declarations():
    conf = parse('param.b =\nparam.a.flag\nparam.c =\n')
    assert list(conf.params) == ['b', 'a', 'c']


def test_unknown_keys_recorded_not_problems_at_parse_level():
    conf = parse('program.author = me\n')
    assert conf.unknown_keys == {'program.author': 1}
    assert conf.problems == []


# ---------------------------------------------------------------- repeating.minutes
def test_repeating_minutes_default_when_absent():
    assert parse('').repeating_minutes == DEFAULT_REPEATING_MINUTES == [60, 120, 240, 360, 720]


def test_repeating_minutes_seed_rule():
    conf = parse('repeating.minutes = 5,10,15,30,60,90,120,150,240,360\n')
    assert conf.repeating_minutes == [5, 10, 15, 30, 60, 120, 240, 360]
    assert messages(conf) == [
        'install.conf:1: warning: repeating.minutes value 90 is discarded: values over 60 must '
        'be divisible by 60',
        'install.conf:1: warning: repeating.minutes value 150 is discarded: values over 60 must '
        'be divisible by 60',
    ]


def test_repeating_minutes_non_integers_are_errors():
    conf = parse('repeating.minutes = 15, x, 0, -5, 2.5\n')
    assert conf.repeating_minutes == [15]
    assert [p.severity for p in conf.problems] == ['error'] * 4
    assert "'x' is not a positive integer" in conf.problems[0].message
    assert "'2.5' is not a positive integer" in conf.problems[3].message


def test_repeating_minutes_nothing_usable_falls_back_to_default():
    conf = parse('repeating.minutes = 90\n')
    assert conf.repeating_minutes == DEFAULT_REPEATING_MINUTES
    assert messages(conf)[-1] == (
        'install.conf:1: warning: repeating.minutes has no usable value; the default '
        '60,120,240,360,720 applies'
    )


@given(st.lists(st.integers(min_value=1, max_value=2000), min_size=1, max_size=12))
def test_repeating_minutes_property(values):
    conf = parse('repeating.minutes = {}\n'.format(','.join(str(v) for v in values)))
    kept = []
    for value in values:
        if (value <= 60 or value % 60 == 0) and value not in kept:
            kept.append(value)
    assert conf.repeating_minutes == (kept or DEFAULT_REPEATING_MINUTES)
    discarded = [v for v in values if v > 60 and v % 60]
    assert len(conf.warnings) == len(discarded) + (0 if kept else 1)
    assert conf.errors == []


# ---------------------------------------------------------------- list.delimiter / helpers
def test_list_delimiter_multi_character_and_split_list():
    conf = parse('list.delimiter = ::\n')
    assert conf.list_delimiter == '::'
    assert conf.split_list('a :: b::::c') == ['a', 'b', 'c']
    assert conf.split_list(None) == []
    assert parse('').split_list(' a|b ') == ['a|b']


def test_empty_list_delimiter_is_an_error():
    conf = parse('list.delimiter =\n')
    assert conf.list_delimiter is None
    assert messages(conf) == ['install.conf:1: error: list.delimiter is empty']


def test_raise_on_errors():
    parse('program.version = 1\n').raise_on_errors()  # no error: returns
    conf = parse('param.a =\nrepeating.minutes = 90\nbad line\n')
    with pytest.raises(ConfigError) as info:
        conf.raise_on_errors()
    assert str(info.value) == "install.conf:3: malformed line 'bad line': expected 'key = value'"
    assert info.value.line == 3


def test_problem_str_and_equality():
    problem = Problem('a/install.conf', 7, 'warning', 'something')
    assert str(problem) == 'a/install.conf:7: warning: something'
    assert problem == Problem('a/install.conf', 7, 'warning', 'something')
    assert problem != Problem('a/install.conf', 8, 'warning', 'something')
    assert not problem.is_error
