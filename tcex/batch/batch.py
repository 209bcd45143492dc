# -*- coding: utf-8 -*-
"""The Batch: a façade; each job is done by one part it owns, reached through that part's public API.

``config`` (:class:`~tcex.batch.submit.config.JobConfig`), ``types`` (:class:`~tcex.batch.types.TypeRegistry`),
``store`` (:class:`~tcex.batch.store.Store`), ``pool`` (:class:`~tcex.batch.builder.pool.EntityPool`),
``builder`` (:class:`~tcex.batch.builder.interfaces.Builder`), ``export``
(:class:`~tcex.batch.export.BatchExport`), ``submit_steps`` (:class:`~tcex.batch.submit.steps.SubmitSteps`)
and ``lease`` (:class:`~tcex.batch.lifecycle.StoreLease`). The tcex 0.8 members delegate to them.
"""
from __future__ import absolute_import, division, print_function, unicode_literals

import json
import os

import six

from tcex.batch import defaults
from tcex.batch.builder.interfaces import Builder, interface1_method
from tcex.batch.builder.pool import EntityPool
from tcex.batch.entity import Entity
from tcex.batch.export import BatchExport
from tcex.batch.lifecycle import StoreLease, store_in_use  # noqa: F401  (store_in_use: tcex.app.batches)
from tcex.batch.store import MEMORY_BYTES, Store
from tcex.batch.store.chunks import iter_chunks as _iter_chunks
from tcex.batch.submit.config import JobConfig
from tcex.batch.submit.steps import SubmitSteps, submitter_factory
from tcex.batch.types import Kind, TypeRegistry
from tcex.batch.types.fields import GROUP_SPECS, GROUP_TYPES, INDICATOR_SPECS, normalise_type_name
from tcex.batch.types.xid import generate_xid
from tcex.errors import BatchError


def _part(part, name, doc, settable=False):
    """Return a Batch property reading (and, when settable, writing) ``name`` of the part ``part``."""
    def fset(self, value):
        setattr(getattr(self, part), name, value)
    return property(lambda self: getattr(getattr(self, part), name), fset if settable else None, doc=doc)


