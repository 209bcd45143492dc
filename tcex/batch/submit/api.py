# -*- coding: utf-8 -*-
"""The batch v2 API calls: create a job, upload its data, poll it, read its errors.

:class:`BatchApi` is the HTTP half of :class:`tcex.batch.submit.submitter.BatchSubmitter`; it
knows URLs, bodies and response shapes, and nothing about chunks or resume.
"""
from __future__ import absolute_import, division, print_function, unicode_literals

import gzip
import io
import json
import logging
import time

from tcex.batch import defaults
from tcex.batch.submit.states import JobState
from tcex.errors import ApiConnectionError, ApiError, BatchError
from tcex.session.session import raise_for_api

logger = logging.getLogger('tcex.batch.submit')


def batch_status(body):
    """Return the ``batchStatus`` dict of a status body (``{}`` when absent)."""
    if not isinstance(body, dict):
        return {}
    data = body.get('data')
    if isinstance(data, dict) and isinstance(data.get('batchStatus'), dict):
        return data['batchStatus']
    return {}


def job_state(body):
    """Return the job's state (``Created``, ``Queued``, ``Running``, ``Completed``) from a status body."""
    status = batch_status(body).get('status')
    if status:
        return status
    if isinstance(body, dict) and body.get('status') not in (None, 'Success'):
        return body.get('status')  # the platform may answer just {"status": "Running"}
    return None


def _json(response, action):
    try:
        return response.json()
    except ValueError:
        raise ApiError('{} failed: API {} {} answered with a body that is not JSON'.format(
            action, response.status_code, response.request.method), status_code=response.status_code,
            url=response.request.url)


