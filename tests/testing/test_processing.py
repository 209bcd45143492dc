# -*- coding: utf-8 -*-
"""Entity processing: validation, haltOnError, write types, xids, associations, delete."""
from __future__ import absolute_import, division, print_function, unicode_literals

import pytest

from tcex.testing import ThreatConnectEmulator

from tests.testing.helpers import Api

MD5 = 'a' * 32
SHA1 = 'b' * 40
SHA256 = 'c' * 64


def _group(type_name, xid='g-1', **fields):
    group = {'type': type_name, 'name': 'name-' + xid, 'xid': xid}
    group.update(fields)
    return group


def _ind(type_name, summary, **fields):
    indicator = {'type': type_name, 'summary': summary}
    indicator.update(fields)
    return indicator


VALID_GROUPS = [
    _group('Adversary'), _group('Intrusion Set'), _group('Threat'),
    _group('Campaign', firstSeen='2024-08-04T00:00:00Z'),
    _group('Document', fileName='a.txt'),
    _group('Document'),  # fileName is optional (batch v2 field table: required for Signatures only)
    _group('Document', fileName='a.zip', malware=True, password='infected'),
    _group('Email', subject='s', header='h', body='b', score=5),
    _group('Event', eventDate='2024-08-04T00:00:00Z', status='Needs Review'),
    _group('Incident', eventDate='2024-08-04', status='Containment Achieved'),
    _group('Report', fileName='r.pdf', publishDate='2024-08-04T00:00:00Z'),
    _group('Signature', fileName='s.yar', fileType='YARA', fileText='rule x {}'),
]

INVALID_GROUPS = [
    ({'type': 'Gang', 'name': 'x', 'xid': 'x'}, 'type'),
    ({'type': 'Adversary', 'name': 'x'}, 'xid'),
    ({'type': 'Adversary', 'xid': 'x'}, 'name'),
    (_group('Document', fileName='a.zip', malware=True), 'password'),
    (_group('Email', subject='s', header='h'), 'body'),
    (_group('Email', subject='s', header='h', body='b', score='high'), 'score'),
    (_group('Event', status='Asleep'), 'status'),
    (_group('Incident', status='Needs Review'), 'status'),
    (_group('Incident', eventDate='last tuesday'), 'eventDate'),
    (_group('Signature', fileName='s', fileType='Perl', fileText='x'), 'fileType'),
    (_group('Signature', fileName='s', fileType='YARA'), 'fileText'),
    (_group('Adversary', attribute=[{'type': 'Description'}]), 'attribute'),
    (_group('Adversary', tag=[{'label': 'x'}]), 'tag'),
    (_group('Adversary', securityLabel=[{'name': 'Brand New'}]), 'security label'),
    (_group('Adversary', securityLabel=[{'name': 'New', 'description': 'd', 'color': '#FF0000'}]),
     'color'),
    (_group('Adversary', externalDateAdded='soon'), 'externalDateAdded'),
]

VALID_INDICATORS = [
    _ind('Address', '192.168.0.1'), _ind('Address', '2001:db8::1'),
    _ind('Address', '::ffff:10.0.0.1'), _ind('ASN', 'ASN12345'), _ind('CIDR', '10.0.0.0/8'),
    _ind('CIDR', 'abc:def:10:0:0:0:0:0/48'), _ind('EmailAddress', 'bad@example.com'),
    _ind('File', MD5), _ind('File', '{} : {} : {}'.format(MD5, SHA1, SHA256)),
    _ind('Host', 'example.com'), _ind('Host', 'xn--bcher-kva.example'),
    _ind('Mutex', 'Global\\evil'),
    _ind('Registry Key', 'HKEY_LOCAL_MACHINE\\Software\\Evil : Run : REG_SZ'),
    _ind('URL', 'https://example.com/Path?Q=1'), _ind('User Agent', 'Mozilla/5.0'),
    _ind('Hashtag', '#evil'), {'type': 'Address', 'ip': '8.8.8.8'},
    {'type': 'File', 'sha1': SHA1}, {'type': 'Hashtag', 'Hashtag': '#tag'},
    {'type': 'Registry Key', 'Key Name': 'HKEY_USERS\\x', 'Value Name': 'v', 'Value Type': 'REG_DWORD'},
    _ind('Address', '1.1.1.1', rating=5, confidence=0), _ind('Address', '1.1.1.2', rating='2.5'),
]

