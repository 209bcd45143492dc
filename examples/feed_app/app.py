# -*- coding: utf-8 -*-
"""Feed example: turn a CSV threat feed into Incidents and Indicators in ThreatConnect.

Each row of the feed (``data/feed.csv``) is one indicator seen in one incident::

    incident_id,incident_name,type,value,rating,confidence,tags,description,first_seen,tlp

The App builds one Incident per ``incident_id`` (its event date is the earliest
``first_seen`` of its rows) and one Address, Host, File or URL indicator per row
with rating, confidence, first seen, tags, a displayed Description attribute, a
TLP security label and an association to its Incident. It submits everything
with ``batch.submit_all()``, writes ``last_run`` to results.tc and exits 0
(success), 3 (partial failure: rows skipped or entities rejected) or 1 (failure).

Run it against the embedded emulator with ``tcex run --emulator app.py``.
"""
from __future__ import absolute_import, division, print_function, unicode_literals

import csv
import io
import os
import sys
import time

# The deployment zip carries tcex and six in lib/ (the platform has only Python and requests).
HERE = os.path.dirname(os.path.abspath(__file__))
LIB = os.path.join(HERE, 'lib')
if os.path.isdir(LIB) and LIB not in sys.path:
    sys.path.insert(0, LIB)

import six  # noqa: E402  pylint: disable=wrong-import-position

from tcex import ExitCode, JobApp  # noqa: E402  pylint: disable=wrong-import-position
from tcex.batch import outcome  # noqa: E402  pylint: disable=wrong-import-position
from tcex.errors import ArgumentError, TcExError  # noqa: E402  pylint: disable=wrong-import-position

#: Feed ``type`` column -> the Interface 1 builder and its value keyword.
BUILDERS = {'Address': 'address', 'Host': 'host', 'File': 'file', 'URL': 'url'}

#: Log a progress line every this many rows.
PROGRESS_EVERY = 100


def read_feed(path):
    """Yield ``(line number, row dict)`` for each record of a CSV feed file.

    Works the same on Python 2.7 (whose csv module reads bytes) and 3.

    Args:
        path (str): The CSV file (UTF-8, header on the first line).

    Yields:
        tuple: The 1-based line number of the record and the row as a dict of text.
    """
    if six.PY2:  # pragma: no cover - exercised by the py27 tests
        with open(path, 'rb') as handle:
            reader = csv.DictReader(handle)
            for row in reader:
                yield reader.line_num, dict((k.decode('utf-8'), (v or b'').decode('utf-8'))
                                            for k, v in row.items() if k is not None)
    else:
        with io.open(path, encoding='utf-8', newline='') as handle:
            reader = csv.DictReader(handle)
            for row in reader:
                yield reader.line_num, dict((k, v or '') for k, v in row.items() if k is not None)


class FeedApp(JobApp):
    """Read the feed, build the batch, submit it, report the outcome."""

    def setup(self):
        """Check the feed file and open a batch for the default org."""
        self.feed_path = os.path.join(HERE, self.args.feed_file)
        if not os.path.isfile(self.feed_path):
            raise ArgumentError('feed_file: no such file: {}'.format(self.feed_path), value=self.args.feed_file)
        self.batch = self.tcex.batch(self.args.api_default_org, halt_on_error=self.args.halt_on_error)
        self.incident_names = {}  # incident xid -> name
        self.incident_dates = {}  # incident xid -> earliest first_seen
        self.indicators = 0
        self.skipped = 0

    def run(self):
        """Build, submit and report; return the exit code."""
        name = os.path.basename(self.feed_path)
        if self.args.last_run:
            self.log.info('previous run completed at %s', self.args.last_run)
        rows = 0
        for line, row in read_feed(self.feed_path):
            rows += 1
            try:
                self.add_row(row)
            except (TcExError, KeyError, ValueError) as exc:
                self.skipped += 1
                self.log.warning('%s:%d: row skipped: %s', name, line, exc)
            if rows % PROGRESS_EVERY == 0:
                self.log.info('read %d rows', rows)
        for xid, event_date in sorted(self.incident_dates.items()):
            self.batch.incident(self.incident_names[xid], xid=xid).event_date = event_date
        self.log.info('read %d rows from %s: %d incidents, %d indicators, %d rows skipped', rows, name,
                      len(self.incident_names), self.indicators, self.skipped)

        self.log.info('submitting %d entities to owner %s', len(self.batch), self.batch.owner)
        batch_status = self.batch.submit_all()  # one status dict per batch job, as tcex returned
        code, summary = outcome(batch_status)
        for error in self.batch.summary.get('errors') or []:  # the aggregate over every job
            self.log.warning('batch error: %s', error.get('errorReason'))
        if self.skipped:
            summary += '; {} feed rows skipped'.format(self.skipped)
            if code == ExitCode.SUCCESS:
                code = ExitCode.PARTIAL_FAILURE
        if code != ExitCode.FAILURE:
            now = time.strftime('%Y-%m-%dT%H:%M:%SZ', time.gmtime(self.tcex.clock()))
            self.tcex.results_tc('last_run', now)
        self.exit_message = summary
        return code

    def add_row(self, row):
        """Add one feed row: its indicator, metadata and Incident.

        Raises:
            ValidationError: A value the batch API would reject (the row is skipped).
            KeyError: An unknown indicator type.
        """
        type_name = row['type'].strip()
        if type_name not in BUILDERS:
            raise KeyError('unknown type {!r} (expected one of {})'.format(type_name, ', '.join(sorted(BUILDERS))))
        incident_id = row['incident_id'].strip()
        if not incident_id:
            raise ValueError('incident_id is empty')
        # Scalar fields go to the builder so a bad value rejects the whole row.
        builder = getattr(self.batch, BUILDERS[type_name])
        indicator = builder(row['value'].strip(), rating=row['rating'] or None,
                            confidence=row['confidence'] or None, first_seen=row['first_seen'] or None)
        for tag in row['tags'].split('|'):
            if tag.strip():
                indicator.tag(tag.strip())
        if row['description'].strip():
            indicator.attribute('Description', row['description'].strip(), displayed=True)
        if row['tlp'].strip():
            indicator.security_label(row['tlp'].strip())
        indicator.association(incident_id)
        self.indicators += 1
        self.add_incident(incident_id, row['incident_name'].strip() or incident_id, indicator.first_seen)

    def add_incident(self, xid, name, first_seen):
        """Create the Incident on first sight; keep its earliest ``first_seen`` as event date."""
        if xid not in self.incident_names:
            self.batch.incident(name, status=self.args.incident_status, xid=xid)
            self.incident_names[xid] = name
        earliest = self.incident_dates.get(xid)
        if first_seen and (earliest is None or first_seen < earliest):
            self.incident_dates[xid] = first_seen


if __name__ == '__main__':
    FeedApp.main()
