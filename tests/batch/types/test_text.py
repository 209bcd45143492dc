# -*- coding: utf-8 -*-
"""Text coercion and free-text validation: one helper, no memo, lone surrogates refused by field."""
from __future__ import absolute_import, division, print_function, unicode_literals

import json

import pytest
import six

from tcex.batch import Batch
from tcex.batch.types import text as batch_text, validators as v
from tcex.errors import ValidationError
from tcex.utils.text import surrogate_reason, to_text

S = '\ud800'  # a lone high surrogate: no UTF-8 encoder can write it
LOW = '\udfff'


@pytest.mark.parametrize('value, expected', [
    ('plain', 'plain'), (b'bytes', 'bytes'), ('caf\xe9', 'caf\xe9'), ('caf\xc3\xa9'.encode('latin-1'), 'caf\xe9'),
    ('\U0001f600 emoji', '\U0001f600 emoji'),
])
def test_to_text_keeps_text_and_decodes_utf8(value, expected):
    result = to_text(value)
    assert result == expected and isinstance(result, six.text_type)


@pytest.mark.parametrize('value, reason', [
    ('a' + S, 'lone surrogate (U+D800) at position 1'), (LOW + 'b', 'lone surrogate (U+DFFF) at position 0'),
    (b'\xff', 'not valid UTF-8'), (b'\xed\xa0\x80', 'not valid UTF-8'), (5, 'expected text, got int'),
    (None, 'expected text, got NoneType'),
])
def test_to_text_refuses_what_cannot_be_encoded(value, reason):
    with pytest.raises(ValueError) as info:
        to_text(value)
    assert reason in str(info.value)


def test_surrogate_reason_is_none_for_encodable_text():
    assert surrogate_reason('ascii only') is None
    assert surrogate_reason('\u00e9\u4e2d\U0001f600') is None
    assert 'U+D800' in surrogate_reason('x' + S)


@pytest.mark.parametrize('value, reason', [
    ('desc' + S, 'lone surrogate'), ('  ', 'empty text'), ('a\x00b', 'control characters'),
    ('\x1c', 'empty text'), (b'\xc3', 'not valid UTF-8'), (7, 'expected text'),
])
def test_text_validator_reasons(value, reason):
    with pytest.raises(ValueError) as info:
        v.text()(value)
    assert reason in str(info.value)


def test_text_validator_keeps_accepted_text_unchanged():
    validate = v.text()
    for value in ('tab\there', 'new\nline', ' padded ', '\u00e9t\u00e9', '\U0001f600'):
        assert validate(value) == value
    assert v.text(strip=True)(' padded ') == 'padded'
    with pytest.raises(ValueError):
        v.text(max_length=3)('abcd')


def _module_containers():
    """Sizes of every module-level dict, set and list of the batch package's modules."""
    import sys
    sizes = {}
    for name, module in list(sys.modules.items()):
        if module is None or not name.startswith('tcex.batch'):
            continue
        for attr, value in list(vars(module).items()):
            if isinstance(value, (dict, set, list)) and not attr.startswith('__'):
                sizes[(name, attr)] = len(value)
    return sizes


def test_no_memo_of_texts_seen(tmpdir):
    """Validating many distinct texts keeps no process-wide state: no module-level container grows."""
    batch = Batch('Org', temp_path=str(tmpdir))
    batch.address('1.2.3.0').attribute('Description', 'warm up').valid  # every module imported
    before = _module_containers()
    indicator = batch.address('1.2.3.4')
    for number in range(50):
        indicator.attribute('Description', 'distinct text {}'.format(number))
        indicator.tag('tag {}'.format(number))
        batch.host('host{}.example.com'.format(number)).association(indicator.xid)
    assert _module_containers() == before
    assert not hasattr(batch_text, '_TEXT_SEEN')
    batch.close()


def test_messages_escape_lone_surrogates():
    shown = batch_text.show('a' + S + '\x1b')
    assert '\\ud800' in shown and '\\x1b' in shown
    shown.encode('utf-8')  # writable to a log file


