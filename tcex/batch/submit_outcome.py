# -*- coding: utf-8 -*-
"""The result of a submit: one aggregate status, its exit code and a one-line summary.

``batch.submit()`` and ``batch.submit_all()`` return the dict :func:`aggregate` builds:
the keys of a job's ``batchStatus`` summed over every job (``errorCount``,
``successCount``, ``unprocessCount`` and, when the API sent them, the group and indicator
counts) plus ``status``, ``id`` (the last job), ``batchIds``, ``errors`` (every job's
error entries), ``chunks`` (one summary per job), ``uploads`` (one result per file),
``halted`` and ``critical``.

:func:`outcome` maps that dict to the exit code an App should end with::

    code, summary = outcome(batch.submit_all())
    tcex.exit(code, summary)
"""
from __future__ import absolute_import, division, print_function, unicode_literals

import six

try:  # the CORE engineer's enum; the fallback keeps this module importable on its own
    from tcex.app.exit import ExitCode
except ImportError:  # pragma: no cover
    from enum import IntEnum

    class ExitCode(IntEnum):
        """Exit codes (fallback copy of :class:`tcex.app.exit.ExitCode`)."""

        SUCCESS = 0
        FAILURE = 1
        PARTIAL_FAILURE = 3

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
        chunks (list): :class:`tcex.batch.journal.JournalChunk` objects.
        uploads (list): File upload results.
        halted (bool): Whether the submit stopped early (``haltOnError``).
        unsent (int): Entities not sent because of the halt (added to ``unprocessCount``).
        errors (bool): Include the ``errors`` list.

    Returns:
        dict: The aggregate status.
    """
    result = {'status': 'Completed', 'id': None, 'batchIds': [], 'chunks': [], 'uploads': list(uploads or []),
              'halted': bool(halted)}
    for key in SUM_KEYS[:3]:
        result[key] = 0
    error_list = []
    for entry in chunks:
        status = entry.result or {}
        if entry.batch_id is not None:
            result['batchIds'].append(entry.batch_id)
            result['id'] = entry.batch_id
        state = status.get('status') or ('Queued' if entry.status == 'uploaded' else entry.status)
        if state != 'Completed':
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
        result (dict): What ``submit()``/``submit_all()`` returned (a single job's
            ``batchStatus`` works too).

    Returns:
        tuple: ``(ExitCode, summary)``.
    """
    succeeded = int(result.get('successCount') or 0)
    failed = int(result.get('errorCount') or 0)
    unprocessed = int(result.get('unprocessCount') or 0)
    uploads = result.get('uploads') or []
    uploads_failed = sum(1 for item in uploads if item.get('status') != 'Success')
    jobs = len(result.get('batchIds') or ([result['id']] if result.get('id') is not None else []))
    summary = 'batch: {} succeeded, {} errors, {} unprocessed in {} job{}'.format(
        succeeded, failed, unprocessed, jobs, '' if jobs == 1 else 's')
    if uploads:
        summary += '; {} of {} files uploaded'.format(len(uploads) - uploads_failed, len(uploads))
    if result.get('halted'):
        summary += '; halted on error'
    if result.get('status') not in (None, 'Completed'):
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
