# -*- coding: utf-8 -*-
"""Tests for ``tcex init``: the scaffold validates, runs and packages."""
from __future__ import absolute_import, division, print_function, unicode_literals

import io
import os
import subprocess
import sys
import zipfile

import pytest
import six

from tcex.app.install_conf import InstallConf
from tcex.app.validate import validate_install_conf
from tcex.cli.main import main
from tests.cli.helpers import ROOT, tcex_subprocess

FILES = ['.gitignore', 'README.md', 'app.py', 'install.conf', 'tc.conf']


def read(path):
    with io.open(path, encoding='utf-8') as handle:
        return handle.read()


@pytest.fixture
def scaffold(tmp_path, capsys):
    assert main(['init', 'my_feed', '--dir', str(tmp_path)]) == 0
    capsys.readouterr()
    return os.path.join(str(tmp_path), 'my_feed')


def test_init_creates_the_files(tmp_path, capsys):
    assert main(['init', 'my_feed', '--dir', str(tmp_path)]) == 0
    folder = os.path.join(str(tmp_path), 'my_feed')
    out = capsys.readouterr()[0]
    assert out.splitlines()[0] == 'created {}/'.format(folder)
    assert sorted(os.listdir(folder)) == FILES
    assert read(os.path.join(folder, 'README.md')).startswith('# my_feed\n')
    app = read(os.path.join(folder, 'app.py'))
    assert 'class App(JobApp):' in app
    for hook in ('add_arguments(self, parser)', 'setup(self)', 'run(self)', 'teardown(self)'):
        assert 'def {}:'.format(hook) in app
    assert "if __name__ == '__main__':\n    App.main()" in app
    assert '{{' not in app


def test_scaffold_install_conf_has_list_flag_encrypt_and_validates(scaffold):
    conf = InstallConf.load(os.path.join(scaffold, 'install.conf'))
    assert conf.list_params == ['tags']
    assert conf.flag_params == ['dry_run']
    assert conf.encrypt_params == ['feed_api_key']
    assert 'last_run' in conf.params
    assert validate_install_conf(scaffold) == []


def test_scaffold_validates_via_cli(scaffold, capsys):
    assert main(['validate', scaffold]) == 0
    assert capsys.readouterr()[0].endswith(': OK\n')


def test_scaffold_runs_with_tcex_run(scaffold):
    code, out, err = tcex_subprocess(['run', 'app.py'], cwd=scaffold)
    assert code == 0, err
    assert 'Traceback' not in err
    results = read(os.path.join(scaffold, 'out', 'results.tc'))
    assert results.startswith('param.last_run = ')
    assert int(results.split('=', 1)[1].strip()) > 0
    log = ''.join(
        read(os.path.join(scaffold, 'log', name)) for name in os.listdir(os.path.join(scaffold, 'log'))
    )
    assert 'change-me' not in log + out + err  # the .encrypt param is masked
    assert "tags: [" in log and 'APT' in log and 'Crimeware' in log
    assert 'dry run: True' in log


def test_scaffold_packages_and_runs_from_the_zip(scaffold, tmp_path):
    code, out, err = tcex_subprocess(['package'], cwd=scaffold)
    assert code == 0, err
    zip_path = os.path.join(scaffold, 'target', 'my_feed-v1.0.0.zip')
    extracted = str(tmp_path / 'deployed')
    with zipfile.ZipFile(zip_path) as archive:
        names = archive.namelist()
        archive.extractall(extracted)
    assert names[:4] == ['install.conf', 'README.md', 'app.py', 'lib/six.py']
    assert 'tc.conf' not in names and '.gitignore' not in names
    # app.py puts the zip's lib/ first on sys.path: the vendored tcex is the one imported.
    probe = subprocess.Popen(
        [sys.executable, '-c', 'import app, tcex, six; print(tcex.__file__); print(six.__file__)'],
        cwd=extracted, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
    )
    out, err = probe.communicate()
    assert probe.returncode == 0, err
    for line in out.decode('utf-8').splitlines():
        assert os.path.realpath(line).startswith(os.path.realpath(os.path.join(extracted, 'lib')))
    run = subprocess.Popen(
        [sys.executable, 'app.py', '--tc_out_path', 'out', '--tc_log_path', 'log', '--owner', 'Org'],
        cwd=extracted, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
    )
    run.communicate()
    assert run.returncode == 0
    assert os.path.isfile(os.path.join(extracted, 'out', 'results.tc'))


