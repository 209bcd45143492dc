# -*- coding: utf-8 -*-
"""Tests for tcex.app.logger: log file, stderr, levels and secret masking."""
from __future__ import absolute_import, division, print_function, unicode_literals

import io
import logging
import os

import pytest
import six

from tcex.app.logger import (
    MASK, MaskingFilter, MaskingFormatter, configure_logging, level_for, mask_text,
    remove_handlers,
)
from tcex.errors import ArgumentError

SECRET = 'qwertyuiopasdfghjklzxcvbnm'


@pytest.fixture(autouse=True)
def clean_tcex_logger():
    """Leave the 'tcex' logger as it was (no handlers of ours, level unset)."""
    logger = logging.getLogger('tcex')
    level = logger.level
    yield
    remove_handlers('tcex')
    logger.setLevel(level)


def _read(path):
    with io.open(path, encoding='utf-8') as handle:
        return handle.read()


def test_mask_text_replaces_every_occurrence():
    assert mask_text('a {0} b {0}'.format(SECRET), {SECRET}) == 'a *** b ***'


def test_mask_text_longest_secret_first():
    assert mask_text('key=abcdef', ['abc', 'abcdef']) == 'key=***'


def test_mask_text_ignores_empty_secrets_and_decodes_bytes():
    assert mask_text(b'caf\xc3\xa9 pass', ['', None, 'pass']) == 'caf\xe9 ***'


def test_mask_text_leaves_secrets_shorter_than_four_characters():
    assert mask_text('a pw in a word: pwned', ['pw']) == 'a pw in a word: pwned'


@pytest.mark.parametrize('name, level', [
    ('trace', logging.DEBUG), ('DEBUG', logging.DEBUG), ('info', logging.INFO),
    ('warning', logging.WARNING), ('error', logging.ERROR), ('Critical', logging.CRITICAL),
])
def test_level_names(name, level):
    assert level_for(name) == level


def test_unknown_level_is_argument_error():
    with pytest.raises(ArgumentError) as info:
        level_for('loud')
    assert 'loud' in str(info.value)


def test_log_file_created_with_folder_and_level(tmpdir):
    log_path = os.path.join(str(tmpdir), 'logs', 'deep')
    path = configure_logging(log_path, 'app.log', 'warning', stderr=False)
    assert path == os.path.join(log_path, 'app.log')
    log = logging.getLogger('tcex.app')
    log.info('not written')
    log.warning('written %d', 1)
    remove_handlers('tcex')
    text = _read(path)
    assert 'written 1' in text
    assert 'not written' not in text


def test_library_module_records_land_in_the_same_file(tmpdir):
    path = configure_logging(str(tmpdir), 'app.log', 'debug', stderr=False)
    logging.getLogger('tcex.batch.submit').debug('from batch')
    logging.getLogger('tcex.session').info('from session')
    logging.getLogger('unrelated').warning('not ours')
    remove_handlers('tcex')
    text = _read(path)
    assert 'from batch' in text and 'from session' in text
    assert 'not ours' not in text


def test_secrets_masked_in_args_message_and_traceback(tmpdir):
    secrets = {SECRET}
    path = configure_logging(str(tmpdir), 'app.log', 'debug', secrets=secrets, stderr=False)
    log = logging.getLogger('tcex.app')
    log.info('key %s in args', SECRET)
    log.info('key ' + SECRET + ' in message')
    log.info('dict %(key)s', {'key': SECRET})
    try:
        raise ValueError('failed with ' + SECRET)
    except ValueError:
        log.exception('boom')
    remove_handlers('tcex')
    text = _read(path)
    assert SECRET not in text
    assert text.count(MASK) >= 4
    assert 'Traceback' in text and 'ValueError: failed with ***' in text


def test_secret_added_later_is_masked(tmpdir):
    secrets = set()
    path = configure_logging(str(tmpdir), 'app.log', 'info', secrets=secrets, stderr=False)
    secrets.add('late-secret')
    logging.getLogger('tcex.app').info('value late-secret')
    remove_handlers('tcex')
    assert 'value ***' in _read(path)


