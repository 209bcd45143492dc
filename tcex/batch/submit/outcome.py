# -*- coding: utf-8 -*-
"""The result of a submit: one status per job, one aggregate status, its exit code and a summary.

``batch.submit_all()`` returns, as tcex does, a list with one status dict per batch job
(:class:`SubmitResult`: the job's ``batchStatus``, ``errors`` when asked and the job had
errors, ``uploadStatus`` when files were processed). ``batch.submit()`` returns one dict:
the aggregate :func:`aggregate` builds, which is also ``batch.summary`` and
``SubmitResult.summary``: the keys of a job's ``batchStatus`` summed over every job
(``errorCount``, ``successCount``, ``unprocessCount`` and, when the API sent them, the
group and indicator counts) plus ``status``, ``id`` (the last job), ``batchIds``,
``errors`` (every job's error entries), ``chunks`` (one summary per job), ``uploads`` and
``uploadStatus`` (one result per file), ``halted`` and ``critical``.

:func:`outcome` maps either to the exit code an App should end with::

    code, summary = outcome(batch.submit_all())
    tcex.exit(code, summary)
"""
from __future__ import absolute_import, division, print_function, unicode_literals

import six

from tcex.app.exit import ExitCode
from tcex.batch.submit.states import ChunkState, JobState

#: Error reasons tcex treats as a failure of the whole job (API reference, section 2).
CRITICAL_ERRORS = ('Encountered an unexpected Exception while processing batch job',
                   'would exceed the number of allowed indicators')

SUM_KEYS = ('errorCount', 'successCount', 'unprocessCount', 'errorGroupCount', 'errorIndicatorCount',
            'successGroupCount', 'successIndicatorCount', 'unprocessGroupCount', 'unprocessIndicatorCount')


def is_critical(errors):
    """Tell whether an error list reports a failure of the whole job.

    Args:
        errors (list): Error entries (``{"errorReason": ..., "errorSource": ...}``).

    Returns:
        bool: True when an ``errorReason`` is one tcex treats as critical.
    """
    for entry in errors or []:
        reason = six.text_type(entry.get('errorReason', '') if isinstance(entry, dict) else entry)
        if any(marker in reason for marker in CRITICAL_ERRORS):
            return True
    return False


def aggregate(chunks, uploads=None, halted=False, unsent=0, errors=True):
    """Combine the journaled chunks of a submit into one status.

    Args:
        chunks (list): :class:`tcex.batch.submit.journal.JournalChunk` objects.
        uploads (list): File upload results (None: files were not processed).
        halted (bool): Whether the submit stopped early (``haltOnError``).
        unsent (int): Entities not sent because of the halt (added to ``unprocessCount``).
        errors (bool): Include the ``errors`` list.

    Returns:
        dict: The aggregate status.
    """
    chunks = list(chunks)
    processed = uploads is not None
    uploads = [upload_status(item) for item in uploads or []]
    result = {'status': JobState.COMPLETED, 'id': None, 'batchIds': [], 'chunks': [], 'uploads': uploads,
              'uploadStatus': uploads, 'halted': bool(halted), 'jobs': job_statuses(chunks, uploads if processed else None, errors)}
    for key in SUM_KEYS[:3]:
        result[key] = 0
    error_list = []
    for entry in chunks:
        status = entry.result or {}
        if entry.batch_id is not None:
            result['batchIds'].append(entry.batch_id)
            result['id'] = entry.batch_id
        state = status.get('status') or (JobState.QUEUED if entry.status == ChunkState.UPLOADED else entry.status)
        if state != JobState.COMPLETED:
            result['status'] = state
        for key in SUM_KEYS:
            if key in status:
                result[key] = result.get(key, 0) + int(status.get(key) or 0)
        error_list.extend(status.get('errors') or [])
        summary = {'chunk': entry.seq, 'batchId': entry.batch_id, 'status': state, 'groupCount': entry.group_count,
                   'indicatorCount': entry.indicator_count, 'bytes': entry.size}
        for key in SUM_KEYS[:3]:
            summary[key] = int(status.get(key) or 0)
        result['chunks'].append(summary)
    result['unprocessCount'] += int(unsent or 0)
    result['unsentCount'] = int(unsent or 0)
    result['critical'] = is_critical(error_list)
    if errors:
        result['errors'] = error_list + [upload_error(item) for item in result['uploads']
                                         if item.get('status') != 'Success']
    return result


def upload_status(upload):
    """Return a file upload result with tcex's ``uploaded`` (bool) key added.

    Args:
        upload (dict): xid, type, method, status, statusCode, message.

    Returns:
        dict: A copy with ``uploaded``.
    """
    item = dict(upload)
    item['uploaded'] = item.get('status') == 'Success'
    return item


