# -*- coding: utf-8 -*-
"""Tests for tcex.batch.types.validators: accept and reject tables per validator."""
from __future__ import absolute_import, division, print_function, unicode_literals

import decimal
import socket
import struct

import pytest
import six
from hypothesis import given, strategies as st

from tcex.batch.types import validators as v

H32 = '43c3609411c83f363e051d455ade78a6'
H40 = 'da39a3ee5e6b4b0d3255bfef95601890afd80709'
H64 = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'

ACCEPT = [
    # address: stripped, otherwise kept as given
    (v.address, '1.2.3.4', '1.2.3.4'),
    (v.address, ' 123.124.125.126\n', '123.124.125.126'),
    (v.address, b'0.0.0.0', '0.0.0.0'),
    (v.address, '255.255.255.255', '255.255.255.255'),
    (v.address, '::1', '::1'),
    (v.address, '2001:DB8::1', '2001:DB8::1'),
    (v.address, '2001:0db8:0000:0000:0000:0000:0000:0001',
     '2001:0db8:0000:0000:0000:0000:0000:0001'),
    (v.address, '::ffff:1.2.3.4', '::ffff:1.2.3.4'),
    # cidr: host bits cleared, IPv6 written out in full without padding
    (v.cidr, '10.0.0.0/8', '10.0.0.0/8'),
    (v.cidr, '10.1.2.3/8', '10.0.0.0/8'),
    (v.cidr, '192.168.1.77/32', '192.168.1.77/32'),
    (v.cidr, '192.168.1.77/0', '0.0.0.0/0'),
    (v.cidr, ' 172.16.5.4 / 12 ', '172.16.0.0/12'),
    (v.cidr, '10.0.0.0/08', '10.0.0.0/8'),
    (v.cidr, 'abc:def:10:0:0:0:0:0/48', 'abc:def:10:0:0:0:0:0/48'),
    (v.cidr, 'abc:def:10::/48', 'abc:def:10:0:0:0:0:0/48'),
    (v.cidr, 'ABC:DEF:10::/48', 'abc:def:10:0:0:0:0:0/48'),
    (v.cidr, '0abc:0def:0010:0000:0000:0000:0000:0000/48', 'abc:def:10:0:0:0:0:0/48'),
    (v.cidr, '2001:db8::1/64', '2001:db8:0:0:0:0:0:0/64'),
    (v.cidr, '2001:db8::ffff/127', '2001:db8:0:0:0:0:0:fffe/127'),
    (v.cidr, '::/0', '0:0:0:0:0:0:0:0/0'),
    (v.cidr, '::1/128', '0:0:0:0:0:0:0:1/128'),
    # asn: normalised to ASN<digits>
    (v.asn, 'ASN12345', 'ASN12345'),
    (v.asn, 'AS12345', 'ASN12345'),
    (v.asn, '12345', 'ASN12345'),
    (v.asn, 'ASN 12345', 'ASN12345'),
    (v.asn, 'asn12345', 'ASN12345'),
    (v.asn, 'AS-12345', 'ASN12345'),
    (v.asn, 'ASN:007', 'ASN7'),
    (v.asn, 12345, 'ASN12345'),
    (v.asn, '0', 'ASN0'),
    (v.asn, 'ASN4294967295', 'ASN4294967295'),
    # email
    (v.email_address, 'user@example.com', 'user@example.com'),
    (v.email_address, ' Foo.Bar+tag@Example.COM ', 'Foo.Bar+tag@example.com'),
    (v.email_address, "o'brien!#$%&*/=?^_`{|}~-@mail.example.org",
     "o'brien!#$%&*/=?^_`{|}~-@mail.example.org"),
    (v.email_address, 'a@b\u00fccher.de', 'a@xn--bcher-kva.de'),
    (v.email_address, 'j\u00f6rg@example.de', 'j\u00f6rg@example.de'),
    # hashes: case kept
    (v.md5, H32, H32),
    (v.md5, H32.upper(), H32.upper()),
    (v.md5, ' ' + H32 + ' ', H32),
    (v.sha1, H40, H40),
    (v.sha256, H64.upper(), H64.upper()),
    (v.file_hashes, H32, (H32, None, None)),
    (v.file_hashes, H40, (None, H40, None)),
    (v.file_hashes, H64, (None, None, H64)),
    (v.file_hashes, '{} : {} : {}'.format(H32, H40, H64), (H32, H40, H64)),
    (v.file_hashes, '{}:{}'.format(H64, H32), (H32, None, H64)),
    (v.file_hashes, '{} : {}'.format(H40, H64), (None, H40, H64)),
    # url
    ('url', 'http://example.com', 'http://example.com'),
    ('url', 'HTTPS://WWW.Example.COM/Path/File.PHP?Q=A#Frag',
     'https://www.example.com/Path/File.PHP?Q=A#Frag'),
    ('url', 'hxxp://evil.example.com:8080/x', 'hxxp://evil.example.com:8080/x'),
    ('url', 'ftp://User:Pass@Files.Example.com/a', 'ftp://User:Pass@files.example.com/a'),
    ('url', 'http://1.2.3.4/admin', 'http://1.2.3.4/admin'),
    ('url', 'http://[2001:DB8::1]:443/', 'http://[2001:DB8::1]:443/'),
    ('url', 'https://b\u00fccher.de/\u00fcber', 'https://xn--bcher-kva.de/\u00fcber'),
    ('url', 'http://example.com:/', 'http://example.com:/'),
    ('url', 'http://example.com.?a=b', 'http://example.com?a=b'),
    # host
    (v.host, 'example.com', 'example.com'),
    (v.host, ' WWW.Example.COM. ', 'www.example.com'),
    (v.host, 'localhost', 'localhost'),
    (v.host, '_dmarc.example.com', '_dmarc.example.com'),
    (v.host, 'a-b.c-d.example', 'a-b.c-d.example'),
    (v.host, 'xn--bcher-kva.de', 'xn--bcher-kva.de'),
    (v.host, 'B\u00fccher.DE', 'xn--bcher-kva.de'),
    (v.host, '\u4f8b\u3048.\u30c6\u30b9\u30c8', 'xn--r8jz45g.xn--zckzah'),
    (v.host, 'a' * 63 + '.com', 'a' * 63 + '.com'),
    (v.host, '1password.com', '1password.com'),
    # mutex / user agent
    (v.mutex, 'Global\\MyMutex', 'Global\\MyMutex'),
    (v.mutex, '  spaced name  ', 'spaced name'),
    (v.user_agent, ' Mozilla/5.0 (Windows NT 10.0; Win64; x64)',
     'Mozilla/5.0 (Windows NT 10.0; Win64; x64)'),
    # registry
    (v.registry_key_name, 'HKEY_LOCAL_MACHINE\\Software\\Run', 'HKEY_LOCAL_MACHINE\\Software\\Run'),
    (v.registry_key_name, 'hkey_current_user\\Software', 'HKEY_CURRENT_USER\\Software'),
    (v.registry_key_name, 'HKCU\\Software\\X', 'HKEY_CURRENT_USER\\Software\\X'),
    (v.registry_key_name, 'HKLM\\A', 'HKEY_LOCAL_MACHINE\\A'),
    (v.registry_key_name, 'HKCR\\A', 'HKEY_CLASSES_ROOT\\A'),
    (v.registry_key_name, 'HKCC\\A', 'HKEY_CURRENT_CONFIG\\A'),
    (v.registry_key_name, 'HKU\\A', 'HKEY_USERS\\A'),
    (v.registry_key_name, 'HKEY_USERS', 'HKEY_USERS'),
    (v.registry_key_name, 'HKEY_CURRENT_USER_LOCAL_SETTINGS\\x',
     'HKEY_CURRENT_USER_LOCAL_SETTINGS\\x'),
    (v.registry_key_name, 'HKEY_PERFORMANCE_NLSTEXT\\x', 'HKEY_PERFORMANCE_NLSTEXT\\x'),
    (v.registry_value_type, 'REG_SZ', 'REG_SZ'),
    (v.registry_value_type, 'reg_dword_big_endian', 'REG_DWORD_BIG_ENDIAN'),
    (v.registry_value_type, ' Reg_Multi_Sz ', 'REG_MULTI_SZ'),
    # numbers
    (v.rating, 5, 5.0),
    (v.rating, '5.0', 5.0),
    (v.rating, 0, 0.0),
    (v.rating, 2.5, 2.5),
    (v.rating, ' 3 ', 3.0),
    (v.rating, decimal.Decimal('4.5'), 4.5),
    (v.confidence, 100, 100),
    (v.confidence, '100', 100),
    (v.confidence, 100.0, 100),
    (v.confidence, '100.0', 100),
    (v.confidence, 0, 0),
    (v.confidence, '  42 ', 42),
    (v.confidence, decimal.Decimal('50'), 50),
    (v.integer, 7, 7),
    (v.integer, '-7', -7),
    (v.integer, '+7', 7),
    (v.integer, 1e3, 1000),
    (v.integer, '1e3', 1000),
    (v.integer, 2 ** 70, 2 ** 70),
    (v.integer, str(2 ** 70), 2 ** 70),
    (v.boolean, True, True),
    (v.boolean, False, False),
    (v.boolean, 1, True),
    (v.boolean, 0, False),
    (v.boolean, 'true', True),
    (v.boolean, 'FALSE', False),
    (v.boolean, ' Yes ', True),
    (v.boolean, 'no', False),
    (v.boolean, '1', True),
    (v.boolean, b'0', False),
    (v.boolean, 'on', True),
    (v.boolean, 'off', False),
    # color
    (v.color, 'FF0000', 'FF0000'),
    (v.color, 'ffffff', 'FFFFFF'),
    (v.color, '#ff0000', 'FF0000'),
    (v.color, ' #a1B2c3 ', 'A1B2C3'),
    (v.color, 'FFF', 'FFFFFF'),
    (v.color, '#f0a', 'FF00AA'),
    # dates
    (v.date, '2017-02-02 01:02:03', '2017-02-02T01:02:03Z'),
    (v.date, '2024-08-04T01:02:03.123+05:30', '2024-08-04T01:02:03+05:30'),
    (v.date, 1486000923, '2017-02-02T02:02:03Z'),
]

