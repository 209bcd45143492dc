# -*- coding: utf-8 -*-
"""Run one HTTP attempt under a wall-clock deadline.

A read timeout bounds each socket read, not the whole answer: a server (or proxy) that
sends one byte every few seconds keeps ``requests`` reading for ever. :func:`call_within`
runs the attempt in a worker thread and gives up waiting when the deadline passes; the
worker's late answer, if any, is closed when it arrives.
"""
from __future__ import absolute_import, division, print_function, unicode_literals

import threading

import requests


class DeadlineExceeded(requests.exceptions.Timeout):
    """The whole answer did not arrive before the request's deadline."""


class _Attempt(object):
    """The shared state of one attempt: its outcome and whether the caller gave up."""

    def __init__(self):
        self.done = threading.Event()
        self.lock = threading.Lock()
        self.abandoned = False
        self.response = None
        self.error = None


def _run(attempt, send):
    try:
        response = send()
    except BaseException as exc:  # pylint: disable=broad-except
        attempt.error = exc
        response = None
    with attempt.lock:
        attempt.response = response
        late = attempt.abandoned
    attempt.done.set()
    if late and response is not None:
        response.close()


def call_within(send, seconds):
    """Call ``send()`` and return its result, giving up after ``seconds``.

    Args:
        send (callable): Sends the request and returns the ``requests.Response``
            (with the body read unless the caller asked to stream it).
        seconds (float): The time left; None runs ``send`` in the calling thread.

    Returns:
        requests.Response: The response.

    Raises:
        DeadlineExceeded: When no complete answer came back in time.
        Exception: Whatever ``send`` raised.
    """
    if seconds is None:
        return send()
    attempt = _Attempt()
    worker = threading.Thread(target=_run, args=(attempt, send), name='tcex-http-attempt')
    worker.daemon = True
    worker.start()
    attempt.done.wait(max(0.0, seconds))
    with attempt.lock:
        if attempt.response is None and attempt.error is None:
            attempt.abandoned = True
            raise DeadlineExceeded('no complete answer within {:g} s'.format(max(0.0, seconds)))
    if attempt.error is not None:
        raise attempt.error
    return attempt.response
