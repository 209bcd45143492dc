# -*- coding: utf-8 -*-
"""The submit journal: what was sent, to which batch job, with what outcome.

The journal lives in the batch's SQLite store (its tables are
:class:`tcex.batch.store.journal.JournalTables`), so an App that crashed or was killed
mid-submit and runs again with the same ``tc_temp_path`` finds it and continues: chunks
already completed are not sent again, a chunk whose job was created but whose outcome is
unknown is checked on the server first.

A chunk moves through the states of :class:`~tcex.batch.submit.states.ChunkState`:

``pending``
    recorded (with its xids) before any request is made;
``created`` (``ChunkState.JOB_CREATED``)
    ``POST /v2/batch`` answered with a batch id;
``uploaded``
    the chunk's data reached that job (``POST /v2/batch/{id}`` answered, or the job's
    status shows it received data);
``completed``
    the job finished; ``result`` holds its ``batchStatus`` (and errors).

File uploads are journaled per xid (:class:`~tcex.batch.submit.states.FileState`:
``uploaded`` or ``failed``; ``done`` once a run returned the upload in its result).

When a run returns its result (:meth:`Journal.reported`), its completed chunks leave the
journal, so the next run's result counts only its own work. Chunk numbers are never
reused (a high-water mark is kept): entities keep the number of the chunk that sent them.
"""
from __future__ import absolute_import, division, print_function, unicode_literals

import json
import logging

from tcex.batch.submit.states import ChunkState, FileState

logger = logging.getLogger('tcex.batch.submit')


class JournalChunk(object):
    """One journaled chunk.

    Attributes:
        seq (int): The chunk's sequence number in the journal (1-based, across runs).
        xids (list): The xids it carries (groups first).
        group_count (int): Groups in the chunk.
        indicator_count (int): Indicators in the chunk.
        size (int): Payload bytes.
        batch_id (int): The batch job id, once created.
        status (str): A :class:`~tcex.batch.submit.states.ChunkState` value.
        result (dict): The job's ``batchStatus`` once completed.
    """

    __slots__ = ('seq', 'xids', 'group_count', 'indicator_count', 'size', 'batch_id', 'status', 'result')

    def __init__(self, seq, xids, group_count, indicator_count, size, batch_id, status, result):
        self.seq = seq
        self.xids = xids
        self.group_count = group_count
        self.indicator_count = indicator_count
        self.size = size
        self.batch_id = batch_id
        self.status = status
        self.result = result

    @property
    def count(self):
        """int: Entities in the chunk."""
        return self.group_count + self.indicator_count

    def __repr__(self):
        return '<JournalChunk {} batch_id={} status={} entities={}>'.format(
            self.seq, self.batch_id, self.status, self.count)


class Journal(object):
    """The submit journal, kept in the store's journal tables.

    Args:
        tables (tcex.batch.store.journal.JournalTables): The tables (``store.journal_tables()``).
        clock (callable): Current Unix time (for the ``updated`` column).
    """

    def __init__(self, tables, clock=None):
        self.tables = tables
        self.clock = clock

    def _now(self):
        return self.clock() if self.clock is not None else None

    @staticmethod
    def _chunk(row):
        seq, xids, groups, indicators, size, batch_id, status, result = row
        return JournalChunk(seq, json.loads(xids), groups, indicators, size, batch_id, status,
                            json.loads(result) if result else None)

    def chunks(self, statuses=None):
        """Return the journaled chunks in order.

        Args:
            statuses (iterable): Only chunks in these states (default all).

        Returns:
            list: :class:`JournalChunk` objects.
        """
        chunks = [self._chunk(row) for row in self.tables.chunk_rows()]
        if statuses is not None:
            statuses = set(statuses)
            chunks = [c for c in chunks if c.status in statuses]
        return chunks

    def unfinished(self):
        """Return chunks recorded but not completed (a previous run stopped mid-way)."""
        return self.chunks(ChunkState.UNFINISHED)

    def next_seq(self):
        """Return the number the next recorded chunk gets (never one used before)."""
        return self.tables.last_seq() + 1

    def instance(self, url):
        """Record the API the journaled jobs are sent to; return the one recorded before (or None).

        Args:
            url (str): The API base URL (``tc_api_path``).
        """
        before = self.tables.meta('api')
        self.tables.set_meta('api', url)
        return before

    def reported(self):
        """A run returned its result: drop its completed chunks and mark its file uploads done."""
        self.tables.delete_chunks(ChunkState.COMPLETED)
        self.tables.settle_files(FileState.UPLOADED, FileState.DONE)

    def record(self, xids, group_count, indicator_count, size):
        """Record a chunk before anything is sent.

        Args:
            xids (list): Its xids.
            group_count (int): Groups.
            indicator_count (int): Indicators.
            size (int): Payload bytes.

        Returns:
            JournalChunk: The new entry (status ``pending``).
        """
        seq = self.next_seq()
        self.tables.insert_chunk(seq, json.dumps(list(xids)), group_count, indicator_count, size,
                                 ChunkState.PENDING, self._now())
        return JournalChunk(seq, list(xids), group_count, indicator_count, size, None, ChunkState.PENDING, None)

    def update(self, chunk, status, batch_id=None, result=None):
        """Move a chunk to a new state (committed at once).

        Args:
            chunk (JournalChunk): The entry (updated in place).
            status (str): The new state (a :class:`~tcex.batch.submit.states.ChunkState`).
            batch_id (int): The job id, when known.
            result (dict): The outcome, when completed.
        """
        chunk.status = status
        if batch_id is not None:
            chunk.batch_id = batch_id
        if result is not None:
            chunk.result = result
        self.tables.update_chunk(chunk.seq, chunk.status, chunk.batch_id,
                                 json.dumps(chunk.result) if chunk.result is not None else None, self._now())

    def forget(self, chunk):
        """Drop a chunk whose data never reached the server (the caller unmarks its entities).

        Args:
            chunk (JournalChunk): The entry (must not have a batch id).
        """
        self.tables.delete_chunk(chunk.seq)

    def clear(self):
        """Forget every chunk and file (the submit finished; the store holds no sent entity)."""
        self.tables.clear()

    def clear_files(self, xids=None):
        """Forget the file uploads (the upload step finished), or those of ``xids``."""
        self.tables.delete_files(xids)

    def drop_uploaded_content(self):
        """Delete the stored content of files an earlier run already uploaded."""
        self.tables.drop_uploaded_content((FileState.UPLOADED, FileState.DONE))

    def file_status(self, xid):
        """Return the journaled upload status of a file (``uploaded``/``failed``/``done``) or None."""
        return self.tables.file_status(xid)

    def file_results(self):
        """Return the journaled file upload results not yet returned by a run, in upload order."""
        return [json.loads(text) for text in self.tables.file_results(FileState.DONE) if text]

    def record_file(self, xid, status, result):
        """Journal a file upload outcome.

        Args:
            xid (str): The Document/Report xid.
            status (str): ``uploaded`` or ``failed`` (:class:`~tcex.batch.submit.states.FileState`).
            result (dict): The upload result returned to the App.
        """
        self.tables.put_file(xid, status, json.dumps(result))
