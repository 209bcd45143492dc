# -*- coding: utf-8 -*-
"""Secret masking: every form a secret can take in output is replaced with ``***``.

A secret reaches output raw, escaped by ``repr()`` or JSON, URL-encoded
(``quote``/``quote_plus``, upper- or lower-case hex, and as ``requests`` quotes a URL
path; once, twice as in a URL inside a query string, or after JSON escaping as in JSON
inside a query string), base64-encoded (standard or URL-safe, at any byte offset of a
longer encoded text, e.g. HTTP basic auth; also URL-encoded), hex-encoded, or with its
whitespace runs made single spaces (a message made one line).
:func:`secret_forms` lists those forms; a :class:`Masker` finds all of them in one
regular-expression pass (the forms share their prefixes in a trie, so a long line costs about
what one form would) and masks the spans they cover, overlapping secrets included.

A secret shorter than :data:`MIN_SECRET_LENGTH` characters is not used as a
pattern (masking ``ab`` would mangle every line); the :class:`Masker` warns
once per such secret that it is too short to mask safely.
"""
from __future__ import absolute_import, division, print_function, unicode_literals

import base64
import binascii
import json
import logging
import re

import six
from six.moves.urllib.parse import quote, quote_plus

MASK = '***'

#: Shorter secrets are not masked (warned about once instead).
MIN_SECRET_LENGTH = 4

#: Base64 text of a secret seen at another byte offset must be at least this long to be masked.
_MIN_SHIFTED_BASE64 = 8

_PERCENT_HEX = re.compile('%[0-9A-F]{2}')


def to_text(value):
    """Return ``value`` as text (bytes decoded as UTF-8, replacing bad bytes)."""
    if isinstance(value, six.text_type):
        return value
    if isinstance(value, six.binary_type):
        return value.decode('utf-8', 'replace')
    try:
        return six.text_type(value)
    except UnicodeDecodeError:  # Python 2 objects whose __str__ returns non-ASCII bytes
        return six.binary_type(value).decode('utf-8', 'replace')


def _escaped_forms(secret):
    """Forms ``repr()`` (Python 2 and 3) and JSON give the secret inside quotes."""
    forms = set()
    body = secret.encode('unicode_escape').decode('ascii')  # \\ \n \xe9 \u2028 escaped, quotes kept
    forms.update([body, body.replace("'", "\\'"), body.replace('"', '\\"')])
    forms.add(secret.encode('ascii', 'backslashreplace').decode('ascii'))  # Python 2 traceback lines
    forms.add(json.dumps(secret)[1:-1])
    forms.add(json.dumps(secret, ensure_ascii=False)[1:-1])
    py3_body = repr(secret)
    if py3_body[:1] in ('u', 'U'):
        py3_body = py3_body[1:]
    forms.add(py3_body[1:-1])
    raw = secret.encode('utf-8')
    forms.add(repr(raw).lstrip('b')[1:-1])  # repr of the UTF-8 bytes: \xc3\xa9
    return forms


#: What ``requests`` leaves unquoted in a URL it sends (``requests.utils.requote_uri``).
_URI_SAFE = str("!#$%&'()*+,/:;=?@[]~")


def _quoted(text):
    """The ``quote``/``quote_plus`` texts of ``text`` (safe ``''`` and ``'/'``), upper- and lower-case hex."""
    forms = set()
    raw = text.encode('utf-8')
    none, slash = str(''), str('/')  # native str: Python 2's quote() mixes them with the bytes
    for quoted in (quote(raw, safe=none), quote(raw, safe=slash), quote(raw, safe=_URI_SAFE),
                   quote_plus(raw, safe=none), quote_plus(raw, safe=slash)):
        quoted = to_text(quoted)
        forms.add(quoted)
        forms.add(_PERCENT_HEX.sub(lambda match: match.group(0).lower(), quoted))
    return forms


def _url_forms(secret, escaped):
    """URL-encoded once, twice (a query string inside a URL), and JSON-escaped then URL-encoded."""
    once = _quoted(secret)
    forms = set(once)
    for text in once:
        if '%' in text or '+' in text:
            forms.update(_quoted(text))  # %2B -> %252B; the lower-hex form gives %252b
    for text in escaped:
        if text != secret:
            forms.update(_quoted(text))  # {"k": "a\"b"} in a query string
    return forms


