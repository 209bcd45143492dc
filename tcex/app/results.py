# -*- coding: utf-8 -*-
"""The ``results.tc`` file: parameter values the platform saves for the next run.

Each line is ``param.<key> = <value>``. The platform keeps a value only when
``<key>`` is a param of the App's install.conf and the run succeeds.
"""
from __future__ import absolute_import, division, print_function, unicode_literals

import io
import logging
import os
import re
import tempfile

import six

from tcex.errors import TcExError, ValidationError

RESULTS_TC_FILENAME = 'results.tc'

_KEY_RE = re.compile(r'^[^\s=]+$', re.UNICODE)

#: Every line separator ``str.splitlines()`` knows (Python 3; Python 2's ``unicode`` agrees,
#: its ``str`` does not): refused in values, and the file is split on exactly these.
LINE_SEPARATORS = '\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029'
_SEPARATOR_RE = re.compile('[' + LINE_SEPARATORS + ']')
_LINE_END_RE = re.compile('\r\n|[' + LINE_SEPARATORS + ']')


def split_lines(text):
    """Split ``text`` into lines on :data:`LINE_SEPARATORS` (``\\r\\n`` counts once), on any Python.

    Args:
        text (str): The text.

    Returns:
        list: The lines, without separators (no empty last item for a final separator).
    """
    lines = _LINE_END_RE.split(text)
    if lines and lines[-1] == '':
        lines.pop()
    return lines


def _refuse_separators(text, what, value, field=None):
    match = _SEPARATOR_RE.search(text)
    if match:
        raise ValidationError(
            'results.tc: {} contains a line break ({!r} at position {}), which would inject a line: {!r}'.format(
                what, match.group(0), match.start(), text),
            value=value, field=field)
_LOG = logging.getLogger('tcex.app.results')


def format_value(value, list_delimiter=None):
    """Turn a Python value into the text written after ``=``.

    Args:
        value: Text, a number, a bool (written ``true``/``false``), None (written
            empty) or a list/tuple (joined with ``list_delimiter``).
        list_delimiter (str): The install.conf ``list.delimiter``, for lists.

    Returns:
        str: The text.

    Raises:
        ValidationError: A list is given without a delimiter, or the text
            contains one of :data:`LINE_SEPARATORS` (it would inject a line).
    """
    if value is None:
        text = ''
    elif isinstance(value, bool):
        text = 'true' if value else 'false'
    elif isinstance(value, (list, tuple)):
        if not list_delimiter:
            raise ValidationError(
                'results.tc: a list value needs list.delimiter in install.conf', value=value
            )
        text = list_delimiter.join(format_value(item) for item in value)
    elif isinstance(value, six.binary_type):
        text = value.decode('utf-8', 'replace')
    else:
        text = six.text_type(value)
    _refuse_separators(text, 'value', value)
    return text


def _key_of(line):
    """Return the key of a ``param.<key> = value`` line, or None."""
    stripped = line.strip()
    if not stripped.startswith('param.'):
        return None
    name = stripped[len('param.'):].split('=', 1)[0].strip()
    return name or None


def update_results_text(text, key, value_text):
    """Return ``text`` with ``param.<key>`` set to ``value_text``.

    An existing line for the key is replaced in place (later duplicates are
    dropped); other lines are kept as they are; a new key is appended.

    Args:
        text (str): The current file content (may be empty).
        key (str): The param name.
        value_text (str): The formatted value.

    Returns:
        str: The new content, ending with a newline.
    """
    new_line = 'param.{} = {}'.format(key, value_text)
    lines = []
    replaced = False
    for line in split_lines(text):
        if _key_of(line) == key:
            if not replaced:
                lines.append(new_line)
                replaced = True
            continue
        lines.append(line)
    if not replaced:
        lines.append(new_line)
    return '\n'.join(lines) + '\n'


