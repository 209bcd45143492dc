# -*- coding: utf-8 -*-
"""The emulator's REST v2 reads, with plain ``requests`` (independent of tcex.ti).

Data is stored by a real batch job; each test reads it back through one endpoint.
"""
from __future__ import absolute_import, division, print_function, unicode_literals

import json

import pytest
from six.moves.urllib.parse import quote

MD5 = 'a' * 32
SHA256 = 'b' * 64
URL = 'http://bad.example.com/a/b?x=1'


def _tag(*names):
    return [{'name': n} for n in names]


BATCH = {
    'group': [
        {'type': 'Incident', 'xid': 'inc-1', 'name': 'Bad Incident', 'tag': _tag('APT'),
         'attribute': [{'type': 'Description', 'value': 'an incident'}],
         'securityLabel': [{'name': 'TLP:GREEN'}]},
        {'type': 'Adversary', 'xid': 'adv-1', 'name': 'Bear', 'tag': _tag('Crimeware'),
         'associatedGroupXid': ['inc-1']},
    ],
    'indicator': [
        {'type': 'Host', 'summary': 'bad.example.com', 'rating': 4, 'confidence': 80,
         'tag': _tag('APT', 'Crimeware'), 'securityLabel': [{'name': 'TLP:AMBER'}],
         'attribute': [{'type': 'Description', 'value': 'very bad'}],
         'associatedGroups': [{'groupXid': 'inc-1'}], 'flag1': True},
        {'type': 'Host', 'summary': 'good.example.com', 'rating': 1, 'confidence': 20},
        {'type': 'Address', 'summary': '10.0.0.1', 'rating': 3, 'confidence': 50,
         'tag': _tag('APT'), 'associatedGroups': [{'groupXid': 'inc-1'}]},
        {'type': 'URL', 'summary': URL, 'rating': 2},
        {'type': 'File', 'summary': '{} : {}'.format(MD5, SHA256), 'confidence': 90},
    ],
}


@pytest.fixture
def stored(api, emulator):
    status, errors = api.run(BATCH)
    assert status['status'] == 'Completed' and not errors, errors
    return emulator


def _data(response, status=200):
    assert response.status_code == status, response.text
    body = response.json()
    assert body['status'] == 'Success'
    return body['data']


def _names(items, key='summary'):
    return sorted(item[key] for item in items)


def test_generic_indicator_list_shape(api, stored):
    data = _data(api.get('/v2/indicators'))
    assert data['resultCount'] == 5
    assert _names(data['indicator']) == sorted(['bad.example.com', 'good.example.com',
                                                '10.0.0.1', URL, '{} : {}'.format(MD5, SHA256)])
    item = [x for x in data['indicator'] if x['summary'] == 'bad.example.com'][0]
    assert item['type'] == 'Host' and item['ownerName'] == stored.owner
    assert item['rating'] == 4 and item['confidence'] == 80
    assert item['threatAssessRating'] == 4 and item['threatAssessConfidence'] == 80
    for key in ('id', 'dateAdded', 'lastModified', 'webLink'):
        assert item[key]
    assert 'tag' not in item and 'attribute' not in item


@pytest.mark.parametrize('branch,key,field,value', [
    ('hosts', 'host', 'hostName', 'bad.example.com'),
    ('addresses', 'address', 'ip', '10.0.0.1'),
    ('urls', 'url', 'text', URL),
    ('files', 'file', 'md5', MD5),
])
def test_typed_indicator_lists_use_the_type_keys(api, stored, branch, key, field, value):
    data = _data(api.get('/v2/indicators/' + branch))
    assert value in [x[field] for x in data[key]]
    assert all('summary' not in x and 'type' not in x for x in data[key])


def test_groups_generic_and_typed(api, stored):
    data = _data(api.get('/v2/groups'))
    assert data['resultCount'] == 2 and _names(data['group'], 'name') == ['Bad Incident', 'Bear']
    assert set(x['type'] for x in data['group']) == {'Incident', 'Adversary'}
    data = _data(api.get('/v2/groups/incidents'))
    assert [x['name'] for x in data['incident']] == ['Bad Incident']
    assert data['incident'][0]['xid'] == 'inc-1' and 'type' not in data['incident'][0]


