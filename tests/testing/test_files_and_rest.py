# -*- coding: utf-8 -*-
"""Document/Report upload and the REST GETs the SDK calls."""
from __future__ import absolute_import, division, print_function, unicode_literals

import struct

import pytest

BINARY = bytes(bytearray(range(256))) * 4


@pytest.fixture
def docs(api):
    api.run({'group': [{'type': 'Document', 'name': 'd', 'xid': 'doc-1', 'fileName': 'd.bin'},
                       {'type': 'Report', 'name': 'r', 'xid': 'rep-1', 'fileName': 'r.pdf'},
                       {'type': 'Document', 'name': 'm', 'xid': 'mal-1', 'fileName': 'm.zip',
                        'malware': True, 'password': 'infected'}]})
    return api


def _upload(api, method, branch, ident, data, owner='Demo Organization'):
    return api.request(method, '/v2/groups/{}/{}/upload'.format(branch, ident),
                       query={'owner': owner}, data=data,
                       headers={'Content-Type': 'application/octet-stream'})


def test_upload_stores_bytes_exactly(docs, emulator):
    response = _upload(docs, 'POST', 'documents', 'doc-1', BINARY)
    assert response.status_code == 200 and response.json() == {'status': 'Success'}
    assert emulator.file('doc-1') == BINARY
    assert emulator.files == {'doc-1': BINARY}
    assert emulator.group('doc-1')['hasContent'] is True
    download = docs.get('/v2/groups/documents/doc-1/download')
    assert download.content == BINARY


def test_post_again_is_refused_put_replaces(docs, emulator):
    assert _upload(docs, 'POST', 'reports', 'rep-1', b'one').status_code == 200
    response = _upload(docs, 'POST', 'reports', 'rep-1', b'two')
    assert response.status_code == 400 and 'PUT' in response.json()['message']
    assert _upload(docs, 'PUT', 'reports', 'rep-1', b'two').status_code == 200
    assert emulator.file('rep-1') == b'two'


def test_upload_by_numeric_id(docs, emulator):
    group_id = emulator.group('doc-1')['id']
    assert _upload(docs, 'PUT', 'documents', group_id, b'x').status_code == 200
    assert emulator.file('doc-1') == b'x'


@pytest.mark.parametrize('branch,ident', [('documents', 'nope'), ('documents', 'rep-1'),
                                          ('reports', 'doc-1')])
def test_upload_to_unknown_group_is_404(docs, branch, ident):
    assert _upload(docs, 'POST', branch, ident, b'x').status_code == 404


def test_upload_with_unknown_owner_is_403(docs):
    response = _upload(docs, 'POST', 'documents', 'doc-1', b'x', owner='Nobody')
    assert response.status_code == 403 and response.json()['status'] == 'Failure'


def test_malware_document_needs_an_encrypted_zip(docs, emulator):
    plain = b'PK\x03\x04' + struct.pack('<HH', 20, 0) + b'\0' * 30
    encrypted = b'PK\x03\x04' + struct.pack('<HH', 20, 1) + b'\0' * 30
    assert _upload(docs, 'POST', 'documents', 'mal-1', b'not a zip').status_code == 400
    assert _upload(docs, 'POST', 'documents', 'mal-1', plain).status_code == 400
    assert _upload(docs, 'POST', 'documents', 'mal-1', encrypted).status_code == 200
    assert emulator.file('mal-1') == encrypted


def test_indicator_types(api):
    body = api.get('/v2/types/indicatorTypes').json()
    types = body['data']['indicatorType']
    assert body['status'] == 'Success' and body['data']['resultCount'] == len(types)
    names = [t['name'] for t in types]
    for name in ('Address', 'EmailAddress', 'File', 'Host', 'URL', 'ASN', 'CIDR', 'Mutex',
                 'Registry Key', 'User Agent', 'Hashtag'):
        assert name in names
    asn = types[names.index('ASN')]
    assert (asn['custom'], asn['apiBranch'], asn['value1Label']) == ('true', 'asns', 'AS Number')


def test_owners(api):
    body = api.get('/v2/owners').json()
    assert body['data']['owner'] == [
        {'id': 1, 'name': 'Demo Organization', 'type': 'Organization'},
        {'id': 2, 'name': 'Common Community', 'type': 'Community'}]
    assert body['data']['resultCount'] == 2


def test_owner_query_parameter_is_checked(api):
    assert api.get('/v2/whoami', query={'owner': 'Common Community'}).status_code == 200
    assert api.get('/v2/groups/documents/x/download', query={'owner': 'Nobody'}).status_code == 403


def test_whoami(api, emulator):
    user = api.get('/v2/whoami').json()['data']['user']
    assert user['userName'] == emulator.api_access_id and user['owner'] == 'Demo Organization'
