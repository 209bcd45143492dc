# -*- coding: utf-8 -*-
"""Value validators and normalisers used by the batch field tables.

Every validator is ``fn(value) -> normalised value`` and raises ``ValueError`` with a short
reason; the builders wrap that into :class:`tcex.errors.ValidationError` naming the type,
field and value. Text input may be ``str``/``unicode`` or UTF-8 ``bytes``; text output is
always ``six.text_type``. Factories (:func:`choice`, :func:`text`, :func:`bounded_integer`)
return such a validator.

Normalisation policy: a value is changed only where the platform requires one form (CIDR
IPv6 blocks, the ``ASN`` prefix, lower-case ASCII host names and URL domains, label colors)
or where the meaning cannot change (surrounding whitespace, a choice's case, a registry
hive's spelling). Anything else is kept as given, because xids derive from the summary:
IPv6 addresses keep their compression and case, hashes keep their case.
"""
from __future__ import absolute_import, division, print_function, unicode_literals

import decimal
import math
import numbers
import re
import socket
import struct

import six

from ..utils.dates import to_iso8601

__all__ = [
    'REGISTRY_HIVES', 'REGISTRY_VALUE_TYPES', 'address', 'asn', 'boolean', 'bounded_integer',
    'choice', 'cidr', 'color', 'confidence', 'date', 'email_address', 'file_hashes', 'host',
    'integer', 'md5', 'mutex', 'rating', 'registry_key_name', 'registry_value_type', 'sha1',
    'sha256', 'text', 'url', 'user_agent',
]

REGISTRY_HIVES = (
    'HKEY_CLASSES_ROOT', 'HKEY_CURRENT_CONFIG', 'HKEY_CURRENT_USER',
    'HKEY_CURRENT_USER_LOCAL_SETTINGS', 'HKEY_LOCAL_MACHINE', 'HKEY_PERFORMANCE_DATA',
    'HKEY_PERFORMANCE_NLSTEXT', 'HKEY_PERFORMANCE_TEXT', 'HKEY_USERS',
)
_HIVE_ABBREVIATIONS = {
    'HKCR': 'HKEY_CLASSES_ROOT', 'HKCC': 'HKEY_CURRENT_CONFIG', 'HKCU': 'HKEY_CURRENT_USER',
    'HKLM': 'HKEY_LOCAL_MACHINE', 'HKU': 'HKEY_USERS',
}
REGISTRY_VALUE_TYPES = (
    'REG_NONE', 'REG_BINARY', 'REG_DWORD', 'REG_DWORD_LITTLE_ENDIAN', 'REG_DWORD_BIG_ENDIAN',
    'REG_EXPAND_SZ', 'REG_LINK', 'REG_MULTI_SZ', 'REG_QWORD', 'REG_QWORD_LITTLE_ENDIAN', 'REG_SZ',
)

_HEX = re.compile(r'[0-9a-fA-F]+\Z')
_HASH_KINDS = {32: (0, 'MD5'), 40: (1, 'SHA1'), 64: (2, 'SHA256')}
_COLOR = re.compile(r'#?([0-9a-fA-F]{6}|[0-9a-fA-F]{3})\Z')
_ASN = re.compile(r'(?:ASN?[ \t]*[-:]?[ \t]*)?([0-9]{1,10})\Z', re.I)
_HOST_LABELS = re.compile(
    r'(?!-)[a-z0-9_-]{1,63}(?<!-)(?:\.(?!-)[a-z0-9_-]{1,63}(?<!-))*\Z')
_ALL_NUMERIC = re.compile(r'[0-9.]+\Z')
_URL = re.compile(r'([A-Za-z][A-Za-z0-9+.-]*)://([^/?#]*)(.*)\Z', re.S)
_PORT = re.compile(r'[0-9]{1,5}\Z')
_PREFIX = re.compile(r'[0-9]{1,3}\Z')
_WHITESPACE_OR_CONTROL = re.compile(r'[\s\x00-\x1f\x7f]', re.U)
_CONTROL = re.compile(r'[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]')
_EMAIL_LOCAL = re.compile(
    r"(?:[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]|[^\x00-\x7f])+"
    r"(?:\.(?:[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]|[^\x00-\x7f])+)*\Z", re.U)
