# -*- coding: utf-8 -*-
"""The Batch: a façade over its parts, each owned by one object.

``types`` (:class:`~tcex.batch.types.TypeRegistry`: type names to specs and classes),
``store`` (:class:`~tcex.batch.store.Store`), ``pool`` (:class:`~tcex.batch.builder.pool.EntityPool`:
pending and live entities, serialization into the store, file contents) and ``builder``
(:class:`~tcex.batch.builder.interfaces.Builder`: the three builder interfaces). The submit steps
and the tcex 0.8 members come from :mod:`tcex.batch.batch_submit` and
:mod:`tcex.batch.batch_compat`, which use only these public parts.
"""
from __future__ import absolute_import, division, print_function, unicode_literals

import atexit
import json
import logging
import os
import weakref

import six

from tcex.batch.batch_compat import CompatMixin
from tcex.batch.batch_submit import SubmitMixin
from tcex.batch import defaults
from tcex.batch.builder.interfaces import Builder, interface1_method
from tcex.batch.builder.pool import EntityPool
from tcex.batch.store import MEMORY_BYTES, Store
from tcex.batch.store.chunks import iter_chunks as _iter_chunks
from tcex.batch.types.text import show
from tcex.batch.types import Kind, TypeRegistry
from tcex.batch.types.fields import GROUP_SPECS, INDICATOR_SPECS
from tcex.batch.types.xid import generate_xid
from tcex.errors import BatchError, TcExError

log = logging.getLogger('tcex.batch')
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


class Batch(SubmitMixin, CompatMixin):
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
                 max_bytes=defaults.MAX_BYTES, indicator_types=None, store_path=None,
                 buffer_size=defaults.BUFFER_SIZE, tag_write_type=None, security_label_write_type=None, file_merge_mode=None,
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
        if store_path is not None and temp_path and not os.path.isabs(store_path):
            store_path = os.path.join(temp_path, store_path)
        self.store = Store(store_path, temp_path, memory_bytes=memory_bytes)
        self.pool = EntityPool(self.store, self.types, buffer_size)
        self.pool.minimal = self._action == 'Delete'
        self.builder = Builder(self.pool, self.types)
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
        self.pool.minimal = self._action == 'Delete'

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
        """Return an xid as tcex 0.8 did (see :func:`tcex.batch.types.xid.generate_xid`).

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

    # -- builders (Interfaces 2 and 3; Interface 1 is generated below) -------------------
    def group(self, group_type, name, xid=True):
        """Add a Group of any type (Interface 2); set type fields with ``add_key_value``.

        Args:
            group_type (str): The type (``Event``, ``Intrusion Set``...).
            name (str): The name.
            xid (bool|str): True: derived from type and name; False: random; or the xid.

        Returns:
            Group: The live Group (the existing one when the xid is known).
        """
        return self.builder.group(group_type, name, xid)

    def indicator(self, indicator_type, summary, rating=None, confidence=None, xid=True):
        """Add an Indicator of any type, custom types included (Interface 2).

        Args:
            indicator_type (str): The type (``Host``, ``Registry Key``, a custom type...).
            summary (str): The summary (multi-value types: values joined with " : ").
            rating (float): 0-5.
            confidence (int): 0-100.
            xid (bool|str): True: derived from type and summary; False: random; or the xid.

        Returns:
            Indicator: The live Indicator.
        """
        return self.builder.indicator(indicator_type, summary, rating, confidence, xid)

    def add_group(self, data):
        """Add (or merge into) a Group from its batch JSON dict (Interface 3).

        Args:
            data (dict): ``name``, ``type`` and ``xid`` required; metadata inside.
                A known xid merges: lists are union'ed, scalars overwritten.
                ``fileContent`` (Documents/Reports) is kept for the upload step.

        Returns:
            Group: The live Group.
        """
        return self.builder.add_dict(data, Kind.GROUP)

    def add_indicator(self, data):
        """Add (or merge into) an Indicator from its batch JSON dict (Interface 3).

        Args:
            data (dict): ``type``, ``summary`` and ``xid`` required; metadata inside.

        Returns:
            Indicator: The live Indicator.
        """
        return self.builder.add_dict(data, Kind.INDICATOR)

    def flush(self):
        """Write every pending entity to the store.

        Raises:
            ValidationError: An entity misses a required field (nothing is written).
        """
        self.pool.flush()

    def iter_files(self):
        """Yield the content of every Document and Report, for the upload step.

        Yields:
            tuple: ``(xid, group_type, content)`` where content is bytes, text or the
            App's ``callback(xid)`` (never called here).
        """
        return self.pool.iter_files()

    # -- serialization -------------------------------------------------------------------
    @property
    def data(self):
        """dict: The batch payload ``{"group": [...], "indicator": [...]}`` (no side effects)."""
        self.flush()
        return dict((kind.key, [json.loads(text) for _, text in self.store.iter_rows(kind.value)]) for kind in Kind.ALL)

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


for _spec in GROUP_SPECS + INDICATOR_SPECS:  # Interface 1: batch.address(...), batch.adversary(...)
    setattr(Batch, _spec.method, interface1_method(_spec))
del _spec
