# -*- coding: utf-8 -*-
"""How long a batch's store stays open, and what is left of it when it closes.

:class:`StoreLease` is owned by a :class:`tcex.batch.Batch` (its ``lease``): it records the
store as open in this process (see :func:`store_in_use`), closes it at interpreter exit when
nobody did, and applies the close policy of :meth:`StoreLease.close` (a temporary store is
removed; a named store is kept while it holds rows not yet submitted, for the next run).
"""
from __future__ import absolute_import, division, print_function, unicode_literals

import atexit
import logging
import os
import weakref

from tcex.errors import TcExError

log = logging.getLogger('tcex.batch')

#: The store files open in this process (path -> Store, weakly held), so that two TcEx objects
#: in one process never pick the same store file (see :func:`store_in_use`).
_STORES_IN_USE = weakref.WeakValueDictionary()


def store_in_use(path):
    """Tell whether a store file is open in this process by a batch not yet closed.

    Args:
        path (str): The store file.

    Returns:
        bool: True when an open batch of this process uses it.
    """
    store = _STORES_IN_USE.get(os.path.abspath(path))
    return store is not None and not store.closed


def _close_at_exit(ref):
    """Close a lease nobody closed (atexit): pending entities are written, a named store kept."""
    lease = ref()
    if lease is not None:
        try:
            lease.close()
        except Exception as exc:  # pylint: disable=broad-except
            log.warning('batch: could not close %s at exit: %s', lease.store.path, exc)


class StoreLease(object):
    """The open life of one batch store.

    Args:
        store (tcex.batch.store.Store): The store (registered as in use until closed).
        flush (callable): Writes the batch's pending entities that pass their checks to the
            store (before a kept store is closed) and returns the errors of the others.
    """

    def __init__(self, store, flush):
        self.store = store
        self.flush = flush
        _STORES_IN_USE[os.path.abspath(store.path)] = store
        ref = weakref.ref(self)  # the exit hook must not keep the batch's parts alive

        def close_at_exit():
            _close_at_exit(ref)
        self._at_exit = close_at_exit
        atexit.register(close_at_exit)

    def __del__(self):
        """A batch dropped without ``close()`` is closed as at exit (pending entities kept)."""
        try:
            self.close()
        except Exception as exc:  # pylint: disable=broad-except  (never raise from a finalizer)
            log.warning('batch: could not close %s when it was dropped: %s', self.store.path, exc)

    def close(self, remove=None):
        """Close the store.

        A temporary store is removed. A named store is removed when nothing in it is left to
        submit, and kept otherwise, with a log line saying where, so the next run with the
        same ``tc_temp_path`` resumes from it.

        Args:
            remove (bool): Force (True) or prevent (False) removing the store file; a kept
                store first receives the pending entities.
        """
        store = self.store
        if store.closed:
            return
        if hasattr(atexit, 'unregister'):  # Python 3; on 2.7 the exit hook finds the store closed
            atexit.unregister(self._at_exit)
        if not (store.temporary if remove is None else remove):  # kept: pending entities go in first
            try:
                for error in self.flush():  # an invalid entity does not keep the valid ones out
                    log.warning('batch: %s; this entity is not kept', error)
            except TcExError as exc:
                log.warning('batch: %s; entities that could not be written are not kept', exc)
        if remove is None and not store.temporary:
            left = store.row_count()
            remove = left == 0
            if left:
                log.warning('batch store kept for resume: %s (%d rows not yet submitted)', store.path, left)
        store.close(remove)
