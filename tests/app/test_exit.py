# -*- coding: utf-8 -*-
"""Tests for tcex.app.exit: exit codes and message.tc."""
from __future__ import absolute_import, division, print_function, unicode_literals

import logging
import os

import pytest

from tcex.app.exit import (
    MESSAGE_TC_MAX_LENGTH, ExitCode, log_level_for, to_exit_code, write_message_tc,
)
from tcex.errors import TcExError
from tests.helpers import read_text as _read


def test_exit_code_values_match_the_platform():
    assert int(ExitCode.SUCCESS) == 0
    assert int(ExitCode.FAILURE) == 1
    assert int(ExitCode.PARTIAL_FAILURE) == 3


@pytest.mark.parametrize('value, expected', [
    (None, ExitCode.SUCCESS),
    (0, ExitCode.SUCCESS),
    (1, ExitCode.FAILURE),
    (3, ExitCode.PARTIAL_FAILURE),
    (3.0, ExitCode.PARTIAL_FAILURE),
    ('3', ExitCode.PARTIAL_FAILURE),
    (ExitCode.PARTIAL_FAILURE, ExitCode.PARTIAL_FAILURE),
])
def test_to_exit_code_accepts_known_codes(value, expected, collector):
    logger, messages = collector
    assert to_exit_code(value, logger=logger) is expected
    assert messages == []


@pytest.mark.parametrize('value', [2, 7, -1, 'x', True, 1.5j, 0.5, 3.7, float('inf'), float('nan')])
def test_unknown_code_is_failure_with_a_warning(value, collector):
    logger, messages = collector
    assert to_exit_code(value, logger=logger) is ExitCode.FAILURE
    assert len(messages) == 1
    assert 'not 0, 1 or 3' in messages[0]


def test_none_uses_the_default():
    assert to_exit_code(None, default=ExitCode.PARTIAL_FAILURE) is ExitCode.PARTIAL_FAILURE
    assert to_exit_code(None, default=1) is ExitCode.FAILURE


def test_log_levels_by_outcome():
    assert log_level_for(ExitCode.SUCCESS) == logging.INFO
    assert log_level_for(ExitCode.PARTIAL_FAILURE) == logging.WARNING
    assert log_level_for(ExitCode.FAILURE) == logging.ERROR


def test_message_tc_written_and_folder_created(tmpdir):
    out = os.path.join(str(tmpdir), 'out', 'nested')
    path = write_message_tc(out, 'Processed 10 indicators \u2713')
    assert path == os.path.join(out, 'message.tc')
    assert _read(path) == 'Processed 10 indicators \u2713'


def test_message_tc_is_one_line_and_truncated(tmpdir):
    out = str(tmpdir)
    write_message_tc(out, 'first\nsecond\r\nthird')
    assert _read(os.path.join(out, 'message.tc')) == 'first second third'
    write_message_tc(out, 'x' * 1000)
    assert _read(os.path.join(out, 'message.tc')) == 'x' * MESSAGE_TC_MAX_LENGTH


def test_message_tc_replaces_previous_message(tmpdir):
    out = str(tmpdir)
    write_message_tc(out, 'a much longer first message')
    write_message_tc(out, 'short')
    assert _read(os.path.join(out, 'message.tc')) == 'short'


def test_message_tc_accepts_bytes_and_objects(tmpdir):
    out = str(tmpdir)
    write_message_tc(out, 'caf\xe9'.encode('utf-8'))
    assert _read(os.path.join(out, 'message.tc')) == 'caf\xe9'
    write_message_tc(out, 42)
    assert _read(os.path.join(out, 'message.tc')) == '42'


def test_unwritable_out_path_is_one_line_error_naming_the_path(tmpdir):
    blocker = tmpdir.join('a_file')
    blocker.write('not a folder')
    out = os.path.join(str(blocker), 'out')
    with pytest.raises(TcExError) as info:
        write_message_tc(out, 'done')
    message = str(info.value)
    assert out in message
    assert '\n' not in message
    assert info.value.exit_code == 1