REJECT = [
    (v.address, '', 'empty'),
    (v.address, '   ', 'empty'),
    (v.address, '1.2.3', 'IPv4'),
    (v.address, '1.2.3.256', 'IPv4'),
    (v.address, '01.2.3.4', 'IPv4'),
    (v.address, '1.2.3.4.5', 'IPv4'),
    (v.address, '0x1.2.3.4', 'IPv4'),
    (v.address, '1.2.3.4/32', 'IPv4'),
    (v.address, 'example.com', 'IPv4'),
    (v.address, '1.2.3.\u0664', 'IPv4'),
    (v.address, '1.2.3. 4', 'IPv4'),
    (v.address, '::g', 'IPv6'),
    (v.address, '1:2:3:4:5:6:7:8:9', 'IPv6'),
    (v.address, 'fe80::1%eth0', 'IPv6'),
    (v.address, '1::2::3', 'IPv6'),
    (v.address, 16909060, 'expected text'),
    (v.address, None, 'expected text'),
    (v.cidr, '10.0.0.0', 'prefix'),
    (v.cidr, '10.0.0.0/', 'prefix'),
    (v.cidr, '10.0.0.0/-1', 'prefix'),
    (v.cidr, '10.0.0.0/8.0', 'prefix'),
    (v.cidr, '10.0.0.0/0008', 'prefix'),
    (v.cidr, '10.0.0.0/33', '0-32'),
    (v.cidr, '10.0.0/8', 'IPv4'),
    (v.cidr, '10.0.0.0/8/8', 'prefix'),
    (v.cidr, '::/129', '0-128'),
    (v.cidr, 'abc:def:10:0:0:0:0/48', 'IPv6'),
    (v.cidr, 'xyz::/48', 'IPv6'),
    (v.asn, 'ASN', 'AS number'),
    (v.asn, 'ASN-', 'AS number'),
    (v.asn, 'ASX12345', 'AS number'),
    (v.asn, 'ASN12345a', 'AS number'),
    (v.asn, 'ASN1.5', 'AS number'),
    (v.asn, 'ASN 12 345', 'AS number'),
    (v.asn, '-5', 'AS number'),
    (v.asn, -5, 'range'),
    (v.asn, 'ASN4294967296', 'range'),
    (v.asn, 2 ** 32, 'range'),
    (v.asn, True, 'expected text'),
    (v.asn, 12345.0, 'expected text'),
    (v.email_address, 'user', 'local@domain'),
    (v.email_address, '@example.com', 'local@domain'),
    (v.email_address, 'user@', 'local@domain'),
    (v.email_address, 'user@@example.com', 'local part'),
    (v.email_address, 'a b@example.com', 'local part'),
    (v.email_address, '.user@example.com', 'local part'),
    (v.email_address, 'user.@example.com', 'local part'),
    (v.email_address, 'us..er@example.com', 'local part'),
    (v.email_address, '"quoted"@example.com', 'local part'),
    (v.email_address, 'x' * 65 + '@example.com', 'local part'),
    (v.email_address, 'user@localhost', 'email domain'),
    (v.email_address, 'user@1.2.3.4', 'email domain'),
    (v.email_address, 'user@exa mple.com', 'email domain'),
    (v.email_address, 'user@-example.com', 'email domain'),
    (v.email_address, 'user@example..com', 'email domain'),
    (v.md5, H32[:-1], 'MD5'),
    (v.md5, H32 + '0', 'MD5'),
    (v.md5, H32[:-1] + 'g', 'MD5'),
    (v.md5, H40, 'MD5'),
    (v.md5, '', 'empty'),
    (v.sha1, H32, 'SHA1'),
    (v.sha1, H40[:-1] + 'z', 'SHA1'),
    (v.sha256, H40, 'SHA256'),
    (v.sha256, H64[:-1] + '\u0660', 'SHA256'),
    (v.file_hashes, '', 'empty'),
    (v.file_hashes, 'abc', 'not a hash'),
    (v.file_hashes, H32 + ' : ', 'not a hash'),
    (v.file_hashes, H32 + ' : ' + H32.upper(), 'more than one MD5'),
    (v.file_hashes, H40 + ':' + H40, 'more than one SHA1'),
    (v.file_hashes, H32[:-1] + 'x', 'not a hash'),
    (v.file_hashes, H32 + ' ; ' + H40, 'not a hash'),
    ('url', 'example.com/path', 'scheme'),
    ('url', 'www.example.com', 'scheme'),
    ('url', 'mailto:user@example.com', 'scheme'),
    ('url', '//example.com/x', 'scheme'),
    ('url', '1http://example.com', 'scheme'),
    ('url', 'http://', 'needs a host'),
    ('url', 'http:///path', 'needs a host'),
    ('url', 'http://exa mple.com/', 'whitespace'),
    ('url', 'http://example.com/a b', 'whitespace'),
    ('url', 'http://example.com/\x00', 'whitespace'),
    ('url', 'http://-bad-.com/', 'URL host name'),
    ('url', 'http://1.2.3/', 'numeric'),
    ('url', 'http://999.1.1.1/', 'numeric'),
    ('url', 'http://example.com:99999/', 'port'),
    ('url', 'http://example.com:80a/', 'port'),
    ('url', 'http://[::g]/', 'IPv6'),
    ('url', 'http://[::1/', 'IPv6'),
    ('url', 'http://[::1]x/', 'URL host'),
    ('url', 12, 'expected text'),
    (v.host, '', 'empty'),
    (v.host, 'http://example.com', 'scheme'),
    (v.host, 'example.com/path', 'path'),
    (v.host, 'example.com:80', 'port'),
    (v.host, 'user@example.com', 'user part'),
    (v.host, '1.2.3.4', 'IP address'),
    (v.host, '1.2.3', 'IP address'),
    (v.host, '-example.com', 'host name'),
    (v.host, 'example-.com', 'host name'),
    (v.host, 'exa mple.com', 'host name'),
    (v.host, 'example..com', 'host name'),
    (v.host, '.example.com', 'host name'),
    (v.host, 'example.com..', 'host name'),
    (v.host, 'a' * 64 + '.com', 'host name'),
    (v.host, '.'.join(['a' * 60] * 5), 'host name'),
    (v.host, 'ex!ample.com', 'host name'),
    (v.host, 'b\u00fccher..de', 'internationalised'),
    (v.mutex, '', 'empty'),
    (v.mutex, ' \t ', 'empty'),
    (v.mutex, 'a\x00b', 'control'),
    (v.mutex, b'\xff\xfe', 'UTF-8'),
    (v.mutex, 5, 'expected text'),
    (v.user_agent, '', 'empty'),
    (v.user_agent, 'Mozilla\x1b', 'control'),
    (v.registry_key_name, 'Software\\Run', 'hive'),
    (v.registry_key_name, 'HKEY_LOCAL_MACHINEX\\a', 'hive'),
    (v.registry_key_name, 'HKEY_FOO\\a', 'hive'),
    (v.registry_key_name, 'HKLM/Software', 'hive'),
    (v.registry_key_name, 'HKLM\\a\x07', 'control'),
    (v.registry_key_name, '', 'empty'),
    (v.registry_value_type, 'REG_FOO', 'must be one of'),
    (v.registry_value_type, 'SZ', 'must be one of'),
    (v.registry_value_type, '', 'must be one of'),
    (v.rating, 5.1, 'between 0 and 5'),
    (v.rating, -0.1, 'between 0 and 5'),
    (v.rating, '6', 'between 0 and 5'),
    (v.rating, 'high', 'not a number'),
    (v.rating, '', 'empty'),
    (v.rating, True, 'boolean'),
    (v.rating, float('nan'), 'finite'),
    (v.rating, 'nan', 'not a number'),
    (v.rating, '1_0', 'not a number'),
    (v.rating, '\u0663', 'not a number'),
    (v.rating, '1e999', 'finite'),
    (v.asn, 'ASN\u0663', 'AS number'),
    (v.cidr, '10.0.0.0/\u0668', 'prefix'),
    (v.integer, '1_000', 'not a number'),
    (v.rating, float('inf'), 'finite'),
    (v.rating, decimal.Decimal('NaN'), 'finite'),
    (v.rating, None, 'expected text'),
    (v.confidence, 101, 'between 0 and 100'),
    (v.confidence, -1, 'between 0 and 100'),
    (v.confidence, '101', 'between 0 and 100'),
    (v.confidence, 'high', 'not a number'),
    (v.confidence, 50.5, 'whole number'),
    (v.confidence, '50.5', 'whole number'),
    (v.confidence, True, 'boolean'),
    (v.confidence, float('inf'), 'finite'),
    (v.integer, '1.5', 'whole number'),
    (v.integer, '0x10', 'not a number'),
    (v.integer, 'ten', 'not a number'),
    (v.integer, False, 'boolean'),
    (v.integer, [1], 'expected text'),
    (v.boolean, 2, 'boolean'),
    (v.boolean, -1, 'boolean'),
    (v.boolean, 1.0, 'boolean'),
    (v.boolean, 'maybe', 'boolean'),
    (v.boolean, '', 'boolean'),
    (v.boolean, None, 'boolean'),
    (v.color, 'red', 'hex color'),
    (v.color, '#ff00', 'hex color'),
    (v.color, 'ff00000', 'hex color'),
    (v.color, '##ff0000', 'hex color'),
    (v.color, 'gg0000', 'hex color'),
    (v.color, '', 'empty'),
    (v.color, 0xFF0000, 'expected text'),
    (v.date, 'not a date', 'invalid date/time'),
    (v.date, '2017-02-30', 'invalid date/time'),
]


