# -*- coding: utf-8 -*-
"""tcex.batch.builder.interfaces: the one builder path (Interfaces 1, 2 and 3)."""
from __future__ import absolute_import, division, print_function, unicode_literals

import json

import pytest

from tcex.batch.builder.interfaces import Builder
from tcex.batch.builder.pool import EntityPool
from tcex.batch.types.xid import entity_xid
from tcex.errors import BatchError, ValidationError

from tests.batch.helpers import batch  # noqa: F401  (fixture)


def test_batch_is_composed_of_its_parts(batch):  # noqa: F811
    assert isinstance(batch.pool, EntityPool) and isinstance(batch.builder, Builder)
    assert batch.builder.pool is batch.pool and batch.pool.store is batch.store and batch.pool.types is batch.types


def test_the_three_interfaces_give_one_entity(batch):  # noqa: F811
    first = batch.host('a.example.com', rating=2)
    xid = entity_xid('Host', 'a.example.com')
    assert first.xid == xid
    assert batch.indicator('host', 'a.example.com') is first
    assert batch.add_indicator({'type': 'Host', 'summary': 'a.example.com', 'xid': xid, 'tag': ['t']}) is first
    assert batch.host(b'a.example.com') is first  # bytes: the same identity
    assert len(batch) == 1 and batch.data['indicator'][0]['tag'] == [{'name': 't'}]


def test_first_object_wins_but_arguments_are_still_checked(batch):  # noqa: F811
    first = batch.address('1.2.3.4', rating=1)
    assert batch.address('1.2.3.4', rating=5) is first and first.rating == 1.0
    with pytest.raises(ValidationError) as info:
        batch.address('1.2.3.4', colour='red')
    assert info.value.field == 'colour'


@pytest.mark.parametrize('call,field', [
    (lambda b: b.address('1.2.3.4', rating=9), 'rating'),
    (lambda b: b.address('1.2.3.999'), 'ip'),
    (lambda b: b.address(''), 'ip'),
    (lambda b: b.incident('i', status='Bogus'), 'status'),
    (lambda b: b.adversary(''), 'name'),
    (lambda b: b.indicator('Address', '1.2.3.4', confidence=500), 'confidence'),
    (lambda b: b.add_group({'type': 'Adversary', 'name': 'a', 'xid': 'a1', 'tag': 'notalist'}), 'tag'),
    (lambda b: b.document('d', file_content=12), 'file_content'),
])
def test_an_invalid_call_adds_nothing(batch, call, field):  # noqa: F811
    with pytest.raises(ValidationError) as info:
        call(batch)
    assert info.value.field == field
    assert len(batch) == 0 and batch.pool.pending_count() == 0


def test_argument_shape_errors(batch):  # noqa: F811
    with pytest.raises(ValidationError) as info:
        batch.address('1.2.3.4', 1, 2, 'x', 'extra')
    assert 'at most 4 positional' in str(info.value)
    with pytest.raises(ValidationError) as info:
        batch.address('1.2.3.4', 1, rating=2)
    assert 'both positionally and as a keyword' in str(info.value)


def test_multi_value_and_group_builders(batch):  # noqa: F811
    key = batch.registry_key('HKEY_LOCAL_MACHINE\\Run', 'v', 'REG_SZ', rating=1)
    assert key.summary == 'HKEY_LOCAL_MACHINE\\Run : v : REG_SZ'
    assert batch.indicator('Registry Key', key.summary) is key
    event = batch.event('e1', '2024-01-02', 'New')
    assert event.status == 'New' and event.event_date.startswith('2024-01-02')
    assert batch.group('Event', 'e1') is event


def test_an_xid_of_another_type_is_refused(batch):  # noqa: F811
    batch.adversary('a', xid='shared')
    with pytest.raises(BatchError):
        batch.threat('t', xid='shared')


def test_document_content_given_once_and_for_a_known_xid(batch):  # noqa: F811
    document = batch.document('d', 'd.txt', b'one')
    assert batch.document('d', 'd.txt', b'two') is document
    assert document.file_content == b'one'  # given already in this run: the first content stays
    assert dict((x, c) for x, _, c in batch.iter_files()) == {document.xid: b'one'}


def test_delete_action_serializes_identity_only(batch):  # noqa: F811
    batch.action = 'delete'
    batch.address('1.2.3.4', rating=3).tag('x')
    assert batch.data['indicator'] == [{'summary': '1.2.3.4', 'type': 'Address',
                                        'xid': entity_xid('Address', '1.2.3.4')}]


def test_setting_action_delete_after_building_makes_every_payload_minimal(batch):  # noqa: F811
    # more than the default buffer of 50: most entities are written to the store before the action changes
    for n in range(1, 101):
        batch.address('10.0.0.{}'.format(n)).attribute('Description', 'd')
    batch.action = 'Delete'
    assert [sorted(i) for i in batch.data['indicator']] == [['summary', 'type', 'xid']] * 100
    (chunk,) = batch.iter_chunks()
    body = json.loads(chunk.payload.decode('utf-8'))
    assert [sorted(i) for i in body['indicator']] == [['summary', 'type', 'xid']] * 100
    assert len(chunk.payload) == len(json.dumps(body, separators=(',', ':')))


def test_derived_xids_of_text_with_and_without_an_encoded_surrogate_lead_byte(batch):  # noqa: F811
    """A name whose UTF-8 holds the byte ED (Hangul) gets the tcex xid; a lone surrogate is refused."""
    import hashlib
    name = '\ud55c\uad6d \ud7ff incident'  # UTF-8 ED 95 9C ...: no surrogate
    incident = batch.incident(name)
    assert incident.xid == hashlib.sha256(('Incident-' + name).encode('utf-8')).hexdigest()
    assert incident.xid == entity_xid('Incident', name, True)
    with pytest.raises(ValidationError) as caught:
        batch.incident('Bad \udc80 incident')
    assert 'lone surrogate' in str(caught.value) and caught.value.field == 'name'
