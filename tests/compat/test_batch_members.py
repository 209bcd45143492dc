# -*- coding: utf-8 -*-
"""tcex 0.8's ``TcExBatch`` members, called with tcex 0.8's signatures; the results' shapes checked.

Builders are called positionally in tcex 0.8's parameter order; the submit methods with its
keywords; metadata with ``attribute(attr_type, attr_value, displayed, source, unique,
formatter)``, ``tag(name, formatter)`` and ``security_label(name, description, color)``.
"""
from __future__ import absolute_import, division, print_function, unicode_literals

import io
import json
import os

import pytest

from tcex.app.exit import ExitCode
from tcex.batch import outcome
from tcex.errors import BatchError, TcExError
from tests.batch.submit.helpers import make_batch

MD5 = 'a' * 32
SHA1 = 'b' * 40
SHA256 = 'c' * 64


def _offline(tmpdir, **options):
    from tcex.batch import Batch
    return Batch('MyOrg', temp_path=str(tmpdir), **options)


# -- builders: tcex 0.8 positional order ------------------------------------------------------
BUILDERS = [
    ('adversary', ('adv', 'x-adv'), 'Adversary', {}),
    ('campaign', ('camp', '2017-02-02T00:00:00Z', 'x-camp'), 'Campaign', {'firstSeen': '2017-02-02T00:00:00Z'}),
    ('document', ('doc', 'doc.txt', b'content', True, 'pw', 'x-doc'), 'Document',
     {'fileName': 'doc.txt', 'malware': True, 'password': 'pw'}),
    ('email', ('mail', 'subj', 'hdr', 'body', 'to@example.com', 'from@example.com', 'x-mail'), 'Email',
     {'subject': 'subj', 'header': 'hdr', 'body': 'body', 'to': 'to@example.com', 'from': 'from@example.com'}),
    ('event', ('ev', '2017-02-02T00:00:00Z', 'New', 'x-ev'), 'Event', {'eventDate': '2017-02-02T00:00:00Z',
                                                                     'status': 'New'}),
    ('incident', ('inc', '2017-02-02T00:00:00Z', 'Open', 'x-inc'), 'Incident', {'status': 'Open'}),
    ('intrusion_set', ('is', 'x-is'), 'Intrusion Set', {}),
    ('report', ('rep', 'rep.pdf', b'pdf', '2017-02-02T00:00:00Z', 'x-rep'), 'Report',
     {'fileName': 'rep.pdf', 'publishDate': '2017-02-02T00:00:00Z'}),
    ('signature', ('sig', 'sig.yar', 'YARA', 'rule x {}', 'x-sig'), 'Signature',
     {'fileName': 'sig.yar', 'fileType': 'YARA', 'fileText': 'rule x {}'}),
    ('threat', ('thr', 'x-thr'), 'Threat', {}),
    ('address', ('1.2.3.4', '5.0', '100', 'x-addr'), 'Address', {'rating': 5.0, 'confidence': 100}),
    ('asn', ('ASN123', 2, 20, 'x-asn'), 'ASN', {'rating': 2.0}),
    ('cidr', ('10.0.0.0/8', 2, 20, 'x-cidr'), 'CIDR', {'confidence': 20}),
    ('email_address', ('a@example.com', 1, 10, 'x-ea'), 'EmailAddress', {}),
    ('file', (MD5, SHA1, SHA256, 1024, 3, 30, 'x-file'), 'File', {'intValue1': 1024, 'rating': 3.0}),
    ('host', ('example.com', True, False, 4, 40, 'x-host'), 'Host', {'flag1': True, 'flag2': False,
                                                                   'rating': 4.0, 'confidence': 40}),
    ('mutex', ('mtx', 1, 1, 'x-mtx'), 'Mutex', {}),
    ('registry_key', ('HKEY_LOCAL_MACHINE\\Run', 'v', 'REG_SZ', 1, 1, 'x-rk'), 'Registry Key', {}),
    ('url', ('https://example.com/', 1, 1, 'x-url'), 'URL', {}),
    ('user_agent', ('Mozilla/5.0', 1, 1, 'x-ua'), 'User Agent', {}),
]


