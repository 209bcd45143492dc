# -*- coding: utf-8 -*-
"""The batches one :class:`tcex.TcEx` makes: their store names, and closing them at exit."""
from __future__ import absolute_import, division, print_function, unicode_literals

import hashlib
import os
import re

import six


class BatchRegistry(object):
    """Names the store file of each batch a run makes and closes the open ones."""

    def __init__(self):
        self._counts = {}
        self._open = []

    def store_name(self, owner, action, temp_path):
        """Return the store file name of the next batch for ``owner`` and ``action``.

        The n-th batch of a run gets the same name on every run, so a run that died
        mid-submit is resumed by the next one using the same ``temp_path``; a name
        another open batch of this process uses (another ``TcEx``) is skipped.

        Args:
            owner (str): The owner the batch writes to.
            action (str): ``Create`` or ``Delete``.
            temp_path (str): The folder the store files are in (None: the current one).

        Returns:
            str: The file name (no folder).
        """
        from tcex.batch.batch import store_in_use  # pylint: disable=import-outside-toplevel

        key = (six.text_type(owner), six.text_type(action))
        slug = re.sub(r'[^A-Za-z0-9]+', '-', key[0]).strip('-').lower()[:40] or 'owner'
        digest = hashlib.sha256(key[0].encode('utf-8')).hexdigest()[:8]
        while True:
            self._counts[key] = number = self._counts.get(key, 0) + 1
            name = 'tcex-batch-{}-{}-{}-{}.db'.format(slug, digest, key[1].lower(), number)
            if not store_in_use(os.path.join(temp_path or '', name)):
                return name

    def add(self, batch):
        """Keep ``batch`` to close it in :meth:`close_all`."""
        self._open.append(batch)

    def close_all(self, logger):
        """Close every kept batch, newest first; a failure is logged and the rest still close.

        Args:
            logger (logging.Logger): Where a batch that cannot be closed is reported.
        """
        while self._open:
            batch = self._open.pop()
            try:
                batch.close()
            except Exception as exc:  # pylint: disable=broad-except
                logger.error('could not close %r: %s', batch, exc)