def write_results_tc(out_path, key, value, params=None, list_delimiter=None, logger=None):
    """Set ``param.<key> = <value>`` in ``<out_path>/results.tc``, atomically.

    The new content is written to a temporary file in ``out_path`` and renamed
    over ``results.tc``, so a reader never sees a half-written file.

    Args:
        out_path (str): The ``tc_out_path`` folder (created if missing).
        key (str): The param name (without ``param.``).
        value: The value (see :func:`format_value`).
        params: The install.conf param names, or None when unknown. A key not
            among them gets a warning, because the platform would drop it.
        list_delimiter (str): For list values.
        logger: Where the warning goes (default ``tcex.app.results``).

    Returns:
        str: The path of ``results.tc``.

    Raises:
        ValidationError: The key or value cannot be written.
        TcExError: ``out_path`` cannot be created or written.
    """
    logger = logger or _LOG
    if isinstance(key, six.binary_type):
        key = key.decode('utf-8', 'replace')
    key = six.text_type(key).strip()
    if key.startswith('param.'):
        key = key[len('param.'):]
    _refuse_separators(key, 'key', key, field=key)
    if not _KEY_RE.match(key):
        raise ValidationError('results.tc: invalid key {!r}'.format(key), value=key, field=key)
    value_text = format_value(value, list_delimiter)
    if params is not None and key not in params:
        logger.warning(
            'results.tc: key %r is not a param of install.conf; the platform will not save it', key
        )
    path = os.path.join(out_path, RESULTS_TC_FILENAME)
    try:
        ensure_folder(out_path)
        current = ''
        if os.path.exists(path):
            with io.open(path, encoding='utf-8') as handle:
                current = handle.read()
        content = update_results_text(current, key, value_text)
        handle_fd, temp_path = tempfile.mkstemp(prefix='.results.', suffix='.tmp', dir=out_path)
        try:
            with io.open(handle_fd, 'w', encoding='utf-8') as handle:
                handle.write(content)
            _replace(temp_path, path)
        except BaseException:
            _remove_quietly(temp_path)
            raise
    except (IOError, OSError) as exc:
        raise TcExError('cannot write {}: {}'.format(path, exc.strerror or exc), value=out_path)
    except UnicodeDecodeError as exc:
        raise TcExError('cannot update {}: it is not UTF-8 text (byte {}); it was left as it is'.format(
            path, exc.start), value=path)
    logger.debug('results.tc: param.%s written', key)
    return path


def read_results_tc(out_path):
    """Read ``<out_path>/results.tc`` back.

    Args:
        out_path (str): The ``tc_out_path`` folder.

    Returns:
        dict: key -> value text (empty when the file does not exist).

    Raises:
        TcExError: The file is not UTF-8 text.
    """
    path = os.path.join(out_path, RESULTS_TC_FILENAME)
    values = {}
    if not os.path.exists(path):
        return values
    try:
        with io.open(path, encoding='utf-8') as handle:
            text = handle.read()
    except UnicodeDecodeError as exc:
        raise TcExError('cannot read {}: it is not UTF-8 text (byte {})'.format(path, exc.start), value=path)
    for line in split_lines(text):
        key = _key_of(line)
        if key is not None:
            parts = line.split('=', 1)
            values[key] = parts[1].strip() if len(parts) == 2 else ''
    return values


def ensure_folder(path):
    """Create folder ``path`` (and parents) if missing.

    Raises:
        OSError: It cannot be created, or exists and is not a folder (the
            error's ``strerror`` says so in plain words).
    """
    if os.path.isdir(path):
        return
    if os.path.exists(path):
        raise OSError(20, '{} is not a folder'.format(path))
    try:
        os.makedirs(path)
    except OSError as exc:
        if not os.path.isdir(path):
            raise OSError(exc.errno, 'cannot create folder {}: {}'.format(path, exc.strerror or exc))


def open_private(path, mode='w'):
    """Open text file ``path`` (UTF-8) for writing, created owner-only (0600) whatever the umask.

    An existing file is made owner-only too.

    Args:
        path (str): The file.
        mode (str): ``'w'`` (truncate) or ``'a'`` (append).

    Returns:
        The open text file.

    Raises:
        OSError: It cannot be opened.
    """
    flags = os.O_WRONLY | os.O_CREAT | (os.O_APPEND if mode == 'a' else os.O_TRUNC)
    descriptor = os.open(path, flags, 0o600)
    try:
        if hasattr(os, 'fchmod'):
            os.fchmod(descriptor, 0o600)
        return io.open(descriptor, mode, encoding='utf-8')
    except BaseException:
        os.close(descriptor)
        raise


def _replace(source, target):
    replace = getattr(os, 'replace', None)
    if replace is not None:
        replace(source, target)
    else:  # Python 2 on POSIX: rename over an existing file is atomic.
        os.rename(source, target)


def _remove_quietly(path):
    try:
        os.remove(path)
    except OSError:
        pass