def _resolve(fn):
    return getattr(v, fn) if isinstance(fn, six.string_types) else fn


def _name(case):
    fn = _resolve(case[0])
    return '{}-{!r}'.format(fn.__name__, case[1])[:60]


@pytest.mark.parametrize('fn, value, expected', ACCEPT, ids=[_name(c) for c in ACCEPT])
def test_accepts_and_normalises(fn, value, expected):
    result = _resolve(fn)(value)
    assert result == expected
    assert type(result) is type(expected)  # text is six.text_type, numbers exact


@pytest.mark.parametrize('fn, value, reason', REJECT, ids=[_name(c) for c in REJECT])
def test_rejects_with_a_short_reason(fn, value, reason):
    with pytest.raises(ValueError) as info:
        _resolve(fn)(value)
    message = six.text_type(info.value)
    assert reason in message
    assert '\n' not in message


@pytest.mark.parametrize('fn, value, expected', [c for c in ACCEPT if c[0] is not v.file_hashes],
                         ids=[_name(c) for c in ACCEPT if c[0] is not v.file_hashes])
def test_normalised_values_are_stable(fn, value, expected):
    """Validating an already-normalised value returns it unchanged (safe to call twice)."""
    fn = _resolve(fn)
    assert fn(fn(value)) == expected


