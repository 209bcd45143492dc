# -*- coding: utf-8 -*-
"""Build-time validation: each failure names type, field and value; nothing is lost."""
from __future__ import absolute_import, division, print_function, unicode_literals

import pytest

from tcex.errors import TcExError, ValidationError
from tests.batch.helpers import batch  # noqa: F401

CASES = [
    # (builder call, type, field, value shown)
    (lambda b: b.address('1.1.1.1', rating=6), 'Address', 'rating', '6'),
    (lambda b: b.address('1.1.1.1', confidence=101), 'Address', 'confidence', '101'),
    (lambda b: b.address('1.1.1.1', confidence='high'), 'Address', 'confidence', "'high'"),
    (lambda b: b.address('999.1.1.1'), 'Address', 'ip', "'999.1.1.1'"),
    (lambda b: b.cidr('10.0.0.0/33'), 'CIDR', 'block', "'10.0.0.0/33'"),
    (lambda b: b.asn('ASNX'), 'ASN', 'as_number', "'ASNX'"),
    (lambda b: b.email_address('not-an-email'), 'EmailAddress', 'address', "'not-an-email'"),
    (lambda b: b.file('abc'), 'File', 'md5', "'abc'"),
    (lambda b: b.file(sha1='z' * 40), 'File', 'sha1', "'" + 'z' * 40 + "'"),
    (lambda b: b.url('bad.example.com/x'), 'URL', 'text', "'bad.example.com/x'"),
    (lambda b: b.host('bad host!'), 'Host', 'hostname', "'bad host!'"),
    (lambda b: b.registry_key('HKEY_USERS\\x', 'v', 'REG_NOPE'), 'Registry Key', 'value_type', "'REG_NOPE'"),
    (lambda b: b.adversary('a').security_label('L', color='zzzzzz'), 'Adversary', 'securityLabel.color',
     "'zzzzzz'"),
    (lambda b: b.event('e', event_date='not a date at all'), 'Event', 'event_date', "'not a date at all'"),
    (lambda b: b.incident('i', status='Sleeping'), 'Incident', 'status', "'Sleeping'"),
    (lambda b: b.signature('s', 'f.txt', 'Word', 'x'), 'Signature', 'file_type', "'Word'"),
    (lambda b: b.file('43c3609411c83f363e051d455ade78a6').occurrence(date='whenever'), 'File',
     'fileOccurrence.date', "'whenever'"),
    (lambda b: b.host('example.com').add_key_value('dnsActive', 'maybe'), 'Host', 'dns_active', "'maybe'"),
]


@pytest.mark.parametrize('call,type_name,field,shown', CASES)
def test_validation_error_names_type_field_value(batch, call, type_name, field, shown):  # noqa: F811
    batch.threat('kept')
    with pytest.raises(ValidationError) as info:
        call(batch)
    error = info.value
    assert isinstance(error, TcExError)
    assert (error.type_name, error.field) == (type_name, field)
    message = str(error)
    assert type_name in message and field in message and shown in message, message
    assert '\n' not in message
    # nothing already in the batch is lost, and the failed entity (if new) is not added
    names = [g['name'] for g in batch.data['group']]
    assert 'kept' in names


def test_failed_builder_adds_nothing(batch):  # noqa: F811
    with pytest.raises(ValidationError):
        batch.address('1.1.1.1', rating=3, confidence=500)
    assert batch.data == {'group': [], 'indicator': []}
    # the same xid can be built correctly afterwards
    assert batch.address('1.1.1.1', rating=3).rating == 3.0


def test_failed_setter_keeps_previous_value(batch):  # noqa: F811
    address = batch.address('1.1.1.1', rating=3)
    with pytest.raises(ValidationError):
        address.rating = 9
    assert batch.data['indicator'][0]['rating'] == 3.0


def test_unknown_type_names(batch):  # noqa: F811
    with pytest.raises(ValidationError) as info:
        batch.group('Villain', 'x')
    assert "'Villain'" in str(info.value) and 'Adversary' in str(info.value)
    with pytest.raises(ValidationError) as info:
        batch.indicator('Phone', '555')
    assert "'Phone'" in str(info.value) and 'Registry Key' in str(info.value)
    with pytest.raises(ValidationError):
        batch.add_indicator({'type': 'Adversary', 'summary': 'x', 'xid': 'x'})


