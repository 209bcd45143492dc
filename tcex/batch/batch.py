# -*- coding: utf-8 -*-
"""The Batch: builders (three interfaces), the live-object map and the store.

Entities are kept in memory only while they are pending (created or changed and
not yet written); past ``buffer_size`` pending entities they are serialized
once, in bulk, into the :class:`~tcex.batch.store.Store` (which keeps new rows
in memory up to ``memory_bytes`` and writes them to SQLite past that). A map of
weak references returns the same live object for the same xid while the App
holds it, and reloads the entity from the store otherwise, so metadata always
accumulates on one entity.
"""
from __future__ import absolute_import, division, print_function, unicode_literals

import atexit
import collections
import json
import logging
import os
import sys
import weakref

import six

from tcex.batch.batch_compat import CompatMixin
from tcex.batch.batch_submit import SubmitMixin
from tcex.batch.builders import BuilderMixin
from tcex.batch import defaults
from tcex.batch.encoder import encode as _ENCODE
from tcex.batch.entity import show
from tcex.batch.store import KIND_GROUP, KIND_INDICATOR, MEMORY_BYTES, LiveMap, Store
from tcex.batch.store.chunks import iter_chunks as _iter_chunks
from tcex.batch.type_resolver import TypeRegistry, TypeResolverMixin
from tcex.batch.xid import generate_xid
from tcex.errors import BatchError, TcExError, ValidationError

log = logging.getLogger('tcex.batch')

_ORDERED = dict if sys.version_info >= (3, 7) else collections.OrderedDict
ACTIONS = ('Create', 'Delete')
ATTRIBUTE_WRITE_TYPES = ('Append', 'Replace', 'Singleton', 'Static')


def _canonical(value, options, what):
    for option in options:
        if six.text_type(value).lower() == option.lower():
            return option
    raise BatchError('{} must be one of {}, not {}'.format(what, ', '.join(options), show(value)), value=value)


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
    """Close a batch nobody closed (atexit): pending entities are written, a named store kept."""
    batch = ref()
    if batch is not None:
        try:
            batch.close()
        except Exception as exc:  # pylint: disable=broad-except
            log.warning('batch: could not close %r at exit: %s', batch, exc)


