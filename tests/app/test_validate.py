# -*- coding: utf-8 -*-
"""Tests for tcex.app.validate."""
from __future__ import absolute_import, division, print_function, unicode_literals

import io
import os

import pytest

from tcex.app.install_conf import InstallConf
from tcex.app.validate import check, errors_in, find_install_conf, validate_install_conf
from tcex.errors import ConfigError

FIXTURES = os.path.join(os.path.dirname(os.path.dirname(__file__)), 'fixtures')

GOOD = (
    'program.version = 1.0.0\n'
    'program.language = PYTHON\n'
    'language.version = 3.6\n'
    'program.main = app.py\n'
)


def write_app(tmp_path, text, main='app.py'):
    folder = tmp_path / 'app'
    folder.mkdir()
    with io.open(str(folder / 'install.conf'), 'w', encoding='utf-8') as handle:
        handle.write(text)
    if main:
        with io.open(str(folder / main), 'w', encoding='utf-8') as handle:
            handle.write('print("hi")\n')
    return str(folder)


def reasons(problems):
    return ['{}:{}: {}'.format(p.line, p.severity, p.message) for p in problems]


def test_opendns_sample_validates_clean():
    assert validate_install_conf(os.path.join(FIXTURES, 'opendns')) == []


def test_good_minimal(tmp_path):
    folder = write_app(tmp_path, GOOD)
    assert validate_install_conf(folder) == []
    assert validate_install_conf(os.path.join(folder, 'install.conf')) == []


def test_bad_fixture_reports_every_problem():
    path = os.path.join(FIXTURES, 'bad', 'install.conf')
    with io.open(os.path.join(FIXTURES, 'bad', 'expected.txt'), encoding='utf-8') as handle:
        expected = handle.read().splitlines()[:-1]  # last line is the CLI summary
    problems = validate_install_conf(path)
    assert [str(p).replace(path, 'tests/fixtures/bad/install.conf') for p in problems] == [
        line.replace(os.sep, '/') for line in expected
    ]
    assert len(errors_in(problems)) == 15


@pytest.mark.parametrize('extra, expected', [
    ('param.a.b = 1\n',
     ["5:error:param name 'a.b' contains '.': use letters, digits and '_'"]),
    ('param.a-b = 1\n',
     ["5:error:param name 'a-b' contains '-': use letters, digits and '_'"]),
    ('param.1abc = 1\n',
     ["5:error:param name '1abc' is not a valid argument name: use letters, digits and '_'"]),
    ('param.help =\n',
     ["5:error:param name 'help' is reserved (--help prints the App's usage)"]),
    ('param.t =\nparam.t.list\n',
     ["6:error:param 't' is a .list but list.delimiter is not set"]),
    ('repeating.minutes = 30,x\n',
     ["5:error:repeating.minutes value 'x' is not a positive integer"]),
    ('repeating.minutes = 30,75\n',
     ['5:warning:repeating.minutes value 75 is discarded: values over 60 must be divisible by 60']),
    ('program.version = 2\n',
     ["5:error:duplicate key 'program.version' (first set on line 1); the last value is used"]),
    ('what is this\n',
     ["5:error:malformed line 'what is this': expected 'key = value'"]),
    ('param.x.label = X\n',
     ["5:error:'param.x.label' refers to param 'x' that is never declared (add 'param.x =')"]),
    ('param.x.list\n',
     ["5:error:'param.x.list' refers to param 'x' that is never declared (add 'param.x =')"]),
    ('param.x.flag = no\n',
     ["5:error:'param.x.flag' refers to param 'x' that is never declared (add 'param.x =')"]),
    ('param.x.encrypt\n',
     ["5:error:'param.x.encrypt' refers to param 'x' that is never declared (add 'param.x =')"]),
    ('program.author = me\n', ["5:warning:unknown property 'program.author'"]),
    ('Program.Main = app.py\n',
     ["5:warning:unknown property 'Program.Main' (did you mean 'program.main'?)"]),
    ('list.delimiter = |\nparam.f.flag\nparam.f.list\n',
     ["6:error:param 'f' is both a .flag and a .list"]),
    ('param.f.flag\nparam.f.encrypt\n',
     ["5:warning:param 'f' is both a .flag and an .encrypt; a checkbox has no secret"]),
])
def test_each_bad_input(tmp_path, extra, expected):
    folder = write_app(tmp_path, GOOD + extra)
    problems = validate_install_conf(folder)
    assert reasons(problems) == [_spaced(e) for e in expected]


def _spaced(reason):
    line, severity, message = reason.split(':', 2)
    return '{}:{}: {}'.format(line, severity, message)


def test_unknown_language(tmp_path):
    folder = write_app(tmp_path, GOOD.replace('PYTHON', 'Ruby'))
    assert reasons(validate_install_conf(folder)) == [
        "2:error: unknown program.language 'RUBY' (expected JAVA or PYTHON)"
    ]


@pytest.mark.parametrize('drop, expected', [
    ('program.version', '1:error: program.version is missing'),
    ('program.language', '1:error: program.language is missing'),
    ('language.version', '1:warning: language.version is missing'),
    ('program.main', '1:error: program.main is missing'),
])
def test_missing_properties(tmp_path, drop, expected):
    text = ''.join(line + '\n' for line in GOOD.splitlines() if not line.startswith(drop))
    assert reasons(validate_install_conf(write_app(tmp_path, text))) == [expected]


def test_main_file_not_found(tmp_path):
    folder = write_app(tmp_path, GOOD, main=None)
    problems = validate_install_conf(folder)
    assert reasons(problems) == ["4:error: program.main file 'app.py' not found next to install.conf"]
    assert str(problems[0]) == (
        "{}:4: error: program.main file 'app.py' not found next to install.conf".format(
            os.path.join(folder, 'install.conf')
        )
    )


@pytest.mark.parametrize('main', ['../app.py', '/etc/passwd'])
def test_main_outside_app_folder(tmp_path, main):
    folder = write_app(tmp_path, GOOD.replace('app.py', main), main=None)
    assert reasons(validate_install_conf(folder)) == [
        "4:error: program.main '{}' is outside the App folder".format(main)
    ]


def test_main_in_subfolder(tmp_path):
    folder = write_app(tmp_path, GOOD.replace('app.py', 'src/app.py'), main=None)
    os.mkdir(os.path.join(folder, 'src'))
    io.open(os.path.join(folder, 'src', 'app.py'), 'w').close()
    assert validate_install_conf(folder) == []


def test_java_main_is_a_class_not_a_file(tmp_path):
    text = GOOD.replace('PYTHON', 'java').replace('app.py', 'com.example.Main')
    assert validate_install_conf(write_app(tmp_path, text, main=None)) == []


def test_check_without_base_dir_skips_file_check():
    conf = InstallConf.parse(GOOD, path='x/install.conf')
    assert check(conf) == []


def test_missing_install_conf_raises(tmp_path):
    with pytest.raises(ConfigError) as info:
        validate_install_conf(str(tmp_path))
    assert str(info.value) == '{}: install.conf not found'.format(
        os.path.join(str(tmp_path), 'install.conf')
    )
    with pytest.raises(ConfigError):
        find_install_conf(str(tmp_path / 'nope.conf'))



def test_a_form_feed_or_line_separator_inside_a_value_does_not_split_the_line(tmp_path):
    folder = write_app(tmp_path, GOOD + 'param.x =\nparam.x.label = a\u2028b\x0cc\x85d\nparam.y.list\n')
    assert reasons(validate_install_conf(folder)) == [
        _spaced("7:error:'param.y.list' refers to param 'y' that is never declared (add 'param.y =')")]
