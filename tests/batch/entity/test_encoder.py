# -*- coding: utf-8 -*-
"""tcex.batch.entity.encoder: the compact JSON of entity payloads is exactly ``json.dumps``'s."""
from __future__ import absolute_import, division, print_function, unicode_literals

import json

import pytest
import six
from hypothesis import given, strategies as st

from tcex.batch.entity import encoder


def dumps(obj):
    """The reference: the standard library with compact separators and ASCII output."""
    return json.dumps(obj, separators=(',', ':'), ensure_ascii=True)


INDICATOR = {
    'type': 'Address', 'summary': '192.0.2.1', 'xid': 'a' * 64, 'rating': 2.5, 'confidence': 60,
    'attribute': [{'type': 'Description', 'value': 'Seen in \u00abcampagne d\u2019\u00e9t\u00e9\u00bb',
                   'displayed': True}],
    'tag': [{'name': 'c2'}, {'name': '\u6771\u4eac'}],
    'associatedGroups': [{'groupXid': 'b' * 64}],
    'securityLabel': [],
}

PAYLOADS = [
    INDICATOR,
    {'outer': {'inner': [1, [2, [3, {'deep': None}]], {}], 'empty': []}},
    {'text': 'caf\u00e9 \u6771\u4eac \U0001f600 quote" backslash\\ tab\t nl\n nul\x00 del\x7f'},
    {'floats': [0.1, 2.5, -0.0, 1e100, 1.5e-10, 123456789.123, float('inf'), float('-inf')]},
    {'flags': [True, False, None], 'ints': [0, -1, 2 ** 53 + 1, 10 ** 30]},
    {'tuple': (1, 'two', (3.0,)), 1: 'int key'},
    [],
    {},
    '\u00e9',
]


@pytest.mark.parametrize('obj', PAYLOADS)
def test_output_equals_json_dumps(obj):
    out = encoder.encode(obj)
    assert out == dumps(obj)
    # ASCII only, so text length is byte length (raises if any character is not ASCII)
    out.encode('ascii') if isinstance(out, six.text_type) else out.decode('ascii')


def test_nan_is_written_as_json_dumps_writes_it():
    assert encoder.encode({'rating': float('nan')}) == dumps({'rating': float('nan')}) == '{"rating":NaN}'


def test_output_round_trips():
    assert json.loads(encoder.encode(INDICATOR)) == INDICATOR


@pytest.mark.parametrize('bad', [object(), set([1]), {'nested': [{'x': object()}]}, {'value': 1j}])
def test_refuses_what_json_cannot_serialize(bad):
    with pytest.raises(TypeError) as info:
        encoder.encode(bad)
    assert 'is not JSON serializable' in str(info.value)


def test_refuses_a_key_json_cannot_write():
    with pytest.raises(TypeError):
        dumps({(1, 2): 'tuple key'})
    with pytest.raises(TypeError):
        encoder.encode({(1, 2): 'tuple key'})


@pytest.mark.skipif(six.PY2, reason='Python 2 str is bytes and encodes as UTF-8 text')
def test_refuses_bytes_on_python_3():
    with pytest.raises(TypeError) as info:
        encoder.encode({'value': b'bytes'})
    assert 'bytes' in str(info.value)


def test_pure_python_fallback_gives_the_same_text(monkeypatch):
    monkeypatch.setattr(json.encoder, 'c_make_encoder', None)
    fallback = encoder._build()
    for obj in PAYLOADS:
        assert fallback(obj) == dumps(obj)


_JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4),
    max_leaves=20)


@given(_JSON)
def test_any_json_value_matches_json_dumps(obj):
    assert encoder.encode(obj) == dumps(obj)


@pytest.mark.parametrize('obj', [{'summary': 'x\u00e9', 'tag': [{'name': 'a'}]}, {'a': 1}, [1, 'two', None]])
def test_output_is_the_native_string_type(obj):
    """A byte string on Python 2 (a byte a character in memory), text on Python 3."""
    assert type(encoder.encode(obj)) is str  # pylint: disable=unidiomatic-typecheck


@pytest.mark.parametrize('obj,expected', [
    (INDICATOR, {'summary': '192.0.2.1', 'type': 'Address', 'xid': 'a' * 64}),
    ({'name': 'Adversary \u00e9 "q"', 'type': 'Adversary', 'xid': 'g\\1', 'attribute': [{'type': 'a', 'value': 'b'}],
      'associatedGroupXid': ['x']}, {'name': 'Adversary \u00e9 "q"', 'type': 'Adversary', 'xid': 'g\\1'}),
])
def test_identity_text_keeps_the_identity_keys_only(obj, expected):
    out = encoder.identity_text(encoder.encode(obj))
    assert json.loads(out) == expected
    assert out == dumps(expected) or six.PY2  # Python 2 dicts are unordered