INVALID_INDICATORS = [
    (_ind('Gizmo', 'x'), 'type'), ({'type': 'Address'}, 'summary'),
    (_ind('Address', '256.1.1.1'), 'Address'), (_ind('Address', '1.2.3'), 'Address'),
    (_ind('Address', '2001:db8:::1'), 'Address'), (_ind('ASN', '12345'), 'ASN'),
    (_ind('ASN', 'AS12345'), 'ASN'), (_ind('ASN', 'ASN 12345'), 'ASN'),
    (_ind('CIDR', '10.0.0.0/33'), 'CIDR'), (_ind('CIDR', 'abc:def:10::/48'), 'CIDR'),
    (_ind('CIDR', 'abc:def:0010:0:0:0:0:0/48'), 'CIDR'), (_ind('CIDR', '10.0.0.0'), 'CIDR'),
    (_ind('EmailAddress', 'not-an-email'), 'EmailAddress'), (_ind('File', 'abc'), 'File'),
    (_ind('File', 'g' * 32), 'File'), ({'type': 'File', 'md5': SHA1}, 'File'),
    (_ind('Host', u'b\u00fccher.example'), 'Host'), (_ind('Host', 'exa mple.com'), 'Host'),
    (_ind('URL', 'example.com/path'), 'URL'), (_ind('URL', 'http://EXAMPLE.com/'), 'URL'),
    (_ind('Registry Key', 'HKEY_NOPE\\x : v : REG_SZ'), 'Registry Key'),
    (_ind('Registry Key', 'HKEY_USERS\\x : v : REG_TEXT'), 'Registry Key'),
    (_ind('Address', '1.1.1.1', rating=6), 'rating'),
    (_ind('Address', '1.1.1.1', rating=-1), 'rating'),
    (_ind('Address', '1.1.1.1', confidence=101), 'confidence'),
    (_ind('Address', '1.1.1.1', confidence=50.5), 'confidence'),
    (_ind('Address', '1.1.1.1', confidence=True), 'confidence'),
    (_ind('Address', '1.1.1.1', active='yes'), 'active'),
    (_ind('File', MD5, fileOccurrence=[{}]), 'occurrence'),
    (_ind('File', MD5, intValue1=-5), 'size'),
]


@pytest.mark.parametrize('group', VALID_GROUPS, ids=lambda g: g['type'])
def test_valid_groups_are_stored(api, emulator, group):
    status, errors = api.run({'group': [group]})
    assert errors == [] and status['successGroupCount'] == 1
    assert emulator.group(group['xid'])['type'] == group['type']


@pytest.mark.parametrize('group,field', INVALID_GROUPS)
def test_invalid_groups_are_errors(api, emulator, group, field):
    status, errors = api.run({'group': [group]})
    assert status['errorGroupCount'] == 1 and status['successCount'] == 0
    assert len(errors) == 1 and field in errors[0]['errorReason']
    assert errors[0]['errorSource'].endswith('is not valid.')
    assert emulator.groups() == []


@pytest.mark.parametrize('indicator', VALID_INDICATORS, ids=lambda i: i['type'])
def test_valid_indicators_are_stored(api, emulator, indicator):
    status, errors = api.run({'indicator': [indicator]})
    assert errors == [] and status['successIndicatorCount'] == 1
    assert emulator.indicators()[0]['type'] == indicator['type']


@pytest.mark.parametrize('indicator,field', INVALID_INDICATORS)
def test_invalid_indicators_are_errors(api, emulator, indicator, field):
    status, errors = api.run({'indicator': [indicator]})
    assert status['errorIndicatorCount'] == 1
    assert len(errors) == 1 and field in errors[0]['errorReason']
    assert emulator.indicators() == []