def test_reference_asn_examples_normalise_to_one_summary():
    assert set(v.asn(x) for x in ('12345', 'AS12345', 'ASN 12345', 'ASN12345')) == {'ASN12345'}


def test_reference_cidr_example():
    assert v.cidr('abc:def:10::/48') == 'abc:def:10:0:0:0:0:0/48'


def test_registry_lists_match_the_reference():
    assert len(v.REGISTRY_HIVES) == 9
    assert len(v.REGISTRY_VALUE_TYPES) == 11
    for hive in v.REGISTRY_HIVES:
        assert v.registry_key_name(hive.lower() + '\\Key') == hive + '\\Key'
    for value_type in v.REGISTRY_VALUE_TYPES:
        assert v.registry_value_type(value_type.lower()) == value_type


def test_choice_returns_the_canonical_spelling():
    status = v.choice(['New', 'Needs Review', 'False Positive'])
    assert status('needs review') == 'Needs Review'
    assert status('  FALSE   positive ') == 'False Positive'
    assert status(b'new') == 'New'
    assert status.options == ('New', 'Needs Review', 'False Positive')
    assert status.__name__ == 'choice'
    with pytest.raises(ValueError, match='must be one of: New, Needs Review, False Positive'):
        status('Closed')
    with pytest.raises(ValueError, match='expected text'):
        status(1)