@pytest.mark.parametrize('method,args,type_name,fields', BUILDERS, ids=[b[0] for b in BUILDERS])
def test_builder_positional_signature_and_data_shape(tmpdir, method, args, type_name, fields):
    batch = _offline(tmpdir)
    entity = getattr(batch, method)(*args)
    assert entity.xid == args[-1] and entity.type == type_name
    data = entity.data
    assert isinstance(data, dict) and data['xid'] == args[-1] and data['type'] == type_name
    for key, value in fields.items():
        assert data[key] == value, key
    assert ('name' in data) != ('summary' in data)
    batch.close()


def test_group_and_indicator_interface2(tmpdir):
    batch = _offline(tmpdir)
    group = batch.group('Incident', 'inc', 'x1')
    indicator = batch.indicator('Host', 'example.org', '2.5', '50', 'x2')
    assert (group.type, group.name, group.xid) == ('Incident', 'inc', 'x1')
    assert (indicator.summary, indicator.data['rating'], indicator.data['confidence']) == ('example.org', 2.5, 50)
    # tcex 1.x's snake_case names are accepted by add_key_value
    group.add_key_value('event_date', '2017-02-02T00:00:00Z')
    indicator.add_key_value('dns_active', True)
    assert group.data['eventDate'] == '2017-02-02T00:00:00Z' and indicator.data['flag1'] is True
    batch.close()


def test_add_group_add_indicator_return_the_entity(tmpdir):
    batch = _offline(tmpdir)
    group = batch.add_group({'name': 'g', 'type': 'Threat', 'xid': 'g1'})
    indicator = batch.add_indicator({'summary': '5.6.7.8', 'type': 'Address', 'xid': 'i1'})
    assert group.xid == 'g1' and indicator.xid == 'i1'
    assert batch.data == {'group': [group.data], 'indicator': [indicator.data]}
    batch.close()


# -- metadata -----------------------------------------------------------------------------------
def test_attribute_signature_and_unique_rules(tmpdir):
    batch = _offline(tmpdir)
    host = batch.host('example.com')
    first = host.attribute('Description', 'one', True, 'feed', True, None)
    assert (first.type, first.value, first.displayed, first.source, first.valid) == (
        'Description', 'one', True, 'feed', True)
    assert host.attribute('Description', 'one') == first  # unique=True: one per type and value
    host.attribute('Description', 'two')
    host.attribute('Source', 'a', unique='Type')
    host.attribute('Source', 'b', unique='Type')  # unique='Type': one of this type, the later value
    host.attribute('Comment', 'c', unique=False)
    host.attribute('Comment', 'c', unique=False)  # unique=False: every call adds one
    shouted = host.attribute('Comment', 'quiet', formatter=lambda value: value.upper())
    assert shouted.value == 'QUIET'
    assert [(a['type'], a['value']) for a in host.data['attribute']] == [
        ('Description', 'one'), ('Description', 'two'), ('Source', 'b'), ('Comment', 'c'), ('Comment', 'c'),
        ('Comment', 'QUIET')]
    empty = host.attribute('Description', '')
    assert empty.valid is False and len(host.data['attribute']) == 6  # an empty value adds nothing
    batch.close()


def test_tag_and_security_label_return_tcex_objects(tmpdir):
    batch = _offline(tmpdir)
    adversary = batch.adversary('adv')
    tag = adversary.tag('apt', formatter=lambda name: name.upper())
    assert (tag.name, tag.data, tag.valid) == ('APT', {'name': 'APT'}, True)
    assert adversary.tag('APT') == tag and adversary.tag('').valid is False
    label = adversary.security_label('TLP Red', 'red', 'FF0000')
    assert (label.name, label.description, label.color) == ('TLP Red', 'red', 'FF0000')
    assert label.data == {'name': 'TLP Red', 'description': 'red', 'color': 'FF0000'}
    assert adversary.data['tag'] == [{'name': 'APT'}]
    batch.close()