def test_tag_and_label_lists(api, stored):
    assert _names(_data(api.get('/v2/tags/APT/indicators'))['indicator']) == [
        '10.0.0.1', 'bad.example.com']
    assert [x['hostName'] for x in _data(api.get('/v2/tags/apt/indicators/hosts'))['host']] == [
        'bad.example.com']
    assert _names(_data(api.get('/v2/tags/Crimeware/groups'))['group'], 'name') == ['Bear']
    assert _data(api.get('/v2/tags/APT/groups/incidents'))['resultCount'] == 1
    assert _names(_data(api.get('/v2/securityLabels/TLP:AMBER/indicators'))['indicator']) == [
        'bad.example.com']
    assert _data(api.get('/v2/securityLabels/TLP:GREEN/groups'))['resultCount'] == 1
    assert [x['name'] for x in _data(api.get('/v2/tags'))['tag']] == ['APT', 'Crimeware']
    assert _data(api.get('/v2/tags', query={'filters': 'name^Cr'}))['tag'] == [
        {'name': 'Crimeware'}]
    labels = _data(api.get('/v2/securityLabels'))['securityLabel']
    assert 'TLP:AMBER' in [x['name'] for x in labels]
    assert api.get('/v2/securityLabels/NOPE/indicators').status_code == 404


def test_single_indicator_by_summary_and_file_hashes(api, stored):
    host = _data(api.get('/v2/indicators/hosts/bad.example.com'))['host']
    assert host['hostName'] == 'bad.example.com'
    assert host['owner'] == {'id': 1, 'name': stored.owner, 'type': 'Organization'}
    assert 'ownerName' not in host
    url = _data(api.get('/v2/indicators/urls/' + quote(URL, safe='')))['url']
    assert url['text'] == URL
    for digest in (MD5, SHA256, MD5.upper()):
        assert _data(api.get('/v2/indicators/files/' + digest))['file']['sha256'] == SHA256


def test_single_group_and_missing_objects(api, stored):
    incident = stored.group('inc-1')
    data = _data(api.get('/v2/groups/incidents/{}'.format(incident['id'])))['incident']
    assert data['name'] == 'Bad Incident' and data['owner']['name'] == stored.owner
    for path in ('/v2/groups/incidents/999999', '/v2/groups/adversaries/{}'.format(
            incident['id']), '/v2/indicators/hosts/nope.example.com',
            '/v2/indicators/nobranch', '/v2/groups/nobranch',
            '/v2/indicators/hosts/bad.example.com/nothing'):
        response = api.get(path)
        assert response.status_code == 404, path
        assert response.json()['status'] == 'Failure'


def test_indicator_sub_resources(api, stored):
    base = '/v2/indicators/hosts/bad.example.com'
    attrs = _data(api.get(base + '/attributes'))['attribute']
    assert [(a['type'], a['value']) for a in attrs] == [('Description', 'very bad')]
    one = _data(api.get('{}/attributes/{}'.format(base, attrs[0]['id'])))['attribute']
    assert one['value'] == 'very bad'
    labels = _data(api.get('{}/attributes/{}/securityLabels'.format(base, attrs[0]['id'])))
    assert labels == {'resultCount': 0, 'securityLabel': []}
    assert api.get(base + '/attributes/424242').status_code == 404
    assert _names(_data(api.get(base + '/tags'))['tag'], 'name') == ['APT', 'Crimeware']
    assert [x['name'] for x in _data(api.get(base + '/securityLabels'))['securityLabel']] == [
        'TLP:AMBER']
    assert [x['name'] for x in _data(api.get(base + '/groups'))['group']] == ['Bad Incident']
    assert _data(api.get(base + '/groups/incidents'))['incident'][0]['name'] == 'Bad Incident'
    assert _data(api.get(base + '/groups/adversaries'))['resultCount'] == 0
    owners = _data(api.get(base + '/owners'))['owner']
    assert [x['name'] for x in owners] == [stored.owner]


def test_group_sub_resources_both_ways(api, stored):
    group_id = stored.group('inc-1')['id']
    base = '/v2/groups/incidents/{}'.format(group_id)
    assert _names(_data(api.get(base + '/indicators'))['indicator']) == [
        '10.0.0.1', 'bad.example.com']
    assert [x['ip'] for x in _data(api.get(base + '/indicators/addresses'))['address']] == [
        '10.0.0.1']
    assert [x['name'] for x in _data(api.get(base + '/groups'))['group']] == ['Bear']
    assert _data(api.get(base + '/attributes'))['attribute'][0]['value'] == 'an incident'
    assert _data(api.get(base + '/tags'))['tag'][0]['name'] == 'APT'
    assert _data(api.get(base + '/securityLabels'))['securityLabel'][0]['name'] == 'TLP:GREEN'


