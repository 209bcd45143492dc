# -*- coding: utf-8 -*-
"""Text coercion, the same on Python 2 and 3: strict UTF-8 and no lone surrogates.

:func:`to_text` is the one place where a value becomes text for the SDK: text is kept, UTF-8
bytes are decoded strictly, and a lone UTF-16 surrogate (which no encoder can write, so it
would fail much later, at submit time) is refused up front.
"""
from __future__ import absolute_import, division, print_function, unicode_literals

import re
import sys

import six

if sys.maxunicode > 0xFFFF:  # Python 3 and wide Python 2 builds: every surrogate is a lone one
    LONE_SURROGATE = re.compile('[\ud800-\udfff]')
else:  # pragma: no cover - narrow Python 2 builds store astral characters as surrogate pairs
    LONE_SURROGATE = re.compile('[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]')

# Python 2's codec decodes an encoded UTF-16 surrogate (ED A0 80) that Python 3's refuses, and
# encodes a lone surrogate that Python 3's refuses.
_DECODED_SURROGATE = LONE_SURROGATE if six.PY2 else None
# The first byte of every UTF-8 encoded surrogate: bytes without it hold none (no scan needed).
_SURROGATE_LEAD = b'\xed'
_is_ascii = getattr(six.text_type, 'isascii', None)  # Python 3.7+: a flag test, no scan


def decode_utf8(data):
    """Decode UTF-8 bytes strictly.

    Args:
        data (bytes): The bytes.

    Returns:
        str: The text.

    Raises:
        UnicodeDecodeError: The bytes are not valid UTF-8 (encoded surrogates included).
    """
    text = six.text_type(data, 'utf-8')  # no codec lookup (Python 2's bytes.decode makes one per call)
    if _DECODED_SURROGATE is not None and _SURROGATE_LEAD in data:
        match = _DECODED_SURROGATE.search(text)
        if match:
            raise UnicodeDecodeError(str('utf-8'), data, match.start(), match.start() + 1,
                                     str('encoded surrogate'))
    return text


def encode_utf8(text):
    """Encode text as UTF-8 strictly, the same on Python 2 and 3.

    Args:
        text (str): The text.

    Returns:
        bytes: Its UTF-8 bytes.

    Raises:
        UnicodeEncodeError: The text holds a lone surrogate (Python 2's codec would encode it).
    """
    data = text.encode('utf-8')
    if _DECODED_SURROGATE is not None and _SURROGATE_LEAD in data:
        match = _DECODED_SURROGATE.search(text)
        if match:
            raise UnicodeEncodeError(str('utf-8'), text, match.start(), match.start() + 1, str('lone surrogate'))
    return data


def surrogate_reason(text):
    """Return why ``text`` cannot be encoded (a lone surrogate), or None when it can.

    Args:
        text (str): The text.

    Returns:
        str|None: e.g. ``'contains a lone surrogate (U+D800) at position 3'``.
    """
    if _is_ascii is not None and _is_ascii(text):
        return None
    match = LONE_SURROGATE.search(text)
    if match is None:
        return None
    return 'contains a lone surrogate (U+{:04X}) at position {}'.format(ord(match.group()[0]), match.start())


def to_text(value):
    """Return ``value`` as text: text as given, UTF-8 bytes decoded strictly.

    Args:
        value (str|bytes): The value.

    Returns:
        str: The text (``unicode`` on Python 2).

    Raises:
        ValueError: Not text or bytes, bytes that are not UTF-8, or text with a lone
            surrogate; the message is a short reason (``not valid UTF-8``).
    """
    if isinstance(value, six.text_type):
        if _is_ascii is not None and _is_ascii(value):
            return value
        reason = surrogate_reason(value)
        if reason is not None:
            raise ValueError(reason)
        return value
    if isinstance(value, six.binary_type):
        try:
            return decode_utf8(value)
        except UnicodeDecodeError:
            raise ValueError('not valid UTF-8')
    raise ValueError('expected text, got {}'.format(type(value).__name__))


def number_text(value):
    """Return the text of a number, the same on Python 2 and 3 (``7``, ``2.5``, ``123456789.12345679``).

    Python 2's ``str()`` and ``format()`` of a float keep 12 significant digits; ``repr()`` gives
    the shortest text that reads back as the same float on both.

    Args:
        value (int|float): The number (a Python 2 ``long`` too).

    Returns:
        str: Its text.
    """
    return repr(value) if isinstance(value, float) else '{:d}'.format(value)


def fs_text(value):
    """Return a path or command-line argument as text (Python 2 gives them as bytes).

    Bytes are decoded with the file system encoding, then UTF-8; undecodable bytes are
    replaced (the result is for messages and joins with text, never a different path on
    Python 3, where the value is text already).

    Args:
        value (str|bytes): The path or argument.

    Returns:
        str: The text.
    """
    if not isinstance(value, six.binary_type):
        return value
    for encoding in (sys.getfilesystemencoding(), 'utf-8'):
        try:
            return value.decode(encoding or 'utf-8')
        except (UnicodeDecodeError, LookupError):
            continue
    return value.decode('utf-8', 'replace')


_FILE_LINE_END = re.compile('\r\n|\r|\n')


def file_lines(text):
    """Split ``text`` into the lines a file's line numbers count (``\\n``, ``\\r\\n`` or ``\\r``).

    Unlike ``str.splitlines()``, a form feed, U+0085 or U+2028 inside a line (a label's text,
    say) does not start a new one.

    Args:
        text (str): The text.

    Returns:
        list: The lines, without their ends (no empty last item after a final line end).
    """
    lines = _FILE_LINE_END.split(text)
    if lines and lines[-1] == '':
        lines.pop()
    return lines


# C0 and C1 control characters and DEL, and lone surrogates (a text holding one cannot be written out).
_CONTROLS = re.compile('[\x00-\x1f\x7f-\x9f]|' + LONE_SURROGATE.pattern)


def escape_controls(text, keep=''):
    """Return ``text`` with its control characters and lone surrogates written as escapes.

    A newline becomes ``\\n``, any other control character ``\\xNN`` and a lone surrogate
    ``\\uNNNN``, so that no ESC or NUL of a value reaches a terminal or a log line.

    Args:
        text (str): The text.
        keep (str): Characters left as they are (e.g. ``'\\n\\t'`` for several lines of output).

    Returns:
        str: The text, escaped.
    """
    def escape(match):
        char = match.group()
        if char in keep:
            return char
        if char == '\n':
            return '\\n'
        code = ord(char[0])
        return '\\x{:02x}'.format(code) if code < 0x100 else '\\u{:04x}'.format(code)
    return _CONTROLS.sub(escape, text)
