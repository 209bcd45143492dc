# -*- coding: utf-8 -*-
"""tcex.ti lists, filters, includes, single objects and deletes against the emulator."""
from __future__ import absolute_import, division, print_function, unicode_literals

import datetime

import pytest

from tcex.errors import ArgumentError
from tests.testing.helpers import Api

BATCH = {
    'group': [
        {'type': 'Incident', 'xid': 'inc-1', 'name': 'Bad Incident',
         'tag': [{'name': 'APT'}], 'attribute': [{'type': 'Description', 'value': 'incident'}]},
        {'type': 'Adversary', 'xid': 'adv-1', 'name': 'Bear', 'associatedGroupXid': ['inc-1']},
    ],
    'indicator': [
        {'type': 'Host', 'summary': 'bad.example.com', 'rating': 4, 'confidence': 80,
         'tag': [{'name': 'APT'}], 'securityLabel': [{'name': 'TLP:AMBER'}],
         'attribute': [{'type': 'Description', 'value': 'very bad'}],
         'associatedGroups': [{'groupXid': 'inc-1'}], 'flag1': True},
        {'type': 'Host', 'summary': 'good.example.com', 'rating': 1, 'confidence': 20},
        {'type': 'Address', 'summary': '10.0.0.1', 'rating': 3, 'confidence': 50,
         'tag': [{'name': 'APT'}]},
        {'type': 'File', 'summary': 'a' * 32 + ' : ' + 'b' * 64, 'confidence': 90},
        {'type': 'Mutex', 'summary': 'Global\\evil', 'rating': 5},
        {'type': 'URL', 'summary': 'http://x.example.com/p\u00e4th?q=a b', 'tag': [{'name': 'B\u00e4r/1'}]},
    ],
}


@pytest.fixture
def stored(emulator):
    status, errors = Api(emulator).run(BATCH)
    assert not errors, errors
    emulator.clear_faults()
    return emulator


def summaries(items):
    return sorted(x['summary'] for x in items)


def test_items_carry_the_sdk_names_on_typed_branches(ti, stored):
    hosts = list(ti.indicators('Host'))
    assert summaries(hosts) == ['bad.example.com', 'good.example.com']
    bad = [x for x in hosts if x['summary'] == 'bad.example.com'][0]
    assert bad['type'] == 'Host' and bad['hostName'] == 'bad.example.com'
    assert [t['name'] for t in bad['tag']] == ['APT']
    assert bad['attribute'][0]['value'] == 'very bad'
    files = list(ti.indicators('File', include=()))
    assert files[0]['summary'] == 'a' * 32 + ' : ' + 'b' * 64 and 'tag' not in files[0]
    mutex = list(ti.indicators('Mutex'))
    assert mutex[0]['summary'] == 'Global\\evil' and mutex[0]['type'] == 'Mutex'


def test_non_ascii_and_slashes_in_summaries_and_tags(ti, stored):
    url = 'http://x.example.com/p\u00e4th?q=a b'
    assert summaries(ti.indicators(tag='B\u00e4r/1')) == [url]
    assert ti.indicator(url, 'URL')['text'] == url
    assert ti.delete_indicator(url, 'URL') is True


def test_all_indicators_and_groups(ti, stored):
    assert len(list(ti.indicators())) == 6
    groups = list(ti.groups())
    assert sorted(g['name'] for g in groups) == ['Bad Incident', 'Bear']
    incidents = list(ti.groups('Incident'))
    assert incidents[0]['type'] == 'Incident' and incidents[0]['tag'][0]['name'] == 'APT'


def test_tag_and_label(ti, stored):
    assert summaries(ti.indicators(tag='APT')) == ['10.0.0.1', 'bad.example.com']
    assert summaries(ti.indicators('Host', tag='APT')) == ['bad.example.com']
    assert summaries(ti.indicators(security_label='TLP:AMBER')) == ['bad.example.com']
    assert [g['name'] for g in ti.groups(tag='APT')] == ['Bad Incident']
    with pytest.raises(ArgumentError):
        ti.indicators(tag='APT', security_label='TLP:AMBER')


@pytest.mark.parametrize('filters,expected', [
    ([('summary', '=', 'bad.example.com')], ['bad.example.com']),
    ([('summary', '^', 'good')], ['good.example.com']),
    ([('rating', '>', 3)], ['Global\\evil', 'bad.example.com']),
    ([('rating', '<', 2)], ['good.example.com']),
    ([('confidence', '=', 50)], ['10.0.0.1']),
    ([('confidence', '>', 85)], ['a' * 32 + ' : ' + 'b' * 64]),
    ([('confidence', '<', 30)], ['good.example.com']),
    ([('threatAssessRating', '>', 4.5)], ['Global\\evil']),
    ([('threatAssessConfidence', '=', 80)], ['bad.example.com']),
    ([('dateAdded', '>', datetime.date(2000, 1, 1)), ('rating', '>', 4)], ['Global\\evil']),
    ([('dateAdded', '<', datetime.datetime(2000, 1, 1))], []),
    ({'confidence': 20}, ['good.example.com']),
    ({'rating': ('>', 3.5)}, ['Global\\evil', 'bad.example.com']),
])
def test_each_server_filter_and_operator(ti, stored, filters, expected):
    assert summaries(ti.indicators(filters=filters, include=())) == sorted(expected)