def _base64_forms(secret):
    """The base64 text of the secret (padding dropped) and of its 3-byte-aligned cores at other offsets."""
    raw = secret.encode('utf-8')
    forms = set()
    for encode in (base64.b64encode, base64.urlsafe_b64encode):
        forms.add(encode(raw).decode('ascii').rstrip('='))
        for skip in (1, 2):  # the secret starts 2 or 1 bytes into a 3-byte group
            core = raw[skip:]
            core = core[:len(core) // 3 * 3]
            text = encode(core).decode('ascii')
            if len(text) >= _MIN_SHIFTED_BASE64:
                forms.add(text)
    return forms


def secret_forms(secret):
    """Return every form of ``secret`` that is masked (raw first is not guaranteed).

    Args:
        secret (str): The secret (bytes are decoded as UTF-8).

    Returns:
        set: The raw text, its ``repr()``/JSON escapes, URL encodings, base64 and hex
        texts; empty when the secret is shorter than :data:`MIN_SECRET_LENGTH`.
    """
    secret = to_text(secret)
    if len(secret) < MIN_SECRET_LENGTH:
        return set()
    raw = secret.encode('utf-8')
    forms = set([secret, ' '.join(secret.split())])  # also as a message made one line shows it
    escaped = _escaped_forms(secret)
    forms.update(escaped)
    forms.update(_url_forms(secret, escaped))
    b64 = _base64_forms(secret)
    forms.update(b64)
    for text in b64:
        if '+' in text or '/' in text:
            forms.update(_quoted(text))  # base64 in a query string: + and / percent-encoded
    hex_text = binascii.hexlify(raw).decode('ascii')
    forms.update([hex_text, hex_text.upper()])
    return set(form for form in forms if len(form) >= MIN_SECRET_LENGTH)


def _trie_pattern(words):
    """Return a regular expression matching any of ``words``, the longest one at a position.

    The words share their prefixes in a trie, so at each position the engine follows one
    branch instead of trying every word (a secret has about a hundred forms).
    """
    trie = {}
    for word in words:
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[''] = {}  # a word ends here
    return _render(trie)


def _compile_forms(forms):
    """Compile the trie pattern of ``forms``; a plain alternation (longest first) when it is too deep."""
    try:
        return re.compile(_trie_pattern(forms))
    except (RuntimeError, re.error, OverflowError):  # RecursionError is a RuntimeError
        ordered = sorted(forms, key=lambda form: (-len(form), form))
        return re.compile('|'.join(re.escape(form) for form in ordered))


def _render(node):
    """The pattern of a trie node: its branches, optional when a word ends here (greedy: longest first)."""
    branches = []
    for char in sorted(key for key in node if key):
        child, text = node[char], re.escape(char)
        while len(child) == 1 and '' not in child:  # a chain of single children: plain text, no group
            (char, child), = child.items()
            text += re.escape(char)
        branches.append(text + _render(child))
    if not branches:
        return ''
    body = branches[0] if len(branches) == 1 else '(?:{})'.format('|'.join(branches))
    return '(?:{})?'.format(body) if '' in node else body


def too_short(secret):
    """True when a non-empty secret is too short to be masked safely."""
    return 0 < len(to_text(secret)) < MIN_SECRET_LENGTH


class Masker(object):
    """Masks a live collection of secrets in every form, compiling the pattern once per change.

    Args:
        secrets: A live collection (e.g. the ``set`` of :attr:`tcex.TcEx.secrets`);
            later additions are honoured on the next call.
        logger: Where the "too short to mask" warning goes (default ``tcex.app.masking``).
    """

    def __init__(self, secrets=None, logger=None):
        self.secrets = secrets if secrets is not None else set()
        self.logger = logger or logging.getLogger('tcex.app.masking')
        self._key = None
        self._pattern = None
        self._warned = set()

    def _compile(self):
        key = frozenset(to_text(s) for s in list(self.secrets) if s)
        if key != self._key:
            forms = set()
            for secret in key:
                try:
                    forms.update(secret_forms(secret))
                except Exception:  # pylint: disable=broad-except  # masking must never fail
                    if not too_short(secret):
                        forms.add(secret)
            self._pattern = _compile_forms(forms) if forms else None
            self._key = key
        return key

    def warn_short(self):
        """Warn once for each secret too short to be masked safely (it is left as it is)."""
        for secret in self._compile():
            if too_short(secret) and secret not in self._warned:
                self._warned.add(secret)
                self.logger.warning('a secret of %d character%s is too short to mask safely; it is not masked',
                                    len(secret), '' if len(secret) == 1 else 's')

    def mask(self, text):
        """Return ``text`` (bytes decoded as UTF-8) with every form of every secret replaced by ``***``."""
        text = to_text(text)
        self._compile()
        if self._pattern is None or self._pattern.search(text) is None:
            return text
        pattern = self._pattern
        spans = []  # [start, end) of the secrets found, overlapping ones merged (AAAABBBB and BBBBCCCC)
        for match in pattern.finditer(text):
            start, end = match.span()
            for probe in range(start + 1, end):  # a form starting inside this one may end after it
                other = pattern.match(text, probe)
                if other is not None and other.end() > end:
                    end = other.end()
            if spans and start <= spans[-1][1]:
                spans[-1][1] = max(spans[-1][1], end)
            else:
                spans.append([start, end])
        pieces, done = [], 0
        for start, end in spans:
            pieces.extend((text[done:start], MASK))
            done = end
        pieces.append(text[done:])
        return ''.join(pieces)


def mask_text(text, secrets):
    """Replace every form of every secret in ``text`` with ``***``.

    Longer forms are replaced first, so a secret containing another one is
    masked whole. Empty secrets and secrets shorter than :data:`MIN_SECRET_LENGTH`
    are ignored.

    Args:
        text: The text (bytes are decoded as UTF-8).
        secrets: An iterable of secret strings, or a :class:`Masker`.

    Returns:
        str: The masked text.
    """
    masker = secrets if isinstance(secrets, Masker) else Masker(secrets)
    return masker.mask(text)
