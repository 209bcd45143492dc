# -*- coding: utf-8 -*-
"""The submit steps of one batch, with tcex 0.8's names, keywords and return shapes.

:class:`SubmitSteps` is owned by a :class:`tcex.batch.Batch` (its ``submit_steps``); the
batch's submit methods delegate to it. It builds the
:class:`~tcex.batch.submit.submitter.BatchSubmitter` on first use, through the factory the
batch gives it (see :func:`submitter_factory`), and adds the tcex 0.8 surface:

* ``submit_all()`` returns a list with one status dict per batch job
  (:class:`~tcex.batch.submit.outcome.SubmitResult`), ``submit()`` one dict; the aggregate
  stays available as :attr:`SubmitSteps.summary` (and ``result.summary``).
* ``halt_on_error`` on every step: True raises the step's :class:`~tcex.errors.TcExError`
  (what this SDK always did); False logs it and returns what the step got (``None``,
  ``{}`` or ``[]``, as tcex did). The attributes ``halt_on_batch_error`` (job creation and
  data upload), ``halt_on_poll_error`` (polling, error retrieval) and
  ``halt_on_file_error`` (file uploads) override the keyword when set.
* ``poll_timeout`` (seconds) applies to every later poll.
* ``debug``: each Option 1 submit first writes the batch JSON (tcex's debug file).
"""
from __future__ import absolute_import, division, print_function, unicode_literals

import logging
import weakref

from tcex.batch import defaults
from tcex.batch.submit.outcome import SubmitResult, aggregate, outcome, upload_status
from tcex.errors import BatchError, TcExError

log = logging.getLogger('tcex.batch')

_STEP_HALT = {'batch': 'halt_on_batch_error', 'poll': 'halt_on_poll_error', 'errors': 'halt_on_poll_error',
              'file': 'halt_on_file_error'}


def submitter_factory(batch):
    """Return the factory :class:`SubmitSteps` builds the batch's submitter with.

    The batch is held weakly (it owns the steps, which own the factory) and its ``session``
    is read when the submitter is built, so a session set after the batch was made is used.

    Args:
        batch (tcex.batch.Batch): The batch to submit.

    Returns:
        callable: ``factory(**options)`` -> :class:`~tcex.batch.submit.submitter.BatchSubmitter`.

    Raises:
        BatchError: (from the factory) The batch has no session.
    """
    ref = weakref.ref(batch)

    def factory(**options):
        target = ref()
        session = None if target is None else target.session
        if session is None:
            raise BatchError('this batch has no session to submit with')
        if callable(session) and not hasattr(session, 'request'):
            session = session()
        from tcex.batch.submit.submitter import BatchSubmitter  # lazy: the builders never import requests
        return BatchSubmitter(target, session, **options)
    return factory


