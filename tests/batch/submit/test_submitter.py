# -*- coding: utf-8 -*-
"""tcex.batch.submit.submitter against the ThreatConnect emulator: both options, auth, job config."""
from __future__ import absolute_import, division, print_function, unicode_literals

import json

import pytest

from tcex.app.exit import ExitCode
from tcex.batch.submit.outcome import outcome
from tcex.errors import AuthError, TcExError
from tcex.session import fetch_indicator_types
from tests.batch.helpers import add_seed_examples, seed_document
from tests.batch.submit.helpers import (
    Sleeps,
    check_seed_read_back,
    hmac_session,
    make_batch,
    token_session,
)


def test_option1_submit_seed_examples_and_read_back(emulator, tmp_path):
    batch = make_batch(emulator, tmp_path)
    add_seed_examples(batch)
    batch_data = batch.submit(errors=True)
    assert batch_data.get('errors') == []
    assert batch_data['status'] == 'Completed'
    assert batch_data['successCount'] == 8
    assert batch_data['errorCount'] == 0 and batch_data['unprocessCount'] == 0
    assert [u['status'] for u in batch_data['uploads']] == ['Success', 'Success']
    check_seed_read_back(emulator)
    assert outcome(batch_data)[0] == ExitCode.SUCCESS


def test_option1_seed_check_sees_a_failed_document_upload(emulator, tmp_path):
    """The seed's malware Document with plain-text content: the platform refuses the upload."""
    batch = make_batch(emulator, tmp_path)
    seed_document(batch, xid='doc-xid-malware', malware=True)
    batch_data = batch.submit(errors=True)
    errors = batch_data.get('errors')
    assert batch_data['errorCount'] == 0 and batch_data['successCount'] == 1
    assert len(errors) == 1 and errors[0]['errorSource'] == 'doc-xid-malware'
    assert 'Document doc-xid-malware content upload failed' in errors[0]['errorReason']
    assert outcome(batch_data)[0] == ExitCode.PARTIAL_FAILURE


def test_option2_step_by_step_with_token_auth(emulator, tmp_path):
    batch = make_batch(emulator, tmp_path, session=token_session(emulator))
    add_seed_examples(batch)
    batch_id = batch.submit_job()
    assert emulator.batch_job(batch_id)['status'] == 'Created'
    assert batch.submit_data(batch_id) == {'status': 'Queued'}
    batch_status = batch.poll(batch_id)
    status = batch_status['data']['batchStatus']
    assert status['id'] == batch_id and status['status'] == 'Completed'
    assert status['errorCount'] == 0 and status['successCount'] == 8
    assert batch.errors(batch_id) == []
    upload_status = batch.submit_files()
    assert sorted(u['xid'] for u in upload_status) == ['doc-xid-001', 'my-xid-002']
    check_seed_read_back(emulator)
    assert batch.submit_data(batch.submit_job()) is None  # nothing left to send


def test_option2_poll_waits_with_injected_sleep(tmp_path):
    from tcex.testing import ThreatConnectEmulator

    with ThreatConnectEmulator(polls_until_complete=3) as tc:
        sleeps = Sleeps()
        batch = make_batch(tc, tmp_path, sleep=sleeps, poll_interval=4, poll_max_interval=9, poll_backoff=2)
        batch.address('1.1.1.1')
        batch_id = batch.submit_job()
        batch.submit_data(batch_id)
        body = batch.poll(batch_id)
        assert body['data']['batchStatus']['status'] == 'Completed'
        assert sleeps.calls == [4, 8, 9]
        assert tc.request_count('batch.status') == 4


def test_poll_timeout_is_a_clear_error(tmp_path):
    from tcex.testing import ThreatConnectEmulator

    with ThreatConnectEmulator(polls_until_complete=1000) as tc:
        batch = make_batch(tc, tmp_path, poll_interval=10, poll_max_interval=10, poll_timeout=35)
        batch.address('1.1.1.1')
        batch_id = batch.submit_job()
        batch.submit_data(batch_id)
        with pytest.raises(TcExError) as info:
            batch.poll(batch_id)
        assert 'batch job {} did not complete within 35 s'.format(batch_id) in str(info.value)
        assert tc.request_count('batch.status') == 4


def test_errors_of_a_running_job_is_a_clear_error(tmp_path):
    from tcex.testing import ThreatConnectEmulator

    with ThreatConnectEmulator(polls_until_complete=5) as tc:
        batch = make_batch(tc, tmp_path)
        batch.address('1.1.1.1')
        batch_id = batch.submit_job()
        batch.submit_data(batch_id)
        with pytest.raises(TcExError) as info:
            batch.errors(batch_id)
        assert 'still running' in str(info.value)


