# -*- coding: utf-8 -*-
"""The emulator accepts what the platform accepts and refuses what it refuses.

``haltOnError`` as the strings tcex 0.8 sends; an attribute type the owner does not have.
"""
from __future__ import absolute_import, division, print_function, unicode_literals

import pytest

from tcex.testing import ThreatConnectEmulator
from tcex.testing.rules import DEFAULT_ATTRIBUTE_TYPES

from tests.testing.helpers import Api


def _adversary(xid, attribute_type='Description'):
    return {'type': 'Adversary', 'name': 'name-' + xid, 'xid': xid,
            'attribute': [{'type': attribute_type, 'value': 'v-' + xid}]}


@pytest.mark.parametrize('text, halts', [('true', True), ('false', False), ('TRUE', True), ('False', False)])
def test_halt_on_error_as_a_string_is_accepted_and_honoured(api, emulator, text, halts):
    data = {'group': [_adversary('a', 'No Such Type'), _adversary('b')]}
    batch_id = api.create_job(haltOnError=text)
    assert api.upload(batch_id, data).status_code == 202
    status = api.status(batch_id)
    assert status['errorCount'] == 1
    assert status['unprocessCount'] == (1 if halts else 0)
    assert [g['xid'] for g in emulator.groups()] == ([] if halts else ['b'])


@pytest.mark.parametrize('value', ['yes', '1', '', 1, None])
def test_halt_on_error_other_values_are_refused(api, value):
    response = api.post('/v2/batch', json=api.config(haltOnError=value))
    assert response.status_code == 400, response.text
    assert 'haltOnError' in response.text


def test_attribute_type_the_owner_does_not_have_is_an_error_of_its_entity(api, emulator):
    data = {'group': [_adversary('good'), _adversary('bad', 'Favourite Colour')],
            'indicator': [{'type': 'Host', 'summary': 'bad.example.com',
                           'attribute': [{'type': 'Colour', 'value': 'red'}]},
                          {'type': 'Host', 'summary': 'good.example.com',
                           'attribute': [{'type': 'Source', 'value': 'feed'}]}]}
    status, errors = api.run(data, haltOnError=False)
    assert (status['successCount'], status['errorCount']) == (2, 2)
    reasons = sorted(e['errorReason'] for e in errors)
    assert 'Favourite Colour' in reasons[0] and 'attribute type' in reasons[0]
    assert 'Colour' in reasons[1] and 'bad.example.com' in reasons[1]
    assert [g['xid'] for g in emulator.groups()] == ['good']
    assert [i['summary'] for i in emulator.indicators()] == ['good.example.com']


def test_default_attribute_types_are_the_platform_common_ones():
    for name in ('Description', 'Source', 'Additional Analysis and Context', 'External ID', 'Title'):
        assert name in DEFAULT_ATTRIBUTE_TYPES


def test_attribute_types_are_configurable():
    with ThreatConnectEmulator(attribute_types=['Risk Score'], polls_until_complete=0) as tc:
        status, errors = Api(tc).run({'group': [_adversary('a', 'Risk Score'), _adversary('b', 'Description')]},
                                     haltOnError=False)
        assert (status['successCount'], status['errorCount']) == (1, 1)
        assert 'Description' in errors[0]['errorReason']
