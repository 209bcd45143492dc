# -*- coding: utf-8 -*-
"""examples/feed_app against the emulator: what it stores, results.tc, exit codes."""
from __future__ import absolute_import, division, print_function, unicode_literals

import collections
import csv
import io
import os
import re

import six

from tests.examples.helpers import EXAMPLES, run_example

FEED = os.path.join(EXAMPLES, 'feed_app', 'data', 'feed.csv')


def feed_rows(path=FEED):
    """The feed's rows as dicts of text (Python 2 and 3), read independently of the App."""
    if six.PY2:
        with open(path, 'rb') as handle:
            return [dict((k.decode('utf-8'), v.decode('utf-8')) for k, v in row.items())
                    for row in csv.DictReader(handle)]
    with io.open(path, encoding='utf-8', newline='') as handle:
        return list(csv.DictReader(handle))


def test_feed_app_stores_the_whole_feed(emulator, tmpdir):
    rows = feed_rows()
    run = run_example('feed_app', emulator, str(tmpdir))
    assert run.code == 0, run.output

    indicators = emulator.indicators()
    counts = collections.Counter(x['type'] for x in indicators)
    assert counts == collections.Counter(row['type'] for row in rows)
    assert len(indicators) == len(rows) == 412

    groups = emulator.groups()
    incident_ids = set(row['incident_id'] for row in rows)
    assert sorted(g['xid'] for g in groups) == sorted(incident_ids)
    assert set(g['type'] for g in groups) == set(['Incident'])

    # one batch job, nothing rejected
    assert len(emulator.batch_jobs) == 1
    assert emulator.batch_jobs[0]['config']['action'] == 'Create'
    assert emulator.batch_jobs[0]['batchStatus']['errorCount'] == 0

    # the summary at the end of the run
    assert 'indicators:    412  (Address 112, File 120, Host 120, URL 60)' in run.output
    assert 'groups:          5  (Incident 5)' in run.output
    assert 'errors reported by the batch API: none' in run.output
    assert 'exited with code 0 (success)' in run.output


def test_feed_app_indicator_metadata_matches_the_row(emulator, tmpdir):
    rows = feed_rows()
    assert run_example('feed_app', emulator, str(tmpdir)).code == 0
    for row in (rows[0], rows[1], rows[2], rows[3], rows[-1]):
        stored = emulator.indicator(row['value'])
        assert stored is not None, row['value']
        assert stored['type'] == row['type']
        assert stored['rating'] == float(row['rating'])
        assert stored['confidence'] == int(row['confidence'])
        assert stored['firstSeen'] == row['first_seen']
        assert sorted(t['name'] for t in stored['tag']) == sorted(row['tags'].split('|'))
        assert [(a['type'], a['value'], a['displayed']) for a in stored['attribute']] == [
            ('Description', row['description'], True)]
        assert [label['name'] for label in stored['securityLabel']] == [row['tlp']]
        assert stored['associatedGroups'] == [{'groupXid': row['incident_id']}]


def test_feed_app_incidents(emulator, tmpdir):
    rows = feed_rows()
    assert run_example('feed_app', emulator, str(tmpdir)).code == 0
    by_incident = collections.defaultdict(list)
    for row in rows:
        by_incident[row['incident_id']].append(row)
    for incident_id, members in by_incident.items():
        group = emulator.group(incident_id)
        assert group['type'] == 'Incident'
        assert group['name'] == members[0]['incident_name']
        assert group['status'] == 'New'
        assert group['eventDate'] == min(row['first_seen'] for row in members)
        linked = sorted(x['summary'] for x in group['associatedIndicators'])
        assert linked == sorted(row['value'] for row in members)


def test_feed_app_writes_last_run_and_message(emulator, tmpdir):
    run = run_example('feed_app', emulator, str(tmpdir))
    assert run.code == 0
    assert re.match(r'^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$', run.results()['last_run'])
    assert run.message() == 'batch: 417 succeeded, 0 errors, 0 unprocessed in 1 job'


def test_feed_app_run_twice_updates_instead_of_duplicating(emulator, tmpdir):
    assert run_example('feed_app', emulator, str(tmpdir.mkdir('first'))).code == 0
    assert run_example('feed_app', emulator, str(tmpdir.mkdir('second'))).code == 0
    assert len(emulator.indicators()) == 412
    assert len(emulator.groups()) == 5
    assert len(emulator.batch_jobs) == 2


def _write_feed(path, rows):
    header = 'incident_id,incident_name,type,value,rating,confidence,tags,description,first_seen,tlp\n'
    with io.open(path, 'w', encoding='utf-8') as handle:
        handle.write(header + ''.join(row + '\n' for row in rows))


def test_bad_rows_are_skipped_with_their_line_and_make_the_run_partial(emulator, tmpdir):
    feed = str(tmpdir.join('bad.csv'))
    _write_feed(feed, [
        'INC-1,Good incident,Address,198.51.100.7,3,70,Botnet,ok row,2026-10-05T00:00:00Z,TLP:GREEN',
        'INC-1,Good incident,Address,999.1.1.1,3,70,Botnet,bad address,2026-10-05T00:00:00Z,TLP:GREEN',
        'INC-1,Good incident,Host,bad host name,3,70,Botnet,bad host,2026-10-05T00:00:00Z,TLP:GREEN',
        'INC-1,Good incident,Mutex,abc,3,70,Botnet,unsupported type,2026-10-05T00:00:00Z,TLP:GREEN',
        'INC-1,Good incident,URL,https://ok.example/a,9,70,Botnet,bad rating,2026-10-05T00:00:00Z,TLP:GREEN',
        'INC-2,Second,Host,fine.example,2,40,,no tags,2026-10-03T00:00:00Z,',
    ])
    run = run_example('feed_app', emulator, str(tmpdir), feed_file=feed)
    assert run.code == 3, run.output
    for line in (3, 4, 5, 6):
        assert 'bad.csv:{}: row skipped'.format(line) in run.output
    assert 'bad.csv:2: row skipped' not in run.output
    assert 'bad.csv:7: row skipped' not in run.output
    assert sorted(x['summary'] for x in emulator.indicators()) == ['198.51.100.7', 'fine.example']
    assert sorted(g['xid'] for g in emulator.groups()) == ['INC-1', 'INC-2']
    host = emulator.indicator('fine.example')
    assert host['tag'] == [] and host['securityLabel'] == []
    assert run.message().endswith('; 4 feed rows skipped')
    # partial failure still records the run
    assert 'last_run' in run.results()


def test_missing_feed_file_fails_with_one_line(emulator, tmpdir):
    run = run_example('feed_app', emulator, str(tmpdir), feed_file=str(tmpdir.join('nope.csv')))
    assert run.code == 1
    assert 'error: feed_file: no such file' in run.output
    assert run.output.count('feed_file: no such file') == 1, run.output  # not repeated by the log
    assert 'Traceback' not in run.output
    assert emulator.batch_jobs == []
    assert 'last_run' not in run.results()
