# -*- coding: utf-8 -*-
"""The submit methods of :class:`tcex.batch.Batch`, with tcex 0.8's names, keywords and return shapes.

Every method delegates to :class:`tcex.batch.submit.submitter.BatchSubmitter`. What this module adds
is the tcex 0.8 surface:

* ``submit_all()`` returns a list with one status dict per batch job
  (:class:`~tcex.batch.submit.outcome.SubmitResult`), ``submit()`` one dict; the aggregate
  stays available as ``batch.summary`` (and ``result.summary``).
* ``halt_on_error`` on every step: True raises the step's :class:`~tcex.errors.TcExError`
  (what this SDK always did); False logs it and returns what the step got (``None``,
  ``{}`` or ``[]``, as tcex did). The properties ``halt_on_batch_error`` (job creation and
  data upload), ``halt_on_poll_error`` (polling, error retrieval) and
  ``halt_on_file_error`` (file uploads) override the keyword when set.
* ``poll_timeout`` (seconds) applies to every later poll.
"""
from __future__ import absolute_import, division, print_function, unicode_literals

import logging

from tcex.batch import defaults
from tcex.batch.submit.outcome import SubmitResult, aggregate, outcome, upload_status
from tcex.errors import BatchError, TcExError

log = logging.getLogger('tcex.batch')

_STEP_HALT = {'batch': 'halt_on_batch_error', 'poll': 'halt_on_poll_error', 'errors': 'halt_on_poll_error',
              'file': 'halt_on_file_error'}


def _flag(value):
    """Return a halt override: None (not set) or a bool."""
    return None if value is None else bool(value)


class SubmitMixin(object):
    """Submit methods and settings; mixed into Batch (which provides ``_get_submitter``)."""

    halt_on_batch_error = None
    halt_on_file_error = None
    halt_on_poll_error = None
    summary = None

    def _init_submit(self, submit_options):
        self.submit_options = submit_options
        self._submitter = None
        self.summary = None

    # -- tcex 0.8 settings ---------------------------------------------------------------
    @property
    def poll_timeout(self):
        """float: Seconds after which polling one job gives up (default 3600)."""
        value = self.submit_options.get('poll_timeout')
        return defaults.POLL_TIMEOUT if value is None else value

    @poll_timeout.setter
    def poll_timeout(self, seconds):
        self.submit_options['poll_timeout'] = float(seconds)
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
        return self._guard('batch', halt_on_error, None, lambda: self._get_submitter().submit_job())

    def submit_data(self, batch_id, halt_on_error=True):
        """Upload the next chunk not yet sent to the job ``batch_id``.

        Args:
            batch_id (int): From :meth:`submit_job`.
            halt_on_error (bool): False: log a failure and return ``{}``.

        Returns:
            dict: The API's answer, or None when nothing was left to send.
        """
        return self._guard('batch', halt_on_error, {}, lambda: self._get_submitter().submit_data(batch_id))

    def submit_create_and_upload(self, halt_on_error=True):
        """Create a job and upload the next chunk to it (tcex's one-request submit, in two requests).

        The two requests let the journal hold the batch id before any data is sent (see
        :mod:`tcex.batch.submit`).

        Args:
            halt_on_error (bool): False: log a failure and return ``{}``.

        Returns:
            dict: ``{"status": "Success", "data": {"batchStatus": {"id", "status"}}}``, or ``{}``
            when nothing is left to send.
        """
        def call():
            submitter = self._get_submitter()
            if not any(True for _ in submitter.batch.iter_chunks(unsent_only=True)):
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
        return self._guard('poll', halt_on_error, {}, lambda: self._get_submitter().poll(
            batch_id, interval=retry_seconds, backoff=back_off, timeout=timeout))

    def errors(self, batch_id, halt_on_error=True):
        """Return the error entries of a completed job (``[]`` when none).

        Args:
            batch_id (int): The job.
            halt_on_error (bool): False: log a failure and return ``[]``.
        """
        return self._guard('errors', halt_on_error, [], lambda: self._get_submitter().errors(batch_id))

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
        results = self._guard('file', halt_on_error, [], lambda: self._get_submitter().submit_files())
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
        submitter = self._get_submitter()
        if self.debug:  # tcex's debug mode: the batch JSON is written to tc_temp_path first
            self.write_batch_json()
        try:
            result = submitter.submit(poll=poll, errors=errors, process_files=process_files)
        except TcExError as exc:
            if self._halt(submitter.step, halt_on_error):
                raise
            log.error('batch: %s (halt_on_error is off: returning what was submitted; the store %s is kept '
                      'for a rerun)', exc, self.store.path)
            result = aggregate(submitter.journal.chunks(), None, halted=True, errors=errors)
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

        Raises:
            BatchError: Nothing was submitted yet.
        """
        if self.summary is None:
            raise BatchError('nothing was submitted yet: call submit_all() first')
        return outcome(self.summary)
