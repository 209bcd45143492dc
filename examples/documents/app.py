# -*- coding: utf-8 -*-
"""Documents example: upload Documents and a Report with their file content.

The content of a Document or Report is not part of the batch JSON: the batch job
creates the group, then the content is uploaded to it. Content can be given
inline (bytes or text) or as a callback ``content(xid)`` that is called only at
upload time, once per file, so large files are never all in memory.

This App creates:

* Document ``Threat brief`` (``files/threat-brief.md``, content from the callback),
* Document ``Indicator file`` (``files/indicators.csv.gz``, binary, from the callback),
* Report ``Quarterly threat report`` (``files/quarterly-report.txt``, from the callback),
* Document ``Analyst note`` with inline text content,

associates the Documents with the Report, submits with ``batch.submit_all()``
(which uploads the content after the job completes) and exits 0, 3 or 1.

Run it against the embedded emulator with ``tcex run --emulator app.py``.
"""
from __future__ import absolute_import, division, print_function, unicode_literals

import io
import os
import sys
import time

# The deployment zip carries tcex and six in lib/ (the platform has only Python and requests).
HERE = os.path.dirname(os.path.abspath(__file__))
LIB = os.path.join(HERE, 'lib')
if os.path.isdir(LIB) and LIB not in sys.path:
    sys.path.insert(0, LIB)

from tcex import ExitCode, JobApp  # noqa: E402  pylint: disable=wrong-import-position
from tcex.batch import outcome  # noqa: E402  pylint: disable=wrong-import-position
from tcex.errors import ArgumentError  # noqa: E402  pylint: disable=wrong-import-position

#: xid -> file name (inside files_dir) of the content the callback supplies.
FILES = {
    'example-doc-threat-brief': 'threat-brief.md',
    'example-doc-indicator-file': 'indicators.csv.gz',
    'example-report-quarterly': 'quarterly-report.txt',
}

ANALYST_NOTE = 'Analyst note: the lure domains in the threat brief were registered on 2026-09-28.\n'


class DocumentsApp(JobApp):
    """Build Documents and a Report, submit, upload their content."""

    def setup(self):
        """Check the files folder."""
        self.files_dir = os.path.join(HERE, self.args.files_dir)
        if not os.path.isdir(self.files_dir):
            raise ArgumentError('files_dir: no such folder: {}'.format(self.files_dir), value=self.args.files_dir)
        self.read_count = 0

    def content(self, xid):
        """Return the content of the group ``xid``: called by the upload step, once per file."""
        path = os.path.join(self.files_dir, FILES[xid])
        self.log.info('reading content of %s from %s', xid, FILES[xid])
        self.read_count += 1
        with io.open(path, 'rb') as handle:
            return handle.read()

    def run(self):
        """Build the groups, submit, report; return the exit code."""
        batch = self.tcex.batch(self.args.api_default_org)

        # Interface 1, content from the callback (called with the xid at upload time).
        brief = batch.document('Threat brief', 'threat-brief.md', file_content=self.content,
                               xid='example-doc-threat-brief')
        brief.attribute('Description', 'Phishing wave against finance: summary and actions', displayed=True)
        brief.tag('Phishing')
        brief.security_label('TLP:AMBER')

        ioc_file = batch.document('Indicator file', 'indicators.csv.gz', xid='example-doc-indicator-file')
        ioc_file.file_content = self.content  # the property setter works too
        ioc_file.tag('Phishing')

        report = batch.report('Quarterly threat report', 'quarterly-report.txt', file_content=self.content,
                              publish_date='2026-10-15T00:00:00Z', xid='example-report-quarterly')
        report.tag('Quarterly')

        # Interface 2, inline text content.
        note = batch.group('Document', 'Analyst note', xid='example-doc-analyst-note')
        note.add_key_value('fileName', 'analyst-note.txt')
        note.file_content = ANALYST_NOTE

        for document in (brief, ioc_file, note):
            report.association(document.xid)

        batch_status = batch.submit_all()  # one status dict per batch job
        code, summary = outcome(batch_status)
        result = batch.summary  # the aggregate: counts, errors and uploads of every job
        for upload in result.get('uploads') or []:
            self.log.info('upload %s %s: %s %s', upload.get('type'), upload.get('xid'), upload.get('method'),
                          upload.get('status'))
        for error in result.get('errors') or []:
            self.log.warning('batch error: %s', error.get('errorReason'))
        self.log.info('content callback called %d times', self.read_count)
        if code != ExitCode.FAILURE:
            self.tcex.results_tc('last_run', time.strftime('%Y-%m-%dT%H:%M:%SZ', time.gmtime(self.tcex.clock())))
        self.exit_message = summary
        return code


if __name__ == '__main__':
    DocumentsApp.main()
