# -*- coding: utf-8 -*-
"""Delete example: remove the Incidents and Indicators the feed example created.

A batch job with ``action='Delete'`` deletes the groups and indicators it lists
from the owner. Deletion matches groups by xid and indicators by type and
summary, so the App rebuilds the same entities the feed App built, from the same
feed file, with the same xids: each Incident's xid is its ``incident_id`` and each
indicator's xid is derived from its type and value (``xid=True``, the default).
Metadata (tags, attributes, labels) is not needed: a Delete batch sends only what
identifies each entity.

Run the feed example first, then this one, against the same platform (or the
same emulator: the tests in ``tests/examples`` do exactly that).
"""
from __future__ import absolute_import, division, print_function, unicode_literals

import csv
import io
import os
import sys

# The deployment zip carries tcex and six in lib/ (the platform has only Python and requests).
HERE = os.path.dirname(os.path.abspath(__file__))
LIB = os.path.join(HERE, 'lib')
if os.path.isdir(LIB) and LIB not in sys.path:
    sys.path.insert(0, LIB)

import six  # noqa: E402  pylint: disable=wrong-import-position

from tcex import JobApp  # noqa: E402  pylint: disable=wrong-import-position
from tcex.batch import outcome  # noqa: E402  pylint: disable=wrong-import-position
from tcex.errors import ArgumentError, TcExError  # noqa: E402  pylint: disable=wrong-import-position

BUILDERS = {'Address': 'address', 'Host': 'host', 'File': 'file', 'URL': 'url'}


def feed_rows(path):
    """Yield ``(line number, incident_id, incident_name, type, value)`` for each feed row (Python 2 and 3)."""
    if six.PY2:  # pragma: no cover - exercised by the py27 tests
        handle = open(path, 'rb')
    else:
        handle = io.open(path, encoding='utf-8', newline='')
    with handle:
        reader = csv.DictReader(handle)
        for row in reader:
            values = [row.get(key) or '' for key in ('incident_id', 'incident_name', 'type', 'value')]
            if six.PY2:  # pragma: no cover
                values = [value.decode('utf-8') for value in values]
            yield [reader.line_num] + [value.strip() for value in values]


class DeleteApp(JobApp):
    """Delete what the feed App created."""

    def run(self):
        """Build a Delete batch from the feed, submit it, report; return the exit code."""
        path = os.path.join(HERE, self.args.feed_file)
        if not os.path.isfile(path):
            raise ArgumentError('feed_file: no such file: {}'.format(path), value=self.args.feed_file)
        batch = self.tcex.batch(self.args.api_default_org, action='Delete', halt_on_error=False)
        incidents = set()
        for line, incident_id, incident_name, type_name, value in feed_rows(path):
            try:
                getattr(batch, BUILDERS[type_name])(value)
            except (TcExError, KeyError) as exc:
                self.log.warning('%s:%d: row skipped: %s', os.path.basename(path), line, exc)
                continue
            if incident_id and incident_id not in incidents:
                batch.incident(incident_name or incident_id, xid=incident_id)
                incidents.add(incident_id)
        self.log.info('deleting %d incidents and %d indicators from %s', len(incidents),
                      len(batch) - len(incidents), batch.owner)
        batch_status = batch.submit_all()  # one status dict per batch job
        code, summary = outcome(batch_status)
        for error in batch.summary.get('errors') or []:  # every job's errors
            self.log.warning('batch error: %s', error.get('errorReason'))
        self.exit_message = summary
        return code


if __name__ == '__main__':
    DeleteApp.main()