def test_type_specific_filters_and_or(ti, stored):
    assert summaries(ti.indicators('Host', filters=[('dnsActive', '=', True)])) == [
        'bad.example.com']
    found = ti.indicators(filters=[('rating', '>', 4), ('confidence', '<', 30)], or_filters=True)
    assert summaries(found) == ['Global\\evil', 'good.example.com']
    assert [g['name'] for g in ti.groups(filters=[('name', '^', 'Be')])] == ['Bear']


def test_modified_since(ti, stored):
    assert len(list(ti.indicators(modified_since=datetime.datetime(2000, 1, 1)))) == 6
    assert list(ti.indicators(modified_since='2999-01-01')) == []
    assert len(list(ti.indicators(modified_since=0))) == 6


@pytest.mark.parametrize('kwargs,words', [
    ({'filters': [('colour', '=', 'red')]}, "unknown indicator filter 'colour'"),
    ({'filters': [('rating', '>=', 3)]}, "unknown operator '>='"),
    ({'filters': [('summary', '<', 'x')]}, "operator '<' is not allowed"),
    ({'filters': [('summary', '=', 'a,b')]}, "summary = 'a,b': needs non-empty text without a comma"),
    ({'filters': [('summary', '=')]}, 'expected (name, operator, value)'),
    ({'type': 'Hots'}, "unknown indicator type 'Hots'"),
    ({'include': ('tagz',)}, "unknown include 'tagz'"),
    ({'modified_since': 'last week'}, 'not a date'),
    ({'type': 'Address', 'filters': [('dnsActive', '=', True)]}, 'unknown indicator filter'),
])
def test_bad_arguments_fail_before_any_request(ti, stored, kwargs, words):
    ti.types.indicator('Mutex')  # an unknown type name is checked against the platform's types
    before = stored.request_count()
    with pytest.raises(ArgumentError) as info:
        ti.indicators(**kwargs)
    assert words in str(info.value) and '\n' not in str(info.value)
    assert stored.request_count() == before


def test_post_filters_are_applied_to_the_stream(ti, stored):
    found = ti.indicators(post_filters={'ratings': ['>=,3.0'], 'confidences': ['>=50']})
    assert summaries(found) == ['10.0.0.1', 'bad.example.com']
    found = ti.indicators(post_filters={'date_added': ['>=,1,days'], 'ratings': ['>2']},
                          max_results=1)
    assert len(list(found)) == 1
    with pytest.raises(ArgumentError):
        ti.indicators(post_filters={'ratings': ['>=,high']})


def test_one_indicator_with_everything(ti, stored):
    item = ti.indicator('bad.example.com', 'Host')
    assert item['summary'] == 'bad.example.com' and item['type'] == 'Host'
    assert item['ownerName'] == stored.owner and item['owner']['name'] == stored.owner
    assert [t['name'] for t in item['tag']] == ['APT']
    assert item['attribute'][0]['type'] == 'Description'
    assert item['securityLabel'][0]['name'] == 'TLP:AMBER'
    assert [g['name'] for g in item['associatedGroups']] == ['Bad Incident']
    assert item['associatedIndicators'] == []
    assert ti.indicator('B' * 64, 'File', include=())['md5'] == 'a' * 32
    assert ti.indicator('nope.example.com', 'Host') is None
    assert ti.indicator('bad.example.com', 'Host', include=('additional',))['dnsActive'] == 'true'


def test_one_group_and_deletes(ti, stored):
    group_id = stored.group('inc-1')['id']
    group = ti.group(group_id, 'Incident')
    assert group['name'] == 'Bad Incident' and group['type'] == 'Incident'
    assert [g['name'] for g in group['associatedGroups']] == ['Bear']
    assert summaries(group['associatedIndicators']) == ['bad.example.com']
    assert ti.group(group_id, 'Adversary') is None
    assert ti.delete_indicator('bad.example.com', 'Host') is True
    assert ti.delete_indicator('bad.example.com', 'Host') is False
    assert ti.delete_group(group_id, 'Incident') is True
    assert ti.group(group_id, 'Incident') is None
    assert stored.indicator('bad.example.com') is None


def test_owners_tags_labels(ti, stored):
    assert [o['name'] for o in ti.owners()] == [stored.owner, 'Common Community']
    assert [t['name'] for t in ti.tags()] == ['APT', 'B\u00e4r/1']
    assert 'TLP:AMBER' in [x['name'] for x in ti.security_labels()]


def test_post_filters_on_groups_stay_client_side(ti, stored):
    found = ti.groups(post_filters={'date_added': ['>=,1,days']}, include=())
    assert sorted(g['name'] for g in found) == ['Bad Incident', 'Bear']
    assert list(ti.groups(post_filters={'ratings': ['>1']})) == []  # groups have no rating
