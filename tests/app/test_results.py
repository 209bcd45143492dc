# -*- coding: utf-8 -*-
"""Tests for tcex.app.results: results.tc."""
from __future__ import absolute_import, division, print_function, unicode_literals

import io
import os

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tcex.app.results import (
    format_value, read_results_tc, update_results_text, write_results_tc,
)
from tcex.errors import TcExError, ValidationError
from tests.helpers import read_text as _read


def test_writes_param_line(tmpdir):
    out = os.path.join(str(tmpdir), 'out')
    path = write_results_tc(out, 'last_completed_time', 1430619556)
    assert path == os.path.join(out, 'results.tc')
    assert _read(path) == 'param.last_completed_time = 1430619556\n'


def test_existing_key_is_replaced_not_appended(tmpdir):
    out = str(tmpdir)
    write_results_tc(out, 'a', 1)
    write_results_tc(out, 'b', 2)
    write_results_tc(out, 'a', 3)
    assert _read(os.path.join(out, 'results.tc')) == 'param.a = 3\nparam.b = 2\n'


def test_other_lines_are_preserved(tmpdir):
    out = str(tmpdir)
    with io.open(os.path.join(out, 'results.tc'), 'w', encoding='utf-8') as handle:
        handle.write('# written by an earlier step\nparam.keep = yes\nparam.a=old\n')
    write_results_tc(out, 'a', 'new')
    assert _read(os.path.join(out, 'results.tc')) == (
        '# written by an earlier step\nparam.keep = yes\nparam.a = new\n'
    )


def test_no_temporary_file_is_left_behind(tmpdir):
    out = str(tmpdir)
    for index in range(3):
        write_results_tc(out, 'k{}'.format(index), index)
    assert sorted(os.listdir(out)) == ['results.tc']


def test_duplicate_lines_collapse_into_one(tmpdir):
    text = 'param.a = 1\nparam.b = 2\nparam.a = 3\n'
    assert update_results_text(text, 'a', '9') == 'param.a = 9\nparam.b = 2\n'


def test_prefix_keys_are_not_confused():
    text = 'param.ab = 1\nparam.a = 2\n'
    assert update_results_text(text, 'a', '9') == 'param.ab = 1\nparam.a = 9\n'


@pytest.mark.parametrize('value, expected', [
    (None, ''),
    (True, 'true'),
    (False, 'false'),
    (3.5, '3.5'),
    ('caf\xe9', 'caf\xe9'),
    (b'raw', 'raw'),
])
def test_format_value(value, expected):
    assert format_value(value) == expected


def test_list_value_joined_with_delimiter(tmpdir):
    out = str(tmpdir)
    write_results_tc(out, 'tags', ['APT', 'Crimeware'], list_delimiter='|')
    assert read_results_tc(out) == {'tags': 'APT|Crimeware'}


def test_list_value_without_delimiter_is_rejected(tmpdir):
    with pytest.raises(ValidationError):
        write_results_tc(str(tmpdir), 'tags', ['a', 'b'])


def test_line_break_in_value_is_rejected(tmpdir):
    with pytest.raises(ValidationError) as info:
        write_results_tc(str(tmpdir), 'note', 'two\nlines')
    assert 'line break' in str(info.value)
    assert not os.path.exists(os.path.join(str(tmpdir), 'results.tc'))


@pytest.mark.parametrize('key', ['', 'has space', 'a=b', 'param.'])
def test_invalid_key_is_rejected(tmpdir, key):
    with pytest.raises(ValidationError):
        write_results_tc(str(tmpdir), key, 1)


def test_param_prefix_on_key_is_accepted(tmpdir):
    write_results_tc(str(tmpdir), 'param.last', 5)
    assert read_results_tc(str(tmpdir)) == {'last': '5'}


def test_undeclared_key_warns(tmpdir, collector):
    logger, messages = collector
    write_results_tc(str(tmpdir), 'last_run', 1, params=['owners'], logger=logger)
    assert len(messages) == 1
    assert 'last_run' in messages[0] and 'install.conf' in messages[0]
    del messages[:]
    write_results_tc(str(tmpdir), 'owners', 'x', params=['owners'], logger=logger)
    assert messages == []


def test_unknown_params_means_no_warning(tmpdir, collector):
    logger, messages = collector
    write_results_tc(str(tmpdir), 'anything', 1, params=None, logger=logger)
    assert messages == []


def test_unwritable_out_path_is_one_line_error(tmpdir):
    blocker = tmpdir.join('file')
    blocker.write('x')
    out = os.path.join(str(blocker), 'out')
    with pytest.raises(TcExError) as info:
        write_results_tc(out, 'a', 1)
    assert os.path.join(out, 'results.tc') in str(info.value)
    assert '\n' not in str(info.value)


def test_read_missing_file_is_empty(tmpdir):
    assert read_results_tc(str(tmpdir)) == {}


_keys = st.text(alphabet='abcdefghij_', min_size=1, max_size=4)
_values = st.text(
    alphabet=st.characters(blacklist_categories=('Cs', 'Cc', 'Zl', 'Zp')), max_size=12
).map(lambda text: text.strip())


@settings(max_examples=40, deadline=None)
@given(st.lists(st.tuples(_keys, _values), max_size=12))
def test_last_write_wins_for_every_key(tmpdir_factory, writes):
    out = str(tmpdir_factory.mktemp('results'))
    expected = {}
    for key, value in writes:
        write_results_tc(out, key, value)
        expected[key] = value
    assert read_results_tc(out) == expected


def test_a_results_tc_that_is_not_utf8_is_a_one_line_error_and_is_left_as_it_is(tmpdir):
    out = str(tmpdir)
    path = os.path.join(out, 'results.tc')
    with open(path, 'wb') as handle:
        handle.write(b'param.a = caf\xe9\n')
    with pytest.raises(TcExError) as info:
        write_results_tc(out, 'b', '1')
    assert 'not UTF-8' in str(info.value) and '\n' not in str(info.value)
    with pytest.raises(TcExError):
        read_results_tc(out)
    with open(path, 'rb') as handle:
        assert handle.read() == b'param.a = caf\xe9\n'