_V4, _V6 = socket.AF_INET, socket.AF_INET6
_TRUE = frozenset(['true', 't', 'yes', 'y', 'on', '1'])
_FALSE = frozenset(['false', 'f', 'no', 'n', 'off', '0'])
_INTEGER_TEXT = re.compile(r'[+-]?[0-9]+\Z')
_FLOAT_TEXT = re.compile(r'[+-]?(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?\Z')


def _text(value):
    """Return value as text (bytes decoded as UTF-8) or raise ValueError."""
    if isinstance(value, six.text_type):
        return value
    if isinstance(value, six.binary_type):
        try:
            return value.decode('utf-8')
        except UnicodeDecodeError:
            raise ValueError('not valid UTF-8')
    raise ValueError('expected text, got {}'.format(type(value).__name__))


def _stripped(value):
    """Text with surrounding whitespace removed; empty raises ValueError."""
    value = _text(value).strip()
    if not value:
        raise ValueError('empty value')
    return value


def _pton(family, value):
    """Packed address bytes, or None when value is not an address of that family."""
    try:
        return socket.inet_pton(family, str(value))
    except (socket.error, ValueError, TypeError, UnicodeError):
        return None


def address(value):
    """An IPv4 or IPv6 address, surrounding whitespace stripped, otherwise kept as given.

    IPv6 addresses keep the user's compression and case (``2001:DB8::1`` stays as is);
    zone ids (``%eth0``) and IPv4 octets with leading zeros are rejected.
    """
    value = _stripped(value)
    if ':' in value:
        if _pton(_V6, value) is None:
            raise ValueError('not a valid IPv6 address')
    elif not _pton(_V4, value):
        raise ValueError('not a valid IPv4 address')
    return value


def cidr(value):
    """A CIDR block; host bits are cleared and IPv6 blocks are written out in full.

    ``10.1.2.3/8`` becomes ``10.0.0.0/8``. IPv6 blocks are normalised to the form the
    platform requires: eight groups, no ``::`` compression, no zero padding, lower case
    (``ABC:DEF:10::/48`` becomes ``abc:def:10:0:0:0:0:0/48``). The prefix must be 0-32
    (IPv4) or 0-128 (IPv6).
    """
    ip, sep, prefix = _stripped(value).partition('/')
    ip, prefix = ip.strip(), prefix.strip()
    if not sep:
        raise ValueError('a CIDR block needs a /prefix')
    if not _PREFIX.match(prefix):
        raise ValueError('the prefix length must be a number')
    prefix = int(prefix)
    if ':' in ip:
        packed = _pton(_V6, ip)
        if packed is None:
            raise ValueError('not a valid IPv6 network address')
        if prefix > 128:
            raise ValueError('an IPv6 prefix length must be 0-128')
        high, low = struct.unpack('!QQ', packed)
        number = (high << 64) | low
        number &= ((1 << 128) - 1) ^ ((1 << (128 - prefix)) - 1)
        groups = ['{:x}'.format((number >> shift) & 0xFFFF) for shift in range(112, -1, -16)]
        return '{}/{}'.format(':'.join(groups), prefix)
    packed = _pton(_V4, ip)
    if packed is None:
        raise ValueError('not a valid IPv4 network address')
    if prefix > 32:
        raise ValueError('an IPv4 prefix length must be 0-32')
    number = struct.unpack('!I', packed)[0]
    number &= 0xFFFFFFFF ^ ((1 << (32 - prefix)) - 1)
    return '{}.{}.{}.{}/{}'.format(
        number >> 24, (number >> 16) & 0xFF, (number >> 8) & 0xFF, number & 0xFF, prefix)


