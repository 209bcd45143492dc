# -*- coding: utf-8 -*-
"""A small ``multipart/form-data`` parser (Python 2 and 3)."""
from __future__ import absolute_import, division, print_function, unicode_literals

import re

_BOUNDARY = re.compile(r'boundary=("?)([^";]+)\1', re.IGNORECASE)
_NAME = re.compile(br'name="([^"]*)"', re.IGNORECASE)


def parse(content_type, body):
    """Split a multipart body into ``{name: bytes}``.

    Args:
        content_type (str): The request's Content-Type (carries the boundary).
        body (bytes): The request body.

    Returns:
        dict: Part name -> part content.

    Raises:
        ValueError: The body is not well-formed multipart data.
    """
    if not content_type or not content_type.lower().startswith('multipart/form-data'):
        raise ValueError('Content-Type is not multipart/form-data')
    match = _BOUNDARY.search(content_type)
    if not match:
        raise ValueError('multipart boundary missing')
    delimiter = b'--' + match.group(2).encode('latin-1')
    chunks = body.split(delimiter)
    if len(chunks) < 3 or not chunks[-1].startswith(b'--'):
        raise ValueError('multipart body is not terminated')
    parts = {}
    for chunk in chunks[1:-1]:
        if not chunk.startswith(b'\r\n') or not chunk.endswith(b'\r\n'):
            raise ValueError('multipart part is malformed')
        chunk = chunk[2:-2]
        head, sep, content = chunk.partition(b'\r\n\r\n')
        if not sep:
            raise ValueError('multipart part has no header block')
        name = None
        for line in head.split(b'\r\n'):
            if line.lower().startswith(b'content-disposition:'):
                found = _NAME.search(line)
                if found:
                    name = found.group(1).decode('utf-8')
        if name is None:
            raise ValueError('multipart part has no name')
        parts[name] = content
    return parts