class Batch(BuilderMixin, TypeResolverMixin, SubmitMixin, CompatMixin):
    """A ThreatConnect batch v2 job being built.

    Args:
        owner (str): The owner (organization, community or source).
        action (str): ``Create`` or ``Delete``.
        attribute_write_type (str): ``Append``, ``Replace``, ``Singleton`` or ``Static``.
        halt_on_error (bool): Stop the job at the first error.
        playbook_triggers_enabled (bool): Sent only when not None.
        temp_path (str): Directory for the SQLite store (``tc_temp_path``).
        session: A session object, or a zero-argument callable returning one (submit only).
        chunk_size (int): Default entities per chunk.
        max_bytes (int): Default payload bytes per chunk.
        indicator_types (callable): Returns the API's indicator type dicts (custom
            types); called at most once, when an unknown indicator type is used.
        store_path (str): Use (and reopen) this store file instead of a unique
            temporary one; relative paths are under ``temp_path``.
        buffer_size (int): Pending (live, not yet serialized) entities kept before they
            are serialized in bulk. Small is fast: short-lived objects are cheap for
            Python's memory manager and garbage collector.
        memory_bytes (int): Approximate bytes of written entities the store keeps in
            memory before it writes them to the SQLite file.
        tag_write_type, security_label_write_type, file_merge_mode, hash_collision_mode
            (str): Optional job config values, sent only when given.
        **submit_options: Passed to the submitter (poll_interval, poll_timeout...).
    """

    def __init__(self, owner, action='Create', attribute_write_type='Replace', halt_on_error=True,
                 playbook_triggers_enabled=None, temp_path=None, session=None, chunk_size=defaults.CHUNK_SIZE,
                 max_bytes=defaults.MAX_BYTES, indicator_types=None, store_path=None, buffer_size=1000,
                 tag_write_type=None, security_label_write_type=None, file_merge_mode=None,
                 hash_collision_mode=None, memory_bytes=MEMORY_BYTES, **submit_options):
        if not owner:
            raise BatchError('a batch needs an owner', value=owner)
        self.owner = owner
        self._action = _canonical(action, ACTIONS, 'action')
        self.attribute_write_type = _canonical(attribute_write_type, ATTRIBUTE_WRITE_TYPES, 'attribute_write_type')
        self.halt_on_error = bool(halt_on_error)
        self.playbook_triggers_enabled = playbook_triggers_enabled
        self._extra_config = dict((k, val) for k, val in (
            ('tagWriteType', tag_write_type), ('securityLabelWriteType', security_label_write_type),
            ('fileMergeMode', file_merge_mode), ('hashCollisionMode', hash_collision_mode)) if val is not None)
        self.chunk_size = int(chunk_size) if chunk_size else None
        self.max_bytes = int(max_bytes) if max_bytes else None
        self.temp_path = temp_path
        self.session = session
        self._init_submit(submit_options)
        self.types = TypeRegistry(indicator_types)
        self._buffer_size = max(1, int(buffer_size))
        if store_path is not None and temp_path and not os.path.isabs(store_path):
            store_path = os.path.join(temp_path, store_path)
        self.store = Store(store_path, temp_path, memory_bytes=memory_bytes)
        self._pending = _ORDERED()
        self._spill_at = self._buffer_size
        self._live = LiveMap(max(1024, self._buffer_size))
        self._callbacks = {}
        self._claims = {}  # xid -> Counter of (type, value) of attributes an earlier run stored
        _STORES_IN_USE[os.path.abspath(self.store.path)] = self.store
        self._register_atexit()

    # -- configuration -------------------------------------------------------------------
    @property
    def action(self):
        """str: ``Create`` or ``Delete`` (settable, as in tcex; a Delete payload is minimal)."""
        return self._action

    @action.setter
    def action(self, value):
        self._action = _canonical(value, ACTIONS, 'action')

    @property
    def _minimal(self):
        return self._action == 'Delete'

    def job_config(self):
        """Return the job config dict for ``POST /v2/batch``.

        Returns:
            dict: version, owner, haltOnError, action, attributeWriteType (and
            playbookTriggersEnabled and the optional write modes when set).
        """
        config = {'version': 'V2', 'owner': self.owner, 'haltOnError': self.halt_on_error,
                  'action': self.action, 'attributeWriteType': self.attribute_write_type}
        if self.playbook_triggers_enabled is not None:
            config['playbookTriggersEnabled'] = bool(self.playbook_triggers_enabled)
        config.update(self._extra_config)
        return config

    @staticmethod
    def generate_xid(identifier=None):
        """Return an xid as tcex 0.8 did (see :func:`tcex.batch.xid.generate_xid`).

        Args:
            identifier (str|list|None): String: hashed once; list: joined with
                ``-`` and hashed twice; None: random.

        Returns:
            str: A 64-character hex digest.
        """
        return generate_xid(identifier)

    def _register_atexit(self):
        ref = weakref.ref(self)

        def close():
            _close_at_exit(ref)
        self._atexit = close
        atexit.register(close)

    # -- live objects and the store ------------------------------------------------------
    def _lookup(self, spec, xid):
        """Return the live or stored entity with this xid (checking its type), or None."""
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
        spec = self._spec_by_name(type_name, kind)
        cls = self.types.entity_class(spec)
        if kind == KIND_GROUP:
            entity = cls(self, xid, data['name'])
        else:
            entity = cls(self, xid, self._split_summary(spec, data['summary']))
        entity._dirty = True  # suppress re-queueing while the stored data is applied
        attributes = data.pop('attribute', None)  # as stored: repeated ones (unique=False) stay repeated
        entity._apply(data, merge=False)
        if attributes:
            entity._attrs = attributes
        entity._dirty = False
        entity._stored = True
        self._live.add(entity)
        if entity._attrs and xid not in self._claims and self.store.existed_at_open(xid):
            self._claims[xid] = collections.Counter((a['type'], a['value']) for a in entity._attrs)
        return entity

    def _claim_attribute(self, entity, item):
        """Return the attribute dict an earlier run stored that a ``unique=False`` call repeats, or None.

        A rerun of an App builds the same attributes again: each stored one is reused once
        (per type and value), so the entity's data stays what was sent.
        """
        counts = self._claims.get(entity._xid)
        key = (item['type'], item['value'])
        if not counts or counts.get(key, 0) <= 0:
            return None
        counts[key] -= 1
        for existing in entity._attrs:
            if existing['type'] == key[0] and existing['value'] == key[1]:
                return existing
        return None

    def _new(self, spec, xid, identity):
        """Create a pending entity (the caller fills it, then calls _queue)."""
        entity = self.types.entity_class(spec)(self, xid, identity)
        self._pending[xid] = entity
        return entity

    def _discard(self, entity):
        """Forget an entity whose construction failed validation."""
        self._live.discard(entity)
        if self._pending.get(entity.xid) is entity:
            del self._pending[entity.xid]

    def _queue(self, entity):
        """Make an entity pending; spill the others first when the buffer is full.

        The entity itself stays pending: the App usually adds its metadata right
        after creating it, and writing it now would mean writing it twice.
        """
        pending = self._pending
        if len(pending) >= self._spill_at:
            pending.pop(entity._xid, None)
            self._spill(force=False)
            pending = self._pending
        pending[entity._xid] = entity

    def _spill(self, force):
        """Serialize pending entities (once each) and hand them to the store in bulk.

        Entities failing a cross-field check (e.g. a malware Document without a
        password) stay pending unless ``force``, in which case the error is raised
        before anything is written.
        """
        pending = self._pending
        keep = _ORDERED()
        checked = () if self._minimal else [e for e in pending.values() if e._needs_check]
        for entity in checked:
            try:
                entity._check()
            except ValidationError:
                if force:
                    raise
                keep[entity._xid] = entity
        minimal = self._minimal
        encode = _ENCODE
        xids = []
        texts = []
        starts = []  # (index, kind, type) where the type changes: the runs of new rows
        updated_rows = []
        add_xid = xids.append
        add_text = texts.append
        live = self._live
        refs = live.refs
        ref = weakref.ref
        run_spec = None
        for xid, entity in pending.items():
            if keep and xid in keep:
                continue
            text = encode(entity._payload(minimal))
            if entity._stored:
                if six.PY2:
                    text = self._stored_text(xid, text)
                updated_rows.append((xid, entity.store_kind, entity.spec.name, text))
            else:
                if entity.spec is not run_spec:
                    run_spec = entity.spec
                    starts.append((len(xids), entity.store_kind, run_spec.name))
                add_xid(xid)
                add_text(text)
                entity._stored = True
            entity._dirty = False
            refs[xid] = ref(entity)  # the App may still hold it: the same object is returned for this xid
        ends = [start[0] for start in starts[1:]] + [len(xids)]
        runs = [[kind, type_name, end - index] for (index, kind, type_name), end in zip(starts, ends)]
        try:
            self.store.put_new(xids, texts, runs, updated_rows)
        except BaseException:
            for xid, entity in pending.items():  # nothing was written: they are still pending
                if not (keep and xid in keep):
                    entity._dirty = True
            for xid in xids:
                pending[xid]._stored = False
            raise
        live.maybe_prune()
        self._pending = keep
        self._spill_at = len(keep) + self._buffer_size
        log.debug('batch: wrote %d entities to the store (%d kept pending)', len(xids) + len(updated_rows),
                  len(keep))

    def _stored_text(self, xid, text):
        """Return the stored text of an entity when ``text`` is the same JSON in another key order.

        Python 2 dicts do not keep insertion order: an entity reloaded and serialized again
        may list the same keys in another order. Keeping the stored text keeps its "sent" mark.
        """
        row = self.store.get(xid)
        if row is not None and json.loads(row[2]) == json.loads(text):
            return row[2]
        return text

    def _spill_one(self, entity):
        """Serialize one pending entity into the store (see :meth:`save`)."""
        xid = entity._xid
        text = _ENCODE(entity._payload(self._minimal))
        if entity._stored:
            if six.PY2:
                text = self._stored_text(xid, text)
            self.store.put_many((), [(xid, entity.store_kind, entity.spec.name, text)])
        else:
            self.store.put_new([xid], [text], [[entity.store_kind, entity.spec.name, 1]])
            entity._stored = True
        entity._dirty = False
        del self._pending[xid]
        self._live.refs[xid] = weakref.ref(entity)

    def flush(self):
        """Write every pending entity to the store.

        Raises:
            ValidationError: An entity misses a required field (nothing is written).
        """
        if self._pending:
            self._spill(force=True)

    # -- document and report content -----------------------------------------------------
    def _set_file(self, entity, content):
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

    def _get_file(self, xid):
        row = self.store.get_file(xid)
        if row is None:
            return None
        if row[2]:
            return self._callbacks.get(xid)
        return row[1]

    def iter_files(self):
        """Yield the content of every Document and Report, for the upload step.

        Yields:
            tuple: ``(xid, group_type, content)`` where content is bytes, text or the
            App's ``callback(xid)`` (never called here).
        """
        for xid, type_name, content, is_callback in self.store.iter_files():
            if is_callback:
                content = self._callbacks.get(xid)
                if content is None:
                    log.warning('batch: no content callback for %s %s in this process; skipped', type_name, xid)
                    continue
            yield xid, type_name, content

    # -- serialization -------------------------------------------------------------------
    @property
    def data(self):
        """dict: The batch payload ``{"group": [...], "indicator": [...]}`` (no side effects)."""
        self.flush()
        return {'group': [json.loads(text) for _, text in self.store.iter_rows(KIND_GROUP)],
                'indicator': [json.loads(text) for _, text in self.store.iter_rows(KIND_INDICATOR)]}

    def iter_chunks(self, max_count=None, max_bytes=None, unsent_only=False):
        """Stream the batch as chunks of at most ``max_count`` entities and ``max_bytes`` bytes.

        Args:
            max_count (int): Entities per chunk (default ``chunk_size``).
            max_bytes (int): Payload bytes per chunk (default ``max_bytes``).
            unsent_only (bool): Skip entities already marked sent in the store.

        Yields:
            Chunk: Groups come before indicators.

        Raises:
            BatchError: A single entity is larger than ``max_bytes``.
        """
        self.flush()
        return _iter_chunks(self.store, max_count or self.chunk_size, max_bytes or self.max_bytes,
                            unsent_only=unsent_only)

    def __len__(self):
        self.flush()
        return self.store.count()

    # -- submit (delegates) --------------------------------------------------------------
    def _get_submitter(self):
        if self._submitter is None:
            session = self.session
            if session is None:
                raise BatchError('this batch has no session to submit with')
            if callable(session) and not hasattr(session, 'request'):
                session = session()
            from tcex.batch.submit.submitter import BatchSubmitter  # lazy: the builders never import requests
            self._submitter = BatchSubmitter(self, session, **self.submit_options)
        return self._submitter

    # -- lifecycle -----------------------------------------------------------------------
    def close(self, remove=None):
        """Close the store.

        A temporary store is removed. A named store (``store_path``, which
        :meth:`tcex.TcEx.batch` always uses) is removed when nothing in it is left
        to submit, and kept otherwise, with a log line saying where, so the next run
        with the same ``tc_temp_path`` resumes from it.

        Args:
            remove (bool): Force (True) or prevent (False) removing the store file; a
                kept store first receives the pending entities.
        """
        store = self.store
        if store.closed:
            return
        if hasattr(atexit, 'unregister'):  # Python 3; on 2.7 the exit hook finds the batch closed
            atexit.unregister(self._atexit)
        if not (store.temporary if remove is None else remove):  # kept: pending entities go in first
            try:
                self.flush()
            except TcExError as exc:
                log.warning('batch: %s; entities that could not be written are not kept', exc)
        if remove is None and not store.temporary:
            left = store.row_count()
            remove = left == 0
            if left:
                log.warning('batch store kept for resume: %s (%d rows not yet submitted)', store.path, left)
        store.close(remove)

    def __enter__(self):
        return self

    def __exit__(self, *exc_info):
        self.close()

    def __repr__(self):
        return '<Batch owner={} action={} store={}>'.format(self.owner, self.action, self.store.path)