def test_records_reaching_parent_handlers_are_masked(tmpdir):
    """A handler on the root logger (e.g. pytest's) sees the masked text too."""
    seen = []

    class Keep(logging.Handler):
        def emit(self, record):
            seen.append(self.format(record))

    root_handler = Keep()
    logging.getLogger().addHandler(root_handler)
    try:
        configure_logging(str(tmpdir), 'app.log', 'info', secrets={SECRET}, stderr=False)
        try:
            raise RuntimeError(SECRET)
        except RuntimeError:
            logging.getLogger('tcex.app').exception('secret %s', SECRET)
    finally:
        logging.getLogger().removeHandler(root_handler)
    assert seen and all(SECRET not in text for text in seen)
    assert 'RuntimeError: ***' in seen[0]


def test_stderr_stream_gets_records_without_traceback(tmpdir):
    stream = six.StringIO()
    path = configure_logging(str(tmpdir), 'app.log', 'info', secrets={SECRET}, stderr=stream)
    try:
        raise KeyError(SECRET)
    except KeyError:
        logging.getLogger('tcex.app').exception('lookup failed for %s', SECRET)
    remove_handlers('tcex')
    shown = stream.getvalue()
    assert shown == 'ERROR - lookup failed for ***\n'
    assert 'Traceback' in _read(path)


def test_env_switches_stderr_on(tmpdir, monkeypatch, capsys):
    monkeypatch.setenv(str('TCEX_LOG_STDERR'), str('1'))
    configure_logging(str(tmpdir), 'app.log', 'info')
    logging.getLogger('tcex.app').warning('visible on stderr')
    remove_handlers('tcex')
    assert 'visible on stderr' in capsys.readouterr().err


def test_env_switches_stderr_off(tmpdir, monkeypatch, capsys):
    monkeypatch.setenv(str('TCEX_LOG_STDERR'), str('0'))
    configure_logging(str(tmpdir), 'app.log', 'info')
    logging.getLogger('tcex.app').warning('file only')
    remove_handlers('tcex')
    assert 'file only' not in capsys.readouterr().err


def test_reconfiguring_does_not_duplicate_handlers(tmpdir):
    logger = logging.getLogger('tcex')
    before = len(logger.handlers)
    configure_logging(str(tmpdir), 'one.log', 'info', stderr=six.StringIO())
    configure_logging(str(tmpdir), 'two.log', 'info', stderr=six.StringIO())
    assert len(logger.handlers) == before + 2
    logging.getLogger('tcex.app').info('once')
    remove_handlers('tcex')
    assert len(logger.handlers) == before
    assert _read(os.path.join(str(tmpdir), 'two.log')).count('once') == 1
    assert 'once' not in _read(os.path.join(str(tmpdir), 'one.log'))


def test_unwritable_log_path_is_argument_error(tmpdir):
    blocker = tmpdir.join('file')
    blocker.write('x')
    with pytest.raises(ArgumentError) as info:
        configure_logging(os.path.join(str(blocker), 'log'), 'app.log', 'info', stderr=False)
    assert str(blocker) in str(info.value)


def test_masking_formatter_alone_masks_output():
    formatter = MaskingFormatter('%(message)s', {SECRET})
    record = logging.LogRecord('tcex.x', logging.INFO, __file__, 1, 'v=%s', (SECRET,), None)
    assert formatter.format(record) == 'v=***'


def test_masking_filter_handles_bad_format_args():
    record = logging.LogRecord('tcex.x', logging.INFO, __file__, 1, 'v=%d', (SECRET,), None)
    assert MaskingFilter({SECRET}).filter(record) is True
    assert SECRET not in record.getMessage()


@pytest.mark.parametrize('log_file, name', [('app.log', 'tc_log_path'), ('sub/app.log', 'tc_log_path'),
                                            ('sub/none/x.log', 'tc_log_file')])
def test_an_unwritable_log_file_names_the_argument_at_fault(tmpdir, log_file, name, isolate_runtime):
    folder = str(tmpdir.join('log')) if name == 'tc_log_file' else os.path.join(str(tmpdir.join('file')), 'x')
    if name == 'tc_log_path':
        tmpdir.join('file').write('not a folder')  # the folder cannot be made, whatever the file name
    with pytest.raises(ArgumentError) as info:
        configure_logging(folder, log_file, stderr=False)
    assert str(info.value).startswith('{}: cannot write log file '.format(name))