def test_halt_on_error_stops_at_first_error(api, emulator):
    data = {'group': [_group('Adversary', 'a'), _group('Event', 'b', status='Bad'),
                      _group('Threat', 'c')],
            'indicator': [_ind('Host', 'example.com')]}
    status, errors = api.run(data, haltOnError=True)
    assert (status['successCount'], status['errorCount'], status['unprocessCount']) == (1, 1, 2)
    assert [g['xid'] for g in emulator.groups()] == ['a'] and emulator.indicators() == []


def test_without_halt_on_error_everything_else_is_processed(api, emulator):
    data = {'group': [_group('Event', 'b', status='Bad'), _group('Threat', 'c')],
            'indicator': [_ind('Host', 'example.com')]}
    status, _ = api.run(data, haltOnError=False)
    assert (status['successCount'], status['errorCount'], status['unprocessCount']) == (2, 1, 0)


def test_invalid_json_is_a_critical_error(api):
    batch_id = api.create_job(haltOnError=True)
    api.upload(batch_id, b'{"group": [')
    status = api.status(batch_id)
    assert status['errorCount'] == 1 and status['unprocessCount'] == 0
    errors = api.get('/v2/batch/{}/errors'.format(batch_id)).json()
    assert 'Encountered an unexpected Exception while processing batch job' in \
        errors[0]['errorReason']


def test_too_many_indicators_is_a_critical_error():
    with ThreatConnectEmulator(max_indicators=2, polls_until_complete=0) as tc:
        status, errors = Api(tc).run({'indicator': [_ind('Host', 'h{}.com'.format(n))
                                                    for n in range(3)]})
        assert 'would exceed the number of allowed indicators' in errors[0]['errorReason']
        assert status['unprocessCount'] == 3 and tc.indicators() == []


def _attrs(record):
    return sorted((a['type'], a['value']) for a in record['attribute'])


@pytest.mark.parametrize('mode,expected', [
    ('Append', [('Description', 'new'), ('Description', 'old'), ('Source', 'old')]),
    ('Replace', [('Description', 'new')]),
    ('Singleton', [('Description', 'new'), ('Source', 'old')]),
    ('Static', [('Description', 'old'), ('Source', 'old')]),
])
def test_attribute_write_types(api, emulator, mode, expected):
    first = _group('Adversary', 'a', attribute=[{'type': 'Description', 'value': 'old'},
                                                 {'type': 'Source', 'value': 'old'}])
    api.run({'group': [first]})
    api.run({'group': [_group('Adversary', 'a', attribute=[
        {'type': 'Description', 'value': 'new', 'displayed': True}])]},
        attributeWriteType=mode)
    assert _attrs(emulator.group('a')) == expected


def test_append_keeps_duplicates(api, emulator):
    attr = [{'type': 'Description', 'value': 'same'}]
    api.run({'indicator': [_ind('Host', 'example.com', attribute=attr)]})
    api.run({'indicator': [_ind('Host', 'example.com', attribute=attr)]},
            attributeWriteType='Append')
    assert _attrs(emulator.indicator('example.com')) == [('Description', 'same')] * 2


@pytest.mark.parametrize('mode,expected', [('Append', ['one', 'two']), ('Replace', ['two'])])
def test_tag_and_label_write_types(api, emulator, mode, expected):
    api.run({'group': [_group('Threat', 't', tag=[{'name': 'one'}],
                              securityLabel=[{'name': 'one', 'description': 'd', 'color': 'FF0000'}])]})
    api.run({'group': [_group('Threat', 't', tag=[{'name': 'two'}, {'name': 'two'}],
                              securityLabel=[{'name': 'two', 'description': 'd',
                                              'color': '00FF00'}])]},
            tagWriteType=mode, securityLabelWriteType=mode)
    group = emulator.group('t')
    assert sorted(t['name'] for t in group['tag']) == expected
    assert sorted(s['name'] for s in group['securityLabel']) == expected
    assert 'one' in [label['name'] for label in emulator.security_labels()]


def test_existing_label_needs_no_description(api, emulator):
    status, errors = api.run({'group': [_group('Threat', securityLabel=[{'name': 'TLP Green'}])]})
    assert errors == []


