# -*- coding: utf-8 -*-
"""tcex 0.8's public ``TcEx`` members, called with tcex 0.8's signatures; result shapes checked."""
from __future__ import absolute_import, division, print_function, unicode_literals

import argparse
import io
import logging
import os

import pytest
import six

from tcex import TcEx
from tcex.app.logger import remove_handlers

HERE = os.path.dirname(os.path.abspath(__file__))
INSTALL_JSON = os.path.join(os.path.dirname(HERE), 'fixtures', 'apps', 'tcex08_job', 'install.json')

pytestmark = pytest.mark.usefixtures('isolate_runtime')  # tests/conftest.py


@pytest.fixture
def tcex(paths):
    return TcEx(argv=paths['argv'] + ['--tc_owner', 'Demo Organization'], install_conf=INSTALL_JSON)


@pytest.fixture
def online(paths, emulator):
    return TcEx(argv=paths['argv'] + emulator.app_args() + ['--tc_owner', 'Demo Organization'],
                install_conf=INSTALL_JSON)


def read(path):
    with io.open(path, encoding='utf-8') as handle:
        return handle.read()


# ------------------------------------------------------------------------- text helpers
def test_s_decodes_bytes_and_leaves_the_rest(tcex):
    assert tcex.s(b'caf\xc3\xa9') == 'caf\xe9'
    assert isinstance(tcex.s(b'abc'), six.text_type)
    assert tcex.s('caf\xe9') == 'caf\xe9'
    assert tcex.s(None) is None and tcex.s(5) == 5 and tcex.s([1]) == [1] and tcex.s({'a': 1}) == {'a': 1}
    assert tcex.s(b'bad \xff', errors='ignore') == 'bad '
    with pytest.raises(UnicodeDecodeError):
        tcex.s(b'bad \xff')


def test_safetag_encodes_and_cuts_to_128(tcex):
    assert tcex.safetag('APT 28/Fancy Bear') == 'APT%2028%2FFancy%20Bear'
    assert tcex.safe_tag('caf\xe9') == 'caf%C3%A9'
    assert tcex.safetag('x' * 200) == 'x' * 128
    assert tcex.safetag('a b' * 100).count('%20') == 64 - 21  # 128 characters, then encoded
    assert tcex.safetag(None) is None
    assert tcex.safetag(b'tag \xc3\xa9', errors='strict') == 'tag%20%C3%A9'


def test_safeurl_and_safe_indicator(tcex):
    assert tcex.safeurl('http://a.example/x?y=1') == 'http%3A%2F%2Fa.example%2Fx%3Fy%3D1'
    assert tcex.safe_url('~a b') == '~a%20b'
    assert tcex.safe_indicator('bad.example/path') == 'bad.example%2Fpath'
    assert tcex.safe_indicator(None) is None and tcex.safeurl(None) is None
    assert isinstance(tcex.safe_indicator('a'), six.text_type)


def test_safe_group_name_cuts_on_words_with_ellipsis(tcex):
    name = ' '.join(['word{}'.format(i) for i in range(40)])
    short = tcex.safe_group_name(name)
    assert len(short) < 100 and short.endswith(' ...') and name.startswith(short[:-4])
    plain = tcex.safe_group_name(name, group_max_length=30, ellipsis=False)
    assert len(plain) < 30 and name.startswith(plain) and not plain.endswith(' ')
    assert tcex.safe_group_name('short name') == 'short name'
    assert tcex.safe_group_name('x' * 150, 100).endswith(' ...')
    assert len(tcex.safe_group_name('x' * 150, 100)) <= 100


def test_safe_rt_and_expand_indicators(tcex):
    assert tcex.safe_rt('User Agent') == 'User_Agent'
    assert tcex.safe_rt('User Agent', lower=True) == 'user_agent'
    assert tcex.expand_indicators('1.1.1.1') == ['1.1.1.1']
    assert tcex.expand_indicators('a' * 32 + ' : ' + 'b' * 40) == ['a' * 32, 'b' * 40, None]
    assert tcex.expand_indicators('x : y : z') == ['x', 'y', 'z']


# ------------------------------------------------------------------------- types
def test_group_types_is_a_list_of_names(tcex):
    assert isinstance(tcex.group_types, list)
    assert {'Adversary', 'Campaign', 'Document', 'Email', 'Event', 'Incident', 'Intrusion Set',
            'Report', 'Signature', 'Threat'} <= set(tcex.group_types)
    assert tcex.group_types_data['Intrusion Set'] == {'apiBranch': 'intrusionSets',
                                                     'apiEntity': 'intrusionSet'}


