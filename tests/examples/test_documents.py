# -*- coding: utf-8 -*-
"""examples/documents against the emulator: groups created and content bytes uploaded."""
from __future__ import absolute_import, division, print_function, unicode_literals

import gzip
import io
import os

from tests.examples.helpers import EXAMPLES, run_example

FILES = os.path.join(EXAMPLES, 'documents', 'files')


def _bytes(name):
    with io.open(os.path.join(FILES, name), 'rb') as handle:
        return handle.read()


def test_documents_content_is_uploaded_byte_for_byte(emulator, tmpdir):
    run = run_example('documents', emulator, str(tmpdir))
    assert run.code == 0, run.output
    assert emulator.file('example-doc-threat-brief') == _bytes('threat-brief.md')
    assert emulator.file('example-doc-indicator-file') == _bytes('indicators.csv.gz')
    assert emulator.file('example-report-quarterly') == _bytes('quarterly-report.txt')
    assert emulator.file('example-doc-analyst-note') == (
        b'Analyst note: the lure domains in the threat brief were registered on 2026-09-28.\n')
    assert len(emulator.files) == 4
    # the binary file survived intact
    data = gzip.GzipFile(fileobj=io.BytesIO(emulator.file('example-doc-indicator-file'))).read()
    assert data.startswith(b'value,type,tlp\n198.51.100.1,Address,TLP:AMBER\n')


def test_documents_groups_and_metadata(emulator, tmpdir):
    run = run_example('documents', emulator, str(tmpdir))
    assert run.code == 0, run.output
    brief = emulator.group('example-doc-threat-brief')
    assert (brief['type'], brief['name'], brief['fileName']) == ('Document', 'Threat brief', 'threat-brief.md')
    assert [t['name'] for t in brief['tag']] == ['Phishing']
    assert [x['name'] for x in brief['securityLabel']] == ['TLP:AMBER']
    assert brief['attribute'][0]['displayed'] is True
    report = emulator.group('example-report-quarterly')
    assert report['type'] == 'Report'
    assert report['publishDate'] == '2026-10-15T00:00:00Z'
    assert sorted(report['associatedGroupXid']) == sorted(
        ['example-doc-threat-brief', 'example-doc-indicator-file', 'example-doc-analyst-note'])
    note = emulator.group('example-doc-analyst-note')
    assert note['fileName'] == 'analyst-note.txt'


def test_documents_callback_runs_once_per_file_at_upload_time(emulator, tmpdir):
    run = run_example('documents', emulator, str(tmpdir))
    assert run.code == 0
    assert 'content callback called 3 times' in run.output
    # the callback is called after the batch job completed, i.e. during the upload step
    assert run.output.index('batch chunk 1: job') < run.output.index('reading content of example-doc-threat-brief')
    assert run.message().endswith('4 of 4 files uploaded')
    assert 'files uploaded: 4' in run.output


def test_failed_upload_makes_the_run_partial(emulator, tmpdir):
    emulator.inject('file.upload', status=400, count=1)
    run = run_example('documents', emulator, str(tmpdir))
    assert run.code == 3, run.output
    assert run.message().endswith('; 3 of 4 files uploaded')
    assert len(emulator.files) == 3
    assert len(emulator.groups()) == 4
