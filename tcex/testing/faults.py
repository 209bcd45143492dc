# -*- coding: utf-8 -*-
"""Fault injection: make the next requests to an endpoint misbehave."""
from __future__ import absolute_import, division, print_function, unicode_literals

import threading


class Fault(object):
    """One injected fault.

    Attributes:
        endpoint (str): Endpoint id (e.g. ``batch.status``) or ``*`` for any.
        count (int): How many more requests it applies to.
        status (int|None): Status code to answer with.
        retry_after (int|None): ``Retry-After`` header value.
        body: JSON-able body (or bytes/text) to answer with.
        hang (float|None): Seconds to stall before answering.
        drop (bool): Close the connection without a response.
    """

    def __init__(self, endpoint, count=1, status=None, retry_after=None, body=None, hang=None,
                 drop=False):
        self.endpoint = endpoint
        self.count = int(count)
        self.status = status
        self.retry_after = retry_after
        self.body = body
        self.hang = hang
        self.drop = bool(drop)

    def __repr__(self):
        return 'Fault({!r}, count={}, status={}, hang={}, drop={})'.format(
            self.endpoint, self.count, self.status, self.hang, self.drop)


class FaultPlan(object):
    """Queued faults plus per-endpoint request counts (thread safe)."""

    def __init__(self):
        self._lock = threading.Lock()
        self._faults = []
        self._counts = {}

    def add(self, fault):
        """Queue a fault (faults apply in the order they were added)."""
        if fault.count < 1:
            raise ValueError('count must be at least 1, got {}'.format(fault.count))
        with self._lock:
            self._faults.append(fault)

    def take(self, endpoint):
        """Count a request to ``endpoint`` and return the fault to apply, if any."""
        with self._lock:
            self._counts[endpoint] = self._counts.get(endpoint, 0) + 1
            for fault in self._faults:
                if fault.endpoint in (endpoint, '*'):
                    fault.count -= 1
                    if fault.count <= 0:
                        self._faults.remove(fault)
                    return fault
        return None

    def pending(self):
        """Return the faults not yet used up (copies of their repr)."""
        with self._lock:
            return list(self._faults)

    def count(self, endpoint=None):
        """Return the number of requests seen for ``endpoint`` (all when None)."""
        with self._lock:
            if endpoint is None:
                return sum(self._counts.values())
            return self._counts.get(endpoint, 0)

    def counts(self):
        """Return a copy of the per-endpoint counts."""
        with self._lock:
            return dict(self._counts)

    def clear(self, counts=True):
        """Drop queued faults (and the counts when ``counts``)."""
        with self._lock:
            del self._faults[:]
            if counts:
                self._counts.clear()