def test_document_and_report_add_file_and_file_data(tmpdir):
    batch = _offline(tmpdir)
    document = batch.document('doc', 'first.txt')
    document.add_file('second.txt', b'bytes')
    report = batch.report('rep', None)
    report.add_file('r.pdf', 'text')
    assert document.data['fileName'] == 'second.txt' and document.file_content == b'bytes'
    assert report.file_data == {'fileContent': 'text', 'fileName': 'r.pdf', 'type': 'Report'}
    batch.close()


# -- properties and helpers -----------------------------------------------------------------------
def test_settings_lengths_generate_xid_and_str(tmpdir):
    batch = _offline(tmpdir, action='Create', attribute_write_type='Append', halt_on_error=False)
    batch.adversary('a')
    batch.document('d', 'd.txt', b'x')
    batch.address('1.1.1.1')
    assert batch.settings == {'version': 'V2', 'owner': 'MyOrg', 'haltOnError': False, 'action': 'Create',
                              'attributeWriteType': 'Append'}
    assert (batch.action, batch.attribute_write_type, batch.halt_on_error) == ('Create', 'Append', False)
    assert (len(batch), batch.group_len, batch.indicator_len, batch.file_len) == (3, 2, 1, 1)
    assert len(batch.generate_xid(['a', 'b'])) == 64
    assert json.loads(str(batch))['indicator'][0]['summary'] == '1.1.1.1'
    assert (batch.halt_on_batch_error, batch.halt_on_file_error, batch.halt_on_poll_error) == (None, None, None)
    assert batch.poll_timeout == 3600
    batch.close()


def test_save_resource_persists_to_the_store(tmpdir):
    batch = _offline(tmpdir)
    address = batch.address('1.2.3.4')
    address.tag('t')
    assert batch.store.get(address.xid) is None  # pending until written
    assert batch.save(address) is True
    assert json.loads(batch.store.get(address.xid)[2])['tag'] == [{'name': 't'}]
    assert batch.save({'type': 'Adversary', 'name': 'adv', 'xid': 'adv-1'}) is True
    assert batch.store.get('adv-1') is not None
    address.tag('u')  # a change after save() reaches the store too
    assert batch.data['indicator'][0]['tag'] == [{'name': 't'}, {'name': 'u'}]
    with pytest.raises(BatchError):
        batch.save(object())
    batch.close()


def test_save_path_and_write_batch_json_and_debug(tmpdir):
    batch = _offline(tmpdir)
    batch.address('1.2.3.4')
    path = str(tmpdir.join('out.json'))
    assert batch.save(path) == os.path.getsize(path)  # a path: the earlier releases' save(path)
    assert batch.write_json(path) == os.path.getsize(path)
    written = batch.write_batch_json({'group': [], 'indicator': [{'summary': 'x'}]})
    assert os.path.basename(written) == 'batch-0.json'
    with io.open(written, encoding='utf-8') as handle:
        assert json.load(handle) == {'group': [], 'indicator': [{'summary': 'x'}]}
    assert os.path.basename(batch.write_batch_json()) == 'batch-1.json'
    batch.close()


# -- submit: shapes and keywords ---------------------------------------------------------------------
def _build(batch, count=3):
    for number in range(count):
        batch.address('10.1.0.{}'.format(number + 1)).tag('compat')


