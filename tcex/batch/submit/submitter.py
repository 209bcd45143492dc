# -*- coding: utf-8 -*-
"""Submitting a batch to the ThreatConnect batch v2 API.

:class:`BatchSubmitter` is what ``batch.submit(...)``, ``batch.submit_job()`` and the
other submit methods of :class:`tcex.batch.Batch` delegate to. It offers the two ways the
Batch docs describe:

Option 1
    ``submit(poll=True, errors=True)`` / ``submit_all()``: every chunk of the batch is
    sent, one batch job per chunk, groups before indicators; each job is polled to
    completion before the next is sent (so indicators find the groups they reference);
    errors are fetched; Document and Report content is uploaded. One aggregate result
    comes back (see :func:`tcex.batch.submit.outcome.aggregate`).
Option 2
    ``submit_job()`` -> batch id; ``submit_data(batch_id)`` uploads the next chunk not
    yet sent; ``poll(batch_id)`` -> the status body; ``errors(batch_id)``;
    ``submit_files()``.

Every chunk is journaled in the batch's SQLite store before it is sent (see
:mod:`tcex.batch.submit.journal`), so a run that dies mid-submit can be resumed by running
again on the same store: nothing is lost and nothing is sent twice (the resume and re-send
rules are in :mod:`tcex.batch.submit.resume`).

Decisions worth knowing:

* Jobs are created with ``POST /v2/batch`` and fed with ``POST /v2/batch/{id}``, not with
  ``createAndUpload``: the two steps let the journal hold the batch id *before* any data is
  sent. If a run dies between the two, the job that was created holds no data; the resumed
  run sees its status ``Created``, abandons it and sends the chunk to a new job.
* The session never repeats a ``POST /v2/batch`` that reached the server (a dropped
  connection, a timeout or a 500), so one call creates at most one job. When such a
  creation's outcome is unknown, the chunk is sent to a *new* job: the lost job, if it
  exists, has no data, so no entity is processed twice. (Entities are also keyed by xid,
  so even a repeated Create would update rather than duplicate them; only attributes
  written with ``Append`` could repeat, which is why data is never resent blindly.)
* A job still ``Created`` after its upload was accepted never got the data, and a job the
  API answers 404 for (purged, or the store was made against another instance) can never
  complete: the chunk is sent again to a new job (at most ``MAX_RESENDS`` times per run),
  with a log line, instead of polling until the timeout on every run. The journal records
  the API URL: a store resumed against another ``tc_api_path`` sends its unfinished chunks
  again instead of asking that instance about job ids that may be someone else's.
* When a run returns its result, its completed chunks leave the journal: the next run's
  result counts only the next run's work. A store kept because a file upload failed keeps
  only what a re-run on the same data needs (the entities this run sent or added again,
  and the groups whose content is to upload), so a file the platform keeps refusing does
  not make the store grow run after run.
"""
from __future__ import absolute_import, division, print_function, unicode_literals

import logging
import time

from tcex.batch import defaults
from tcex.batch.submit import files, resume
from tcex.batch.submit.api import BatchApi, batch_status
from tcex.batch.submit.files import failed_uploads, forget_failed_again
from tcex.batch.submit.journal import Journal
from tcex.batch.submit.outcome import aggregate, chunk_line
from tcex.batch.submit.states import ChunkState, JobState
from tcex.errors import ApiConnectionError, ApiError, BatchError

logger = logging.getLogger('tcex.batch.submit')

#: New jobs one chunk may be sent to in a run when its job lost the data or vanished.
MAX_RESENDS = resume.MAX_RESENDS