def test_xid_updates_instead_of_duplicating(api, emulator):
    api.run({'group': [_group('Adversary', 'a')], 'indicator': [_ind('Host', 'a.com', xid='h')]})
    renamed = dict(_group('Adversary', 'a'), name='renamed')
    api.run({'group': [renamed], 'indicator': [_ind('Host', 'a.com', xid='h', rating=3)]})
    assert [g['name'] for g in emulator.groups()] == ['renamed']
    assert [(i['summary'], i['rating']) for i in emulator.indicators()] == [('a.com', 3.0)]


def test_indicator_matched_by_summary_case_insensitively(api, emulator):
    api.run({'indicator': [_ind('EmailAddress', 'Bad@Example.com', confidence=10)]})
    api.run({'indicator': [_ind('EmailAddress', 'bad@example.com', confidence=20)]})
    assert [i['confidence'] for i in emulator.indicators()] == [20]


def test_group_xid_reused_by_another_type_is_an_error(api):
    api.run({'group': [_group('Adversary', 'a')]})
    _, errors = api.run({'group': [_group('Threat', 'a')]})
    assert 'xid' in errors[0]['errorReason']


def test_file_hashes_merge(api, emulator):
    api.run({'indicator': [{'type': 'File', 'md5': MD5, 'intValue1': 10}]})
    api.run({'indicator': [{'type': 'File', 'md5': MD5, 'sha256': SHA256}]})
    files = emulator.indicators(type='File')
    assert len(files) == 1
    assert files[0]['summary'] == '{} : {}'.format(MD5, SHA256) and files[0]['size'] == 10
    assert emulator.indicator(SHA256)['id'] == files[0]['id']


def test_wire_names_map_to_read_back_names(api, emulator):
    api.run({'indicator': [_ind('Host', 'flags.com', flag1=True, flag2=False)]})
    host = emulator.indicator('flags.com')
    assert host['dnsActive'] is True and host['whoisActive'] is False and 'flag1' not in host


def test_occurrences_tags_labels_attributes_read_back(api, emulator):
    indicator = _ind('File', MD5, rating=5.0, confidence=100,
                     attribute=[{'type': 'Description', 'value': 'd', 'displayed': True}],
                     tag=[{'name': 'Example Tag'}], securityLabel=[{'name': 'TLP:AMBER'}],
                     fileOccurrence=[{'fileName': 'drop1.exe', 'path': 'C:\\test\\',
                                      'date': '2017-02-02T01:02:03Z'}])
    api.run({'indicator': [indicator]})
    record = emulator.indicator(MD5)
    assert record['attribute'][0]['displayed'] is True
    assert record['tag'] == [{'name': 'Example Tag'}]
    assert record['securityLabel'] == [{'name': 'TLP:AMBER'}]
    assert record['fileOccurrence'][0]['fileName'] == 'drop1.exe'
    assert record['ownerName'] == 'Demo Organization'


def test_associations_by_xid(api, emulator):
    data = {'group': [_group('Adversary', 'a', associatedGroupXid=['b']),
                      _group('Threat', 'b', associatedIndicators=[
                          {'summary': 'evil.com', 'indicatorType': 'Host'}])],
            'indicator': [_ind('Host', 'evil.com'),
                          _ind('Address', '6.6.6.6', associatedGroups=[{'groupXid': 'a'}])]}
    status, errors = api.run(data)
    assert errors == []
    assert emulator.group('a')['associatedGroupXid'] == ['b']
    assert emulator.group('b')['associatedGroupXid'] == ['a']
    assert emulator.group('b')['associatedIndicators'] == [{'summary': 'evil.com',
                                                            'indicatorType': 'Host'}]
    assert emulator.indicator('6.6.6.6')['associatedGroups'] == [{'groupXid': 'a'}]


def test_association_to_an_existing_group(api, emulator):
    api.run({'group': [_group('Adversary', 'old')]})
    _, errors = api.run({'indicator': [_ind('Host', 'x.com', associatedGroups=[{'groupXid': 'old'}])]})
    assert errors == [] and emulator.group('old')['associatedIndicators'][0]['summary'] == 'x.com'