def asn(value):
    """An autonomous system number as ``ASN<digits>``.

    ``ASN12345``, ``AS12345``, ``asn 12345``, ``AS-12345``, ``12345`` and the integer
    ``12345`` all become ``ASN12345`` (leading zeros dropped); the number must fit in
    32 bits. The platform itself rejects the unprefixed and spaced forms, so they are
    normalised here rather than sent.
    """
    if isinstance(value, six.integer_types) and not isinstance(value, bool):
        number = value
    else:
        match = _ASN.match(_stripped(value))
        if match is None:
            raise ValueError('not an AS number (expected ASN<digits>)')
        number = int(match.group(1))
    if not 0 <= number <= 0xFFFFFFFF:
        raise ValueError('AS number out of range 0-4294967295')
    return 'ASN{}'.format(number)


def _host_name(value, what='host name'):
    """Lower-case ASCII host name; IDNs to punycode; one trailing dot dropped."""
    if value.endswith('.'):
        value = value[:-1]
    value = value.lower()
    try:
        value.encode('ascii')
    except UnicodeError:
        try:
            value = value.encode('idna').decode('ascii')
        except UnicodeError:
            raise ValueError('not a valid internationalised {}'.format(what))
    if len(value) > 253 or not _HOST_LABELS.match(value):
        raise ValueError('not a valid {}'.format(what))
    return value


def host(value):
    """A host (domain) name: lower case, ASCII, an IDN converted to punycode.

    Labels are 1-63 letters, digits, ``-`` or ``_`` (not starting or ending with ``-``),
    253 characters at most; a single trailing dot is dropped. A scheme, path, port,
    user part or an IP address is rejected (use the URL or Address type).
    """
    value = _stripped(value)
    if '://' in value:
        raise ValueError('a host name has no scheme (use the URL type)')
    if '/' in value:
        raise ValueError('a host name has no path')
    if ':' in value:
        raise ValueError('a host name has no port')
    if '@' in value:
        raise ValueError('a host name has no user part')
    value = _host_name(value)
    if _ALL_NUMERIC.match(value):
        raise ValueError('an IP address is not a host name (use the Address type)')
    return value


def email_address(value):
    """An email address ``local@domain``: the domain is normalised like :func:`host` and
    must contain a dot; the local part keeps its case (it is case-sensitive) and may not
    have leading, trailing or consecutive dots, spaces or quotes."""
    value = _stripped(value)
    local, sep, domain = value.rpartition('@')
    if not sep or not local or not domain:
        raise ValueError('not an email address (expected local@domain)')
    if len(local) > 64 or not _EMAIL_LOCAL.match(local):
        raise ValueError('not a valid email address local part')
    domain = _host_name(domain, 'email domain')
    if '.' not in domain or _ALL_NUMERIC.match(domain):
        raise ValueError('not a valid email domain')
    return '{}@{}'.format(local, domain)


def url(value):
    """A URL with a scheme (``scheme://host...``).

    The scheme and the host name are lower-cased, a non-ASCII host becomes punycode, an
    IP host (``http://1.2.3.4/``, ``http://[::1]:8080/``) is validated; the user part,
    port, path, query and fragment are kept as given. Whitespace and control
    characters are rejected anywhere.
    """
    value = _stripped(value)
    if _WHITESPACE_OR_CONTROL.search(value):
        raise ValueError('a URL may not contain whitespace or control characters')
    match = _URL.match(value)
    if match is None:
        raise ValueError('not a URL with a scheme (e.g. https://example.com/)')
    scheme, authority, rest = match.groups()
    userinfo, _at, hostport = authority.rpartition('@')
    if hostport.startswith('['):
        end = hostport.find(']')
        if end < 0 or _pton(_V6, hostport[1:end]) is None:
            raise ValueError('not a valid IPv6 host in URL')
        hostname, port = hostport[:end + 1], hostport[end + 1:]
        if port and not port.startswith(':'):
            raise ValueError('not a valid URL host')
    else:
        hostname, _colon, port = hostport.partition(':')
        port = _colon + port
        if not hostname:
            raise ValueError('a URL needs a host')
        if not _pton(_V4, hostname):
            hostname = _host_name(hostname, 'URL host name')
            if _ALL_NUMERIC.match(hostname):
                raise ValueError('not a valid URL host (numeric but not an IPv4 address)')
    if port:
        number = port[1:]
        if number and (not _PORT.match(number) or int(number) > 65535):
            raise ValueError('not a valid URL port')
    return '{}://{}{}{}{}'.format(
        scheme.lower(), userinfo + _at, hostname, port, rest)