class BatchSubmitter(object):
    """Send a :class:`tcex.batch.Batch` to the API.

    Args:
        batch (tcex.batch.Batch): The batch.
        session: A :class:`tcex.session.TcSession`, or a zero-argument callable returning one.
        poll_interval (float): Seconds to wait after the first status check that finds a job
            not completed (default :data:`tcex.batch.defaults.POLL_INTERVAL`).
        poll_max_interval (float): Cap of the wait between status checks
            (default :data:`tcex.batch.defaults.POLL_MAX_INTERVAL`).
        poll_timeout (float): Seconds after which polling one job gives up
            (default :data:`tcex.batch.defaults.POLL_TIMEOUT`).
        poll_backoff (float): Growth factor of the wait between checks (default 1.5).
        sleep (callable): Waits between polls (default ``time.sleep``).
        clock (callable): Current Unix time (default ``time.time``).
        progress (callable): Called after each chunk with a dict (chunk, batchId, counts,
            elapsed, rate, sent, ...).
        chunk_size (int): Entities per chunk (default: the batch's ``chunk_size``).
        max_bytes (int): Payload bytes per chunk (default: the batch's ``max_bytes``).
        upload_files (bool): Option 1 uploads Document/Report content (default True).
    """

    def __init__(self, batch, session, poll_interval=None, poll_max_interval=None, poll_timeout=None,
                 poll_backoff=defaults.POLL_BACKOFF, sleep=time.sleep, clock=time.time, progress=None,
                 chunk_size=None, max_bytes=None, upload_files=True):
        self.batch = batch
        sleep = sleep or time.sleep
        clock = clock or time.time
        poll_interval = defaults.POLL_INTERVAL if poll_interval is None else poll_interval
        poll_max_interval = defaults.POLL_MAX_INTERVAL if poll_max_interval is None else poll_max_interval
        poll_timeout = defaults.POLL_TIMEOUT if poll_timeout is None else poll_timeout
        self.api = BatchApi(session, poll_interval=poll_interval, poll_max_interval=poll_max_interval,
                            poll_backoff=poll_backoff, poll_timeout=poll_timeout, sleep=sleep, clock=clock)
        self.clock = clock
        self.progress = progress
        self.chunk_size = chunk_size or getattr(batch, 'chunk_size', None) or defaults.CHUNK_SIZE
        self.max_bytes = max_bytes or getattr(batch, 'max_bytes', None) or defaults.MAX_BYTES
        self.upload_files = upload_files
        self.store = batch.store
        self.journal = Journal(self.store.journal_tables(), clock=clock)
        self._started = None
        self._sent = 0
        self._first_seq = None
        self._resumed = False  # Option 2: an earlier run's unfinished chunks were dealt with
        self.step = None  # the step running: 'batch' (create/upload), 'poll', 'errors' or 'file'

    # -- Option 2 --------------------------------------------------------------------------
    def submit_job(self):
        """Create a batch job with the batch's job config.

        The first call of a run first finishes what an earlier run on the same store left,
        as :meth:`submit` does (:func:`~tcex.batch.submit.resume.resume_unfinished`): a chunk
        whose upload never reached its job is released, so :meth:`submit_data` sends its
        entities again; a job that got its data and was never polled is polled to completion.

        Returns:
            int: The batch id.
        """
        self.resume_once()
        return self.api.create_job(self.batch.job_config())

    def resume_once(self):
        """Option 2: finish what an earlier run left, once per submitter (see :meth:`submit_job`).

        A resume that fails (the API unreachable, say) is tried again by the next call.
        """
        if not self._resumed:
            self._started = self.clock()
            resume.resume_unfinished(self, errors=False)
            self._resumed = True

    def submit_data(self, batch_id):
        """Upload the next chunk not yet sent to the job ``batch_id``.

        A batch that fits in one chunk is sent whole. A larger batch needs one job per
        chunk: call ``submit_job()``/``submit_data()`` again (a warning says how many
        entities remain), or use ``submit()``/``submit_all()``.

        Args:
            batch_id (int): A job from :meth:`submit_job`.

        Returns:
            dict: The API's answer (``{"status": "Queued"}``), or None when nothing is left
            to send.
        """
        if batch_id is None:
            raise BatchError('submit_data() needs the batch id submit_job() returned, not None (did submit_job '
                             'fail?)', value=batch_id)
        chunk = next(iter(self._new_chunks()), None)
        if chunk is None:
            logger.info('batch: nothing left to submit to job %s', batch_id)
            return None
        entry = self._record(chunk)
        self.journal.update(entry, ChunkState.JOB_CREATED, batch_id=int(batch_id))
        body = self.upload_chunk(entry, chunk.payload)
        remaining = self._unsent_count()
        if remaining:
            logger.warning('batch: %d entities are not in job %s (chunk limit %d entities / %d bytes); submit '
                           'another job or use submit_all()', remaining, batch_id, self.chunk_size, self.max_bytes)
        return body

    def poll(self, batch_id, interval=None, backoff=None, timeout=None):
        """Wait until the job ``batch_id`` completes.

        When the job got this batch's data from :meth:`submit_data` but stays ``Created``
        (the data never arrived) or is unknown to the API, the chunk is sent to a new job and
        that job's status comes back (its ``id`` says which).

        Args:
            batch_id (int): The job.
            interval (float): Seconds between the first status checks (default ``poll_interval``).
            backoff (float): Growth factor of the wait (default ``poll_backoff``).
            timeout (float): Seconds before giving up (default ``poll_timeout``).

        Returns:
            dict: The status body; ``data.batchStatus`` has id, status, errorCount,
            successCount, unprocessCount (and the group/indicator counts).
        """
        overrides = {'interval': interval, 'backoff': backoff, 'timeout': timeout}
        mine = [e for e in self.journal.chunks([ChunkState.UPLOADED]) if e.batch_id == int(batch_id)]
        if len(mine) == 1:
            body = resume.poll_or_resend(self, mine[0], None, overrides)
            if body is not None:
                self.journal.update(mine[0], ChunkState.COMPLETED, result=batch_status(body))
        else:
            entries = [entry for entry in self.journal.chunks([ChunkState.JOB_CREATED, ChunkState.UPLOADED])
                       if entry.batch_id == int(batch_id)]
            # a job this batch sent no data to (nothing was left to send) stays Created: not waited for
            body = self.api.poll(batch_id, stop_on_created=not entries, **overrides)
            for entry in entries:
                self.journal.update(entry, ChunkState.COMPLETED, result=batch_status(body))
        self._finish_option2()
        return body if body is not None else {}

    def _finish_option2(self):
        """Option 2: once every chunk completed, nothing is unsent and no content waits, the submit is done."""
        if not self.journal.unfinished() and not self._unsent_count() and not self.store.file_count():
            self._done()

    def errors(self, batch_id):
        """Return the error entries of the completed job ``batch_id`` (``[]`` when none)."""
        return self.api.errors(batch_id)

    def submit_files(self):
        """Upload the content of every Document and Report in the batch (Option 2).

        Returns:
            list: See :meth:`upload_contents`.
        """
        results = self.upload_contents()
        self._finish_option2()
        return results

    def upload_contents(self):
        """Upload the content of every Document and Report (see :func:`tcex.batch.submit.files.upload_contents`).

        Returns:
            list: One dict per file: xid, type, method (POST or PUT), status, statusCode, message.
        """
        return files.upload_contents(self.api.session, self.batch, self.store, self.journal)

    # -- Option 1 --------------------------------------------------------------------------
    def submit(self, poll=True, errors=True, process_files=True):
        """Send every chunk, wait for the jobs, fetch errors and upload files.

        Args:
            poll (bool): Wait for the last job to complete (jobs before it are always
                waited for, so later chunks find the groups they reference).
            errors (bool): Fetch the error entries of jobs that report errors.
            process_files (bool): Upload Document and Report content (only when polling).

        Returns:
            dict: The aggregate status (see :func:`tcex.batch.submit_outcome.aggregate`):
            ``status``, ``errorCount``, ``successCount``, ``unprocessCount``, ``errors``,
            ``batchIds``, ``chunks``, ``uploads``, ``halted``.
        """
        return self._run(poll=poll, errors=errors, process_files=process_files)

    def submit_all(self, poll=True, errors=True, process_files=True):
        """Send every chunk, poll each job, fetch errors, upload files.

        Returns:
            dict: The aggregate status, as :meth:`submit` returns it (``jobs`` holds one
            status dict per job).
        """
        return self._run(poll=poll, errors=errors, process_files=process_files)

    # -- the engine ------------------------------------------------------------------------
    def _run(self, poll, errors, process_files=True):
        self._started = self.clock()
        self._sent = 0
        self._first_seq = self.journal.next_seq()
        halted = resume.resume_unfinished(self, errors)
        pending = payload = None
        if not halted:
            for chunk in self._new_chunks():
                if pending is not None:  # the previous job must finish before the next chunk goes
                    halted = self.finish_chunk(pending, errors, payload)
                    pending = None
                    if halted:
                        break
                entry = self._record(chunk)
                self.create_job_for(entry)
                self.upload_chunk(entry, chunk.payload)
                pending, payload = entry, chunk.payload
        if pending is not None:
            if poll:
                halted = self.finish_chunk(pending, errors, payload)
            else:
                self._report(pending, None)
        remaining = self._unsent_count()
        if halted and remaining:
            logger.warning('batch: halted on error; %d entities were not sent', remaining)
        uploads = None
        if self.upload_files and poll and process_files:  # halted too: the Groups created before the halt get theirs
            self.step = 'file'
            uploads = self.upload_contents()
        result = aggregate(self.journal.chunks(), uploads, halted=halted, unsent=remaining if halted else 0,
                           errors=errors)
        failed = failed_uploads(uploads or [])
        if failed:
            logger.warning('batch: %d file upload(s) failed; the store %s is kept so a re-run uploads them '
                           'without sending the data again', len(failed), self.store.path)
            forget_failed_again(self.store, self.journal, failed)
            pruned = self.store.prune_sent(self._first_seq)
            if pruned:
                logger.info('batch: dropped %d entities sent by earlier runs from the kept store', pruned)
        if failed or not poll:
            self.journal.reported()  # the next run's result counts only its own work
        else:
            self._done()
        return result

    def _done(self):
        """The submit finished: empty the journal and drop what was sent from the store.

        Like tcex 0.8, which removed submitted data from its cache, a second submit then
        sends only what was added since, and a store reused by the next run starts empty.
        """
        self.store.delete_sent()
        self.journal.clear()

    def has_unsent(self):
        """Tell whether an entity of the batch is not yet in a chunk sent (pending ones are written first)."""
        return any(True for _ in self._new_chunks())

    def _new_chunks(self):
        return self.batch.iter_chunks(max_count=self.chunk_size, max_bytes=self.max_bytes, unsent_only=True)

    def _unsent_count(self):
        return self.store.unsent_count()

    def _record(self, chunk):
        entry = self.journal.record(chunk.xids, chunk.group_count, chunk.indicator_count, len(chunk.payload))
        self.store.mark_chunk(chunk.xids, entry.seq)
        return entry

    def forget_chunk(self, entry):
        """Drop a chunk whose data reached no job: its entities are sent again later."""
        self.store.mark_chunk(entry.xids, None)
        self.journal.forget(entry)

    def create_job_for(self, entry):
        """Create a job for a journaled chunk; a failed creation forgets the chunk.

        Returns:
            int: The batch id.
        """
        self.step = 'batch'
        try:
            batch_id = self.api.create_job(self.batch.job_config())
        except ApiConnectionError as exc:
            # outcome unknown, or not sent: either way no job holds this chunk's data
            self.forget_chunk(entry)
            raise BatchError('chunk {}: {}; nothing was uploaded, run again to continue'.format(entry.seq, exc))
        except Exception:
            self.forget_chunk(entry)
            raise
        self.journal.update(entry, ChunkState.JOB_CREATED, batch_id=batch_id)
        return batch_id

    def upload_chunk(self, entry, payload):
        """Upload a chunk's payload to its job and journal it as uploaded.

        An upload the API refuses (4xx: the job already has data, the payload is too large...)
        reached no job: the chunk is forgotten, so its entities go out again.
        """
        self.step = 'batch'
        try:
            body = self.api.upload(entry.batch_id, payload)
        except ApiError as exc:
            if exc.status_code is not None and 400 <= exc.status_code < 500:
                self.forget_chunk(entry)
            raise
        self.journal.update(entry, ChunkState.UPLOADED)
        logger.debug('batch: chunk %d (%d entities, %d bytes) uploaded to job %s', entry.seq, entry.count,
                     entry.size, entry.batch_id)
        return body

    def finish_chunk(self, entry, errors, payload=None):
        """Poll a chunk's job, record its outcome, report progress; return True to halt."""
        self.step = 'poll'
        body = resume.poll_or_resend(self, entry, payload)
        if body is None:
            return False
        status = dict(batch_status(body))
        status.setdefault('id', entry.batch_id)
        if errors and (status.get('errorCount') or 0) > 0:
            self.step = 'errors'
            status['errors'] = self.api.errors(entry.batch_id)
        self.journal.update(entry, ChunkState.COMPLETED, result=status)
        self._report(entry, status)
        return bool(self.batch.job_config().get('haltOnError')) and (status.get('errorCount') or 0) > 0

    def _report(self, entry, status):
        self._sent += entry.count
        elapsed = max(1e-9, self.clock() - self._started)
        info = {'chunk': entry.seq, 'batchId': entry.batch_id, 'groupCount': entry.group_count,
                'indicatorCount': entry.indicator_count, 'bytes': entry.size,
                'status': (status or {}).get('status', JobState.QUEUED), 'sent': self._sent, 'elapsed': elapsed,
                'rate': self._sent / elapsed}
        for key in ('successCount', 'errorCount', 'unprocessCount'):
            info[key] = (status or {}).get(key, 0)
        logger.info('%s', chunk_line(info))
        if self.progress is not None:
            self.progress(info)

