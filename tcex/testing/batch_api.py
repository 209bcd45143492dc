# -*- coding: utf-8 -*-
"""Batch v2 routes: create a job, upload data, poll status, read errors and results."""
from __future__ import absolute_import, division, print_function, unicode_literals

import json

import six

from tcex.testing import multipart
from tcex.testing.processing import Processor
from tcex.testing.wire import Failure, Response, invalid

ACTIONS = ('Create', 'Delete')
ATTRIBUTE_WRITE_TYPES = ('Append', 'Replace', 'Singleton', 'Static')
OPTIONAL_CHOICES = {
    'tagWriteType': ('Append', 'Replace'),
    'securityLabelWriteType': ('Append', 'Replace'),
    'fileMergeMode': ('Distribute', 'Merge'),
    'hashCollisionMode': ('FavorExisting', 'FavorIncoming', 'IgnoreExisting', 'IgnoreIncoming',
                          'Split'),
}


class Job(object):
    """One batch job.

    Attributes:
        id (int): The batch id.
        config (dict): The job config as sent.
        status (str): ``Created``, ``Queued``, ``Running`` or ``Completed``.
        data (bytes): The uploaded input (None until uploaded).
        polls (int): Status polls since the upload.
        uploaded_at (float): Emulator clock at upload.
        outcome (Outcome): Processing result once completed.
    """

    def __init__(self, job_id, config):
        self.id = job_id
        self.config = config
        self.status = 'Created'
        self.data = None
        self.polls = 0
        self.uploaded_at = None
        self.outcome = None
        self.synchronous = False

    def status_body(self, include_additional=False):
        """Return the ``batchStatus`` dict."""
        body = {'id': self.id, 'status': self.status}
        if self.status == 'Completed':
            counts = self.outcome.counts
            body['errorCount'] = len(self.outcome.errors)
            body['successCount'] = counts['successGroupCount'] + counts['successIndicatorCount']
            body['unprocessCount'] = counts['unprocessCount']
            if include_additional:
                for key, value in counts.items():
                    if key != 'unprocessCount':
                        body[key] = value
        return body

    def to_dict(self):
        """Return a read-back copy of the job."""
        result = {'id': self.id, 'config': dict(self.config), 'status': self.status,
                  'data': self.data, 'polls': self.polls, 'synchronous': self.synchronous,
                  'errors': [], 'results': [], 'batchStatus': self.status_body(True)}
        if self.outcome is not None:
            result['errors'] = [dict(x) for x in self.outcome.errors]
            result['results'] = [dict(x) for x in self.outcome.results]
        return result


def _flag(value):
    """Return a boolean config value; the platform also takes ``"true"``/``"false"`` (tcex 0.8 sends them)."""
    if isinstance(value, bool):
        return value
    text = value.strip().lower() if isinstance(value, six.string_types) else None
    if text not in ('true', 'false'):
        raise Failure(400, 'Invalid batch job configuration: haltOnError must be a boolean, got {!r}.'.format(value))
    return text == 'true'


def check_config(emu, config):
    """Validate a job config; raise :class:`Failure` (400, or 403 for the owner)."""
    if not isinstance(config, dict):
        raise Failure(400, 'The batch job configuration must be a JSON object.')
    if config.get('version') != 'V2':
        raise Failure(400, 'Invalid batch job configuration: version must be V2, got {!r}.'.format(
            config.get('version')))
    for key in ('owner', 'haltOnError', 'action', 'attributeWriteType'):
        if key not in config:
            raise Failure(400, 'Invalid batch job configuration: {} is required.'.format(key))
    config['haltOnError'] = _flag(config['haltOnError'])
    if config['action'] not in ACTIONS:
        raise Failure(400, 'Invalid batch job configuration: action {!r} is not one of {}.'.format(
            config['action'], ', '.join(ACTIONS)))
    if config['attributeWriteType'] not in ATTRIBUTE_WRITE_TYPES:
        raise Failure(400, 'Invalid batch job configuration: attributeWriteType {!r} is not one of '
                      '{}.'.format(config['attributeWriteType'], ', '.join(ATTRIBUTE_WRITE_TYPES)))
    for key, choices in OPTIONAL_CHOICES.items():
        if key in config and config[key] not in choices:
            raise Failure(400, 'Invalid batch job configuration: {} {!r} is not one of {}.'.format(
                key, config[key], ', '.join(choices)))
    if 'playbookTriggersEnabled' in config and not isinstance(config['playbookTriggersEnabled'],
                                                              bool):
        raise Failure(400, 'Invalid batch job configuration: playbookTriggersEnabled must be a '
                      'boolean.')
    emu.require_owner(config['owner'])
    return config