def test_submit_all_returns_one_status_dict_per_job(emulator, tmp_path):
    batch = make_batch(emulator, tmp_path, chunk_size=2)
    _build(batch, 5)
    batch.document('doc', 'doc.txt', b'content', xid='doc-1')
    batch_status = batch.submit_all(poll=True, errors=True, process_files=True, halt_on_error=True)
    assert isinstance(batch_status, list) and len(batch_status) == 3
    for job in batch_status:
        assert set(['id', 'status', 'errorCount', 'successCount', 'unprocessCount']) <= set(job)
        assert job['status'] == 'Completed' and isinstance(job['uploadStatus'], list)
    assert sum(job['successCount'] for job in batch_status) == 6
    assert batch_status[-1]['uploadStatus'][0]['uploaded'] is True
    assert batch_status[-1]['uploadStatus'][0]['xid'] == 'doc-1'
    # the aggregate stays available beside the list
    assert batch.summary['successCount'] == 6 and batch_status.summary is batch.summary
    assert batch_status['batchIds'] == [job['id'] for job in batch_status]
    assert outcome(batch_status)[0] == ExitCode.SUCCESS and batch.outcome()[0] == ExitCode.SUCCESS
    assert outcome(list(batch_status))[0] == ExitCode.SUCCESS  # a plain list of job dicts too
    batch.close()


def test_submit_all_errors_key_when_asked(emulator, tmp_path):
    batch = make_batch(emulator, tmp_path)
    batch.host('bad.example.com').association('no-such-group')
    with_errors = batch.submit_all(errors=True)
    assert with_errors[0]['errorCount'] == 1 and len(with_errors[0]['errors']) == 1
    again = make_batch(emulator, tmp_path)
    again.host('bad2.example.com').association('no-such-group')
    without = again.submit_all(errors=False)
    assert without[0]['errorCount'] == 1 and 'errors' not in without[0]
    batch.close()
    again.close()


def test_submit_returns_one_dict(emulator, tmp_path):
    batch = make_batch(emulator, tmp_path)
    _build(batch)
    status = batch.submit(True, True, True, True)
    assert isinstance(status, dict) and status['successCount'] == 3 and status['status'] == 'Completed'
    assert status['uploadStatus'] == [] and status is batch.summary
    assert batch.submit_all() == []  # nothing left: no job, as tcex returned
    batch.close()


def test_submit_without_poll_skips_files(emulator, tmp_path):
    batch = make_batch(emulator, tmp_path)
    batch.document('doc', 'doc.txt', b'x')
    jobs = batch.submit_all(poll=False, process_files=True)
    assert len(jobs) == 1 and 'uploadStatus' not in jobs[0] and jobs[0]['id'] is not None
    batch.close(remove=True)


def test_option2_members_with_tcex_keywords(emulator, tmp_path):
    batch = make_batch(emulator, tmp_path)
    _build(batch)
    batch.report('rep', 'r.txt', b'report body', xid='rep-1')
    batch_id = batch.submit_job(halt_on_error=True)
    assert isinstance(batch_id, int)
    assert batch.submit_data(batch_id, halt_on_error=True)['status'] == 'Queued'
    body = batch.poll(batch_id, retry_seconds=1, back_off=1.5, timeout=60, halt_on_error=True)
    assert body['data']['batchStatus']['status'] == 'Completed'
    assert body['data']['batchStatus']['successCount'] == 4
    assert batch.errors(batch_id, halt_on_error=True) == []
    uploads = batch.submit_files(halt_on_error=True)
    assert [(u['xid'], u['uploaded']) for u in uploads] == [('rep-1', True)]
    batch.close()


def test_halt_on_error_false_returns_instead_of_raising(emulator, tmp_path):
    batch = make_batch(emulator, tmp_path)
    _build(batch)
    emulator.inject('batch.create', status=500, count=10)
    assert batch.submit_job(halt_on_error=False) is None
    with pytest.raises(TcExError):
        batch.submit_all()  # halt_on_error defaults to True: the failure raises
    assert batch.submit_all(halt_on_error=False) == [] and batch.summary['halted'] is True
    assert batch.errors(999999, halt_on_error=False) == []
    assert batch.poll(999999, halt_on_error=False) == {}
    batch.close(remove=True)


