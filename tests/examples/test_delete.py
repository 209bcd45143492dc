# -*- coding: utf-8 -*-
"""examples/delete against the emulator: removes exactly what examples/feed_app created."""
from __future__ import absolute_import, division, print_function, unicode_literals

import json

from tests.examples.helpers import run_example


def test_delete_removes_what_the_feed_app_created(emulator, tmpdir):
    assert run_example('feed_app', emulator, str(tmpdir.mkdir('feed'))).code == 0
    assert run_example('documents', emulator, str(tmpdir.mkdir('documents'))).code == 0
    assert len(emulator.indicators()) == 412 and len(emulator.groups()) == 9

    run = run_example('delete', emulator, str(tmpdir.mkdir('delete')))
    assert run.code == 0, run.output
    assert 'deleting 5 incidents and 412 indicators' in run.output
    assert emulator.batch_jobs[-1]['config']['action'] == 'Delete'
    assert emulator.indicators() == []
    # the documents example's groups are not in the feed: they stay
    assert sorted(g['xid'] for g in emulator.groups()) == sorted([
        'example-doc-threat-brief', 'example-doc-indicator-file', 'example-report-quarterly',
        'example-doc-analyst-note'])
    assert 'indicators:      0' in run.output


def test_delete_sends_only_identities(emulator, tmpdir):
    run = run_example('delete', emulator, str(tmpdir))
    assert run.code == 0, run.output
    data = json.loads(emulator.batch_jobs[0]['data'].decode('utf-8'))
    assert len(data['indicator']) == 412 and len(data['group']) == 5
    for entity in data['indicator'] + data['group']:
        assert 'tag' not in entity and 'attribute' not in entity and 'securityLabel' not in entity
