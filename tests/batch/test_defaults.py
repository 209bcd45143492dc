# -*- coding: utf-8 -*-
"""tcex.batch.defaults: the batch, the submitter, the job API and the App arguments take their defaults from it."""
from __future__ import absolute_import, division, print_function, unicode_literals

import argparse

from tcex.app.args import add_standard_arguments
from tcex.batch import Batch, defaults
from tcex.batch.submit.api import BatchApi
from tcex.batch.submit.submitter import BatchSubmitter


def test_the_documented_values():
    assert (defaults.CHUNK_SIZE, defaults.MAX_BYTES) == (25000, 2000000)
    assert (defaults.POLL_INTERVAL, defaults.POLL_MAX_INTERVAL, defaults.POLL_TIMEOUT) == (15.0, 20.0, 3600.0)
    assert defaults.POLL_BACKOFF == 1.5 and defaults.BUFFER_SIZE >= 1


def test_batch_and_submitter_take_their_defaults_from_the_module(tmpdir):
    batch = Batch('MyOrg', temp_path=str(tmpdir))
    try:
        assert (batch.chunk_size, batch.max_bytes) == (defaults.CHUNK_SIZE, defaults.MAX_BYTES)
        submitter = BatchSubmitter(batch, None)
        assert (submitter.chunk_size, submitter.max_bytes) == (defaults.CHUNK_SIZE, defaults.MAX_BYTES)
        api = submitter.api
        assert (api.poll_interval, api.poll_max_interval, api.poll_timeout, api.poll_backoff) == (
            defaults.POLL_INTERVAL, defaults.POLL_MAX_INTERVAL, defaults.POLL_TIMEOUT, defaults.POLL_BACKOFF)
    finally:
        batch.close()


def test_submitter_uses_the_batch_settings_over_the_defaults(tmpdir):
    batch = Batch('MyOrg', temp_path=str(tmpdir), chunk_size=10, max_bytes=5000)
    try:
        submitter = BatchSubmitter(batch, None, poll_interval=1, poll_timeout=9)
        assert (submitter.chunk_size, submitter.max_bytes) == (10, 5000)
        assert (submitter.api.poll_interval, submitter.api.poll_timeout) == (1.0, 9.0)
        assert submitter.api.poll_max_interval == defaults.POLL_MAX_INTERVAL
    finally:
        batch.close()


def test_job_api_defaults():
    api = BatchApi(None)
    assert (api.poll_interval, api.poll_max_interval, api.poll_timeout, api.poll_backoff) == (
        defaults.POLL_INTERVAL, defaults.POLL_MAX_INTERVAL, defaults.POLL_TIMEOUT, defaults.POLL_BACKOFF)


def test_app_arguments_default_to_the_module():
    parser = argparse.ArgumentParser()
    add_standard_arguments(parser)
    args, _ = parser.parse_known_args([])
    assert (args.batch_chunk_size, args.batch_max_bytes) == (defaults.CHUNK_SIZE, defaults.MAX_BYTES)
    assert (args.batch_poll_interval, args.batch_poll_max_interval, args.batch_poll_timeout) == (
        defaults.POLL_INTERVAL, defaults.POLL_MAX_INTERVAL, defaults.POLL_TIMEOUT)


def test_the_buffer_default_bounds_pending_entities(tmpdir):
    batch = Batch('MyOrg', temp_path=str(tmpdir))
    try:
        for i in range(defaults.BUFFER_SIZE):
            batch.address('10.9.{}.{}'.format(i // 256, i % 256))
        assert batch.pool.pending_count() == defaults.BUFFER_SIZE  # nothing written before the buffer is full
        for i in range(3 * defaults.BUFFER_SIZE):
            batch.address('10.8.{}.{}'.format(i // 256, i % 256))
        assert batch.pool.pending_count() <= defaults.BUFFER_SIZE + 1
        assert len(batch) == 4 * defaults.BUFFER_SIZE
    finally:
        batch.close()
