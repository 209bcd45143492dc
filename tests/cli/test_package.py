# -*- coding: utf-8 -*-
"""Tests for ``tcex package``."""
from __future__ import absolute_import, division, print_function, unicode_literals

import io
import os
import shutil
import zipfile

import pytest

import tcex
from tcex.cli.main import main
from tcex.cli.package import build_package, collect_app_files
from tcex.app.install_conf import InstallConf
from tcex.errors import PackageError
from tests.cli.helpers import FIXTURES, tcex_subprocess


def write(path, text=''):
    folder = os.path.dirname(path)
    if not os.path.isdir(folder):
        os.makedirs(folder)
    with io.open(path, 'w', encoding='utf-8') as handle:
        handle.write(text)


@pytest.fixture
def app(tmp_path):
    """The OpenDNS fixture plus files that must and must not be packaged."""
    folder = str(tmp_path / 'opendns_app')
    shutil.copytree(os.path.join(FIXTURES, 'opendns'), folder)
    for name in ('helpers/__init__.py', 'helpers/feed.py', 'README.md', 'data/seed.json'):
        write(os.path.join(folder, name), 'x\n')
    for name in (
        '.git/HEAD', '.hg/x', '.svn/x', '.env', '__pycache__/opendns.cpython-311.pyc', 'x.pyc',
        'helpers/__pycache__/feed.pyc', 'tests/test_app.py', 'test_opendns.py',
        '.tox/py27/x', 'venv/pyvenv.cfg', 'myenv/pyvenv.cfg', 'myenv/lib/site.py',
        'log/app.log', 'out/results.tc', 'tmp/scratch', 'target/old.zip', 'app.egg-info/PKG-INFO',
    ):
        write(os.path.join(folder, name), 'x\n')
    return folder


def zip_names(path):
    with zipfile.ZipFile(path) as archive:
        return archive.namelist()


def test_package_contents(app, capsys):
    assert main(['package', app]) == 0
    zip_path = os.path.join(app, 'target', 'opendns_app-v1.0.0.zip')
    names = zip_names(zip_path)
    out, err = capsys.readouterr()
    assert out == '{} ({} files)\n'.format(zip_path, len(names))
    assert err.splitlines() == ['left out .env: may hold credentials (name)',
                                'left out tc.conf: may hold credentials (a .conf file other than install.conf)']
    app_names = [name for name in names if not name.startswith('lib/')]
    assert app_names == [
        'install.conf', 'README.md', 'data/seed.json', 'helpers/__init__.py', 'helpers/feed.py',
        'opendns.py', 'tcex_main.py',
    ]
    assert names[0] == 'install.conf'
    assert 'lib/six.py' in names
    assert 'lib/tcex/__init__.py' in names
    assert 'lib/tcex/app/install_conf.py' in names
    assert not any(name.endswith('.pyc') or '__pycache__' in name for name in names)
    assert not any(name.endswith('tc.conf') for name in names)


def test_vendored_tcex_is_the_installed_one(app):
    zip_path, _ = build_package(app, InstallConf.load(os.path.join(app, 'install.conf')))
    package_dir = os.path.dirname(os.path.abspath(tcex.__file__))
    with zipfile.ZipFile(zip_path) as archive:
        with io.open(os.path.join(package_dir, 'errors.py'), 'rb') as handle:
            assert archive.read('lib/tcex/errors.py') == handle.read()


def test_zip_is_deterministic(app, tmp_path):
    conf = InstallConf.load(os.path.join(app, 'install.conf'))
    first, count = build_package(app, conf, output=str(tmp_path / 'one'))
    second, _ = build_package(app, conf, output=str(tmp_path / 'two'))
    with io.open(first, 'rb') as one, io.open(second, 'rb') as two:
        assert one.read() == two.read()
    with zipfile.ZipFile(first) as archive:
        infos = archive.infolist()
    assert len(infos) == count
    assert set(info.date_time for info in infos) == {(1980, 1, 1, 0, 0, 0)}
    names = [info.filename for info in infos]
    assert names[1:] == sorted(names[1:])