def test_existing_empty_folder_is_fine(tmp_path, capsys):
    os.mkdir(str(tmp_path / 'app'))
    assert main(['init', 'app', '--dir', str(tmp_path)]) == 0
    assert sorted(os.listdir(str(tmp_path / 'app'))) == FILES


def test_refuses_non_empty_folder(tmp_path, capsys):
    folder = tmp_path / 'app'
    folder.mkdir()
    (folder / 'keep.txt').write_text('mine')
    assert main(['init', 'app', '--dir', str(tmp_path)]) == 1
    assert capsys.readouterr()[1] == 'tcex init: error: {} exists and is not empty\n'.format(
        os.path.join(str(tmp_path), 'app')
    )
    assert os.listdir(str(folder)) == ['keep.txt']


@pytest.mark.parametrize('name', ['', '../escape', 'a/b', '.hidden', 'sp ace'])
def test_refuses_bad_names(tmp_path, capsys, name):
    assert main(['init', name, '--dir', str(tmp_path)]) == 1
    assert capsys.readouterr()[1] == (
        "tcex init: error: invalid App name '{}': use letters, digits, '_', '.' and '-'\n".format(name)
    )
    assert os.listdir(str(tmp_path)) == []


def test_subprocess_init(tmp_path):
    code, out, err = tcex_subprocess(['init', 'sub_app'], cwd=str(tmp_path))
    assert (code, err) == (0, '')
    assert sorted(os.listdir(str(tmp_path / 'sub_app'))) == FILES
    code, out, err = tcex_subprocess(['init', 'sub_app'], cwd=str(tmp_path))
    assert code == 1
    assert 'Traceback' not in err
    assert err == 'tcex init: error: {} exists and is not empty\n'.format(os.path.join('.', 'sub_app'))


def test_root_is_the_checkout():
    assert os.path.isfile(os.path.join(ROOT, 'tcex', 'cli', 'templates', 'app.py.tmpl'))


def test_scaffold_never_points_at_the_public_package_index(tmp_path):
    from tcex.cli.init import scaffold  # pylint: disable=import-outside-toplevel

    folder = scaffold('idx_app', str(tmp_path))
    for name in FILES:
        text = read(os.path.join(folder, name))
        assert 'pip install tcex' not in text and 'pypi.org' not in text, name
    assert 'pip install /path/to/tcex-checkout' in read(os.path.join(folder, 'README.md'))


def test_docs_never_tell_users_to_install_tcex_from_the_package_index():
    import re  # pylint: disable=import-outside-toplevel

    wrong = re.compile(r'pip3? install\s+(?:-U\s+|--upgrade\s+)?["\']?tcex\b(?![-/\w])|pypi\.org/project/tcex')
    places = [os.path.join(ROOT, 'README.md')]
    for folder in ('docs', os.path.join('tcex', 'cli', 'templates'), 'examples'):
        for base, _, names in os.walk(os.path.join(ROOT, folder)):
            places.extend(os.path.join(base, name) for name in names
                          if name.endswith(('.rst', '.md', '.tmpl', '.py', '.txt', '.conf')))
    offenders = [path for path in places if wrong.search(read(path))]
    assert offenders == []