def test_halt_properties_override_the_keyword(emulator, tmp_path):
    batch = make_batch(emulator, tmp_path)
    _build(batch)
    emulator.inject('batch.create', status=500, count=10)
    batch.halt_on_batch_error = False
    assert batch.submit_all(halt_on_error=True) == []  # the property wins over the keyword
    batch.halt_on_batch_error = True
    with pytest.raises(TcExError):
        batch.submit_job(halt_on_error=False)
    batch.halt_on_poll_error = False
    assert batch.poll(999999, halt_on_error=True) == {}
    batch.close(remove=True)


def test_halt_on_file_error_raises_after_a_refused_upload(emulator, tmp_path):
    batch = make_batch(emulator, tmp_path)
    document = batch.document('doc', 'doc.txt', b'x', xid='doc-bad')
    emulator.inject('file.upload', status=400, count=10)
    batch.halt_on_file_error = True
    with pytest.raises(BatchError) as info:
        batch.submit_all()
    assert 'doc-bad' in str(info.value) and document.xid == 'doc-bad'
    batch.close(remove=True)


def test_poll_timeout_property_takes_effect(emulator, tmp_path):
    slow = make_batch(emulator, tmp_path)
    emulator.polls_until_complete = 50
    _build(slow)
    slow.poll_timeout = 3
    batch_id = slow.submit_job()
    slow.submit_data(batch_id)
    with pytest.raises(BatchError) as info:
        slow.poll(batch_id)
    assert 'within 3 s' in str(info.value)
    slow.close(remove=True)


def test_debug_writes_the_batch_json_before_submitting(emulator, tmp_path):
    batch = make_batch(emulator, tmp_path)
    _build(batch)
    batch.debug = True
    batch.submit_all()
    with io.open(os.path.join(str(tmp_path), 'batch-0.json'), encoding='utf-8') as handle:
        assert len(json.load(handle)['indicator']) == 3
    batch.close()


def test_files_and_submit_create_and_upload(emulator, tmp_path):
    batch = make_batch(emulator, tmp_path)
    batch.report('rep', 'r.txt', b'body', xid='rep-2')
    _build(batch, 1)
    assert batch.files == {'rep-2': {'fileContent': b'body', 'type': 'Report'}}
    body = batch.submit_create_and_upload(halt_on_error=True)
    batch_id = body['data']['batchStatus']['id']
    assert body['status'] == 'Success' and isinstance(batch_id, int)
    assert batch.poll(batch_id)['data']['batchStatus']['successCount'] == 2
    assert batch.submit_create_and_upload() == {}  # nothing left
    batch.close()


def test_action_setter_as_in_tcex(tmpdir):
    batch = _offline(tmpdir)
    batch.action = 'delete'
    batch.document('gone', xid='d1')  # a Delete needs no file name
    assert batch.action == 'Delete' and batch.settings['action'] == 'Delete'
    assert batch.data['group'] == [{'name': 'gone', 'type': 'Document', 'xid': 'd1'}]
    with pytest.raises(BatchError):
        batch.action = 'Update'
    batch.close()


def test_rest_keys_are_left_out_with_a_debug_line(tmpdir, caplog):
    import logging
    caplog.set_level(logging.DEBUG, logger='tcex.batch')
    batch = _offline(tmpdir)
    batch.add_indicator({'type': 'Address', 'summary': '1.2.3.4', 'xid': 'a1', 'id': 5, 'webLink': 'https://x/y',
                         'threatAssessRating': 2.5})
    assert batch.data['indicator'] == [{'type': 'Address', 'summary': '1.2.3.4', 'xid': 'a1'}]
    assert 'Address a1: REST API keys id, threatAssessRating, webLink left out of the batch payload' in caplog.text
    batch.close()
