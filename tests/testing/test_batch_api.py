# -*- coding: utf-8 -*-
"""Batch v2 endpoints: URLs, methods, status codes and response shapes."""
from __future__ import absolute_import, division, print_function, unicode_literals

import json

import pytest
import requests

from tcex.testing import ThreatConnectEmulator

from tests.testing.helpers import Api

ADVERSARY = {'group': [{'type': 'Adversary', 'name': 'adversary-001', 'xid': 'adv-1'}],
             'indicator': [{'type': 'Address', 'summary': '1.2.3.4', 'xid': 'ip-1'}]}


def _multipart(api, config, content, query=None):
    files = [('config', (None, json.dumps(config))), ('content', ('batch.json', content))]
    return api.post('/v2/batch/createAndUpload', query=query, files=files)


def test_create_job_returns_201_with_batch_id(api, emulator):
    response = api.post('/v2/batch', data=json.dumps(api.config()),
                        headers={'Content-Type': 'application/json; charset=utf-8'})
    assert response.status_code == 201
    assert response.headers['Content-Type'].startswith('application/json')
    body = response.json()
    assert body['status'] == 'Success'
    batch_id = body['data']['batchId']
    assert emulator.batch_job(batch_id)['status'] == 'Created'
    assert api.status(batch_id)['status'] == 'Created'


@pytest.mark.parametrize('change', [
    {'version': None}, {'owner': None}, {'haltOnError': None}, {'action': None},
    {'attributeWriteType': None}, {'action': 'Update'}, {'attributeWriteType': 'Merge'},
    {'haltOnError': 'yes'}, {'tagWriteType': 'Sometimes'}, {'securityLabelWriteType': 'X'},
    {'fileMergeMode': 'Zip'}, {'hashCollisionMode': 'Fight'}, {'playbookTriggersEnabled': 'no'},
])
def test_create_job_rejects_a_bad_config(api, change):
    config = api.config()
    for key, value in change.items():
        if value is None:
            del config[key]
        else:
            config[key] = value
    response = api.post('/v2/batch', data=json.dumps(config))
    assert response.status_code == 400
    assert response.json()['status'] == 'Failure'
    assert list(change)[0] in response.json()['message']


def test_create_job_accepts_every_optional_key(api, emulator):
    batch_id = api.create_job(tagWriteType='Append', securityLabelWriteType='Append',
                              fileMergeMode='Merge', hashCollisionMode='Split',
                              playbookTriggersEnabled=False, owner='Common Community')
    assert emulator.batch_job(batch_id)['config']['playbookTriggersEnabled'] is False


def test_create_job_with_unknown_owner_is_403(api):
    response = api.post('/v2/batch', data=json.dumps(api.config(owner='Nobody')))
    assert response.status_code == 403
    assert 'Nobody' in response.json()['message']


def test_create_job_with_invalid_json_is_400(api):
    response = api.post('/v2/batch', data=b'{not json')
    assert response.status_code == 400
    assert response.json() == {'status': 'Failure', 'message': 'The request body is not valid JSON.'}


def test_upload_returns_202_queued_and_keeps_bytes(api, emulator):
    batch_id = api.create_job()
    payload = json.dumps(ADVERSARY).encode('utf-8')
    response = api.upload(batch_id, payload)
    assert response.status_code == 202
    assert response.json() == {'status': 'Queued'}
    assert emulator.batch_job(batch_id)['data'] == payload


def test_upload_twice_is_refused(api):
    batch_id = api.create_job()
    assert api.upload(batch_id, ADVERSARY).status_code == 202
    response = api.upload(batch_id, ADVERSARY)
    assert response.status_code == 400
    assert response.json()['status'] == 'Invalid'


def test_upload_to_unknown_job_is_404(api):
    assert api.upload(999, ADVERSARY).status_code == 404
    assert api.get('/v2/batch/999').status_code == 404


def test_upload_above_the_limit_is_invalid():
    with ThreatConnectEmulator(upload_limit=100) as tc:
        api = Api(tc)
        batch_id = api.create_job()
        response = api.upload(batch_id, b'x' * 101)
        assert response.status_code == 400
        assert response.json() == {'status': 'Invalid',
                                   'description': 'File size greater than allowable limit of 100'}
        assert api.upload(batch_id, b'x' * 100).status_code == 202


def test_status_goes_queued_running_completed():
    with ThreatConnectEmulator(polls_until_complete=2) as tc:
        api = Api(tc)
        batch_id = api.create_job()
        api.upload(batch_id, ADVERSARY)
        seen = [api.status(batch_id, additional=False) for _ in range(3)]
        assert [s['status'] for s in seen] == ['Queued', 'Running', 'Completed']
        assert seen[2] == {'id': batch_id, 'status': 'Completed', 'errorCount': 0,
                           'successCount': 2, 'unprocessCount': 0}
        assert tc.indicator('1.2.3.4') is not None


def test_data_appears_only_when_the_job_completes():
    with ThreatConnectEmulator(polls_until_complete=1) as tc:
        api = Api(tc)
        batch_id = api.create_job()
        api.upload(batch_id, ADVERSARY)
        assert api.status(batch_id)['status'] == 'Running'
        assert tc.groups() == []
        assert api.status(batch_id)['status'] == 'Completed'
        assert [g['xid'] for g in tc.groups()] == ['adv-1']


def test_processing_delay_uses_the_injected_clock():
    now = [5000.0]
    with ThreatConnectEmulator(polls_until_complete=0, processing_delay=30,
                               clock=lambda: now[0]) as tc:
        api = Api(tc)
        api.clock = lambda: now[0]
        batch_id = api.create_job()
        api.upload(batch_id, ADVERSARY)
        assert api.status(batch_id)['status'] == 'Running'
        now[0] += 30
        assert api.status(batch_id)['status'] == 'Completed'