def _run_python(args, cwd):
    process = subprocess.Popen([sys.executable] + args, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    out, err = process.communicate()
    return process.returncode, out.decode('utf-8', 'replace'), err.decode('utf-8', 'replace')


def test_the_scaffold_inits_runs_packages_and_runs_zipped_under_a_non_ascii_folder(tmp_path):
    """Python 2 gives paths as bytes: a folder named with an accent once broke every step there."""
    parent = os.path.join(six.text_type(tmp_path), 'dossier \u00e9')
    os.makedirs(parent)
    code, out, err = tcex_subprocess(['init', 'my_feed'], cwd=parent)
    assert code == 0, err
    folder = os.path.join(parent, 'my_feed')
    for args in (['validate'], ['run', 'app.py'], ['package']):
        code, out, err = tcex_subprocess(args, cwd=folder)
        assert code == 0 and 'Traceback' not in err, (args, err)
    deployed = os.path.join(parent, 'd\u00e9ploy\u00e9')
    with zipfile.ZipFile(os.path.join(folder, 'target', 'my_feed-v1.0.0.zip')) as archive:
        archive.extractall(deployed)
    code, out, err = _run_python(['tcex_main.py', '--tc_out_path', 'out', '--tc_log_path', 'log', '--owner', 'Org'],
                                 deployed)
    assert code == 0 and 'Traceback' not in err and 'Warning' not in err, err
    assert os.path.isfile(os.path.join(deployed, 'out', 'results.tc'))


def test_a_zipped_main_script_in_a_subfolder_imports_its_sibling_modules(scaffold, tmp_path):
    src = os.path.join(scaffold, 'src')
    os.makedirs(src)
    with io.open(os.path.join(scaffold, 'app.py'), encoding='utf-8') as handle:
        app = handle.read()
    with io.open(os.path.join(src, 'app.py'), 'w', encoding='utf-8') as handle:
        handle.write(app.replace('from tcex import JobApp', 'import helper  # noqa\nfrom tcex import JobApp'))
    with io.open(os.path.join(src, 'helper.py'), 'w', encoding='utf-8') as handle:
        handle.write('VALUE = 1\n')
    os.remove(os.path.join(scaffold, 'app.py'))
    conf = read(os.path.join(scaffold, 'install.conf')).replace('program.main = app.py', 'program.main = src/app.py')
    with io.open(os.path.join(scaffold, 'install.conf'), 'w', encoding='utf-8') as handle:
        handle.write(conf)
    code, out, err = tcex_subprocess(['package'], cwd=scaffold)
    assert code == 0, err
    deployed = str(tmp_path / 'deployed-src')
    with zipfile.ZipFile(os.path.join(scaffold, 'target', 'my_feed-v1.0.0.zip')) as archive:
        archive.extractall(deployed)
    code, out, err = _run_python(['tcex_main.py', '--tc_out_path', 'out', '--tc_log_path', 'log', '--owner', 'Org'],
                                 deployed)
    assert code == 0, err


def test_tcex_run_of_a_main_script_in_a_subfolder_runs_it_as_the_platform_would(scaffold):
    """The App runs in the folder of its install.conf (program.main = src/app.py), as the package does."""
    src = os.path.join(scaffold, 'src')
    os.makedirs(src)
    os.rename(os.path.join(scaffold, 'app.py'), os.path.join(src, 'app.py'))
    conf = read(os.path.join(scaffold, 'install.conf')).replace('program.main = app.py', 'program.main = src/app.py')
    with io.open(os.path.join(scaffold, 'install.conf'), 'w', encoding='utf-8') as handle:
        handle.write(conf)
    code, out, err = tcex_subprocess(['run', '--dry-run', os.path.join('src', 'app.py')], cwd=scaffold)
    assert code == 0, err
    assert out.splitlines()[0] == 'cd {}'.format(scaffold)
    assert '--feed_api_key' in out and 'src/app.py' in out  # the params of the top-level install.conf
    code, out, err = tcex_subprocess(['run', os.path.join('src', 'app.py')], cwd=scaffold)
    assert code == 0 and 'Traceback' not in err, err
    assert os.path.isfile(os.path.join(scaffold, 'out', 'results.tc'))
