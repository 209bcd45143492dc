# -*- coding: utf-8 -*-
"""tcex.batch.submit.states: the job, chunk and file state vocabularies are distinct."""
from __future__ import absolute_import, division, print_function, unicode_literals

from tcex.batch.submit.states import ChunkState, FileState, JobState


def _values(cls):
    return dict((name, value) for name, value in vars(cls).items() if name.isupper() and name != 'UNFINISHED')


def test_job_states_are_the_api_words():
    assert _values(JobState) == {'CREATED': 'Created', 'QUEUED': 'Queued', 'RUNNING': 'Running',
                                 'COMPLETED': 'Completed'}


def test_chunk_states_are_the_journal_words():
    assert _values(ChunkState) == {'PENDING': 'pending', 'JOB_CREATED': 'created', 'UPLOADED': 'uploaded',
                                   'COMPLETED': 'completed'}
    assert ChunkState.UNFINISHED == (ChunkState.PENDING, ChunkState.JOB_CREATED, ChunkState.UPLOADED)
    assert ChunkState.COMPLETED not in ChunkState.UNFINISHED


def test_file_states():
    assert _values(FileState) == {'UPLOADED': 'uploaded', 'FAILED': 'failed', 'DONE': 'done'}


def test_the_three_vocabularies_do_not_share_a_value_within_each_and_jobs_differ_from_chunks():
    for cls in (JobState, ChunkState, FileState):
        values = list(_values(cls).values())
        assert len(set(values)) == len(values), cls
    assert not set(_values(JobState).values()) & set(_values(ChunkState).values())
    assert not set(_values(JobState).values()) & set(_values(FileState).values())
    assert JobState.CREATED != ChunkState.JOB_CREATED and JobState.CREATED.lower() == ChunkState.JOB_CREATED