def _cases(batch):
    """(expected field, call) for every way text enters an entity."""
    good = batch.address('192.0.2.1')
    group = batch.adversary('Adversary one')
    return [
        ('summary', lambda: batch.address('192.0.2.2' + S)),
        ('summary', lambda: batch.host('bad' + S + '.example.com')),
        ('summary', lambda: batch.url('https://example.com/' + S)),
        ('summary', lambda: batch.file(md5='a' * 31 + S)),
        ('summary', lambda: batch.mutex('mutex' + S)),
        ('summary', lambda: batch.user_agent('agent' + S)),
        ('summary', lambda: batch.email_address('a' + S + '@example.com')),
        ('summary', lambda: batch.registry_key('HKLM\\Software' + S, 'value', 'REG_SZ')),
        ('summary', lambda: batch.indicator('Address', '192.0.2.3' + S)),
        ('name', lambda: batch.incident('Incident' + S)),
        ('name', lambda: batch.group('Adversary', 'Adversary' + LOW)),
        ('xid', lambda: batch.address('192.0.2.4', xid='xid' + S)),
        ('xid', lambda: batch.adversary('Adversary two', xid='xid' + S)),
        ('file_name', lambda: batch.document('Document', 'file' + S + '.pdf')),
        ('status', lambda: batch.incident('Incident two', status='Open' + S)),
        ('attribute.type', lambda: good.attribute('Description' + S, 'value')),
        ('attribute.value', lambda: good.attribute('Description', 'value' + S)),
        ('attribute.source', lambda: good.attribute('Description', 'value', source='source' + S)),
        ('tag', lambda: good.tag('tag' + S)),
        ('tag', lambda: group.tag(S)),
        ('associatedGroups', lambda: good.association('xid' + S)),
        ('associatedGroupXid', lambda: group.association('xid' + S)),
        ('securityLabel.name', lambda: good.security_label('TLP' + S)),
        ('securityLabel.description', lambda: good.security_label('TLP:RED', description='d' + S)),
        ('fileOccurrence.fileName', lambda: batch.file(md5='b' * 32).occurrence(file_name='f' + S)),
    ]


def test_lone_surrogates_are_validation_errors_naming_the_field(tmpdir):
    batch = Batch('Org', temp_path=str(tmpdir))
    for field, call in _cases(batch):
        with pytest.raises(ValidationError) as info:
            call()
        assert info.value.field == field, (field, six.text_type(info.value))
        text = six.text_type(info.value)
        assert 'lone surrogate' in text and '\\ud' in text.lower(), text
        text.encode('utf-8')  # the message itself can be logged
    # nothing invalid was kept: the valid entities serialize, with none of the bad values
    batch.save(str(tmpdir.join('out.json')))
    payload = tmpdir.join('out.json').read_binary()
    assert b'\\ud8' not in payload and b'\\udf' not in payload
    data = json.loads(payload.decode('utf-8'))
    assert sorted(item['name'] for item in data['group']) == ['Adversary one']
    assert sorted(item['summary'] for item in data['indicator']) == ['192.0.2.1', 'b' * 32]
    batch.close()


def test_interface_3_refuses_surrogates_and_keeps_nothing_half_built(tmpdir):
    batch = Batch('Org', temp_path=str(tmpdir))
    with pytest.raises(ValidationError) as info:
        batch.add_indicator({'type': 'Address', 'summary': '192.0.2.9', 'xid': 'i3-bad',
                             'attribute': [{'type': 'Description', 'value': 'v' + S}]})
    assert info.value.field == 'attribute.value'
    with pytest.raises(ValidationError) as info:
        batch.add_group({'type': 'Adversary', 'name': 'n' + S, 'xid': 'i3-bad-group'})
    assert info.value.field == 'name'
    batch.add_indicator({'type': 'Address', 'summary': '192.0.2.10', 'xid': 'i3-good'})
    data = batch.data
    assert [item['xid'] for item in data['indicator'] + data['group']] == ['i3-good']
    batch.close()
