# -*- coding: utf-8 -*-
"""Indicator-value validators: network values (addresses, CIDR blocks, AS numbers, host
names, email addresses, URLs), hashes, mutexes, user agents and registry keys.

Re-exported by :mod:`tcex.batch.types.validators`, whose docstring states the normalisation
policy. Every validator is ``fn(value) -> normalised value`` and raises ``ValueError``
with a short reason.
"""
from __future__ import absolute_import, division, print_function, unicode_literals

import re
import socket
import struct

import six

from tcex.batch.types.scalar_validators import _CONTROL, _stripped, choice

__all__ = [
    'REGISTRY_HIVES', 'REGISTRY_VALUE_TYPES', 'address', 'asn', 'cidr', 'email_address', 'file_hashes',
    'host', 'md5', 'mutex', 'registry_key_name', 'registry_value_type', 'sha1', 'sha256', 'url',
    'user_agent',
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
_ASN = re.compile(r'(?:ASN?[ \t]*[-:]?[ \t]*)?([0-9]{1,10})\Z', re.I)
_HOST_LABELS = re.compile(
    r'(?!-)[a-z0-9_-]{1,63}(?<!-)(?:\.(?!-)[a-z0-9_-]{1,63}(?<!-))*\Z')
_ALL_NUMERIC = re.compile(r'[0-9.]+\Z')
_URL = re.compile(r'([A-Za-z][A-Za-z0-9+.-]*)://([^/?#]*)(.*)\Z', re.S)
_PORT = re.compile(r'[0-9]{1,5}\Z')
_PREFIX = re.compile(r'[0-9]{1,3}\Z')
_WHITESPACE_OR_CONTROL = re.compile(r'[\s\x00-\x1f\x7f]', re.U)
_EMAIL_LOCAL = re.compile(
    r"(?:[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]|[^\x00-\x7f])+"
    r"(?:\.(?:[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]|[^\x00-\x7f])+)*\Z", re.U)
_V4, _V6 = socket.AF_INET, socket.AF_INET6
_is_ascii = getattr(six.text_type, 'isascii', None)


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
        if _is_ascii is None or not _is_ascii(value):
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
        if _ALL_NUMERIC.match(hostname):  # only digits and dots: an IPv4 address or nothing valid
            if not _pton(_V4, hostname):
                raise ValueError('not a valid URL host (numeric but not an IPv4 address)')
        else:
            hostname = _host_name(hostname, 'URL host name')
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


_registry_value_type = choice(REGISTRY_VALUE_TYPES)


def registry_value_type(value):
    """A registry value type, one of :data:`REGISTRY_VALUE_TYPES` (any case)."""
    return _registry_value_type(value)