class SubmitSteps(object):
    """Submit a batch step by step (Option 2) or at once (Option 1), as tcex 0.8's batch did.

    Args:
        new_submitter (callable): ``new_submitter(**options)`` returns the
            :class:`~tcex.batch.submit.submitter.BatchSubmitter` (see :func:`submitter_factory`).
        store (tcex.batch.store.Store): The batch's store (named in the messages about a kept store).
        options (dict): Submitter options (poll_interval, poll_timeout...); kept, not copied.
        write_debug_json (callable): Called with no argument before an Option 1 submit when
            :attr:`debug` is on.
    """

    def __init__(self, new_submitter, store, options=None, write_debug_json=None):
        self.options = {} if options is None else options
        self.store = store
        self.halt_on_batch_error = None  #: bool: overrides ``halt_on_error`` of job creation and upload
        self.halt_on_file_error = None  #: bool: overrides ``halt_on_error`` of file uploads
        self.halt_on_poll_error = None  #: bool: overrides ``halt_on_error`` of polling and errors
        self.debug = False  #: bool: each Option 1 submit first calls ``write_debug_json``
        self.summary = None  #: dict: the aggregate of the last Option 1 submit
        self._new_submitter = new_submitter
        self._write_debug_json = write_debug_json
        self._submitter = None

    @property
    def submitter(self):
        """tcex.batch.submit.submitter.BatchSubmitter: Built on first use from :attr:`options`."""
        if self._submitter is None:
            self._submitter = self._new_submitter(**self.options)
        return self._submitter

    @property
    def poll_timeout(self):
        """float: Seconds after which polling one job gives up (default 3600)."""
        value = self.options.get('poll_timeout')
        return defaults.POLL_TIMEOUT if value is None else value

    @poll_timeout.setter
    def poll_timeout(self, seconds):
        self.options['poll_timeout'] = float(seconds)
        if self._submitter is not None:
            self._submitter.api.poll_timeout = float(seconds)

    def _halt(self, step, halt_on_error):
        override = getattr(self, _STEP_HALT.get(step, ''), None)
        return bool(halt_on_error) if override is None else bool(override)

    def _guard(self, step, halt_on_error, default, call, *args, **kwargs):
        try:
            return call(*args, **kwargs)
        except TcExError as exc:
            if self._halt(step, halt_on_error):
                raise
            log.error('batch: %s (halt_on_error is off: continuing)', exc)
            return default

    # -- Option 2 ------------------------------------------------------------------------
    def submit_job(self, halt_on_error=True):
        """Create the batch job.

        Args:
            halt_on_error (bool): False: log a failure and return None.

        Returns:
            int: The batch id.
        """
        return self._guard('batch', halt_on_error, None, lambda: self.submitter.submit_job())

    def submit_data(self, batch_id, halt_on_error=True):
        """Upload the next chunk not yet sent to the job ``batch_id``.

        Args:
            batch_id (int): From :meth:`submit_job`.
            halt_on_error (bool): False: log a failure and return ``{}``.

        Returns:
            dict: The API's answer, or None when nothing was left to send.
        """
        return self._guard('batch', halt_on_error, {}, lambda: self.submitter.submit_data(batch_id))

    def submit_create_and_upload(self, halt_on_error=True):
        """Create a job and upload the next chunk to it (tcex's one-request submit, in two requests).

        The two requests let the journal hold the batch id before any data is sent (see
        :mod:`tcex.batch.submit.submitter`).

        Args:
            halt_on_error (bool): False: log a failure and return ``{}``.

        Returns:
            dict: ``{"status": "Success", "data": {"batchStatus": {"id", "status"}}}``, or ``{}``
            when nothing is left to send.
        """
        def call():
            submitter = self.submitter
            submitter.resume_once()  # a chunk an earlier run lost is unsent again
            if not submitter.has_unsent():
                return {}
            batch_id = submitter.submit_job()
            answer = submitter.submit_data(batch_id) or {}
            return {'status': 'Success', 'data': {'batchStatus': {'id': batch_id,
                                                                  'status': answer.get('status', 'Queued')}}}
        return self._guard('batch', halt_on_error, {}, call)

    def poll(self, batch_id, retry_seconds=None, back_off=None, timeout=None, halt_on_error=True):
        """Poll a job until it completes.

        Args:
            batch_id (int): The job.
            retry_seconds (float): Seconds between the first checks (default ``poll_interval``).
            back_off (float): Growth factor of the wait between checks.
            timeout (float): Seconds before giving up (default :attr:`poll_timeout`).
            halt_on_error (bool): False: log a failure and return ``{}``.

        Returns:
            dict: The status body (``data.batchStatus`` has id, status and the counts).
        """
        return self._guard('poll', halt_on_error, {}, lambda: self.submitter.poll(
            batch_id, interval=retry_seconds, backoff=back_off, timeout=timeout))

    def errors(self, batch_id, halt_on_error=True):
        """Return the error entries of a completed job (``[]`` when none).

        Args:
            batch_id (int): The job.
            halt_on_error (bool): False: log a failure and return ``[]``.

        Returns:
            list: The error entries.
        """
        return self._guard('errors', halt_on_error, [], lambda: self.submitter.errors(batch_id))

    def submit_files(self, halt_on_error=True):
        """Upload Document and Report content.

        A refused upload is reported in the list (and the store is kept, so a rerun
        uploads it without sending the data again); with ``halt_on_file_error = True`` it
        raises :class:`~tcex.errors.BatchError` instead, after every file was tried.

        Args:
            halt_on_error (bool): False: log a failure of the requests and return ``[]``.

        Returns:
            list: One dict per file: xid, type, method, status, statusCode, message and
            tcex's ``uploaded`` (bool).
        """
        results = self._guard('file', halt_on_error, [], lambda: self.submitter.submit_files())
        results = [upload_status(item) for item in results]
        self._raise_failed_uploads(results)
        return results

    def _raise_failed_uploads(self, uploads):
        failed = [item.get('xid') for item in uploads or () if not item.get('uploaded')]
        if failed and self.halt_on_file_error:
            raise BatchError('{} file upload(s) failed ({}); the store {} is kept for a rerun'.format(
                len(failed), ', '.join(str(x) for x in failed[:5]), self.store.path), value=failed)

    # -- Option 1 ------------------------------------------------------------------------
    def _submit(self, poll, errors, process_files, halt_on_error):
        submitter = self.submitter
        if self.debug and self._write_debug_json is not None:  # tcex's debug mode: the JSON goes first
            self._write_debug_json()
        try:
            result = submitter.submit(poll=poll, errors=errors, process_files=process_files)
        except TcExError as exc:
            if self._halt(submitter.step, halt_on_error):
                raise
            log.error('batch: %s (halt_on_error is off: returning what was submitted; the store %s is kept '
                      'for a rerun)', exc, self.store.path)
            # what was not sent counts as unprocessed: the exit code says the run is not a success
            result = aggregate(submitter.journal.chunks(), None, halted=True, unsent=self.store.unsent_count(),
                               errors=errors)
            submitter.journal.reported()  # returned: the next run's result counts only its own work
        jobs = result.pop('jobs', [])
        self.summary = result
        self._raise_failed_uploads(result.get('uploadStatus'))
        return jobs, result

    def submit(self, poll=True, errors=True, process_files=True, halt_on_error=True):
        """Send the batch (every chunk), poll, fetch errors, upload files.

        Args:
            poll (bool): Wait for the last job to complete.
            errors (bool): Fetch the error entries of jobs that report errors.
            process_files (bool): Upload Document and Report content (only when polling).
            halt_on_error (bool): False: a failing step is logged and what was submitted
                is returned (the store is kept for a rerun).

        Returns:
            dict: One status: the ``batchStatus`` keys summed over the jobs (``id``,
            ``status``, ``errorCount``, ``successCount``, ``unprocessCount``), ``errors``,
            ``uploadStatus``, and this SDK's ``batchIds``, ``chunks``, ``halted``...
            (also :attr:`summary`).
        """
        return self._submit(poll, errors, process_files, halt_on_error)[1]

    def submit_all(self, poll=True, errors=True, process_files=True, halt_on_error=True):
        """Send every chunk, one batch job each; poll them, fetch errors, upload files.

        Args:
            poll (bool): Wait for the last job to complete.
            errors (bool): Fetch the error entries of jobs that report errors.
            process_files (bool): Upload Document and Report content (only when polling).
            halt_on_error (bool): False: a failing step is logged and what was submitted
                is returned (the store is kept for a rerun).

        Returns:
            SubmitResult: A list with one status dict per job, as tcex returned
            (``result[0]['successCount']``); the aggregate is ``result.summary`` and
            :attr:`summary`.
        """
        jobs, result = self._submit(poll, errors, process_files, halt_on_error)
        return SubmitResult(jobs, result)

    def outcome(self):
        """Return ``(ExitCode, one-line summary)`` of the last submit (see :func:`tcex.batch.outcome`).

        Returns:
            tuple: ``(ExitCode, str)``.

        Raises:
            BatchError: Nothing was submitted yet.
        """
        if self.summary is None:
            raise BatchError('nothing was submitted yet: call submit_all() first')
        return outcome(self.summary)
