# -*- coding: utf-8 -*-
"""The :class:`EntityPool`: pending entities, the live-object map, the store, file contents.

Entities are kept in memory only while they are pending (created or changed and not yet
written); past ``buffer_size`` pending entities they are serialized once, in bulk, into the
:class:`~tcex.batch.store.Store`. A map of weak references returns the same live object for
the same xid while the App holds it, and reloads the entity from the store otherwise, so
metadata always accumulates on one entity. The pool is the
:class:`~tcex.batch.entity.sink.EntitySink` of every entity of its batch.
"""
from __future__ import absolute_import, division, print_function, unicode_literals

import collections
import json
import logging
import sys
import weakref

import six

from tcex.batch.entity.encoder import identity_text
from tcex.batch.entity.sink import EntitySink
from tcex.batch.store import LiveMap
from tcex.batch.types.text import show
from tcex.batch.types.kind import Kind
from tcex.errors import BatchError, ValidationError

log = logging.getLogger('tcex.batch')

_ORDERED = dict if sys.version_info >= (3, 7) else collections.OrderedDict


def _loop_baseline():
    """Return the reference count of an entity that only :meth:`EntityPool._spill`'s loop holds.

    An entity written to the store needs a weak reference in the live map only while the App
    (or a metadata handle of it) still holds it; otherwise it is freed and a later lookup
    reloads it from the store. CPython's reference count tells which: this probe measures
    the count inside a loop of the same shape over the same mapping type. Without
    ``sys.getrefcount`` every entity counts as held.
    """
    if _getrefcount is None:  # pragma: no cover - not CPython
        return -1
    probe = _ORDERED()
    probe['xid'] = type(str('Probe'), (object,), {})()
    baseline = None
    for _xid, entity in probe.items():
        baseline = _getrefcount(entity)
    return baseline


_getrefcount = getattr(sys, 'getrefcount', None)
_BASELINE = _loop_baseline()
if _getrefcount is None:  # pragma: no cover - not CPython
    _getrefcount = id  # any positive number exceeds the baseline of -1: every entity is held