def test_choice_accepts_any_iterable():
    file_type = v.choice(x for x in ('YARA', 'Snort'))
    assert file_type('yara') == 'YARA'
    assert file_type('snort') == 'Snort'


def test_text_validator():
    any_text = v.text()
    assert any_text('hello') == 'hello'
    assert any_text(' keeps spaces\n') == ' keeps spaces\n'
    assert any_text('tab\tnew\nline\r\n') == 'tab\tnew\nline\r\n'
    assert any_text(b'caf\xc3\xa9') == 'caf\u00e9'
    assert v.text(strip=True)('  trimmed  ') == 'trimmed'
    short = v.text(max_length=5)
    assert short('12345') == '12345'
    with pytest.raises(ValueError, match='longer than 5 characters'):
        short('123456')
    assert v.text(max_length=5, strip=True)(' 12345 ') == '12345'
    for bad, reason in (('', 'empty'), (' \n ', 'empty'), ('a\x00', 'control'),
                        ('bell\x07', 'control'), ('del\x7f', 'control'), ('a\x0bb', 'control'),
                        (b'\xc3', 'UTF-8'), (None, 'expected text'), (3, 'expected text')):
        with pytest.raises(ValueError, match=reason):
            any_text(bad)


def test_bounded_integer():
    size = v.bounded_integer(0)
    assert size('1024') == 1024
    with pytest.raises(ValueError, match='at least 0'):
        size(-1)
    assert v.bounded_integer(maximum=10)(-50) == -50
    with pytest.raises(ValueError, match='at most 10'):
        v.bounded_integer(maximum=10)(11)
    with pytest.raises(ValueError, match='between 1 and 3'):
        v.bounded_integer(1, 3)('4')


