# -*- coding: utf-8 -*-
"""Finishing what an earlier run left, and sending a chunk again when its job cannot complete.

:func:`resume_unfinished` walks the journal's unfinished chunks at the start of a submit: a
chunk that never reached a job, whose job holds no data (``Created``), is unknown to the API
(404) or was made on another instance (the journal records the API URL) is forgotten, so its
entities go out again in a new chunk; a chunk whose job got its data is polled to completion.

:func:`poll_or_resend` polls one chunk's job; a job still ``Created`` after its upload was
accepted, or one the API answers 404 for, is replaced by a new job with the same payload (at
most :data:`MAX_RESENDS` times per run), rebuilt from the store when this run did not build it.

Both work through the public methods of :class:`~tcex.batch.submit.submitter.BatchSubmitter`
(``forget_chunk``, ``create_job_for``, ``upload_chunk``, ``finish_chunk``).
"""
from __future__ import absolute_import, division, print_function, unicode_literals

import logging

from tcex.batch.store.chunks import join_payload
from tcex.batch.submit.api import job_state
from tcex.batch.submit.states import ChunkState, JobState
from tcex.errors import ApiError, BatchError

logger = logging.getLogger('tcex.batch.submit')

#: New jobs one chunk may be sent to in a run when its job lost the data or vanished.
MAX_RESENDS = 2


def rebuild_payload(store, entry, view=None):
    """Rebuild a journaled chunk's payload from the store.

    Args:
        store (tcex.batch.store.Store): The batch's store.
        entry (JournalChunk): The chunk.
        view (callable): Applied to each stored JSON text (see :meth:`tcex.batch.Batch.payload_view`).

    Returns:
        bytes: The payload, or None when none of the chunk's entities is left.
    """
    groups, indicators = store.chunk_texts(entry.seq, entry.xids)
    if view is not None:
        groups, indicators = [view(text) for text in groups], [view(text) for text in indicators]
    return join_payload(groups, indicators) if groups or indicators else None


def poll_or_resend(submitter, entry, payload, overrides=None):
    """Poll a chunk's job; send the chunk to a new job when the old one cannot complete.

    Args:
        submitter (BatchSubmitter): The submitter.
        entry (JournalChunk): The chunk (uploaded to ``entry.batch_id``).
        payload (bytes): The chunk's payload when this run built it (else rebuilt from the store).
        overrides (dict): ``interval``/``backoff``/``timeout`` for the poll.

    Returns:
        dict: The final status body, or None when nothing of the chunk is left to send.

    Raises:
        BatchError: The chunk was sent to :data:`MAX_RESENDS` new jobs and still cannot complete.
    """
    resends = 0
    while True:
        try:
            body = submitter.api.poll(entry.batch_id, stop_on_created=True, **(overrides or {}))
            if job_state(body) != JobState.CREATED:
                return body
            why = 'is still Created after its upload was accepted (the data never arrived)'
        except ApiError as exc:
            if exc.status_code != 404:
                raise
            why = 'is unknown to the API (404: purged, or another instance)'
        if resends >= MAX_RESENDS:
            raise BatchError('chunk {}: job {} {}; gave up after sending the chunk to {} new jobs; run the App '
                             'again to retry'.format(entry.seq, entry.batch_id, why, resends), value=entry.batch_id)
        resends += 1
        payload = payload or rebuild_payload(submitter.store, entry, submitter.batch.payload_view())
        if payload is None:
            logger.warning('batch: job %s of chunk %d %s; none of its entities is left to send', entry.batch_id,
                           entry.seq, why)
            submitter.forget_chunk(entry)
            return None
        old = entry.batch_id
        submitter.create_job_for(entry)
        logger.warning('batch: job %s of chunk %d %s; sent the chunk again to the new job %s', old, entry.seq,
                       why, entry.batch_id)
        submitter.upload_chunk(entry, payload)


def _resumable(submitter, entry, moved, before):
    """Return True when an unfinished chunk's job may still complete (else forget the chunk)."""
    if moved and entry.batch_id is not None:  # its job id means nothing (or another job) here
        logger.warning('batch: resuming; job %s of chunk %d was made on another instance (%s), the chunk '
                       'will be sent again', entry.batch_id, entry.seq, before)
        submitter.forget_chunk(entry)
        return False
    if entry.status == ChunkState.PENDING or entry.batch_id is None:
        logger.info('batch: resuming; chunk %d never reached a job, its entities will be sent again', entry.seq)
        submitter.forget_chunk(entry)
        return False
    if entry.status == ChunkState.JOB_CREATED:
        try:
            state = job_state(submitter.api.status(entry.batch_id))
        except ApiError as exc:
            if exc.status_code != 404:
                raise
            logger.warning('batch: resuming; job %s of chunk %d is unknown to the API (404: purged, or '
                           'another instance), the chunk will be sent again', entry.batch_id, entry.seq)
            submitter.forget_chunk(entry)
            return False
        if state == JobState.CREATED:
            logger.info('batch: resuming; job %s of chunk %d has no data, the chunk will be sent again',
                        entry.batch_id, entry.seq)
            submitter.forget_chunk(entry)
            return False
        submitter.journal.update(entry, ChunkState.UPLOADED)
    return True


def resume_unfinished(submitter, errors):
    """Finish the chunks a previous run left unfinished.

    Args:
        submitter (BatchSubmitter): The submitter.
        errors (bool): Fetch the error entries of jobs that report errors.

    Returns:
        bool: True when a job's errors halt the submit.
    """
    url = getattr(submitter.api.session, 'base_url', None)
    before = submitter.journal.instance(url) if url else None
    moved = before is not None and before != url
    for entry in submitter.journal.unfinished():
        if not _resumable(submitter, entry, moved, before):
            continue
        logger.info('batch: resuming; waiting for job %s of chunk %d', entry.batch_id, entry.seq)
        if submitter.finish_chunk(entry, errors):
            return True
    return False
