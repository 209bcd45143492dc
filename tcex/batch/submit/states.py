# -*- coding: utf-8 -*-
"""The status names of the submit: the API's job states and the journal's chunk and file states.

The two vocabularies are kept apart on purpose: :class:`JobState` holds what the batch API
reports for a job (``Created``, capitalised), :class:`ChunkState` where the journal has got
with one chunk (lower case, as stored in existing store files).
"""
from __future__ import absolute_import, division, print_function, unicode_literals


class JobState(object):
    """A batch job's state as the API reports it (``batchStatus.status``)."""

    CREATED = 'Created'  # the job exists but holds no data yet
    QUEUED = 'Queued'
    RUNNING = 'Running'
    COMPLETED = 'Completed'


class ChunkState(object):
    """Where the submit has got with one journaled chunk (the strings stored in the journal)."""

    PENDING = 'pending'  # recorded with its xids, nothing sent yet
    JOB_CREATED = 'created'  # ``POST /v2/batch`` answered with a batch id
    UPLOADED = 'uploaded'  # the chunk's data reached that job
    COMPLETED = 'completed'  # the job finished; the chunk's result holds its batchStatus

    #: States of a chunk a run left unfinished.
    UNFINISHED = (PENDING, JOB_CREATED, UPLOADED)


class FileState(object):
    """A journaled Document/Report content upload."""

    UPLOADED = 'uploaded'
    FAILED = 'failed'
    DONE = 'done'  # a run returned the upload in its result
