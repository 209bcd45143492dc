# -*- coding: utf-8 -*-
"""Finds text that sets a credential to a value, whatever the spelling of its name.

A key name matches in any case and with ``_``, ``-`` or nothing between its
words: ``api_secret_key``, ``apiSecretKey``, ``api-secret-key`` and
``API_SECRET_KEY`` are one name (names are compared with ``_``/``-`` removed,
lowercased). Three kinds of names:

* the App's own secrets (``api_secret_key``, ``tc_token``,
  ``tc_proxy_password`` and its ``.encrypt`` params): any value;
* generic credential names (:data:`GENERIC_KEYS`: ``secret_key``, ``api_key``,
  ``access_token``, ``password``...): a value of at least
  :data:`MIN_GENERIC_VALUE` characters;
* the bare words :data:`DATA_ONLY_KEYS` (``token``, ``secret``): the same, in
  data files only; in ``.py`` files they are ordinary variable names (a parser's
  ``token = 'EOF'``).

In ``.py`` files only a quoted literal without spaces is a value (``tc_token = args.tc_token``
is code, ``'not set'`` or a label is prose); an f-string with a placeholder is code too. Whole names only: ``next_token`` or ``aws_secret_key`` do not match
``token`` or ``secret_key``.
"""
from __future__ import absolute_import, division, print_function, unicode_literals

import io
import re

#: Generic credential names, matched in every file when set to a long enough value.
GENERIC_KEYS = ('secret_key', 'api_key', 'api_token', 'access_token', 'auth_token', 'refresh_token',
                'client_secret', 'password')

#: Bare words matched in data files only (ordinary variable names in code).
DATA_ONLY_KEYS = ('token', 'secret')

#: The shortest value of a generic name that counts (``"password": "none"`` does not).
MIN_GENERIC_VALUE = 8

_BLOCK = 1 << 20
_OVERLAP = 512
_CAMEL = re.compile('[a-z0-9](?=[A-Z])')


def normalise(name):
    """Return ``name`` without ``_``/``-``, lowercased (``apiSecretKey`` -> ``apisecretkey``)."""
    return re.sub('[_-]', '', name).lower()


def _words(key):
    """``api_secret_key``/``apiSecretKey`` -> ``['api', 'secret', 'key']``."""
    key = _CAMEL.sub(lambda match: match.group(0) + '_', key)
    return [word.lower() for word in re.split('[_-]+', key) if word]


class CredentialPattern(object):
    """Text setting a credential to a value, found fast: substring search first, regex after.

    Args:
        keys: The App's secret names (any value counts).
        python (bool): Scan Python code: only a quoted literal is a value, bare ``token``/``secret`` ignored.
    """

    def __init__(self, keys, python=False):
        self.known = set(normalise(key) for key in keys if _words(key))
        self.generic = set(normalise(key) for key in GENERIC_KEYS)
        if not python:
            self.generic.update(normalise(key) for key in DATA_ONLY_KEYS)
        names = [key for key in keys if _words(key)] + list(GENERIC_KEYS) + (
            [] if python else list(DATA_ONLY_KEYS))
        self.needles = sorted(set(max(_words(key), key=len).encode('utf-8') for key in names))
        self.regex = credential_pattern(names, python)

    def search(self, data):
        """Return the first match in ``data`` (bytes) that sets a credential, or None."""
        lowered = data.lower()
        if not any(needle in lowered for needle in self.needles):
            return None
        for match in self.regex.finditer(data):
            name = normalise(match.group('name').decode('utf-8', 'replace'))
            value = match.group('value')
            if b'{' in value or normalise(value.decode('utf-8', 'replace')) == name:
                continue  # a template ('{}', f'{token}') or the name itself (ACCESS_TOKEN = 'access_token')
            if match.groupdict().get('sep') == b':' and not match.groupdict().get('quote'):
                continue  # a type annotation (tc_token: 'str' = None), not a dict key
            if name in self.known or (name in self.generic and len(value) >= MIN_GENERIC_VALUE):
                return match
        return None


def credential_pattern(keys, python=False):
    """Return the bytes pattern (groups ``name`` and ``value``) of text setting one of ``keys`` to a value.

    Args:
        keys: Key names, matched in any case with ``_``, ``-`` or nothing between their words.
        python (bool): Only a quoted literal counts (``tc_token = args.tc_token`` is code, not a secret).

    Returns:
        A compiled bytes regular expression.
    """
    spellings = sorted(set(b'[_-]?'.join(re.escape(word.encode('utf-8')) for word in _words(key))
                           for key in keys if _words(key)), key=lambda item: (-len(item), item))
    names = b'|'.join(spellings)
    if python:
        # name = 'v', name: "v", os.environ['NAME'] = 'v', f-strings, byte and triple-quoted literals
        value = (b'''(?P<quote>["']?)\\]?[ \\t]*(?P<sep>[:=])[ \\t]*[uUbBrRfF]{0,2}(?:"""|\'\'\'|["'])'''
                 b'''(?P<value>[^"'\\s]{2,})["']''')
    else:
        value = b'''["']?[ \\t]*[:=][ \\t]*["']?(?P<value>[^\\s"',;#]+)'''
    return re.compile(b'(?<![A-Za-z0-9_])(?P<name>' + names + b')' + value, re.IGNORECASE)


def file_has(path, pattern):
    """True when the file's bytes match ``pattern`` (read in blocks, never whole)."""
    tail = b''
    with io.open(path, 'rb') as handle:
        while True:
            block = handle.read(_BLOCK)
            if not block:
                return False
            if pattern.search(tail + block):
                return True
            tail = block[-_OVERLAP:]
