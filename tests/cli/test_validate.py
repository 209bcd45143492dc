# -*- coding: utf-8 -*-
"""Tests for ``tcex validate``."""
from __future__ import absolute_import, division, print_function, unicode_literals

import io
import os

from tcex.cli.main import main
from tests.cli.helpers import FIXTURES, tcex_subprocess


def test_opendns_ok(capsys):
    path = os.path.join(FIXTURES, 'opendns')
    assert main(['validate', path]) == 0
    out, err = capsys.readouterr()
    assert out == '{}: OK\n'.format(os.path.join(path, 'install.conf'))
    assert err == ''


def test_bad_fixture_exact_output_and_exit_1(capsys):
    path = os.path.join(FIXTURES, 'bad', 'install.conf')
    assert main(['validate', path]) == 1
    out, _ = capsys.readouterr()
    with io.open(os.path.join(FIXTURES, 'bad', 'expected.txt'), encoding='utf-8') as handle:
        expected = handle.read()
    assert out == expected.replace('tests/fixtures/bad/install.conf', path)
    assert out.splitlines()[-1] == '{}: 15 errors, 3 warnings'.format(path)


def test_warnings_alone_exit_0(tmp_path, capsys):
    (tmp_path / 'app.py').write_text('')
    (tmp_path / 'install.conf').write_text(
        'program.version = 1\nprogram.language = python\nprogram.main = app.py\n'
    )
    assert main(['validate', str(tmp_path)]) == 0
    out, _ = capsys.readouterr()
    path = os.path.join(str(tmp_path), 'install.conf')
    assert out == '{0}:1: warning: language.version is missing\n{0}: 0 errors, 1 warning\n'.format(path)


def test_default_path_is_cwd(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(os.path.join(FIXTURES, 'opendns'))
    assert main(['validate']) == 0
    assert capsys.readouterr()[0] == '{}: OK\n'.format(os.path.join('.', 'install.conf'))


def test_missing_install_conf_one_line_error(tmp_path, capsys):
    assert main(['validate', str(tmp_path)]) == 1
    out, err = capsys.readouterr()
    assert out == ''
    assert err == 'tcex validate: error: {}: install.conf not found\n'.format(
        os.path.join(str(tmp_path), 'install.conf')
    )


def test_subprocess_bad_and_good():
    code, out, err = tcex_subprocess(['validate', os.path.join('tests', 'fixtures', 'bad')])
    assert code == 1
    assert "error: unknown program.language 'RUBY'" in out
    assert 'Traceback' not in err
    code, out, err = tcex_subprocess(['validate', os.path.join('tests', 'fixtures', 'opendns')])
    assert (code, err) == (0, '')
    assert out.endswith(': OK\n')


def test_subprocess_missing_path(tmp_path):
    code, out, err = tcex_subprocess(['validate', str(tmp_path / 'nowhere')])
    assert code == 1
    assert err.strip().splitlines() == [
        'tcex validate: error: {}: install.conf not found'.format(str(tmp_path / 'nowhere'))
    ]


def test_subprocess_non_ascii_content_and_path(tmp_path):
    folder = tmp_path / 'dé'
    folder.mkdir()
    with io.open(str(folder / 'install.conf'), 'w', encoding='utf-8') as handle:
        handle.write('program.version = 1\nZürich garbage\n')
    code, out, err = tcex_subprocess(['validate', 'dé'], cwd=str(tmp_path))
    assert code == 1
    assert 'Traceback' not in err
    assert "dé/install.conf:2: error: malformed line 'Zürich garbage': expected 'key = value'" in out


def test_control_characters_of_the_file_are_escaped_in_the_errors(tmp_path, capsys):
    path = str(tmp_path / 'install.conf')
    with io.open(path, 'w', encoding='utf-8') as handle:
        handle.write('program.version = 1.0.0\nprogram.language = PYTHON\nprogram.main = app.py\n'
                     'oops \x1b[31mred\x00\n')
    assert main(['validate', str(tmp_path)]) == 1
    out, err = capsys.readouterr()
    assert '\x1b' not in out + err and '\x00' not in out + err
    assert "malformed line 'oops \\x1b[31mred\\x00'" in out + err
