# -*- coding: utf-8 -*-
"""Tests for tcex.app.install_json and install.json support in args, validate, run and TcEx."""
from __future__ import absolute_import, division, print_function, unicode_literals

import io
import json
import os
import shutil

import pytest

from tcex import TcEx
from tcex.app.install_conf import InstallConf
from tcex.app.install_json import InstallJson, as_install_json, load_app_config
from tcex.app.logger import remove_handlers
from tcex.app.validate import find_install_conf, validate_install_conf
from tcex.cli.main import main
from tcex.errors import ConfigError

HERE = os.path.dirname(os.path.abspath(__file__))
FIXTURES = os.path.join(os.path.dirname(HERE), 'fixtures')
TEMPLATE_APP = os.path.join(FIXTURES, 'apps', 'tcex08_job')
OPENDNS = os.path.join(FIXTURES, 'opendns', 'install.conf')

MINIMAL = {
    'allowOnDemand': True,
    'displayName': 'App',
    'languageVersion': '3.6',
    'listDelimiter': '|',
    'params': [],
    'programLanguage': 'PYTHON',
    'programMain': 'run',
    'programVersion': '1.0.0',
    'runtimeLevel': 'Organization',
}


def write_app(tmp_path, data, main='run.py'):
    folder = tmp_path / 'app'
    folder.mkdir()
    text = data if isinstance(data, str) else json.dumps(data, indent=2)
    with io.open(str(folder / 'install.json'), 'w', encoding='utf-8') as handle:
        handle.write(text if not isinstance(text, bytes) else text.decode('utf-8'))
    if main:
        with io.open(str(folder / main), 'w', encoding='utf-8') as handle:
            handle.write('print("hi")\n')
    return str(folder)


def with_params(*params):
    data = dict(MINIMAL)
    data['params'] = list(params)
    return data


def reasons(problems):
    return ['{}: {}: {}'.format(p.line, p.severity, p.message) for p in problems]


# ------------------------------------------------------------------------- the model
def test_template_app_install_json_maps_to_params():
    conf = InstallJson.load(os.path.join(TEMPLATE_APP, 'install.json'))
    assert conf.problems == []
    assert conf.program_main == 'run.py' and conf.program_version == '1.0.0'
    assert conf.program_language == 'PYTHON' and conf.language_version == '3.6'
    assert conf.allow_on_demand is True and conf.list_delimiter == '|'
    params = conf.params
    assert params['feed_tags'].is_list and params['feed_tags'].default == 'feed|automated'
    assert params['dry_run'].is_flag and params['dry_run'].default == 'false'
    assert params['feed_key'].is_encrypt and params['tc_owner'].required
    assert params['mode'].valid_values == ['success', 'fail'] and params['mode'].type == 'Choice'
    assert conf.encrypt_params == ['feed_key'] and conf.list_params == ['feed_tags']
    assert conf.data['runtimeLevel'] == 'Organization'
    with io.open(os.path.join(TEMPLATE_APP, 'install.json'), encoding='utf-8') as handle:
        lines = handle.read().splitlines()
    assert '"feed_key"' in lines[params['feed_key'].line - 1]


def test_multichoice_is_a_list_and_defaults_become_text():
    conf = InstallJson.parse(json.dumps(with_params(
        {'name': 'kinds', 'label': 'Kinds', 'type': 'MultiChoice', 'validValues': ['a', 'b']},
        {'name': 'limit', 'label': 'Limit', 'type': 'String', 'default': 50},
        {'name': 'on', 'label': 'On', 'type': 'Boolean', 'default': True},
    )))
    assert conf.params['kinds'].is_list
    assert conf.params['limit'].default == '50' and conf.params['on'].default == 'true'


@pytest.mark.parametrize('param, expected', [
    ({'name': 'x', 'label': 'X', 'type': 'Strng'},
     "params[0].type 'Strng' of param 'x' is not one of Boolean, Choice"),
    ({'name': 'x', 'label': 'X', 'type': 'String', 'encrypt': 'yes'},
     "params[0].encrypt of param 'x' must be true or false, got \"yes\""),
    ({'label': 'X', 'type': 'String'}, 'params[0].name is missing'),
])
def test_param_problems_name_file_line_and_field(param, expected):
    conf = InstallJson.parse(json.dumps(with_params(param), indent=2), path='app/install.json')
    assert len(conf.errors) == 1
    problem = conf.errors[0]
    assert problem.message.startswith(expected)
    assert str(problem).startswith('app/install.json:')
    assert problem.line > 1


def test_duplicate_param_and_raise_on_errors():
    conf = InstallJson.parse(json.dumps(with_params(
        {'name': 'x', 'label': 'X', 'type': 'String'},
        {'name': 'x', 'label': 'X again', 'type': 'String'}), indent=2), path='install.json')
    with pytest.raises(ConfigError) as info:
        conf.raise_on_errors()
    assert "params[1].name 'x' is declared twice" in str(info.value)
    assert str(info.value).startswith('install.json:')


