# -*- coding: utf-8 -*-
"""Console helpers shared by the ``tcex`` sub-commands (Python 2.7 and 3).

Python 2 hands command line arguments over as bytes and refuses to write
non-ASCII text to a pipe; these helpers make both behave as on Python 3.
"""
from __future__ import absolute_import, division, print_function, unicode_literals

import sys

from tcex.utils.text import escape_controls, fs_text


def text_arg(value):
    """argparse ``type=``: return an argument as text (decoding Python 2 bytes, see :func:`tcex.utils.text.fs_text`).

    Args:
        value: The raw argument.

    Returns:
        str: The text.
    """
    return fs_text(value)


def echo(text, stream=None):
    """Write one line to ``stream`` (default stdout) whatever its encoding.

    Args:
        text (str): The line, without its newline.
        stream: A text stream (default ``sys.stdout``).
    """
    stream = stream or sys.stdout
    line = '{}\n'.format(escape_controls('{}'.format(text), keep='\n\t'))  # no raw ESC/NUL of a value
    try:
        stream.write(line)
    except UnicodeEncodeError:
        data = line.encode(getattr(stream, 'encoding', None) or 'utf-8', 'replace')
        getattr(stream, 'buffer', stream).write(data)