def test_rejected_signature_is_an_auth_error_and_creates_nothing(emulator, tmp_path):
    batch = make_batch(emulator, tmp_path, session=hmac_session(emulator, secret='wrong'))
    batch.address('1.1.1.1')
    with pytest.raises(AuthError) as info:
        batch.submit()
    assert 'create batch job failed: API 401 POST /api/v2/batch' in str(info.value)
    assert emulator.batch_jobs == []
    assert emulator.indicators() == []


def test_job_config_reaches_the_server(emulator, tmp_path):
    batch = make_batch(emulator, tmp_path, halt_on_error=False, attribute_write_type='Append',
                       playbook_triggers_enabled=True)
    batch.address('1.1.1.1')
    result = batch.submit()
    config = emulator.batch_job(result['id'])['config']
    assert config == {'version': 'V2', 'owner': emulator.owner, 'haltOnError': False, 'action': 'Create',
                      'attributeWriteType': 'Append', 'playbookTriggersEnabled': True}


def _bad_and_good(batch):
    batch.address('1.1.1.1')
    batch.add_indicator({'type': 'Address', 'summary': '2.2.2.2', 'xid': 'bad-one',
                         'associatedGroups': [{'groupXid': 'no-such-group'}]})
    batch.address('3.3.3.3')
    batch.address('4.4.4.4')


def test_halt_on_error_leaves_the_rest_unprocessed(emulator, tmp_path):
    batch = make_batch(emulator, tmp_path, halt_on_error=True)
    _bad_and_good(batch)
    result = batch.submit(errors=True)
    assert result['errorCount'] == 1
    assert result['unprocessCount'] >= 1
    assert 'no-such-group' in ' '.join(e['errorReason'] + e.get('errorSource', '') for e in result['errors'])
    assert emulator.indicator('4.4.4.4') is None
    assert outcome(result)[0] == ExitCode.PARTIAL_FAILURE


def test_without_halt_on_error_the_rest_is_processed(emulator, tmp_path):
    batch = make_batch(emulator, tmp_path, halt_on_error=False)
    _bad_and_good(batch)
    result = batch.submit(errors=True)
    assert result['errorCount'] == 1 and result['unprocessCount'] == 0
    assert result['successCount'] == 3
    assert emulator.indicator('4.4.4.4') is not None
    code, summary = outcome(result)
    assert code == ExitCode.PARTIAL_FAILURE
    assert summary == 'batch: 3 succeeded, 1 errors, 0 unprocessed in 1 job'


def test_halt_on_error_stops_sending_further_chunks(emulator, tmp_path):
    batch = make_batch(emulator, tmp_path, halt_on_error=True, chunk_size=2)
    batch.add_indicator({'type': 'Address', 'summary': '9.9.9.9', 'xid': 'bad-first',
                         'associatedGroups': [{'groupXid': 'no-such-group'}]})
    for number in range(5):
        batch.address('5.5.5.{}'.format(number))
    result = batch.submit_all()
    assert result['halted'] is True
    assert len(emulator.batch_jobs) == 1
    assert result['unsentCount'] == 4
    assert result['successCount'] == 0
    code, summary = outcome(result)
    assert code == ExitCode.FAILURE
    assert 'halted on error' in summary


def _with_attribute(tc, tmp_path, value, write_type):
    batch = make_batch(tc, tmp_path, attribute_write_type=write_type)
    batch.address('7.7.7.7', xid='addr-7').attribute('Description', value)
    batch.submit()
    return sorted(a['value'] for a in tc.indicator('addr-7')['attribute'])


def test_append_keeps_and_replace_replaces_attributes(emulator, tmp_path):
    assert _with_attribute(emulator, tmp_path, 'first', 'Replace') == ['first']
    assert _with_attribute(emulator, tmp_path, 'second', 'Append') == ['first', 'second']
    assert _with_attribute(emulator, tmp_path, 'third', 'Replace') == ['third']


def test_delete_removes_what_create_made(emulator, tmp_path):
    create = make_batch(emulator, tmp_path)
    create.address('8.8.8.8')
    create.incident('incident-8', xid='incident-8')
    create.submit()
    assert emulator.indicator('8.8.8.8') is not None and emulator.group('incident-8') is not None
    delete = make_batch(emulator, tmp_path, action='Delete')
    delete.address('8.8.8.8')
    delete.incident('incident-8', xid='incident-8')
    result = delete.submit()
    assert emulator.batch_job(result['id'])['config']['action'] == 'Delete'
    assert emulator.indicator('8.8.8.8') is None and emulator.group('incident-8') is None