def test_finish_jobs_completes_without_polling():
    with ThreatConnectEmulator(polls_until_complete=5) as tc:
        api = Api(tc)
        batch_id = api.create_job()
        api.upload(batch_id, ADVERSARY)
        tc.finish_jobs()
        assert tc.batch_job(batch_id)['status'] == 'Completed'
        assert len(tc.indicators()) == 1


def test_include_additional_adds_counts(api):
    batch_id = api.create_job()
    api.upload(batch_id, ADVERSARY)
    status = api.status(batch_id)
    assert status['successGroupCount'] == 1
    assert status['successIndicatorCount'] == 1
    assert status['errorGroupCount'] == 0 and status['errorIndicatorCount'] == 0


def test_errors_while_running_is_400_invalid():
    with ThreatConnectEmulator(polls_until_complete=3) as tc:
        api = Api(tc)
        batch_id = api.create_job()
        api.upload(batch_id, ADVERSARY)
        response = api.get('/v2/batch/{}/errors'.format(batch_id))
        assert response.status_code == 400
        assert response.json() == {'status': 'Invalid', 'description': 'Batch still in Running state'}
        assert api.get('/v2/batch/{}/results'.format(batch_id)).status_code == 400


def test_errors_404_when_none(api):
    status, errors = api.run(ADVERSARY)
    assert status['errorCount'] == 0 and errors == []
    response = api.get('/v2/batch/{}/errors'.format(status['id']))
    assert response.status_code == 404
    assert response.json()['status'] == 'Failure'


def test_errors_and_results_list_each_failure(api):
    data = {'group': [{'type': 'Incident', 'name': 'incident-001', 'xid': 'incident-001',
                       'status': 'Sleeping'}],
            'indicator': [{'type': 'ASN', 'summary': 'AS12345', 'xid': 'asn-1'}]}
    status, errors = api.run(data)
    assert status['errorCount'] == 2
    assert errors[0] == {'errorReason': 'Incident incident-001 has an invalid status.',
                         'errorSource': 'incident-001 is not valid.'}
    results = api.get('/v2/batch/{}/results'.format(status['id'])).json()
    assert [r['severity'] for r in results] == ['Error', 'Error']
    assert "Last processed group[0] 'incident-001'." in results[0]['errorMessage']
    filtered = api.get('/v2/batch/{}/results'.format(status['id']),
                       query={'contains': 'AS12345'}).json()
    assert len(filtered) == 1 and 'ASN' in filtered[0]['errorReason']
    by_code = api.get('/v2/batch/{}/results'.format(status['id']),
                      query={'code': results[0]['code']}).json()
    assert len(by_code) == 2
    assert api.get('/v2/batch/{}/results'.format(status['id']),
                   query={'code': '0xFFFF'}).json() == []


def test_create_and_upload_queues_the_job(api, emulator):
    response = _multipart(api, api.config(), json.dumps(ADVERSARY),
                          query={'includeAdditional': 'true'})
    assert response.status_code == 201
    batch_status = response.json()['data']['batchStatus']
    assert batch_status['status'] == 'Queued'
    assert api.status(batch_status['id'])['status'] == 'Completed'
    assert emulator.group('adv-1')['name'] == 'adversary-001'


def test_create_and_upload_synchronous_returns_the_final_status():
    with ThreatConnectEmulator(synchronous_limit=5, polls_until_complete=3) as tc:
        api = Api(tc)
        response = _multipart(api, api.config(), json.dumps(ADVERSARY),
                              query={'includeAdditional': 'true'})
        status = response.json()['data']['batchStatus']
        assert status['status'] == 'Completed'
        assert status['successIndicatorCount'] == 1
        assert tc.batch_job(status['id'])['synchronous'] is True
        assert tc.request_count('batch.status') == 0


def test_create_and_upload_above_synchronous_limit_is_queued():
    with ThreatConnectEmulator(synchronous_limit=1) as tc:
        api = Api(tc)
        response = _multipart(api, api.config(), json.dumps(ADVERSARY))
        assert response.json()['data']['batchStatus']['status'] == 'Queued'


@pytest.mark.parametrize('files', [
    [('config', (None, '{"version": "V2"}'))],
    [('content', ('batch.json', '{}'))],
    [('config', (None, 'not json')), ('content', ('batch.json', '{}'))],
])
def test_create_and_upload_rejects_bad_parts(api, files):
    response = api.post('/v2/batch/createAndUpload', files=files)
    assert response.status_code == 400
    assert response.json()['status'] == 'Failure'


def test_create_and_upload_rejects_non_multipart(api):
    response = api.post('/v2/batch/createAndUpload', data=b'{}',
                        headers={'Content-Type': 'application/json'})
    assert response.status_code == 400
    assert 'multipart' in response.json()['message']


def test_create_and_upload_truncated_multipart(api):
    request = requests.Request('POST', 'http://x/', files=[('config', (None, '{}')),
                                                            ('content', ('a', '{}'))]).prepare()
    response = api.post('/v2/batch/createAndUpload', data=request.body[:-10],
                        headers={'Content-Type': request.headers['Content-Type']})
    assert response.status_code == 400


def test_create_and_upload_unknown_owner_is_403(api):
    response = _multipart(api, api.config(owner='Nobody'), '{}')
    assert response.status_code == 403


def test_batch_jobs_read_back(api, emulator):
    status, _ = api.run(ADVERSARY)
    jobs = emulator.batch_jobs
    assert [j['id'] for j in jobs] == [status['id']]
    assert jobs[0]['config']['owner'] == 'Demo Organization'
    assert jobs[0]['batchStatus']['successCount'] == 2
    assert emulator.batch_job(12345) is None