def test_not_json_names_the_line(tmp_path):
    path = str(tmp_path / 'install.json')
    with io.open(path, 'w', encoding='utf-8') as handle:
        handle.write('{\n  "programMain": "run",\n  oops\n}\n')
    with pytest.raises(ConfigError) as info:
        load_app_config(path)
    assert str(info.value).startswith('{}:3: not valid JSON'.format(path))
    with pytest.raises(ConfigError) as info:
        InstallJson.parse('[1, 2]', path='x.json')
    assert 'must hold a JSON object' in str(info.value)
    with pytest.raises(ConfigError) as info:  # a recursion error inside the JSON parser, as one line
        InstallJson.parse('{"a": ' + '[' * 100000 + ']' * 100000 + '}', path='deep.json')
    assert str(info.value) == 'deep.json: not valid JSON (nested too deeply)'


def test_as_install_json_of_install_conf():
    data = as_install_json(InstallConf.load(OPENDNS))
    assert data['programMain'] == 'opendns.py' and data['listDelimiter'] == '|'
    tags = [param for param in data['params'] if param['name'] == 'tags'][0]
    assert tags['allowMultiple'] is True and tags['type'] == 'String'
    assert as_install_json(None) == {}


# ------------------------------------------------------------------------- validate
def test_validate_install_json_folder(tmp_path, capsys):
    folder = write_app(tmp_path, MINIMAL)
    assert find_install_conf(folder) == os.path.join(folder, 'install.json')
    assert validate_install_conf(folder) == []
    assert main(['validate', folder]) == 0
    assert capsys.readouterr()[0] == '{}: OK\n'.format(os.path.join(folder, 'install.json'))


def test_validate_install_json_problems_use_its_field_names(tmp_path, capsys):
    data = dict(MINIMAL)
    del data['programVersion']
    data['params'] = [{'name': 'tags', 'label': 'Tags', 'type': 'String', 'allowMultiple': True}]
    del data['listDelimiter']
    folder = write_app(tmp_path, data, main=None)
    problems = reasons(validate_install_conf(folder))
    assert '1: error: programVersion is missing' in problems
    assert any("programMain file 'run.py' not found next to install.json" in p for p in problems)
    assert any("param 'tags' allows multiple values but listDelimiter is not set" in p for p in problems)
    assert main(['validate', folder]) == 1
    out = capsys.readouterr()[0]
    assert out.splitlines()[-1] == '{}: 3 errors, 0 warnings'.format(os.path.join(folder, 'install.json'))


def test_install_conf_wins_over_install_json(tmp_path):
    folder = write_app(tmp_path, MINIMAL)
    shutil.copy(OPENDNS, os.path.join(folder, 'install.conf'))
    assert find_install_conf(folder) == os.path.join(folder, 'install.conf')


# ------------------------------------------------------------------------- TcEx and args
@pytest.mark.usefixtures('isolate_runtime')
def test_tcex_reads_install_json_params(paths):
    conf = os.path.join(TEMPLATE_APP, 'install.json')
    tcex = TcEx(argv=paths['argv'] + ['--tc_owner', 'Org', '--feed_key', 'secret-value-1',
                                      '--dry_run', '--feed_tags', 'a|b'], install_conf=conf)
    args = tcex.args
    assert (args.tc_owner, args.dry_run, args.feed_tags, args.mode) == ('Org', True, ['a', 'b'], 'success')
    assert 'secret-value-1' in tcex.secrets
    tcex.log.info('key %s', args.feed_key)
    remove_handlers('tcex')
    with io.open(os.path.join(paths['log'], 'app.log'), encoding='utf-8') as handle:
        assert 'key ***' in handle.read()


@pytest.mark.usefixtures('isolate_runtime')
def test_tcex_finds_install_json_next_to_the_script(paths, tmp_path, monkeypatch):
    folder = write_app(tmp_path, with_params({'name': 'feed', 'label': 'Feed', 'type': 'String',
                                              'default': 'https://feed.example'}))
    monkeypatch.setattr('sys.argv', [os.path.join(folder, 'run.py')])
    tcex = TcEx(argv=paths['argv'])
    assert tcex.args.feed == 'https://feed.example'
    assert tcex.install_json['programMain'] == 'run'


@pytest.mark.usefixtures('isolate_runtime')
def test_declared_param_readable_by_its_own_name(paths):
    tcex = TcEx(argv=paths['argv'] + ['--logging', 'debug'], install_conf=OPENDNS)
    assert tcex.args.logging == 'debug'
    assert tcex.args.tc_log_level == 'debug'  # still sets the log level
    default = TcEx(argv=paths['argv'], install_conf=OPENDNS)
    assert default.args.logging == 'info'  # install.conf default


@pytest.mark.usefixtures('isolate_runtime')
def test_undeclared_sdk_option_gets_no_alias(paths):
    tcex = TcEx(argv=paths['argv'] + ['--logging', 'debug'], install_conf=False)
    assert not hasattr(tcex.args, 'logging')



def test_a_duplicate_key_is_a_warning_naming_its_second_line():
    text = '{\n  "programMain": "run",\n  "programVersion": "1.0.0",\n  "programMain": "other",\n  "params": []\n}\n'
    conf = InstallJson.parse(text, path='dup.json')
    assert [(p.line, p.severity, p.message) for p in conf.problems if 'duplicate' in p.message] == [
        (4, 'warning', "duplicate key 'programMain' in an object; the last value is used")]