def _hash(value, length, name):
    value = _stripped(value)
    if len(value) != length or not _HEX.match(value):
        raise ValueError('not a valid {} hash ({} hex digits)'.format(name, length))
    return value


def md5(value):
    """An MD5 hash: 32 hex digits, case kept as given."""
    return _hash(value, 32, 'MD5')


def sha1(value):
    """A SHA1 hash: 40 hex digits, case kept as given."""
    return _hash(value, 40, 'SHA1')


def sha256(value):
    """A SHA256 hash: 64 hex digits, case kept as given."""
    return _hash(value, 64, 'SHA256')


def file_hashes(value):
    """Split a File summary (hashes joined with ``" : "``) into ``(md5, sha1, sha256)``.

    Each part is classified by length (32/40/64 hex digits); missing hashes are None.
    The parts may come in any order; at least one is required, two of the same kind
    or an unrecognised part are rejected.
    """
    value = _stripped(value)
    result = [None, None, None]
    for part in value.split(':'):
        part = part.strip()
        entry = _HASH_KINDS.get(len(part))
        if entry is None or not _HEX.match(part):
            raise ValueError('not a hash (MD5, SHA1 or SHA256 hex digits)')
        index, name = entry
        if result[index] is not None:
            raise ValueError('more than one {} hash'.format(name))
        result[index] = part
    return tuple(result)


def mutex(value):
    """A mutex name: non-empty text without control characters; ends stripped."""
    value = _stripped(value)
    if _CONTROL.search(value):
        raise ValueError('control characters are not allowed')
    return value


def user_agent(value):
    """A user agent string: like :func:`mutex`."""
    return mutex(value)


def registry_key_name(value):
    """A registry key name starting with a hive (``HKEY_LOCAL_MACHINE\\Software\\...``).

    The hive is matched case-insensitively and written in its canonical upper-case
    spelling; the abbreviations ``HKLM``, ``HKCU``, ``HKCR``, ``HKCC`` and ``HKU`` are
    expanded. The rest of the path is kept as given.
    """
    value = _stripped(value)
    hive, sep, rest = value.partition('\\')
    upper = hive.upper()
    upper = _HIVE_ABBREVIATIONS.get(upper, upper)
    if upper not in REGISTRY_HIVES:
        raise ValueError('a registry key must start with a hive: {}'.format(
            ', '.join(REGISTRY_HIVES)))
    if _CONTROL.search(rest):
        raise ValueError('control characters are not allowed')
    return upper + sep + rest


def _number(value):
    if isinstance(value, bool):
        raise ValueError('expected a number, got a boolean')
    if isinstance(value, numbers.Real):
        number = value
    elif isinstance(value, decimal.Decimal):
        if not value.is_finite():
            raise ValueError('not a finite number')
        number = int(value) if value == value.to_integral_value() else float(value)
    else:
        text_value = _stripped(value)
        if _INTEGER_TEXT.match(text_value):
            number = int(text_value)
        elif _FLOAT_TEXT.match(text_value):
            number = float(text_value)
        else:
            raise ValueError('not a number')
    if isinstance(number, float) and (math.isnan(number) or math.isinf(number)):
        raise ValueError('not a finite number')
    return number


def rating(value):
    """A threat rating: a number 0-5 returned as float (``'5.0'``, ``3``, ``2.5``)."""
    kind = type(value)
    if (kind is int or kind is float) and 0 <= value <= 5:  # the common case (NaN fails the test)
        return float(value)
    number = _number(value)
    if not 0 <= number <= 5:
        raise ValueError('rating must be between 0 and 5')
    return float(number)


def integer(value):
    """An integer: ``int``, an integral float (``100.0``) or digit text (``'-7'``, ``'100.0'``)."""
    number = _number(value)
    if isinstance(number, six.integer_types):
        return int(number)
    if number != int(number):
        raise ValueError('not a whole number')
    return int(number)


