# -*- coding: utf-8 -*-
"""tcex 0.8 members of :class:`tcex.batch.Batch` that are not builders or submit steps.

``save(resource)`` (the memory-saving call Apps make after building each object),
``write_json(path)`` and tcex's ``write_batch_json(content)``/``debug``, ``settings``,
``group_len``/``indicator_len``/``file_len`` and ``str(batch)``.
"""
from __future__ import absolute_import, division, print_function, unicode_literals

import io
import json
import logging
import os

import six

from tcex.batch.entity import Entity
from tcex.batch.types import Kind
from tcex.batch.types.fields import GROUP_TYPES, normalise_type_name
from tcex.errors import BatchError

log = logging.getLogger('tcex.batch')


class CompatMixin(object):
    """tcex 0.8 members; mixed into Batch."""

    debug = False  #: tcex's debug switch: each submit also writes the batch JSON to tc_temp_path
    _json_count = 0

    def save(self, resource):
        """Persist a Group or Indicator to the store now (tcex's memory-saving call).

        Entities are written to the store in bulk anyway (past ``buffer_size`` pending
        ones), so Apps need not call this; an App written for tcex that calls it after
        each object gets the entity written at once.

        Args:
            resource (Entity|dict): An entity this batch built, or a Group/Indicator dict
                (Interface 3). A ``str`` is taken as a file path, for Apps written against
                earlier releases of this SDK: the batch JSON is written there (see
                :meth:`write_json`).

        Returns:
            bool|int: True when the entity is in the store (False when it still misses a
            required field and stays pending); for a path, the bytes written.
        """
        if isinstance(resource, (six.text_type, six.binary_type)):
            return self.write_json(resource)
        if isinstance(resource, dict):
            kind = Kind.GROUP if normalise_type_name(six.text_type(resource.get('type') or '')) in GROUP_TYPES \
                else Kind.INDICATOR
            resource = self.builder.add_dict(resource, kind)
        if not isinstance(resource, Entity) or not resource.belongs_to(self.pool):
            raise BatchError('save() takes a Group or Indicator of this batch (or its dict), not {}'.format(
                type(resource).__name__), value=resource)
        return self.pool.write_one(resource)

    def write_json(self, path):
        """Write the whole batch JSON to a file (owner-only permissions) for inspection.

        Args:
            path (str): The file.

        Returns:
            int: Bytes written.
        """
        self.flush()
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        os.chmod(path, 0o600)  # an existing file keeps its mode otherwise
        written = 0
        with io.open(fd, 'wb') as handle:
            for kind, head in ((Kind.GROUP, '{"group":['), (Kind.INDICATOR, '],"indicator":[')):
                handle.write(head.encode('utf-8'))
                written += len(head)
                first = True
                for _, text in self.store.iter_rows(kind.value):
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
        path = os.path.join(folder, 'batch-{}.json'.format(self._json_count))
        self._json_count += 1
        if content is None:
            self.write_json(path)
        else:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
            with io.open(fd, 'w', encoding='utf-8') as handle:
                handle.write(six.text_type(json.dumps(content, indent=2, sort_keys=True)))
        log.debug('batch JSON written to %s', path)
        return path

    @property
    def settings(self):
        """dict: The job settings (tcex's name for :meth:`job_config`)."""
        return self.job_config()

    @property
    def files(self):
        """dict: ``{xid: {"fileContent", "type"}}`` of the Document and Report contents to upload (tcex's)."""
        return dict((xid, {'fileContent': content, 'type': type_name})
                    for xid, type_name, content in self.iter_files())

    @property
    def group_len(self):
        """int: The number of Groups in the batch."""
        self.flush()
        return self.store.count(Kind.GROUP.value)

    @property
    def indicator_len(self):
        """int: The number of Indicators in the batch."""
        self.flush()
        return self.store.count(Kind.INDICATOR.value)

    @property
    def file_len(self):
        """int: The number of Document and Report contents waiting for upload."""
        return sum(1 for _ in self.store.iter_files())

    def __str__(self):
        return json.dumps(self.data, indent=4, sort_keys=True)