def job_statuses(chunks, uploads=None, errors=True):
    """Return one status dict per batch job, as tcex's ``submit_all()`` did.

    Args:
        chunks (list): :class:`tcex.batch.submit.journal.JournalChunk` objects.
        uploads (list): File upload results (given to the last job as ``uploadStatus``),
            or None when files were not processed.
        errors (bool): Keep each job's ``errors``.

    Returns:
        list: Dicts with the job's ``batchStatus`` keys (``id``, ``status``,
        ``errorCount``, ``successCount``, ``unprocessCount``...), ``errors`` and
        ``uploadStatus``.
    """
    jobs = []
    for entry in chunks:
        if entry.batch_id is None:
            continue
        status = dict(entry.result or {})
        status.setdefault('id', entry.batch_id)
        status.setdefault('status', JobState.QUEUED if entry.status == ChunkState.UPLOADED else entry.status)
        if not errors:
            status.pop('errors', None)
        if uploads is not None:
            status['uploadStatus'] = []
        jobs.append(status)
    if jobs and uploads is not None:
        jobs[-1]['uploadStatus'] = list(uploads)
    return jobs


class SubmitResult(list):
    """What ``submit_all()`` returns: a list of job status dicts, plus the aggregate.

    It is the list tcex returned (``result[0]['successCount']``, ``len(result)``, ``for job
    in result``). The aggregate is :attr:`summary`; for Apps written against earlier
    releases of this SDK, a text key (``result['errorCount']``) and :meth:`get` read the
    aggregate too.

    Attributes:
        summary (dict): The aggregate (see :func:`aggregate`).
    """

    def __init__(self, jobs, summary):
        super(SubmitResult, self).__init__(jobs)
        self.summary = summary

    def __getitem__(self, key):
        if isinstance(key, six.string_types):
            return self.summary[key]
        return super(SubmitResult, self).__getitem__(key)

    def get(self, key, default=None):
        """Return a key of the aggregate (:attr:`summary`), or ``default``."""
        return self.summary.get(key, default)


def _summed(jobs):
    """Aggregate a plain list of job status dicts (tcex's shape) for :func:`outcome`."""
    result = {'status': JobState.COMPLETED, 'batchIds': [], 'uploads': []}
    for job in jobs:
        for key in SUM_KEYS[:3]:
            result[key] = result.get(key, 0) + int(job.get(key) or 0)
        if job.get('id') is not None:
            result['batchIds'].append(job['id'])
        if job.get('status') not in (None, JobState.COMPLETED):
            result['status'] = job['status']
        result['critical'] = result.get('critical') or is_critical(job.get('errors'))
        result['uploads'].extend(job.get('uploadStatus') or [])
    return result


def upload_error(upload):
    """Describe a failed Document/Report upload as an error entry of the ``errors`` list.

    The batch API reports only entity errors; a failed upload is added in the same shape so
    an App checking ``result['errors']`` (as the Batch docs' Option 1 does) sees it.

    Args:
        upload (dict): A file upload result (xid, type, statusCode, message).

    Returns:
        dict: ``{"errorReason": ..., "errorSource": <xid>}``.
    """
    return {'errorReason': '{} {} content upload failed: {}'.format(
        upload.get('type') or 'File', upload.get('xid'), upload.get('message') or upload.get('statusCode')),
        'errorSource': upload.get('xid')}


def outcome(result):
    """Map a submit result to an exit code and a one-line summary.

    All entities succeeded and every file uploaded -> ``SUCCESS`` (0); some errors,
    unprocessed entities or failed uploads -> ``PARTIAL_FAILURE`` (3); nothing succeeded
    (or the API reported a failure of the whole job) -> ``FAILURE`` (1).

    Args:
        result (dict|list): What ``submit()``/``submit_all()`` returned, ``batch.summary``,
            a single job's ``batchStatus``, or a list of them.

    Returns:
        tuple: ``(ExitCode, summary)``.
    """
    if isinstance(result, list):
        result = getattr(result, 'summary', None) or _summed(result)
    succeeded = int(result.get('successCount') or 0)
    failed = int(result.get('errorCount') or 0)
    unprocessed = int(result.get('unprocessCount') or 0)
    uploads = result.get('uploads') or []
    uploads_failed = sum(1 for item in uploads if item.get('status') != 'Success' and not item.get('uploaded'))
    jobs = len(result.get('batchIds') or ([result['id']] if result.get('id') is not None else []))
    summary = 'batch: {} succeeded, {} errors, {} unprocessed in {} job{}'.format(
        succeeded, failed, unprocessed, jobs, '' if jobs == 1 else 's')
    if uploads:
        summary += '; {} of {} files uploaded'.format(len(uploads) - uploads_failed, len(uploads))
    if result.get('halted'):
        summary += '; halted on error'
    if result.get('status') not in (None, JobState.COMPLETED):
        summary += '; last job {}'.format(result.get('status'))
    if result.get('critical') or (succeeded == 0 and (failed or unprocessed or uploads_failed)):
        return ExitCode.FAILURE, summary
    if failed or unprocessed or uploads_failed:
        return ExitCode.PARTIAL_FAILURE, summary
    return ExitCode.SUCCESS, summary


def chunk_line(info):
    """Format the progress log line of one chunk.

    Args:
        info (dict): The progress dict (chunk, batchId, groupCount, indicatorCount, bytes,
            status, successCount, errorCount, unprocessCount, sent, elapsed, rate).

    Returns:
        str: One line with counts and rate.
    """
    return ('batch chunk {chunk}: job {batchId} {status}: {groupCount} groups + {indicatorCount} indicators '
            '({bytes} bytes): {successCount} succeeded, {errorCount} errors, {unprocessCount} unprocessed; '
            '{sent} sent in {elapsed:.1f} s ({rate:.0f}/s)').format(**info)