class BatchApi(object):
    """Batch v2 requests over a :class:`tcex.session.TcSession`.

    Args:
        session: The session, or a zero-argument callable returning it (resolved on first use).
        poll_interval (float): Seconds to wait after the first status check that is not final.
        poll_max_interval (float): Cap of the wait between status checks.
        poll_backoff (float): Factor by which the wait grows after each check.
        poll_timeout (float): Give up polling after this many seconds.
        sleep (callable): Waits between polls (injectable).
        clock (callable): Current Unix time (injectable).
    """

    def __init__(self, session, poll_interval=defaults.POLL_INTERVAL, poll_max_interval=defaults.POLL_MAX_INTERVAL,
                 poll_backoff=defaults.POLL_BACKOFF, poll_timeout=defaults.POLL_TIMEOUT,
                 sleep=time.sleep, clock=time.time):
        self._session = session
        self.poll_interval = float(poll_interval)
        self.poll_max_interval = float(poll_max_interval)
        self.poll_backoff = max(1.0, float(poll_backoff))
        self.poll_timeout = float(poll_timeout)
        self.sleep = sleep
        self.clock = clock

    @property
    def session(self):
        """TcSession: The session (a callable given at construction is called once)."""
        if self._session is None:
            raise BatchError('the batch has no API session: build it with tcex.batch(...) or pass session=')
        if callable(self._session) and not hasattr(self._session, 'request'):
            self._session = self._session()
        return self._session

    def create_job(self, config):
        """``POST /v2/batch``: create a job.

        The session never repeats this POST once it reached the server, so one call
        creates at most one job.

        Args:
            config (dict): The job config (``batch.job_config()``).

        Returns:
            int: The batch id.
        """
        response = self.session.post('/v2/batch', data=json.dumps(config).encode('utf-8'),
                                     headers={'Content-Type': 'application/json; charset=utf-8'})
        raise_for_api(response, 'create batch job')
        body = _json(response, 'create batch job')
        batch_id = (body.get('data') or {}).get('batchId') if isinstance(body, dict) else None
        if batch_id is None:
            raise ApiError('create batch job failed: API {} POST /v2/batch answered without data.batchId'.format(
                response.status_code), status_code=response.status_code, url=response.request.url)
        logger.debug('created batch job %s', batch_id)
        return int(batch_id)

    def upload(self, batch_id, payload):
        """``POST /v2/batch/{id}``: upload a job's input.

        When no answer comes back after the data was sent (dropped connection, timeout),
        the job's status tells whether the data arrived. While it is still ``Created`` the
        upload is repeated once *to the same job*: if the first upload lands after all, the
        API refuses the second (the job already has data), so the job gets the data once.

        Args:
            batch_id (int): The job.
            payload (bytes): The batch input JSON.

        Returns:
            dict: The API's answer (``{"status": "Queued"}``).

        Raises:
            BatchError: When the data is larger than the instance allows.
            ApiError: When the API refuses the upload.
        """
        path = '/v2/batch/{}'.format(batch_id)
        headers = {'Content-Type': 'application/octet-stream'}
        for attempt in (1, 2):
            try:
                response = self.session.post(path, data=payload, headers=headers)
            except ApiConnectionError as exc:
                if not exc.sent or attempt == 2:
                    raise
                state = job_state(self.status(batch_id))
                logger.warning('upload to batch job %s got no answer; the job is now %s', batch_id, state)
                if state == JobState.CREATED:
                    continue  # the data never arrived: sending it again cannot duplicate it
                return {'status': state}
            if attempt == 2 and response.status_code == 400 and 'already' in response.text.lower():
                # the first upload did land after all (it was only slow): the job has the data once
                logger.info('batch job %s already had its data', batch_id)
                return {'status': job_state(self.status(batch_id))}
            if response.status_code == 400 and 'allowable limit' in response.text:
                raise BatchError('batch job {}: the chunk of {} bytes is larger than the instance allows ({}); '
                                 'lower max_bytes (--batch_max_bytes)'.format(
                                     batch_id, len(payload), ' '.join(response.text.split())[:200]),
                                 value=len(payload))
            raise_for_api(response, 'upload data to batch job {}'.format(batch_id))
            try:
                return response.json()
            except ValueError:
                return {'status': JobState.QUEUED}
        return {}  # pragma: no cover - the loop always returns or raises

    def status(self, batch_id, deadline=None):
        """``GET /v2/batch/{id}?includeAdditional=true``: the job's status body (within ``deadline`` s)."""
        options = {} if deadline is None else {'deadline': deadline}
        response = self.session.get('/v2/batch/{}'.format(batch_id), params={'includeAdditional': 'true'}, **options)
        raise_for_api(response, 'get status of batch job {}'.format(batch_id))
        return _json(response, 'get status of batch job {}'.format(batch_id))

    def poll(self, batch_id, interval=None, backoff=None, timeout=None, stop_on_created=False):
        """Wait until a job is ``Completed``.

        The status is checked at once, then after ``poll_interval`` seconds, the wait
        growing by ``poll_backoff`` up to ``poll_max_interval``.

        Args:
            batch_id (int): The job.
            interval (float): Overrides ``poll_interval`` for this call.
            backoff (float): Overrides ``poll_backoff`` for this call.
            timeout (float): Overrides ``poll_timeout`` for this call.
            stop_on_created (bool): Return when the job is still ``Created`` at the second
                check (it holds no data, so it would never complete) instead of waiting for
                the timeout.

        Returns:
            dict: The final status body (``data.batchStatus`` has id, status, errorCount,
            successCount, unprocessCount, ...).

        Raises:
            BatchError: When the job is not completed within ``poll_timeout`` seconds.
        """
        poll_timeout = self.poll_timeout if timeout is None else float(timeout)
        poll_backoff = self.poll_backoff if backoff is None else max(1.0, float(backoff))
        started = self.clock()
        waited = 0.0
        wait = self.poll_interval if interval is None else float(interval)
        checks = 0
        while True:
            # a status answer trickled byte by byte must not hold the poll past poll_timeout
            left = poll_timeout - max(self.clock() - started, waited)
            body = self.status(batch_id, deadline=max(left, 1.0))
            checks += 1
            state = job_state(body)
            if state == JobState.COMPLETED:
                logger.debug('batch job %s completed after %d status checks', batch_id, checks)
                return body
            if state == JobState.CREATED and stop_on_created and checks > 1:
                return body  # Created at two checks a poll interval apart: the upload never landed
            elapsed = max(self.clock() - started, waited)
            if elapsed + wait > poll_timeout:
                raise BatchError('batch job {} did not complete within {:g} s (last status {}); run the App again '
                                 'with the same tc_temp_path to resume'.format(batch_id, poll_timeout, state),
                                 value=batch_id)
            logger.debug('batch job %s is %s; next check in %.1f s', batch_id, state, wait)
            self.sleep(wait)
            waited += wait
            wait = min(max(self.poll_max_interval, wait), wait * poll_backoff)

    def errors(self, batch_id):
        """``GET /v2/batch/{id}/errors``: the job's error entries.

        Args:
            batch_id (int): The job.

        Returns:
            list: ``{"errorReason": ..., "errorSource": ...}`` dicts; empty when the job has none.

        Raises:
            BatchError: When the job is still running.
        """
        response = self.session.get('/v2/batch/{}/errors'.format(batch_id))
        if response.status_code == 404:
            return []
        if response.status_code == 400 and 'Running' in response.text:
            raise BatchError('batch job {} is still running: poll it before asking for its errors'.format(batch_id),
                             value=batch_id)
        raise_for_api(response, 'get errors of batch job {}'.format(batch_id))
        content = response.content
        if content[:2] == b'\x1f\x8b':  # the platform may send the errors as a gzip file
            content = gzip.GzipFile(fileobj=io.BytesIO(content)).read()
        try:
            body = json.loads(content.decode('utf-8'))
        except (ValueError, UnicodeDecodeError):
            raise ApiError('get errors of batch job {} failed: the body is not JSON'.format(batch_id),
                           status_code=response.status_code, url=response.request.url)
        if isinstance(body, dict):
            body = body.get('data', body)
            if isinstance(body, dict):
                body = [body]
        return list(body) if isinstance(body, (list, tuple)) else [body]