def test_type_names_are_forgiving(batch):  # noqa: F811
    assert batch.indicator('registry_key', 'HKEY_USERS\\x : v : REG_SZ').type == 'Registry Key'
    assert batch.indicator('Email Address', 'a@example.com').type == 'EmailAddress'
    assert batch.group('intrusion set', 'x').type == 'Intrusion Set'


def test_unknown_add_key_value_key(batch):  # noqa: F811
    event = batch.group('Event', 'e')
    with pytest.raises(ValidationError) as info:
        event.add_key_value('eventdate', '2024-01-01')
    assert (info.value.type_name, info.value.field) == ('Event', 'eventdate')
    assert 'eventDate' in str(info.value)  # the known keys are listed
    file_hash = batch.file('43c3609411c83f363e051d455ade78a6')
    file_hash.add_key_value('size', '10')
    file_hash.add_key_value('intValue1', 11)
    assert batch.data['indicator'][0]['intValue1'] == 11


def test_unknown_builder_keyword_and_too_many_positionals(batch):  # noqa: F811
    with pytest.raises(ValidationError) as info:
        batch.adversary('a', colour='red')
    assert 'colour' in str(info.value)
    with pytest.raises(ValidationError):
        batch.adversary('a', 'xid', 'extra')
    assert batch.data['group'] == []


def test_interface3_needs_an_xid_and_known_keys(batch):  # noqa: F811
    with pytest.raises(ValidationError) as info:
        batch.add_group({'type': 'Threat', 'name': 'no xid'})
    assert info.value.field == 'xid' and "'no xid'" in str(info.value)
    with pytest.raises(ValidationError) as info:
        batch.add_group({'type': 'Threat', 'name': 't', 'xid': 'x', 'colour': 'red'})
    assert info.value.field == 'colour'
    assert batch.data['group'] == []


def test_document_malware_needs_password_at_serialization(batch):  # noqa: F811
    document = batch.document('d', 'f.zip')
    document.malware = True
    with pytest.raises(ValidationError) as info:
        batch.data
    assert info.value.field == 'password' and "'d'" in str(info.value)
    document.password = 'infected'
    assert batch.data['group'][0]['password'] == 'infected'


def test_interface2_email_missing_required_fields(batch):  # noqa: F811
    email = batch.group('Email', 'e')
    with pytest.raises(ValidationError) as info:
        batch.data
    assert info.value.field == 'subject'
    email.add_key_value('subject', 's')
    email.add_key_value('header', 'h')
    email.add_key_value('body', 'b')
    assert batch.data['group'][0]['body'] == 'b'


def test_file_needs_a_hash_and_summary_split(batch):  # noqa: F811
    with pytest.raises(ValidationError):
        batch.file()
    f = batch.indicator('File', 'da39a3ee5e6b4b0d3255bfef95601890afd80709 : 43c3609411c83f363e051d455ade78a6')
    assert (f.md5, f.sha1, f.sha256) == ('43c3609411c83f363e051d455ade78a6',
                                         'da39a3ee5e6b4b0d3255bfef95601890afd80709', None)
    assert batch.data['indicator'][0]['summary'] == \
        '43c3609411c83f363e051d455ade78a6 : da39a3ee5e6b4b0d3255bfef95601890afd80709'


def test_bad_batch_options():
    from tcex.batch import Batch
    from tcex.errors import BatchError
    with pytest.raises(BatchError):
        Batch('o', action='Destroy')
    with pytest.raises(BatchError):
        Batch('o', attribute_write_type='Sometimes')


@pytest.mark.parametrize('size', [-1, 2 ** 63, 'big'])
def test_file_size_out_of_the_api_range_is_refused(batch, size):  # noqa: F811
    with pytest.raises(ValidationError) as info:
        batch.file('43c3609411c83f363e051d455ade78a6', size=size)
    assert 'File' in str(info.value) and 'size' in str(info.value)
    assert batch.data == {'group': [], 'indicator': []}
