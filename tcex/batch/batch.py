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

import collections
import io
import json
import logging
import os
import sys
import weakref

import six

from tcex.batch import fields as f
from tcex.batch.builders import BuilderMixin
from tcex.batch.chunks import iter_chunks as _iter_chunks
from tcex.batch.encoder import encode as _ENCODE
from tcex.batch.entity import show
from tcex.batch.store import KIND_GROUP, KIND_INDICATOR, MEMORY_BYTES, LiveMap, Store
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


class Batch(BuilderMixin, TypeResolverMixin):
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
                 playbook_triggers_enabled=None, temp_path=None, session=None, chunk_size=25000,
                 max_bytes=2000000, indicator_types=None, store_path=None, buffer_size=1000,
                 tag_write_type=None, security_label_write_type=None, file_merge_mode=None,
                 hash_collision_mode=None, memory_bytes=MEMORY_BYTES, **submit_options):
        if not owner:
            raise BatchError('a batch needs an owner', value=owner)
        self.owner = owner
        self.action = _canonical(action, ACTIONS, 'action')
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
        self.submit_options = submit_options
        self.types = TypeRegistry(indicator_types)
        self._buffer_size = max(1, int(buffer_size))
        if store_path is not None and temp_path and not os.path.isabs(store_path):
            store_path = os.path.join(temp_path, store_path)
        self.store = Store(store_path, temp_path, memory_bytes=memory_bytes)
        self._minimal = self.action == 'Delete'
        self._pending = _ORDERED()
        self._spill_at = self._buffer_size
        self._live = LiveMap(max(1024, self._buffer_size))
        self._callbacks = {}
        self._submitter = None

    # -- configuration -------------------------------------------------------------------
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
        entity._apply(data, merge=False)
        entity._dirty = False
        entity._stored = True
        self._live.add(entity)
        return entity

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
        for entity in [e for e in pending.values() if e._needs_check]:
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

    def save(self, path):
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
            for kind, head in ((KIND_GROUP, '{"group":['), (KIND_INDICATOR, '],"indicator":[')):
                handle.write(head.encode('utf-8'))
                written += len(head)
                first = True
                for _, text in self.store.iter_rows(kind):
                    piece = (text if first else ',' + text).encode('utf-8')
                    handle.write(piece)
                    written += len(piece)
                    first = False
            handle.write(b']}')
        return written + 2

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
            from tcex.batch.submit import BatchSubmitter  # lazy: the builders never import requests
            self._submitter = BatchSubmitter(self, session, **self.submit_options)
        return self._submitter

    def submit_job(self):
        """Create the batch job; return its id (see :class:`tcex.batch.submit.BatchSubmitter`)."""
        return self._get_submitter().submit_job()

    def submit_data(self, batch_id):
        """Upload the batch data to a job."""
        return self._get_submitter().submit_data(batch_id)

    def poll(self, batch_id):
        """Poll a job until it completes; return its status dict."""
        return self._get_submitter().poll(batch_id)

    def errors(self, batch_id):
        """Return the list of errors of a job."""
        return self._get_submitter().errors(batch_id)

    def submit_files(self):
        """Upload Document and Report content; return the result per file."""
        return self._get_submitter().submit_files()

    def submit(self, poll=True, errors=True):
        """Create, upload, poll (and fetch errors); return the status with ``errors``."""
        return self._get_submitter().submit(poll=poll, errors=errors)

    def submit_all(self):
        """Submit every chunk, poll, upload files; return one aggregate result."""
        return self._get_submitter().submit_all()

    # -- lifecycle -----------------------------------------------------------------------
    def close(self, remove=None):
        """Close the store.

        A temporary store is removed. A named store (``store_path``, which
        :meth:`tcex.TcEx.batch` always uses) is removed when nothing in it is left
        to submit, and kept otherwise, with a log line saying where, so the next run
        with the same ``tc_temp_path`` resumes from it.

        Args:
            remove (bool): Force (True) or prevent (False) removing the store file.
        """
        store = self.store
        if store.closed:
            return
        if remove is None and not store.temporary:
            try:
                self.flush()
            except TcExError as exc:
                log.warning('batch: %s; entities that could not be written are not kept', exc)
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