@pytest.mark.parametrize('data', [
    {'group': [_group('Adversary', 'a', associatedGroupXid=['ghost'])]},
    {'indicator': [_ind('Host', 'x.com', associatedGroups=[{'groupXid': 'ghost'}])]},
    {'group': [_group('Adversary', 'a', associatedIndicators=[{'summary': 'no.com',
                                                               'indicatorType': 'Host'}])]},
    {'association': [{'ref_1': 'ghost', 'type_1': 'Adversary', 'ref_2': 'x.com', 'type_2': 'Host'}]},
])
def test_unknown_association_target_is_an_error(api, data):
    status, errors = api.run(data)
    assert 'unknown' in errors[0]['errorReason']


def test_association_array(api, emulator):
    data = {'group': [_group('Campaign', 'c')],
            'indicator': [_ind('URL', 'http://evil.com/x'), _ind('Host', 'evil.com')],
            'association': [
                {'ref_1': 'http://evil.com/x', 'type_1': 'URL', 'ref_2': 'evil.com',
                 'type_2': 'Host', 'associationType': 'URL Host'},
                {'ref_1': 'c', 'type_1': 'Campaign', 'ref_2': 'evil.com', 'type_2': 'Host'}]}
    status, errors = api.run(data)
    assert errors == [] and status['successAssociationCount'] == 2
    url = emulator.indicator('http://evil.com/x')
    assert url['associatedIndicators'] == [{'summary': 'evil.com', 'indicatorType': 'Host',
                                            'associationType': 'URL Host'}]
    assert emulator.indicator('evil.com')['associatedGroupXid'] == ['c']


def test_indicator_to_indicator_needs_association_type(api):
    data = {'indicator': [_ind('Host', 'a.com'), _ind('Host', 'b.com')],
            'association': [{'ref_1': 'a.com', 'type_1': 'Host', 'ref_2': 'b.com', 'type_2': 'Host'}]}
    _, errors = api.run(data)
    assert 'associationType' in errors[0]['errorReason']


def test_delete_by_xid_and_summary(api, emulator):
    api.run({'group': [_group('Adversary', 'a'), _group('Threat', 'keep')],
             'indicator': [_ind('Host', 'a.com', xid='hx'), _ind('Host', 'b.com'),
                           _ind('Host', 'c.com', associatedGroups=[{'groupXid': 'keep'}])]})
    status, errors = api.run({'group': [{'xid': 'a'}],
                              'indicator': [{'xid': 'hx'}, _ind('Host', 'B.com'),
                                            _ind('Host', 'c.com')]}, action='Delete')
    assert errors == [] and status['successCount'] == 4
    assert [g['xid'] for g in emulator.groups()] == ['keep']
    assert emulator.indicators() == []
    assert emulator.group('keep')['associatedIndicators'] == []


def test_owners_are_separate(api, emulator):
    api.run({'group': [_group('Adversary', 'a')]}, owner='Common Community')
    assert emulator.groups(owner='Demo Organization') == []
    assert emulator.groups(owner='Common Community')[0]['ownerName'] == 'Common Community'
    assert emulator.group('a', owner='Demo Organization') is None


def test_custom_indicator_types_are_configurable():
    custom = {'name': 'Bitcoin Wallet', 'custom': 'true', 'value1Label': 'Address',
              'value2Label': 'Network'}
    with ThreatConnectEmulator(indicator_types=[custom], polls_until_complete=0) as tc:
        api = Api(tc)
        _, errors = api.run({'indicator': [{'type': 'Bitcoin Wallet', 'Address': '1abc',
                                            'Network': 'main'}, _ind('Host', 'x.com')]})
        assert tc.indicator('1abc : main')['type'] == 'Bitcoin Wallet'
        assert 'invalid type Host' in errors[0]['errorReason']


def test_reset_forgets_everything(api, emulator):
    api.run({'group': [_group('Adversary', 'a')]})
    emulator.reset()
    assert emulator.groups() == [] and emulator.batch_jobs == [] and emulator.request_count() == 0