def test_owner_parameter(api, stored):
    status, errors = api.run({'indicator': [{'type': 'Host', 'summary': 'bad.example.com'},
                                            {'type': 'Host', 'summary': 'c.example.com'}]},
                             owner='Common Community')
    assert not errors
    data = _data(api.get('/v2/indicators/hosts', query={'owner': 'Common Community'}))
    assert data['resultCount'] == 2 and data['host'][0]['ownerName'] == 'Common Community'
    assert _data(api.get('/v2/indicators/hosts'))['resultCount'] == 2
    owners = _data(api.get('/v2/indicators/hosts/bad.example.com/owners'))['owner']
    assert [x['name'] for x in owners] == [stored.owner, 'Common Community']
    response = api.get('/v2/indicators', query={'owner': 'No Such Owner'})
    assert response.status_code == 403 and 'No Such Owner' in response.json()['message']


def test_paging_and_result_count(api, emulator):
    emulator.store.load_indicators(emulator.owner, (
        {'type': 'Host', 'summary': 'h{:05d}.example.com'.format(n)} for n in range(10005)))
    seen = []
    for start in range(0, 25, 10):
        data = _data(api.get('/v2/indicators/hosts', query={'resultStart': start,
                                                              'resultLimit': 10}))
        assert data['resultCount'] == 10005
        seen += [x['hostName'] for x in data['host']]
    assert seen == ['h{:05d}.example.com'.format(n) for n in range(30)]
    assert len(_data(api.get('/v2/indicators', query={'resultLimit': 20000}))['indicator']) == \
        10000  # the platform's cap
    last = _data(api.get('/v2/indicators', query={'resultStart': 10004, 'resultLimit': 5}))
    assert [x['summary'] for x in last['indicator']] == ['h10004.example.com']
    assert _data(api.get('/v2/indicators', query={'resultStart': 20000}))['indicator'] == []
    assert len(_data(api.get('/v2/indicators'))['indicator']) == 100  # default page
    for bad in ({'resultLimit': 'x'}, {'resultLimit': 0}, {'resultStart': -1}):
        assert api.get('/v2/indicators', query=bad).status_code == 400


def test_result_count_follows_new_data(api, stored):
    assert _data(api.get('/v2/indicators/hosts'))['resultCount'] == 2
    api.run({'indicator': [{'type': 'Host', 'summary': 'new.example.com'}]})
    assert _data(api.get('/v2/indicators/hosts'))['resultCount'] == 3


@pytest.mark.parametrize('path,filters,expected', [
    ('/v2/indicators', 'summary=bad.example.com', ['bad.example.com']),
    ('/v2/indicators', 'summary^GOOD', ['good.example.com']),
    ('/v2/indicators', 'rating>2', ['10.0.0.1', 'bad.example.com']),
    ('/v2/indicators', 'rating<2', ['good.example.com']),
    ('/v2/indicators', 'confidence=50', ['10.0.0.1']),
    ('/v2/indicators', 'confidence>60', ['a' * 32 + ' : ' + 'b' * 64, 'bad.example.com']),
    ('/v2/indicators', 'confidence<30', ['good.example.com']),
    ('/v2/indicators', 'threatAssessRating>3', ['bad.example.com']),
    ('/v2/indicators', 'threatAssessConfidence=20', ['good.example.com']),
    ('/v2/indicators', 'rating>2,confidence>60', ['bad.example.com']),
    ('/v2/indicators', 'dateAdded>2000-01-01', None),
    ('/v2/indicators', 'dateAdded<2000-01-01', []),
    ('/v2/indicators/hosts', 'dnsActive=true', ['bad.example.com']),
    ('/v2/indicators/hosts', 'whoisActive=false', []),
])
def test_indicator_filters(api, stored, path, filters, expected):
    data = _data(api.get(path, query={'filters': filters}))
    key = 'indicator' if path == '/v2/indicators' else 'host'
    items = data[key]
    found = sorted(x.get('summary') or x.get('hostName') for x in items)
    assert found == (sorted(expected) if expected is not None else found) and \
        data['resultCount'] == len(items)
    if expected is None:
        assert len(found) == 5