def test_output_option_and_output_inside_app_excluded(app, tmp_path, capsys):
    output = os.path.join(app, 'dist_here')
    assert main(['package', app, '--output', output]) == 0
    assert main(['package', app, '--output', output]) == 0  # the first zip is not packaged
    names = zip_names(os.path.join(output, 'opendns_app-v1.0.0.zip'))
    assert not any(name.startswith('dist_here') for name in names)


def test_refuses_on_validation_errors(app, capsys):
    write(os.path.join(app, 'install.conf'), 'program.version = 1\nprogram.language = cobol\n')
    assert main(['package', app]) == 1
    out, err = capsys.readouterr()
    path = os.path.join(app, 'install.conf')
    assert out == ''
    assert "{}:2: error: unknown program.language 'COBOL' (expected JAVA or PYTHON)".format(path) in err
    assert err.splitlines()[-1] == 'tcex package: error: {} has 2 errors; not packaging'.format(path)
    assert os.listdir(os.path.join(app, 'target')) == ['old.zip']


@pytest.mark.skipif(not hasattr(os, 'symlink'), reason='no symlinks')
@pytest.mark.parametrize('target, where', [('/etc', 'outside'), ('helpers', 'inside')])
def test_refuses_symlinks(app, capsys, target, where):
    link = os.path.join(app, 'linked')
    os.symlink(target if os.path.isabs(target) else os.path.join(app, target), link)
    assert main(['package', app]) == 1
    err = capsys.readouterr()[1]
    assert err.startswith('tcex package: error: refusing to package symlink ')
    assert 'points {} the App folder'.format(where) in err
    with pytest.raises(PackageError):
        collect_app_files(app)


def test_main_excluded_is_refused(app):
    write(os.path.join(app, 'install.conf'), io.open(
        os.path.join(app, 'install.conf'), encoding='utf-8').read().replace('opendns.py', 'test_main.py'))
    write(os.path.join(app, 'test_main.py'), 'x\n')
    with pytest.raises(PackageError) as info:
        build_package(app, InstallConf.load(os.path.join(app, 'install.conf')))
    assert str(info.value) == 'program.main test_main.py would not be in the zip (its name or folder is excluded)'


def test_missing_app_dir(tmp_path, capsys):
    missing = str(tmp_path / 'none')
    assert main(['package', missing]) == 1
    assert capsys.readouterr()[1] == 'tcex package: error: App folder not found: {}\n'.format(missing)


def test_subprocess_package(app):
    code, out, err = tcex_subprocess(['package'], cwd=app)
    assert code == 0, err
    assert out.startswith(os.path.join('.', 'target', 'opendns_app-v1.0.0.zip'))
    assert 'Traceback' not in err
    write(os.path.join(app, 'install.conf'), 'garbage\n')
    code, out, err = tcex_subprocess(['package'], cwd=app)
    assert code == 1
    assert 'Traceback' not in err
    assert err.splitlines()[-1].startswith('tcex package: error: ')


def test_exclude_patterns_from_the_command_line_and_tcex_json(app, capsys):
    write(os.path.join(app, 'fake_api.py'), 'x\n')
    write(os.path.join(app, 'samples/one.json'), '{}\n')
    write(os.path.join(app, 'helpers/local_only.py'), 'x\n')
    write(os.path.join(app, 'tools/run.py'), 'x\n')
    write(os.path.join(app, 'tcex.json'), '{"package": {"excludes": ["fake_api.py"], "app_name": "x"}, '
                                          '"excludes": ["samples"]}\n')
    assert main(['package', app, '--exclude', './helpers/local_*.py', '--exclude', 'README.*',
                 '--exclude', 't*.py']) == 0
    names = [name for name in zip_names(os.path.join(app, 'target', 'opendns_app-v1.0.0.zip'))
             if not name.startswith('lib/')]
    # without a "/" a pattern matches names only: t*.py leaves tools/run.py in; tcex.json is never packaged
    assert names == ['install.conf', 'data/seed.json', 'helpers/__init__.py', 'helpers/feed.py', 'opendns.py',
                     'tcex_main.py', 'tools/run.py']
    assert main(['package', app, '--exclude', 'opendns.py']) == 1
    assert 'program.main opendns.py would not be in the zip' in capsys.readouterr()[1]


