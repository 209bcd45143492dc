# -*- coding: utf-8 -*-
"""Opening the batch store file: owner-only, never through a symbolic link, one run at a time.

:func:`claim` opens (or creates) the file with ``O_NOFOLLOW`` and mode 0600 and takes an
exclusive ``flock`` on that descriptor for as long as the store is open, so a second App
(or a second batch of the same App) on the same store gets a clear error instead of
SQLite's ``database is locked`` or ``disk I/O error``. The ``flock`` lock is independent
of the POSIX record locks SQLite uses; the descriptor is closed only after the SQLite
connection (closing another descriptor of the file first would drop SQLite's locks).

:func:`move_aside` renames a store file that is not an SQLite database (with its
``-journal``, ``-wal`` and ``-shm`` files) so the run can start a fresh store.
"""
from __future__ import absolute_import, division, print_function, unicode_literals

import errno
import logging
import os
import sqlite3

from tcex.errors import BatchError

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows: SQLite's own locking is all there is
    fcntl = None

log = logging.getLogger('tcex.batch')

SIDE_FILES = ('-wal', '-shm', '-journal')
_NO_LOCKS = tuple(getattr(errno, name) for name in ('ENOLCK', 'EOPNOTSUPP', 'ENOTSUP', 'ENOSYS')
                  if hasattr(errno, name))
HELD = 'another run holds this store'


def held_error(path):
    """Return the error for a store another process (or batch) has open."""
    return BatchError('batch store {}: {} (an App still running with the same tc_temp_path); wait for it to '
                      'finish or use another tc_temp_path'.format(path, HELD), value=path)


def _refuse_links(path):
    for name in [path] + [path + suffix for suffix in SIDE_FILES]:
        if os.path.islink(name):
            raise BatchError('batch store {} is a symbolic link; the store is never opened through a link: use '
                             'a plain file (or remove the link)'.format(name), value=name)


def claim(path):
    """Open (creating it 0600 if missing) and lock the store file.

    Args:
        path (str): The store file.

    Returns:
        int: The open, locked file descriptor (pass it to :func:`release` after closing SQLite).

    Raises:
        BatchError: The path is a symbolic link, cannot be created, or another run holds it.
    """
    folder = os.path.dirname(path)
    try:
        if folder and not os.path.isdir(folder):
            os.makedirs(folder)
    except OSError as exc:
        raise BatchError('cannot create batch store {}: {}'.format(path, exc.strerror or exc), value=path)
    _refuse_links(path)
    flags = os.O_RDWR | os.O_CREAT | getattr(os, 'O_NOFOLLOW', 0) | getattr(os, 'O_CLOEXEC', 0)
    try:
        fd = os.open(path, flags, 0o600)
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            _refuse_links(path)  # raced into a link: same message
        raise BatchError('cannot create batch store {}: {}'.format(path, exc.strerror or exc), value=path)
    try:
        if hasattr(os, 'fchmod'):
            os.fchmod(fd, 0o600)
        if fcntl is not None:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except (IOError, OSError) as exc:
        if exc.errno in _NO_LOCKS:  # e.g. some network file systems: SQLite's own locking remains
            log.debug('batch store %s: no flock on this file system (%s)', path, exc)
            return fd
        os.close(fd)
        if exc.errno in (errno.EAGAIN, errno.EWOULDBLOCK, errno.EACCES):
            raise held_error(path)
        raise BatchError('cannot open batch store {}: {}'.format(path, exc.strerror or exc), value=path)
    return fd


def release(fd):
    """Unlock and close a descriptor from :func:`claim` (None is ignored)."""
    if fd is not None:
        try:
            os.close(fd)
        except OSError:
            pass


def not_a_database(exc):
    """Tell whether an SQLite error says the file is not (or no longer) an SQLite database."""
    if isinstance(exc, sqlite3.OperationalError):
        return False
    text = str(exc).lower()
    return 'not a database' in text or 'malformed' in text or 'encrypted' in text


def locked(exc):
    """Tell whether an SQLite error means another connection holds the database."""
    text = str(exc).lower()
    return 'locked' in text or 'busy' in text


def move_aside(path):
    """Rename ``path`` (and its side files) to ``<path>.corrupt`` (or ``.corrupt.N``); return the new name."""
    target = path + '.corrupt'
    number = 0
    while os.path.lexists(target):
        number += 1
        target = '{}.corrupt.{}'.format(path, number)
    try:
        os.rename(path, target)
        for suffix in SIDE_FILES:
            if os.path.lexists(path + suffix):
                os.rename(path + suffix, target + suffix)
    except OSError as exc:
        raise BatchError('batch store {} is not a database and cannot be moved aside: {}'.format(
            path, exc.strerror or exc), value=path)
    return target
