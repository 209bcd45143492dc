# -*- coding: utf-8 -*-
"""tcex.batch.types.indicator_validators: indicator values (network, hashes, registry, text kinds)."""
from __future__ import absolute_import, division, print_function, unicode_literals

import pytest

from tcex.batch.types import indicator_validators as iv
from tcex.batch.types import validators

MD5, SHA1, SHA256 = 'a' * 32, 'B' * 40, 'c' * 64


def test_the_facade_re_exports_this_module():
    for name in ('REGISTRY_HIVES', 'REGISTRY_VALUE_TYPES', 'address', 'asn', 'cidr', 'email_address',
                 'file_hashes', 'host', 'md5', 'mutex', 'registry_key_name', 'registry_value_type', 'sha1',
                 'sha256', 'url', 'user_agent'):
        assert getattr(validators, name) is getattr(iv, name), name


@pytest.mark.parametrize('fn, value, expected', [
    (iv.address, ' 10.0.0.1 ', '10.0.0.1'),
    (iv.address, '2001:DB8::1', '2001:DB8::1'),  # IPv6 keeps its compression and case (xids)
    (iv.cidr, '10.1.2.3/8', '10.0.0.0/8'),
    (iv.asn, 'AS 13335', 'ASN13335'),
    (iv.asn, '13335', 'ASN13335'),
    (iv.host, 'WWW.Example.COM', 'www.example.com'),
    (iv.email_address, 'User@Example.com', 'User@example.com'),
    (iv.url, 'https://EXAMPLE.com/Path?q=A', 'https://example.com/Path?q=A'),
    (iv.md5, MD5, MD5),
    (iv.sha1, SHA1, SHA1),  # hashes keep their case
    (iv.sha256, SHA256, SHA256),
    (iv.mutex, 'Global\\m', 'Global\\m'),
    (iv.user_agent, 'Mozilla/5.0', 'Mozilla/5.0'),
])
def test_accepts_and_normalises(fn, value, expected):
    assert fn(value) == expected


@pytest.mark.parametrize('fn, value', [
    (iv.address, '10.0.0.256'), (iv.address, 'example.com'), (iv.cidr, '10.0.0.0/33'), (iv.cidr, '10.0.0.0'),
    (iv.asn, 'ASX'), (iv.host, 'bad host'), (iv.host, '-x.com'), (iv.email_address, 'no-at-sign'),
    (iv.url, 'not a url'), (iv.md5, 'a' * 31), (iv.md5, 'g' * 32), (iv.sha1, MD5), (iv.sha256, SHA1),
    (iv.mutex, ''), (iv.user_agent, '  '),
])
def test_rejects(fn, value):
    with pytest.raises(ValueError):
        fn(value)


def test_file_hashes_any_order_and_count():
    assert list(iv.file_hashes(MD5)) == [MD5, None, None]
    assert list(iv.file_hashes('{} : {} : {}'.format(SHA256, MD5, SHA1))) == [MD5, SHA1, SHA256]
    assert list(iv.file_hashes('{} : {}'.format(SHA1, SHA256))) == [None, SHA1, SHA256]
    for bad in ('{} : {}'.format(MD5, MD5), 'xyz', '{} : {}'.format(MD5, 'a' * 33)):
        with pytest.raises(ValueError):
            iv.file_hashes(bad)


def test_registry_key_names_and_value_types():
    assert 'HKEY_LOCAL_MACHINE' in iv.REGISTRY_HIVES and 'REG_SZ' in iv.REGISTRY_VALUE_TYPES
    assert iv.registry_key_name('hkey_local_machine\\Software').startswith('HKEY_LOCAL_MACHINE\\')
    assert iv.registry_value_type('reg_sz') == 'REG_SZ'
    with pytest.raises(ValueError):
        iv.registry_key_name('NOT_A_HIVE\\x')
    with pytest.raises(ValueError):
        iv.registry_value_type('REG_NOPE')