def test_outputs_are_text_on_both_pythons():
    for fn, value in ((v.address, b'1.2.3.4'), (v.host, b'example.com'), (v.md5, H32.encode()),
                      (v.url, b'http://example.com/'), (v.asn, b'AS1'), (v.color, b'fff')):
        assert isinstance(fn(value), six.text_type)
    assert all(isinstance(h, six.text_type) for h in v.file_hashes(H32.encode()) if h)


# ---------------------------------------------------------------------------- properties
@given(st.integers(min_value=0, max_value=2 ** 32 - 1))
def test_every_ipv4_address_is_accepted(number):
    text = '.'.join(str((number >> shift) & 0xFF) for shift in (24, 16, 8, 0))
    assert v.address(text) == text


@given(st.binary(min_size=16, max_size=16))
def test_every_ipv6_address_is_accepted(packed):
    text = socket.inet_ntop(socket.AF_INET6, packed)
    assert v.address(text) == text
    assert v.address(text.upper()) == text.upper()


@given(st.binary(min_size=16, max_size=16), st.integers(min_value=0, max_value=128))
def test_ipv6_cidr_is_expanded_masked_and_stable(packed, prefix):
    compressed = '{}/{}'.format(socket.inet_ntop(socket.AF_INET6, packed), prefix)
    result = v.cidr(compressed)
    network, _, length = result.partition('/')
    groups = network.split(':')
    assert int(length) == prefix
    assert len(groups) == 8
    assert all(g == '{:x}'.format(int(g, 16)) for g in groups)  # no padding, lower case
    high, low = struct.unpack('!QQ', packed)
    number = (high << 64) | low
    mask = ((1 << 128) - 1) ^ ((1 << (128 - prefix)) - 1)
    assert int(''.join(g.zfill(4) for g in groups), 16) == number & mask
    assert v.cidr(result) == result


