# -*- coding: utf-8 -*-
"""``ThreatConnectEmulator``: an offline stand-in for the ThreatConnect v2 API."""
from __future__ import absolute_import, division, print_function, unicode_literals

import binascii
import logging
import os
import socket
import threading
import time

from tcex.errors import ArgumentError, TcExError
from tcex.testing import batch_api, routes, rules
from tcex.testing.auth import Credentials
from tcex.testing.faults import Fault, FaultPlan
from tcex.testing.server import EmulatorServer
from tcex.testing.state import Store
from tcex.testing.wire import Failure

LOG = logging.getLogger('tcex.testing')


def _random_hex(size):
    return binascii.hexlify(os.urandom(size)).decode('ascii')


class ThreatConnectEmulator(object):
    """A real local HTTP server behaving like the ThreatConnect v2 API.

    Use it as a context manager (``with ThreatConnectEmulator() as tc:``) or call
    :meth:`start` / :meth:`stop`. Every knob below is also a writable attribute
    that takes effect on the next request.

    Args:
        owner (str): The API user's default organization.
        owners (list): Further owner names (communities/sources) that exist.
        host (str): Interface to bind (loopback by default).
        port (int): Port to bind (0 picks a free one).
        polls_until_complete (int): Status polls answered ``Queued``/``Running``
            before a job completes (0: ``Completed`` on the first poll).
        processing_delay (float): Seconds (on ``clock``) after the upload before a
            job may complete.
        synchronous_limit (int): When set, ``createAndUpload`` jobs with at most
            this many entities are processed at once and answered ``Completed``.
        upload_limit (int): Batch input size limit (bytes) of the platform.
        max_body_bytes (int): Largest request body accepted; larger gets 413.
        max_indicators (int): Indicators allowed in one batch job.
        token_ttl (float): Seconds until the API token expires.
        clock (callable): Returns epoch seconds (HMAC window, token expiry, dates).
        indicator_types (list): Indicator type dicts (API shape) served and accepted;
            default: the standard types plus the custom type ``Hashtag``.
        attribute_types (list): Attribute type names every owner has; a batch attribute of
            another type is an error of its entity, as on the platform (default:
            ``tcex.testing.rules.DEFAULT_ATTRIBUTE_TYPES``, the platform's common types).
        api_access_id (str): Fixed access id (default: random).
        api_secret_key (str): Fixed secret key (default: random).

    Attributes:
        url (str): The ``tc_api_path`` (``http://127.0.0.1:PORT/api``) once started.
        api_access_id (str): HMAC access id.
        api_secret_key (str): HMAC secret key.
        token (str): API token (``Authorization: TC-Token <token>``).
        token_expires (int): Token expiry, epoch seconds.
        owner (str): Default owner.
        owners (list): Every owner name, the default first.
    """

    def __init__(self, owner='Demo Organization', owners=None, host='127.0.0.1', port=0,
                 polls_until_complete=2, processing_delay=0, synchronous_limit=None,
                 upload_limit=2000000, max_body_bytes=16 * 1024 * 1024, max_indicators=25000,
                 token_ttl=3600, clock=time.time, indicator_types=None, api_access_id=None,
                 api_secret_key=None, attribute_types=None):
        self.owner = owner
        self.owners = [owner] + [x for x in (owners or []) if x != owner]
        self.host = host
        self.port = port
        self.polls_until_complete = int(polls_until_complete)
        self.processing_delay = processing_delay
        self.synchronous_limit = synchronous_limit
        self.upload_limit = int(upload_limit)
        self.max_body_bytes = int(max_body_bytes)
        self.max_indicators = int(max_indicators)
        self.token_ttl = token_ttl
        self.clock = clock
        self.indicator_types = list(indicator_types or rules.default_indicator_types())
        self.attribute_types = list(rules.DEFAULT_ATTRIBUTE_TYPES if attribute_types is None else attribute_types)
        self.credentials = Credentials(api_access_id or str(int(_random_hex(10), 16)).zfill(20)[-20:],
                                       api_secret_key or _random_hex(24),
                                       _random_hex(16), clock() + token_ttl)
        self.store = Store(self.owners, clock=clock)
        self.faults = FaultPlan()
        self.url = None
        self._server = None
        self._thread = None
        self._stopping = threading.Event()

    # ---- lifecycle -----------------------------------------------------------------------
    def start(self):
        """Bind and serve in a background (daemon) thread; return self."""
        if self._server is not None:
            return self
        self._stopping.clear()
        try:
            self._server = EmulatorServer((self.host, self.port), self)
        except (socket.error, OverflowError, ValueError, TypeError) as exc:
            reason = getattr(exc, 'strerror', None) or exc
            raise TcExError('cannot listen on {}:{}: {}'.format(self.host, self.port, reason),
                            value='{}:{}'.format(self.host, self.port))
        self.port = self._server.server_address[1]
        self.url = 'http://{}:{}/api'.format(self.host, self.port)
        self._thread = threading.Thread(target=self._server.serve_forever,
                                        kwargs={'poll_interval': 0.05},
                                        name='tcex-emulator-{}'.format(self.port))
        self._thread.daemon = True
        self._thread.start()
        LOG.debug('emulator: serving %s', self.url)
        return self

    def stop(self):
        """Stop serving and release the port (safe to call twice)."""
        if self._server is None:
            return
        self._stopping.set()
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(5)
        self._server = None
        self._thread = None
        LOG.debug('emulator: stopped %s', self.url)

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.stop()

    def wait(self, seconds):
        """Block a request thread for ``seconds`` (cut short by :meth:`stop`)."""
        self._stopping.wait(seconds)

    # ---- credentials ---------------------------------------------------------------------
    @property
    def api_access_id(self):
        """str: The HMAC access id."""
        return self.credentials.access_id

    @property
    def api_secret_key(self):
        """str: The HMAC secret key."""
        return self.credentials.secret_key

    @property
    def token(self):
        """str: The current API token."""
        return self.credentials.token

    @property
    def token_expires(self):
        """int: The token's expiry (epoch seconds)."""
        return int(self.credentials.token_expires)

    def expire_token(self):
        """Make the current token expired: token requests now get 401 ``Unauthorized``."""
        self.credentials.token_expires = self.clock() - 1

    def renew_token(self):
        """Issue a new token valid for ``token_ttl`` (the old one stops working); return it."""
        self.credentials.token = _random_hex(16)
        self.credentials.token_expires = self.clock() + self.token_ttl
        return self.credentials.token

    def app_args(self, token=False):
        """Return the argv an App needs to talk to this emulator.

        Args:
            token (bool): Pass token credentials (``--tc_token``, ``--tc_token_expires``)
                instead of ``--api_access_id`` / ``--api_secret_key``.
        """
        if self.url is None:
            raise ArgumentError('the emulator is not started; call start() first')
        args = ['--tc_api_path', self.url]
        if token:
            args += ['--tc_token', self.token, '--tc_token_expires', str(self.token_expires)]
        else:
            args += ['--api_access_id', self.api_access_id, '--api_secret_key',
                     self.api_secret_key]
        return args + ['--api_default_org', self.owner]

    # ---- used by routes ------------------------------------------------------------------
    def require_owner(self, name):
        """Raise a 403 failure unless ``name`` is an existing owner."""
        if self.store.owner(name) is None:
            raise Failure(403, 'Owner {!r} does not exist or is not accessible.'.format(name))

    def indicator_type_map(self):
        """Return ``{type name: type dict}`` of the accepted indicator types."""
        return dict((x['name'], x) for x in self.indicator_types)

    # ---- fault injection -----------------------------------------------------------------
    def inject(self, endpoint, status=None, count=1, retry_after=None, body=None, hang=None,
               drop=False):
        """Make the next ``count`` requests to ``endpoint`` misbehave.

        Args:
            endpoint (str): An endpoint id (see :data:`ENDPOINTS`) or ``'*'`` for any.
            status (int): Answer with this status (JSON failure body unless ``body``).
            count (int): How many requests the fault applies to.
            retry_after (int): Send this ``Retry-After`` header with ``status``.
            body: Body to answer with (JSON-able, text or bytes).
            hang (float): Stall this many seconds first (then answer ``status``, or
                normally when no status is given).
            drop (bool): Close the connection without any response.
        """
        if endpoint != '*' and endpoint not in routes.ENDPOINTS:
            raise ArgumentError('unknown emulator endpoint {!r}; expected one of {}'.format(
                endpoint, ', '.join(routes.ENDPOINTS)), value=endpoint)
        if status is None and not hang and not drop:
            raise ArgumentError('inject() needs status, hang or drop', value=endpoint)
        if int(count) < 1:
            raise ArgumentError('inject() count must be at least 1, got {}'.format(count),
                                value=count)
        self.faults.add(Fault(endpoint, count=count, status=status, retry_after=retry_after,
                              body=body, hang=hang, drop=drop))

    def clear_faults(self):
        """Forget injected faults that were not used up."""
        self.faults.clear(counts=False)

    def request_count(self, endpoint=None):
        """Return how many requests reached ``endpoint`` (all endpoints when None)."""
        return self.faults.count(endpoint)

    def request_counts(self):
        """Return ``{endpoint id: request count}``."""
        return self.faults.counts()

    # ---- read-back -----------------------------------------------------------------------
    def groups(self, owner=None, type=None):  # pylint: disable=redefined-builtin
        """Return groups (dicts in the batch JSON shape plus ``id``, ``ownerName``, ...)."""
        return self.store.groups(owner, type)

    def group(self, xid, owner=None):
        """Return the group with this xid (or numeric id), or None."""
        return self.store.group(xid, owner)

    def indicators(self, owner=None, type=None):  # pylint: disable=redefined-builtin
        """Return indicators (dicts in the batch JSON shape plus ``id``, ``ownerName``, ...)."""
        return self.store.indicators(owner, type)

    def indicator(self, summary_or_xid, owner=None):
        """Return the indicator with this xid, summary or File hash, or None."""
        return self.store.indicator(summary_or_xid, owner)

    def security_labels(self, owner=None):
        """Return the security labels of ``owner`` (default owner when None)."""
        return self.store.labels(owner or self.owner)

    def file(self, xid, owner=None):
        """Return the uploaded content of a Document/Report as bytes, or None."""
        return self.store.files(owner).get(xid)

    @property
    def files(self):
        """dict: ``{group xid: bytes}`` of every uploaded Document/Report content."""
        return self.store.files()

    @property
    def batch_jobs(self):
        """list: Every batch job as a dict (id, config, status, data, errors, batchStatus...)."""
        with self.store.lock:
            return [job.to_dict() for job in self.store.jobs.values()]

    def batch_job(self, batch_id):
        """Return one batch job as a dict, or None."""
        with self.store.lock:
            job = self.store.jobs.get(int(batch_id))
            return job.to_dict() if job else None

    def forget_jobs(self, *batch_ids):
        """Forget batch jobs (every job when no id is given).

        The API then answers 404 for them, as for a job the platform purged or one created
        on another instance.

        Args:
            *batch_ids (int): The jobs to forget.
        """
        with self.store.lock:
            for batch_id in batch_ids or list(self.store.jobs):
                self.store.jobs.pop(int(batch_id), None)

    def finish_jobs(self):
        """Complete every uploaded job now, without waiting for polls."""
        batch_api.finish_all(self)

    def reset(self):
        """Forget all data, jobs, faults and request counts (credentials stay)."""
        self.store.reset()
        self.faults.clear()

    def __repr__(self):
        return 'ThreatConnectEmulator(url={!r}, owner={!r})'.format(self.url, self.owner)


#: Endpoint ids usable with :meth:`ThreatConnectEmulator.inject` and ``request_count``.
ENDPOINTS = routes.ENDPOINTS