def test_action_set_to_delete_after_building_sends_identities_only(emulator, tmp_path):
    create = make_batch(emulator, tmp_path)
    for n in range(1, 121):
        create.address('10.1.0.{}'.format(n)).attribute('Description', 'seen {}'.format(n))
    create.submit()
    assert len(emulator.indicators()) == 120
    delete = make_batch(emulator, tmp_path)
    for n in range(1, 121):  # past the pending buffer: most are in the store before the action changes
        delete.address('10.1.0.{}'.format(n)).attribute('Description', 'seen {}'.format(n))
    delete.action = 'Delete'
    result = delete.submit()
    job = emulator.batch_job(result['id'])
    assert job['config']['action'] == 'Delete'
    sent = json.loads(job['data'].decode('utf-8'))['indicator']
    assert [sorted(entity) for entity in sent] == [['summary', 'type', 'xid']] * 120
    assert emulator.indicators() == []


def test_a_delete_rerun_sends_each_identity_once_whatever_its_other_fields(emulator, tmp_path):
    create = make_batch(emulator, tmp_path)
    for n in range(3):
        create.address('10.2.0.{}'.format(n), rating=1)
    create.submit()
    store = str(tmp_path / 'delete-rerun.db')
    first = make_batch(emulator, tmp_path, store_path=store, action='Delete', buffer_size=1)
    first.address('10.2.0.0', rating=1)
    first.action = 'Create'
    first.address('10.2.0.1', rating=1).tag('full JSON in the store')  # written before the action changes
    first.action = 'Delete'
    first.address('10.2.0.2', rating=1)
    first.submit(poll=False)  # uploaded, never polled (killed)
    first.close()
    again = make_batch(emulator, tmp_path, store_path=store, action='Delete')
    for n in range(3):
        again.address('10.2.0.{}'.format(n)).rating = 2  # the App's data changed since
    again.submit()
    deletes = [job for job in emulator.batch_jobs if job['config']['action'] == 'Delete']
    sent = [entity['xid'] for job in deletes for entity in json.loads(job['data'].decode('utf-8'))['indicator']]
    assert len(sent) == 3 and len(set(sent)) == 3
    assert emulator.indicators() == []


def test_a_delete_job_uploads_no_document_content(emulator, tmp_path):
    create = make_batch(emulator, tmp_path)
    create.document('doc-del', 'a.txt', file_content=b'content', xid='doc-del')
    create.submit()
    assert emulator.file('doc-del') == b'content'
    store = str(tmp_path / 'delete-doc.db')
    delete = make_batch(emulator, tmp_path, store_path=store, action='Delete')
    delete.document('doc-del', 'a.txt', file_content=b'content', xid='doc-del')
    result = delete.submit()
    assert outcome(result)[0] == ExitCode.SUCCESS and result['uploads'] in (None, [])
    assert emulator.group('doc-del') is None
    delete.close()
    assert not __import__('os').path.exists(store)  # nothing left to resume


def test_custom_indicator_types_are_fetched_once(emulator, tmp_path):
    session = hmac_session(emulator)
    standard = ('Address', 'ASN', 'CIDR', 'EmailAddress', 'File', 'Host', 'Mutex', 'Registry Key', 'URL',
                'User Agent')
    custom = [t for t in fetch_indicator_types(session) if t['name'] not in standard]
    assert custom, 'the emulator serves at least one custom type'
    before = emulator.request_count('types.indicator')
    batch = make_batch(emulator, tmp_path, session=session,
                       indicator_types=lambda: fetch_indicator_types(session))
    kind = custom[0]
    batch.indicator(kind['name'], 'first-value')
    batch.indicator(kind['name'], 'second-value')
    result = batch.submit()
    assert result['successCount'] == 2, result
    assert emulator.request_count('types.indicator') == before + 1
    assert sorted(i['summary'] for i in emulator.indicators(type=kind['name'])) == ['first-value', 'second-value']
    with pytest.raises(TcExError) as info:
        batch.indicator('No Such Type', 'x')
    assert 'No Such Type' in str(info.value)


def test_a_change_to_a_held_entity_after_a_submit_is_sent_by_the_next_submit(emulator, tmp_path):
    """The first submit drops what it sent from the store; objects the App still holds stay usable:
    a change made through them (or through the object the builder returns again) is sent next time."""
    batch = make_batch(emulator, tmp_path)
    address = batch.address('1.2.3.4')
    incident = batch.incident('inc', xid='inc-held')
    assert batch.submit(errors=True)['successCount'] == 2
    assert len(batch) == 0
    address.tag('after-submit')
    batch.address('1.2.3.4').attribute('Description', 'added later')  # the held object, returned again
    incident.attribute('Description', 'late')
    assert len(batch) == 2 and batch.data['indicator'][0]['tag'] == [{'name': 'after-submit'}]
    batch_data = batch.submit(errors=True)
    assert batch_data['status'] == 'Completed' and batch_data['successCount'] == 2
    assert emulator.indicator('1.2.3.4')['tag'] == [{'name': 'after-submit'}]
    assert [a['value'] for a in emulator.indicator('1.2.3.4')['attribute']] == ['added later']
    assert [a['value'] for a in emulator.group('inc-held')['attribute']] == ['late']