def _new_job(emu, config):
    with emu.store.lock:
        job = Job(emu.store.next_job_id(), config)
        emu.store.jobs[job.id] = job
    return job


def _attach(emu, job, data):
    if len(data) > emu.upload_limit:
        raise invalid('File size greater than allowable limit of {}'.format(emu.upload_limit))
    with emu.store.lock:
        if job.data is not None:
            raise invalid('Batch job {} already has data.'.format(job.id))
        job.data = data
        job.status = 'Queued'
        job.uploaded_at = emu.clock()


def _complete(emu, job):
    """Process the job's data (store lock held) and mark it Completed."""
    processor = Processor(emu.store, job.config, emu.indicator_type_map(),
                          max_indicators=emu.max_indicators, attribute_types=emu.attribute_types)
    job.outcome = processor.run(job.data)
    job.status = 'Completed'


def _job(emu, batch_id):
    job = emu.store.jobs.get(int(batch_id))
    if job is None:
        raise Failure(404, 'Batch job {} not found.'.format(batch_id))
    return job


def create(emu, request):
    """``POST /v2/batch``: create a job from its config."""
    job = _new_job(emu, check_config(emu, request.json()))
    return Response(201, {'status': 'Success', 'data': {'batchId': job.id}})


def upload(emu, request, batch_id):
    """``POST /v2/batch/{id}``: upload the job's input."""
    _attach(emu, _job(emu, batch_id), request.body)
    return Response(202, {'status': 'Queued'})


def _entity_count(data):
    try:
        document = json.loads(data.decode('utf-8'))
        return len(document.get('group') or []) + len(document.get('indicator') or [])
    except (ValueError, AttributeError, TypeError, UnicodeDecodeError):
        return 0


def create_and_upload(emu, request):
    """``POST /v2/batch/createAndUpload``: multipart ``config`` + ``content``."""
    try:
        parts = multipart.parse(request.headers.get('Content-Type'), request.body)
    except ValueError as error:
        raise Failure(400, 'Malformed multipart request: {}.'.format(error))
    for name in ('config', 'content'):
        if name not in parts:
            raise Failure(400, 'Multipart part {} is missing.'.format(name))
    try:
        config = json.loads(parts['config'].decode('utf-8'))
    except (ValueError, UnicodeDecodeError):
        raise Failure(400, 'The batch job configuration is not valid JSON.')
    check_config(emu, config)
    if len(parts['content']) > emu.upload_limit:
        raise invalid('File size greater than allowable limit of {}'.format(emu.upload_limit))
    job = _new_job(emu, config)
    _attach(emu, job, parts['content'])
    limit = emu.synchronous_limit
    with emu.store.lock:
        if limit is not None and _entity_count(job.data) <= limit:
            job.synchronous = True
            _complete(emu, job)
        body = job.status_body(request.query.get('includeAdditional') == 'true')
    return Response(201, {'status': 'Success', 'data': {'batchStatus': body}})


def status(emu, request, batch_id):
    """``GET /v2/batch/{id}``: the job status, advancing it one poll."""
    job = _job(emu, batch_id)
    with emu.store.lock:
        if job.status in ('Queued', 'Running'):
            job.polls += 1
            ready = emu.clock() >= job.uploaded_at + emu.processing_delay
            if job.polls > emu.polls_until_complete and ready:
                _complete(emu, job)
            elif job.polls == 1 and emu.polls_until_complete >= 2:
                job.status = 'Queued'
            else:
                job.status = 'Running'
        body = job.status_body(request.query.get('includeAdditional') == 'true')
    return Response(200, {'status': 'Success', 'data': {'batchStatus': body}})


def _completed(emu, batch_id):
    job = _job(emu, batch_id)
    if job.status != 'Completed':
        raise invalid('Batch still in {} state'.format(
            'Running' if job.status in ('Queued', 'Running') else job.status))
    return job


def errors(emu, request, batch_id):
    """``GET /v2/batch/{id}/errors``: the error entries (404 when there are none)."""
    job = _completed(emu, batch_id)
    if not job.outcome.errors:
        raise Failure(404, 'Batch job {} has no errors.'.format(job.id))
    return Response(200, [dict(x) for x in job.outcome.errors])


def results(emu, request, batch_id):
    """``GET /v2/batch/{id}/results``: error details, filtered by ``code`` / ``contains``."""
    job = _completed(emu, batch_id)
    code, contains = request.query.get('code'), request.query.get('contains')
    found = [dict(x) for x in job.outcome.results
             if (not code or x['code'] == code)
             and (not contains or contains in x['errorMessage'])]
    return Response(200, found)


def finish_all(emu):
    """Complete every job that has data but is not Completed yet."""
    with emu.store.lock:
        for job in emu.store.jobs.values():
            if job.status in ('Queued', 'Running'):
                _complete(emu, job)