def test_or_params_and_modified_since(api, stored):
    data = _data(api.get('/v2/indicators', query={'filters': 'rating>3,confidence<30',
                                                  'orParams': 'true'}))
    assert _names(data['indicator']) == ['bad.example.com', 'good.example.com']
    assert _data(api.get('/v2/indicators', query={'modifiedSince': '2000-01-01T00:00:00Z'}))[
        'resultCount'] == 5
    assert _data(api.get('/v2/indicators', query={'modifiedSince': '2999-01-01'}))[
        'resultCount'] == 0
    assert api.get('/v2/indicators', query={'modifiedSince': 'yesterday'}).status_code == 400


def test_group_filters(api, stored):
    assert _names(_data(api.get('/v2/groups', query={'filters': 'name=bear'}))['group'],
                  'name') == ['Bear']
    assert _data(api.get('/v2/groups', query={'filters': 'name^Bad'}))['resultCount'] == 1
    assert _data(api.get('/v2/groups', query={'filters': 'dateAdded>2000-01-01'}))[
        'resultCount'] == 2
    assert api.get('/v2/groups', query={'filters': 'rating>1'}).status_code == 400


@pytest.mark.parametrize('filters,words', [
    ('bogus>1', 'unknown filter name'),
    ('summary<x', 'not allowed'),
    ('rating>high', 'needs a number'),
    ('dateAdded>soon', 'Invalid date'),
    ('rating', 'expected <name><operator><value>'),
    ('dnsActive=true', 'unknown filter name'),  # Host filter on the generic branch
])
def test_bad_filters_are_400(api, stored, filters, words):
    response = api.get('/v2/indicators', query={'filters': filters})
    assert response.status_code == 400 and words in response.json()['message']


def test_includes(api, stored):
    plain = _data(api.get('/v2/indicators/hosts'))['host'][0]
    assert 'tag' not in plain and 'active' not in plain
    query = [('includes', 'additional'), ('includes', 'tags'), ('includes', 'attributes'),
             ('includes', 'labels'), ('filters', 'summary=bad.example.com')]
    item = _data(api.get('/v2/indicators/hosts', query=query))['host'][0]
    assert item['active'] is True and item['privateFlag'] is False
    assert item['dnsActive'] == 'true' and item['whoisActive'] == 'false'
    assert item['observationCount'] == 0 and item['falsePositiveCount'] == 0
    assert [t['name'] for t in item['tag']] == ['APT', 'Crimeware']
    assert item['attribute'][0]['value'] == 'very bad'
    assert item['securityLabel'][0]['name'] == 'TLP:AMBER'
    one = _data(api.get('/v2/indicators/hosts/bad.example.com',
                        query={'includeAdditional': 'true'}))['host']
    assert one['dnsActive'] == 'true'


def test_delete_indicator_and_group(api, stored):
    response = api.request('DELETE', '/v2/indicators/hosts/bad.example.com')
    assert response.status_code == 200 and response.json() == {'status': 'Success'}
    assert api.get('/v2/indicators/hosts/bad.example.com').status_code == 404
    assert api.request('DELETE', '/v2/indicators/hosts/bad.example.com').status_code == 404
    group_id = stored.group('inc-1')['id']
    assert _names(_data(api.get('/v2/groups/incidents/{}/indicators'.format(group_id)))[
        'indicator']) == ['10.0.0.1']
    response = api.request('DELETE', '/v2/groups/incidents/{}'.format(group_id))
    assert response.status_code == 200
    assert api.get('/v2/groups/incidents/{}'.format(group_id)).status_code == 404
    assert _data(api.get('/v2/indicators/addresses/10.0.0.1/groups'))['resultCount'] == 0
    assert stored.group('adv-1')['associatedGroupXid'] == []
    assert _data(api.get('/v2/indicators'))['resultCount'] == 4
    assert api.request('POST', '/v2/indicators/hosts/good.example.com').status_code == 405


def test_read_endpoints_take_fault_injection(api, stored):
    stored.inject('read.indicators', status=500)
    assert api.get('/v2/indicators').status_code == 500
    assert api.get('/v2/indicators').status_code == 200
    assert stored.request_count('read.indicators') == 2


def test_group_reads_never_show_a_document_password(api, emulator):
    status, errors = api.run({'group': [{'type': 'Document', 'xid': 'doc-1', 'name': 'Sample',
                                         'fileName': 'sample.zip', 'malware': True,
                                         'password': 'infected'}]})
    assert not errors, errors
    item = _data(api.get('/v2/groups/documents'))['document'][0]
    assert item['fileName'] == 'sample.zip' and item['malware'] is True
    assert 'password' not in item
    one = _data(api.get('/v2/groups/documents/{}'.format(item['id'])))['document']
    assert 'password' not in one and 'infected' not in json.dumps(one)