def bounded_integer(minimum=None, maximum=None):
    """Make an :func:`integer` validator that also checks an inclusive range.

    Args:
        minimum (int): The smallest allowed value (None: no lower bound).
        maximum (int): The largest allowed value (None: no upper bound).

    Returns:
        callable: ``fn(value) -> int``.
    """
    if minimum is None or maximum is None:
        message = ('must be at most {}'.format(maximum) if minimum is None
                   else 'must be at least {}'.format(minimum))
    else:
        message = 'must be between {} and {}'.format(minimum, maximum)

    def validate(value):
        number = integer(value)
        if (minimum is not None and number < minimum) or (
                maximum is not None and number > maximum):
            raise ValueError(message)
        return number
    validate.__name__ = str('bounded_integer')
    return validate


_confidence = bounded_integer(0, 100)


def confidence(value):
    """A confidence: a whole number 0-100 (``'100'``, ``100.0``; not ``50.5``, ``101``)."""
    if type(value) is int and 0 <= value <= 100:  # the common case
        return value
    return _confidence(value)


def boolean(value):
    """A flag: ``True``/``False``, ``1``/``0`` or the text ``true/false``, ``yes/no``,
    ``t/f``, ``y/n``, ``on/off``, ``1/0`` (any case)."""
    if value is True or value is False:
        return value
    if isinstance(value, six.integer_types) and value in (0, 1):
        return bool(value)
    if isinstance(value, (six.text_type, six.binary_type)):
        lower = _text(value).strip().lower()
        if lower in _TRUE:
            return True
        if lower in _FALSE:
            return False
    raise ValueError('not a boolean (expected true or false)')


def color(value):
    """A label color as six upper-case hex digits (``#ff0000``, ``f00`` -> ``FF0000``)."""
    match = _COLOR.match(_stripped(value))
    if match is None:
        raise ValueError('not a hex color (expected RRGGBB)')
    digits = match.group(1).upper()
    if len(digits) == 3:
        digits = ''.join(digit * 2 for digit in digits)
    return digits


def choice(options):
    """Make a validator accepting one of ``options`` case-insensitively.

    Surrounding whitespace is ignored and runs of inner whitespace count as one space;
    the canonical spelling from ``options`` is returned (``'needs review'`` ->
    ``'Needs Review'``).

    Args:
        options (iterable of str): The allowed values, canonically spelled.

    Returns:
        callable: ``fn(value) -> str``.
    """
    options = tuple(options)
    lookup = dict((' '.join(option.split()).lower(), option) for option in options)
    message = 'must be one of: {}'.format(', '.join(options))

    def validate(value):
        key = ' '.join(_text(value).split()).lower()
        try:
            return lookup[key]
        except KeyError:
            raise ValueError(message)
    validate.options = options
    validate.__name__ = str('choice')
    return validate


_registry_value_type = choice(REGISTRY_VALUE_TYPES)


def registry_value_type(value):
    """A registry value type, one of :data:`REGISTRY_VALUE_TYPES` (any case)."""
    return _registry_value_type(value)


def text(max_length=None, strip=False):
    """Make a validator for free text (names, descriptions, attribute values).

    The text must not be empty or only whitespace and must not contain control characters
    other than tab, newline and carriage return.

    Args:
        max_length (int): The most characters allowed (None: no limit).
        strip (bool): Remove surrounding whitespace from the returned text.

    Returns:
        callable: ``fn(value) -> str``.
    """
    def validate(value):
        value = _text(value)
        stripped = value.strip()
        if not stripped:
            raise ValueError('empty text')
        if strip:
            value = stripped
        if _CONTROL.search(value):
            raise ValueError('control characters are not allowed')
        if max_length is not None and len(value) > max_length:
            raise ValueError('longer than {} characters'.format(max_length))
        return value
    validate.__name__ = str('text')
    return validate


def date(value):
    """A date/time in any common form as ISO-8601 (:func:`tcex.utils.dates.to_iso8601`)."""
    return to_iso8601(value)