class Batch(object):
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
        indicator_types (callable): Returns the API's indicator types (custom ones); called once at most.
        store_path (str): Use (and reopen) this store file (relative: under ``temp_path``).
        buffer_size (int): Pending entities kept before they are serialized in bulk.
        tag_write_type, security_label_write_type, file_merge_mode, hash_collision_mode
            (str): Optional job config values, sent only when given.
        memory_bytes (int): Approximate bytes of new rows the store keeps in memory.
        **submit_options: Passed to the submitter (poll_interval, poll_timeout...).
    """

    def __init__(self, owner, action='Create', attribute_write_type='Replace', halt_on_error=True,
                 playbook_triggers_enabled=None, temp_path=None, session=None, chunk_size=defaults.CHUNK_SIZE,
                 max_bytes=defaults.MAX_BYTES, indicator_types=None, store_path=None,
                 buffer_size=defaults.BUFFER_SIZE, tag_write_type=None, security_label_write_type=None,
                 file_merge_mode=None, hash_collision_mode=None, memory_bytes=MEMORY_BYTES, **submit_options):
        self.config = JobConfig(owner, action, attribute_write_type, halt_on_error, playbook_triggers_enabled,
                                tag_write_type, security_label_write_type, file_merge_mode, hash_collision_mode)
        self.chunk_size = int(chunk_size) if chunk_size else None
        self.max_bytes = int(max_bytes) if max_bytes else None
        self.temp_path = temp_path
        self.session = session
        self.types = TypeRegistry(indicator_types)
        if store_path is not None and temp_path and not os.path.isabs(store_path):
            store_path = os.path.join(temp_path, store_path)
        self.store = Store(store_path, temp_path, memory_bytes=memory_bytes)
        self.pool = EntityPool(self.store, self.types, buffer_size)
        self.pool.identity_only = self.config.identity_only
        self.builder = Builder(self.pool, self.types)
        self.export = BatchExport(self.pool, self.store, temp_path, self.config.payload_view)
        self.submit_steps = SubmitSteps(submitter_factory(self), self.store, submit_options,
                                        self.export.write_batch_json)
        self.lease = StoreLease(self.store, self.pool.write_valid)

    # -- configuration (see tcex.batch.submit.config) -----------------------------------
    owner = _part('config', 'owner', 'str: The owner (see :class:`tcex.batch.submit.config.JobConfig`).', True)
    attribute_write_type = _part('config', 'attribute_write_type', 'str: How attributes are written.', True)
    halt_on_error = _part('config', 'halt_on_error', 'bool: The job stops at its first error.', True)
    playbook_triggers_enabled = _part('config', 'playbook_triggers_enabled', 'bool: Sent when not None.', True)

    @property
    def action(self):
        """str: ``Create`` or ``Delete`` (settable, as in tcex; a Delete payload is minimal)."""
        return self.config.action

    @action.setter
    def action(self, value):
        self.config.action = value
        self.pool.identity_only = self.config.identity_only

    def payload_view(self):
        """Return what payloads apply to each stored JSON text (see :meth:`~tcex.batch.submit.config.JobConfig.payload_view`)."""
        return self.config.payload_view()

    def job_config(self):
        """Return the ``POST /v2/batch`` config dict (see :meth:`tcex.batch.submit.config.JobConfig.as_dict`)."""
        return self.config.as_dict()

    settings = property(job_config, doc='dict: The job settings (tcex\'s name for :meth:`job_config`).')
    generate_xid = staticmethod(generate_xid)

    # -- builders (Interfaces 2 and 3; Interface 1 is generated below) -------------------
    def group(self, group_type, name, xid=True):
        """Add a Group of any type (see :meth:`tcex.batch.builder.interfaces.Builder.group`)."""
        return self.builder.group(group_type, name, xid)

    def indicator(self, indicator_type, summary, rating=None, confidence=None, xid=True):
        """Add an Indicator of any type (see :meth:`tcex.batch.builder.interfaces.Builder.indicator`)."""
        return self.builder.indicator(indicator_type, summary, rating, confidence, xid)

    def add_group(self, data):
        """Add or merge a Group batch JSON dict (see :meth:`tcex.batch.builder.interfaces.Builder.add_dict`)."""
        return self.builder.add_dict(data, Kind.GROUP)

    def add_indicator(self, data):
        """Add or merge an Indicator batch JSON dict (see :meth:`tcex.batch.builder.interfaces.Builder.add_dict`)."""
        return self.builder.add_dict(data, Kind.INDICATOR)

    def save(self, resource):
        """Store an entity (or its dict) now; True once stored (a path: :meth:`write_json`; tcex's call)."""
        if isinstance(resource, (six.text_type, six.binary_type)):
            return self.write_json(resource)
        if isinstance(resource, dict):
            group = normalise_type_name(six.text_type(resource.get('type') or '')) in GROUP_TYPES
            resource = self.builder.add_dict(resource, Kind.GROUP if group else Kind.INDICATOR)
        if not isinstance(resource, Entity) or not resource.belongs_to(self.pool):
            raise BatchError('save() takes a Group or Indicator of this batch (or its dict), not {}'.format(
                type(resource).__name__), value=resource)
        return self.pool.write_one(resource)

    def flush(self):
        """Write every pending entity to the store (see :meth:`tcex.batch.builder.pool.EntityPool.flush`)."""
        self.pool.flush()

    def iter_files(self):
        """Yield ``(xid, type, content)`` to upload (see :meth:`~tcex.batch.builder.pool.EntityPool.iter_files`)."""
        return self.pool.iter_files()

    # -- contents (see tcex.batch.export) ------------------------------------------------
    data = _part('export', 'data', 'dict: The payload (see :attr:`tcex.batch.export.BatchExport.data`).')
    files = property(lambda self: self.export.files(), doc='dict: See :meth:`~tcex.batch.export.BatchExport.files`.')
    group_len = property(lambda self: self.export.count(Kind.GROUP), doc='int: The number of Groups.')
    indicator_len = property(lambda self: self.export.count(Kind.INDICATOR), doc='int: The number of Indicators.')
    file_len = property(lambda self: self.export.file_count(), doc='int: The number of contents to upload.')

    def write_json(self, path):
        """Write the batch JSON to ``path`` (see :meth:`tcex.batch.export.BatchExport.write_json`)."""
        return self.export.write_json(path)

    def write_batch_json(self, content=None):
        """Write tcex's debug file (see :meth:`tcex.batch.export.BatchExport.write_batch_json`)."""
        return self.export.write_batch_json(content)

    def iter_chunks(self, max_count=None, max_bytes=None, unsent_only=False):
        """Stream the batch as chunks (see :func:`tcex.batch.store.chunks.iter_chunks`), groups first."""
        self.flush()
        return _iter_chunks(self.store, max_count or self.chunk_size, max_bytes or self.max_bytes,
                            unsent_only=unsent_only, view=self.payload_view())

    def __len__(self):
        return self.export.count()

    def __str__(self):
        return json.dumps(self.data, indent=4, sort_keys=True)

    # -- submit (see tcex.batch.submit.steps) --------------------------------------------
    submit_options = _part('submit_steps', 'options', 'dict: Submitter options (poll_timeout...).', True)
    summary = _part('submit_steps', 'summary', 'dict: The last submit\'s aggregate.', True)
    debug = _part('submit_steps', 'debug', 'bool: Each submit also writes the batch JSON (tcex\'s).', True)
    poll_timeout = _part('submit_steps', 'poll_timeout', 'float: Seconds before polling one job gives up.', True)
    halt_on_batch_error = _part('submit_steps', 'halt_on_batch_error', 'bool: Job creation/upload halt.', True)
    halt_on_file_error = _part('submit_steps', 'halt_on_file_error', 'bool: Overrides file upload halt.', True)
    halt_on_poll_error = _part('submit_steps', 'halt_on_poll_error', 'bool: Overrides polling halt.', True)

    def submit_job(self, halt_on_error=True):
        """Create the job (see :meth:`tcex.batch.submit.steps.SubmitSteps.submit_job`)."""
        return self.submit_steps.submit_job(halt_on_error)

    def submit_data(self, batch_id, halt_on_error=True):
        """Upload the next chunk (see :meth:`tcex.batch.submit.steps.SubmitSteps.submit_data`)."""
        return self.submit_steps.submit_data(batch_id, halt_on_error)

    def submit_create_and_upload(self, halt_on_error=True):
        """Create a job, upload a chunk (see :meth:`~tcex.batch.submit.steps.SubmitSteps.submit_create_and_upload`)."""
        return self.submit_steps.submit_create_and_upload(halt_on_error)

    def poll(self, batch_id, retry_seconds=None, back_off=None, timeout=None, halt_on_error=True):
        """Poll a job until it completes (see :meth:`tcex.batch.submit.steps.SubmitSteps.poll`)."""
        return self.submit_steps.poll(batch_id, retry_seconds, back_off, timeout, halt_on_error)

    def errors(self, batch_id, halt_on_error=True):
        """Return a job's error entries (see :meth:`tcex.batch.submit.steps.SubmitSteps.errors`)."""
        return self.submit_steps.errors(batch_id, halt_on_error)

    def submit_files(self, halt_on_error=True):
        """Upload Document and Report content (see :meth:`tcex.batch.submit.steps.SubmitSteps.submit_files`)."""
        return self.submit_steps.submit_files(halt_on_error)

    def submit(self, poll=True, errors=True, process_files=True, halt_on_error=True):
        """Send everything; return one status dict (see :meth:`tcex.batch.submit.steps.SubmitSteps.submit`)."""
        return self.submit_steps.submit(poll, errors, process_files, halt_on_error)

    def submit_all(self, poll=True, errors=True, process_files=True, halt_on_error=True):
        """Send everything; return one status per job (see :meth:`tcex.batch.submit.steps.SubmitSteps.submit_all`)."""
        return self.submit_steps.submit_all(poll, errors, process_files, halt_on_error)

    def outcome(self):
        """Return ``(ExitCode, summary line)`` (see :meth:`tcex.batch.submit.steps.SubmitSteps.outcome`)."""
        return self.submit_steps.outcome()

    # -- lifecycle -----------------------------------------------------------------------
    def close(self, remove=None):
        """Close the store, kept for resume when rows are left (see :meth:`tcex.batch.lifecycle.StoreLease.close`)."""
        self.lease.close(remove)

    def __enter__(self):
        return self

    def __exit__(self, *exc_info):
        self.close()

    def __repr__(self):
        return '<Batch owner={} action={} store={}>'.format(self.owner, self.action, self.store.path)


for _spec in GROUP_SPECS + INDICATOR_SPECS:  # Interface 1: batch.address(...), batch.adversary(...)
    setattr(Batch, _spec.method, interface1_method(_spec))
del _spec