@given(st.integers(min_value=0, max_value=2 ** 32 - 1), st.integers(min_value=0, max_value=32))
def test_ipv4_cidr_is_masked_and_stable(number, prefix):
    text = '{}/{}'.format('.'.join(str((number >> s) & 0xFF) for s in (24, 16, 8, 0)), prefix)
    result = v.cidr(text)
    octets = [int(o) for o in result.split('/')[0].split('.')]
    network = (octets[0] << 24) | (octets[1] << 16) | (octets[2] << 8) | octets[3]
    assert network == number & (0xFFFFFFFF ^ ((1 << (32 - prefix)) - 1))
    assert v.cidr(result) == result


@given(st.floats(min_value=0, max_value=5))
def test_every_rating_in_range_is_accepted(number):
    assert v.rating(number) == number
    assert v.rating(repr(number)) == number


@given(st.integers(min_value=-1000, max_value=1000))
def test_confidence_range(number):
    if 0 <= number <= 100:
        assert v.confidence(number) == number
        assert v.confidence(str(number)) == number
    else:
        with pytest.raises(ValueError):
            v.confidence(number)


@given(st.text(alphabet='0123456789abcdefABCDEF', min_size=1, max_size=70))
def test_hash_length_decides(digits):
    for fn, length in ((v.md5, 32), (v.sha1, 40), (v.sha256, 64)):
        if len(digits) == length:
            assert fn(digits) == digits
        else:
            with pytest.raises(ValueError):
                fn(digits)


@given(st.one_of(st.text(max_size=30), st.binary(max_size=30), st.integers(), st.floats(),
                 st.none(), st.booleans()))
def test_validators_raise_only_value_error(value):
    for fn in (v.address, v.cidr, v.asn, v.email_address, v.md5, v.file_hashes, v.url, v.host,
               v.mutex, v.registry_key_name, v.registry_value_type, v.rating, v.confidence,
               v.boolean, v.integer, v.color, v.date, v.text()):
        try:
            result = fn(value)
        except ValueError:
            continue
        assert result is not None
