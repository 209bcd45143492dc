# -*- coding: utf-8 -*-
"""Where a batch keeps its entities: the only package of tcex.batch that runs SQL.

Modules: :mod:`~tcex.batch.store.sqlite` (:class:`~tcex.batch.store.sqlite.Store`, the facade),
:mod:`~tcex.batch.store.entities` (the entity rows), :mod:`~tcex.batch.store.sent` (the chunk
each row was sent in), :mod:`~tcex.batch.store.schema` (opening the file, its tables),
:mod:`~tcex.batch.store.tail` (new rows kept in memory), :mod:`~tcex.batch.store.xid_filter`
(the "maybe stored" test), :mod:`~tcex.batch.store.transaction` (one transaction per write),
:mod:`~tcex.batch.store.contents` (Document/Report content),
:mod:`~tcex.batch.store.journal` (the submit journal's tables), :mod:`~tcex.batch.store.file`
(claiming the file: lock, no links, move aside), :mod:`~tcex.batch.store.chunks` (stored
entities as upload payloads) and :mod:`~tcex.batch.store.live` (the live-entity map).
"""
from __future__ import absolute_import, division, print_function, unicode_literals

from tcex.batch.store.live import LiveMap  # noqa: F401
from tcex.batch.store.sqlite import KIND_GROUP, KIND_INDICATOR, MEMORY_BYTES, ROW_OVERHEAD, Store  # noqa: F401

__all__ = ['KIND_GROUP', 'KIND_INDICATOR', 'MEMORY_BYTES', 'ROW_OVERHEAD', 'LiveMap', 'Store']