class EntityPool(EntitySink):
    """The entities of one batch, pending or written, and their store.

    Args:
        store (Store): The batch's store.
        types (TypeRegistry): The batch's types (to reload stored entities).
        buffer_size (int): Pending entities kept before they are serialized in bulk.

    Attributes:
        identity_only (bool): A Delete job: entities are written as their identity keys only
            (:func:`~tcex.batch.entity.encoder.identity_text`) and no cross-field check of a
            Create applies. Set by the batch.
    """

    def __init__(self, store, types, buffer_size):
        self.store = store
        self.types = types
        self.identity_only = False
        self._buffer_size = max(1, int(buffer_size))
        self._pending = _ORDERED()
        self._spill_at = self._buffer_size
        self._live = LiveMap(max(1024, self._buffer_size))
        self._callbacks = {}
        self._claims = {}  # xid -> Counter of (type, value) of attributes an earlier run stored

    # -- finding and creating ------------------------------------------------------------
    def may_know(self, xid):
        """Return False when no entity has this xid (fast: no store query)."""
        return xid in self._pending or xid in self._live.refs or self.store.may_contain(xid)

    def lookup(self, spec, xid):
        """Return the live or stored entity with this xid, or None.

        Raises:
            BatchError: The xid belongs to an entity of another type.
        """
        entity = self._pending.get(xid)
        if entity is None:
            entity = self._live.get(xid)
            if entity is None:
                row = self.store.get(xid)
                if row is None:
                    return None
                entity = self._reload(xid, row)
        if entity.spec is not spec:
            raise BatchError('xid {} is already used by a {} ({}), cannot reuse it for a {}'.format(
                xid, entity.spec.name, show(entity.identity), spec.name), value=xid)
        return entity

    def _reload(self, xid, row):
        kind, type_name, text = row
        data = json.loads(text)
        spec = self.types.spec(kind, type_name)
        cls = self.types.entity_class(spec)
        if kind == Kind.GROUP:
            entity = cls(self, xid, data['name'])
        else:
            entity = cls(self, xid, spec.split_summary(data['summary']))
        attributes = data.get('attribute')
        entity.restore(data)
        self._live.add(entity)
        if attributes and xid not in self._claims and self.store.existed_at_open(xid):
            self._claims[xid] = collections.Counter((a['type'], a['value']) for a in attributes)
        return entity

    # -- EntitySink ----------------------------------------------------------------------
    def queue(self, entity):
        """Make an entity pending; spill the others first when the buffer is full.

        The entity itself stays pending: the App usually adds its metadata right after
        creating it, and writing it now would mean writing it twice.
        """
        self.add(entity.xid, entity)

    def add(self, xid, entity):
        """Make a new (or changed) entity pending; spill the others first when the buffer is full."""
        pending = self._pending
        if len(pending) >= self._spill_at:
            pending.pop(xid, None)
            try:
                self._spill(force=False)
            finally:  # a failed write leaves the others pending: this one too, or its change is lost
                self._pending[xid] = entity
            return
        pending[xid] = entity

    def claim_attribute(self, xid, attr_type, value):
        """See :meth:`EntitySink.claim_attribute`."""
        counts = self._claims.get(xid)
        key = (attr_type, value)
        if not counts or counts.get(key, 0) <= 0:
            return False
        counts[key] -= 1
        return True

    def set_file(self, entity, content):
        """See :meth:`EntitySink.set_file`."""
        xid = entity.xid
        if content is None:
            self._callbacks.pop(xid, None)
            self.store.delete_file(xid)
            return
        if callable(content):
            self._callbacks[xid] = content
            self.store.put_file(xid, entity.spec.name, None)
        elif isinstance(content, (six.binary_type, six.text_type, bytearray)):
            if isinstance(content, bytearray):
                content = bytes(content)
            self._callbacks.pop(xid, None)
            self.store.put_file(xid, entity.spec.name, content)
        else:
            raise ValidationError('{} field file_content has invalid value of type {}: must be bytes, text or a '
                                  'callback(xid)'.format(entity.spec.name, type(content).__name__),
                                  value=content, type_name=entity.spec.name, field='file_content')

    def get_file(self, xid):
        """See :meth:`EntitySink.get_file`."""
        row = self.store.get_file(xid)
        if row is None:
            return None
        if row[2]:
            return self._callbacks.get(xid)
        return row[1]

    def iter_files(self):
        """Yield ``(xid, group_type, content)`` of every Document and Report content (callbacks not called)."""
        for xid, type_name, content, is_callback in self.store.iter_files():
            if is_callback:
                content = self._callbacks.get(xid)
                if content is None:
                    log.warning('batch: no content callback for %s %s in this process; skipped', type_name, xid)
                    continue
            yield xid, type_name, content

    # -- writing -------------------------------------------------------------------------
    def _spill(self, force):
        """Serialize pending entities (once each) and hand them to the store in bulk.

        Entities failing a cross-field check (e.g. a malware Document without a password)
        stay pending unless ``force``, in which case the error is raised before anything is
        written.
        """
        pending = self._pending
        keep = _ORDERED()
        for entity in () if self.identity_only else [e for e in pending.values() if e.spec.needs_check]:
            try:
                entity.check()
            except ValidationError:
                if force:
                    raise
                keep[entity.xid] = entity
        adjust = self._adjusts
        xids = []
        texts = []
        keys = []
        updated_rows = []
        refs = self._live.refs
        ref = weakref.ref
        getrefcount = _getrefcount
        baseline = _BASELINE
        for xid, entity in pending.items():
            if keep and xid in keep:
                continue
            text = entity.to_text()
            if adjust:
                text = self._adjusted_text(entity, text)
            spec = entity.spec
            if entity.written():
                updated_rows.append((xid, spec.kind.value, spec.name, text))
            else:
                xids.append(xid)
                texts.append(text)
                keys.append(spec.store_key)
            if getrefcount(entity) > baseline:  # the App still holds it: the same object is returned for this xid
                refs[xid] = ref(entity)
        try:
            self.store.put_new(xids, texts, keys, updated_rows)
        except BaseException:
            new = set(xids)
            for xid, entity in pending.items():  # nothing was written: they are still pending
                if not (keep and xid in keep):
                    entity.unwritten(xid in new)
            raise
        self._live.maybe_prune()
        self._pending = keep
        self._spill_at = len(keep) + self._buffer_size
        log.debug('batch: wrote %d entities to the store (%d kept pending)', len(xids) + len(updated_rows),
                  len(keep))

    @property
    def _adjusts(self):
        """bool: The text of an entity may need :meth:`_adjusted_text` (a Delete job, Python 2)."""
        return self.identity_only or six.PY2

    def _adjusted_text(self, entity, text):
        """Return the JSON text to store for an entity serialized as ``text``, in a Delete job or on Python 2.

        A Delete job stores the identity only. A stored entity that sends the same payload as
        before keeps its stored text, and so its "sent" mark (the store clears the mark of a
        changed text): on Python 2 the same JSON may list its keys in another order (unordered
        dicts); in a Delete job its other fields may have changed, or its row may hold the full
        JSON written before the action changed.
        """
        if self.identity_only:
            text = identity_text(text)
        row = self.store.get(entity.xid) if entity.is_stored else None
        if row is not None:
            stored = identity_text(row[2]) if self.identity_only else row[2]
            if json.loads(stored) == json.loads(text):
                return row[2]
        return text

    def write_one(self, entity):
        """Write one pending entity to the store now.

        Returns:
            bool: True when it is in the store; False when it misses a required field and
            stays pending.
        """
        xid = entity.xid
        if self._pending.get(xid) is not entity:
            return True  # already written (a later change re-queues it)
        if entity.spec.needs_check and not self.identity_only:
            try:
                entity.check()
            except ValidationError as exc:
                log.debug('batch: save(%s) kept it pending: %s', xid, exc)
                return False
        text = entity.to_text()
        if self._adjusts:
            text = self._adjusted_text(entity, text)
        spec = entity.spec
        if entity.is_stored:
            self.store.put_many((), [(xid, spec.kind.value, spec.name, text)])
        else:
            self.store.put_new([xid], [text], [spec.store_key])
        entity.written()
        del self._pending[xid]
        self._live.refs[xid] = weakref.ref(entity)
        return True

    def flush(self):
        """Write every pending entity to the store.

        Raises:
            ValidationError: An entity misses a required field (nothing is written).
        """
        if self._pending:
            self._spill(force=True)

    def write_valid(self):
        """Write every pending entity that passes its checks; the others stay pending.

        Returns:
            list: The ValidationError of each entity left pending.
        """
        if self._pending:
            self._spill(force=False)
        errors = []
        for entity in list(self._pending.values()):
            try:
                entity.check()
            except ValidationError as exc:
                errors.append(exc)
        return errors

    def live_count(self):
        """Return the number of written entities the App still holds."""
        return len(self._live)

    def pending_count(self):
        """Return the number of pending (not yet written) entities."""
        return len(self._pending)