@pytest.mark.parametrize('text, message', [
    ('{"package": {"excludes": "fake_api.py"}}',
     '"package.excludes" must be a list of file name patterns, not "fake_api.py"'),
    ('{"excludes": [1]}', '"excludes" must be a list of file name patterns, not [1]'),
    ('["fake_api.py"]', 'must hold a JSON object, not list'),
    ('{"excludes": [', 'not valid JSON'),
    ('{"a": ' + '[' * 100000 + ']' * 100000 + '}', 'not valid JSON (nested too deeply)'),
])
def test_a_bad_tcex_json_is_listed_and_does_not_stop_the_package(app, capsys, text, message):
    write(os.path.join(app, 'tcex.json'), text)
    assert main(['package', app]) == 0
    (line,) = [line for line in capsys.readouterr()[1].splitlines() if 'tcex.json' in line]
    assert line.startswith('left out tcex.json: ') and line.endswith('; its excludes were not applied')
    assert message in line


def test_credentials_in_code_nested_install_conf_and_a_secret_in_the_descriptor(app, capsys):
    write(os.path.join(app, 'settings.py'), "os.environ['API_SECRET_KEY'] = 'correct-horse-battery'\n")
    write(os.path.join(app, 'helptext.py'), "password = 'Enter the password of the feed'\n")  # a sentence
    write(os.path.join(app, 'sub/install.conf'), 'api_secret_key = s3cr3tv4lu3\n')
    assert main(['package', app]) == 0
    names = zip_names(os.path.join(app, 'target', 'opendns_app-v1.0.0.zip'))
    assert 'settings.py' not in names and 'sub/install.conf' not in names and 'helptext.py' in names
    err = capsys.readouterr()[1]
    assert 'left out settings.py: sets a secret' in err
    assert 'left out sub/install.conf: may hold credentials' in err
    with io.open(os.path.join(app, 'install.conf'), 'a', encoding='utf-8') as handle:
        handle.write('api_secret_key = TopLevelSecret99\n')
    assert main(['package', app]) == 1
    err = capsys.readouterr()[1]
    assert 'install.conf sets a secret' in err and 'TopLevelSecret99' not in err


def test_an_app_file_named_like_the_bootstrap_is_refused(app, capsys):
    write(os.path.join(app, 'tcex_main.py'), 'x = 1\n')
    assert main(['package', app]) == 1
    err = capsys.readouterr()[1]
    assert 'tcex_main.py' in err and 'rename it' in err and err.count('\n') == 1


def test_install_conf_prose_about_secrets_is_packaged(app, capsys):
    with io.open(os.path.join(app, 'install.conf'), 'a', encoding='utf-8') as handle:
        handle.write('param.api_token =\nparam.api_token.label = Token: generated under My Profile\n'
                     'param.user_password =\nparam.user_password.label = Password: required\n'
                     '# api_secret_key = is filled in by the platform\n')
    assert main(['package', app]) == 0, capsys.readouterr()[1]
    assert 'install.conf' in zip_names(os.path.join(app, 'target', 'opendns_app-v1.0.0.zip'))



def test_install_conf_setting_an_encrypt_param_is_refused(app, capsys):
    with io.open(os.path.join(app, 'install.conf'), 'a', encoding='utf-8') as handle:
        handle.write('param.api_token =\nparam.api_token.encrypt\napi_token = abcdefgh12345678\n')
    assert main(['package', app]) == 1
    err = capsys.readouterr()[1]
    assert 'install.conf sets a secret' in err and 'abcdefgh12345678' not in err