def test_indicator_types_and_data_come_from_the_api(online, emulator):
    names = online.indicator_types
    assert isinstance(names, list) and all(isinstance(name, six.text_type) for name in names)
    assert {'Address', 'Host', 'URL', 'File', 'EmailAddress'} <= set(names)
    data = online.indicator_types_data
    assert isinstance(data, dict) and set(data) == set(names)
    assert data['Address']['custom'] is False and data['Address']['apiEntity'] == 'address'
    assert online.get_type_from_api_entity('address') == 'Address'
    assert online.get_type_from_api_entity('adversary') == 'Adversary'
    assert online.get_type_from_api_entity('nothing') is None
    assert emulator.request_count('types.indicator') == 1  # fetched once


# ------------------------------------------------------------------------- App data
def test_install_json_is_the_file_content(tcex):
    data = tcex.install_json
    assert isinstance(data, dict)
    assert data['programMain'] == 'run' and data['programVersion'] == '1.0.0'
    assert data['runtimeLevel'] == 'Organization'
    params = tcex.install_json_params
    assert params['feed_key']['encrypt'] is True and params['dry_run']['type'] == 'Boolean'


def test_install_json_of_an_install_conf_app(paths):
    conf = os.path.join(os.path.dirname(HERE), 'fixtures', 'opendns', 'install.conf')
    data = TcEx(argv=paths['argv'], install_conf=conf).install_json
    assert data['programLanguage'] == 'PYTHON' and isinstance(data['params'], list)
    assert all({'name', 'label', 'type'} <= set(param) for param in data['params'])
    assert TcEx(argv=paths['argv'], install_conf=False).install_json == {}


def test_args_parser_default_args_rargs(tcex):
    tcex.parser.add_argument('--extra', default='x')
    assert isinstance(tcex.parser, argparse.ArgumentParser)
    assert tcex.args.extra == 'x' and tcex.args.tc_owner == 'Demo Organization'
    assert tcex.default_args is tcex.args and tcex.rargs is tcex.args
    assert isinstance(tcex.log, logging.Logger)


def test_results_tc_message_tc_exit_code(tcex, paths):
    tcex.results_tc('last_run', '2017-11-14')
    assert read(os.path.join(paths['out'], 'results.tc')) == 'param.last_run = 2017-11-14\n'
    tcex.message_tc('half done')
    assert read(os.path.join(paths['out'], 'message.tc')) == 'half done'
    tcex.message_tc('m' * 300, max_length=255)
    assert read(os.path.join(paths['out'], 'message.tc')) == 'm' * 255
    tcex.exit_code = 3
    assert tcex.exit_code == 3


@pytest.mark.parametrize('code', [0, 1, 3])
def test_playbook_exit_is_tcex_exit_for_a_job_app(tcex, paths, code):
    with pytest.raises(SystemExit) as info:
        tcex.playbook.exit(code, 'bye {}'.format(code))
    assert info.value.code == code
    assert read(os.path.join(paths['out'], 'message.tc')) == 'bye {}'.format(code)


def test_exit_keywords(tcex, paths):
    with pytest.raises(SystemExit) as info:
        tcex.exit(msg='done')
    assert info.value.code == 0
    remove_handlers('tcex')
    assert 'done' in read(os.path.join(paths['log'], 'app.log'))


def test_batch_signature(online):
    batch = online.batch('Demo Organization', action='Create', attribute_write_type='Replace',
                         halt_on_error=False, playbook_triggers_enabled=False)
    assert (batch.owner, batch.action, batch.attribute_write_type, batch.halt_on_error) == (
        'Demo Organization', 'Create', 'Replace', False)
    batch.close()


def test_utils_is_the_date_helper(tcex):
    assert tcex.utils.format_datetime('1510686617', tz='UTC') == '2017-11-14T19:10:17+00:00'
    assert tcex.utils is tcex.utils


def test_log_info_logs_app_and_versions(tcex, paths):
    tcex.log_info()
    remove_handlers('tcex')
    text = read(os.path.join(paths['log'], 'app.log'))
    assert 'App Name: tcex 0.8 style Job App' in text and 'App Version: 1.0.0' in text
    assert 'Python Version: ' in text and 'TcEx Version: ' in text
