# -*- coding: utf-8 -*-
"""What a batch holds, as tcex 0.8 showed it: the payload dict, JSON files, counts, file contents.

:class:`BatchExport` is owned by a :class:`tcex.batch.Batch` (its ``export``) and reads only
the batch's public parts: the :class:`~tcex.batch.builder.pool.EntityPool` (written first, so
pending entities are included) and the :class:`~tcex.batch.store.Store`.
"""
from __future__ import absolute_import, division, print_function, unicode_literals

import io
import json
import logging
import os

import six

from tcex.batch.types import Kind

log = logging.getLogger('tcex.batch')


def _open_private(path, mode, **kwargs):
    """Open ``path`` for writing, created or truncated, readable by its owner only."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    os.chmod(path, 0o600)  # an existing file keeps its mode otherwise
    return io.open(fd, mode, **kwargs)


class BatchExport(object):
    """Read a batch's entities back: as a dict, as JSON files, as counts.

    Args:
        pool (tcex.batch.builder.pool.EntityPool): The batch's pool (flushed before each read).
        store (tcex.batch.store.Store): The batch's store.
        temp_path (str): Folder of :meth:`write_batch_json` files (default: the store's folder).
        view (callable): Returns the function applied to each stored JSON text (None: as stored);
            see :meth:`tcex.batch.submit.config.JobConfig.payload_view`.
    """

    def __init__(self, pool, store, temp_path=None, view=None):
        self.pool = pool
        self.store = store
        self.temp_path = temp_path
        self._view = view or (lambda: None)
        self.json_count = 0  #: int: The number of the next :meth:`write_batch_json` file.

    @property
    def data(self):
        """dict: The batch payload ``{"group": [...], "indicator": [...]}``."""
        self.pool.flush()
        return dict((kind.key, [json.loads(text) for text in self._texts(kind)]) for kind in Kind.ALL)

    def _texts(self, kind):
        """Yield the payload JSON text of each entity of one kind, in order."""
        view = self._view()
        for _, text in self.store.iter_rows(kind.value):
            yield text if view is None else view(text)

    def count(self, kind=None):
        """Return the number of entities in the batch (of one :class:`~tcex.batch.types.Kind` when given)."""
        self.pool.flush()
        return self.store.count(None if kind is None else kind.value)

    def file_count(self):
        """Return the number of Document and Report contents waiting for upload."""
        return sum(1 for _ in self.store.iter_files())

    def files(self):
        """Return ``{xid: {"fileContent", "type"}}`` of the Document and Report contents to upload (tcex's)."""
        return dict((xid, {'fileContent': content, 'type': type_name})
                    for xid, type_name, content in self.pool.iter_files())

    def write_json(self, path):
        """Write the whole batch JSON to a file (owner-only permissions), streamed from the store.

        Args:
            path (str): The file.

        Returns:
            int: Bytes written.
        """
        self.pool.flush()
        written = 0
        with _open_private(path, 'wb') as handle:
            for kind, head in ((Kind.GROUP, '{"group":['), (Kind.INDICATOR, '],"indicator":[')):
                handle.write(head.encode('utf-8'))
                written += len(head)
                first = True
                for text in self._texts(kind):
                    piece = (text if first else ',' + text).encode('utf-8')
                    handle.write(piece)
                    written += len(piece)
                    first = False
            handle.write(b']}')
        return written + 2

    def write_batch_json(self, content=None):
        """Write batch JSON to ``<temp_path>/batch-<n>.json`` (tcex's debug file), n counting up.

        Args:
            content (dict): The JSON to write; None writes the whole batch (streamed).

        Returns:
            str: The file written.
        """
        folder = self.temp_path or os.path.dirname(self.store.path)
        path = os.path.join(folder, 'batch-{}.json'.format(self.json_count))
        self.json_count += 1
        if content is None:
            self.write_json(path)
        else:
            with _open_private(path, 'w', encoding='utf-8') as handle:
                handle.write(six.text_type(json.dumps(content, indent=2, sort_keys=True)))
        log.debug('batch JSON written to %s', path)
        return path
