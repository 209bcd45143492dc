# -*- coding: utf-8 -*-
"""Manual submit example: the batch cycle one step at a time (Option 2).

``batch.submit_all()`` does everything in one call. When an App wants control
between the steps (fetch more data while the platform works, decide what to do
about errors) it calls them one by one::

    batch_id = batch.submit_job()          # create the job
    batch.submit_data(batch_id)            # upload the batch JSON
    status = batch.poll(batch_id)          # wait for the job to complete
    errors = batch.errors(batch_id)        # what the platform rejected
    uploads = batch.submit_files()         # Document / Report content

The job is created with ``halt_on_error=False`` so one bad record does not stop
the others. To show error retrieval, the App adds (unless
``--with_invalid_record`` is off) an Address carrying the security label
``Partner Only``: the builder accepts it, because a label needs a description
and a color only when it does not exist yet and the builder cannot know what
exists on the platform; the platform rejects it because the owner has no such
label. Every other record is stored, so the run ends with exit code 3 (partial
failure) and the error is logged.

Run it against the embedded emulator with ``tcex run --emulator app.py``.
"""
from __future__ import absolute_import, division, print_function, unicode_literals

import os
import sys

# The deployment zip carries tcex and six in lib/ (the platform has only Python and requests).
HERE = os.path.dirname(os.path.abspath(__file__))
LIB = os.path.join(HERE, 'lib')
if os.path.isdir(LIB) and LIB not in sys.path:
    sys.path.insert(0, LIB)

from tcex import JobApp  # noqa: E402  pylint: disable=wrong-import-position
from tcex.batch import outcome  # noqa: E402  pylint: disable=wrong-import-position


class ManualSubmitApp(JobApp):
    """Build a small batch and submit it step by step."""

    def build(self, batch):
        """Add an Adversary, an Incident, indicators and a Document to ``batch``."""
        adversary = batch.adversary('Example Adversary', xid='example-adversary')
        adversary.attribute('Description', 'Operator of the example phishing kit', displayed=True)
        adversary.tag('Phishing')

        incident = batch.incident('Example phishing incident', event_date='2026-10-01T08:00:00Z', status='Open',
                                  xid='example-incident')
        incident.association(adversary.xid)

        host = batch.host('login-portal.example', True, rating=4, confidence=80)
        host.tag('Phishing')
        host.security_label('TLP:GREEN')
        host.association(incident.xid)

        url = batch.url('https://login-portal.example/sso/verify.php', 4, 80)
        url.association(incident.xid)

        report = batch.document('Phishing kit notes', 'kit-notes.txt', xid='example-kit-notes')
        report.file_content = 'The kit posts harvested credentials to /sso/collect.php.\n'
        report.association(incident.xid)

        if self.args.with_invalid_record:
            address = batch.address('203.0.113.77', 3, 60)
            address.security_label('Partner Only')  # accepted here, rejected by the platform
            address.association(incident.xid)

    def run(self):
        """Create, upload, poll, fetch errors, upload files; return the exit code."""
        batch = self.tcex.batch(self.args.api_default_org, halt_on_error=False)
        self.build(batch)
        self.log.info('built %d entities', len(batch))

        batch_id = batch.submit_job()
        self.log.info('step 1: created batch job %s', batch_id)

        batch.submit_data(batch_id)
        self.log.info('step 2: uploaded the batch data to job %s', batch_id)

        # An App could fetch the next page of its feed here, while the platform works.

        body = batch.poll(batch_id)
        status = body.get('data', {}).get('batchStatus', {})
        self.log.info('step 3: job %s %s: %s succeeded, %s errors', batch_id, status.get('status'),
                      status.get('successCount'), status.get('errorCount'))

        errors = []
        if status.get('errorCount', 0) > 0:
            errors = batch.errors(batch_id)
            for error in errors:
                self.log.warning('step 4: rejected: %s', error.get('errorReason'))

        uploads = batch.submit_files()
        for upload in uploads:
            self.log.info('step 5: uploaded %s %s: %s', upload.get('type'), upload.get('xid'), upload.get('status'))

        result = dict(status, uploads=uploads, errors=errors)
        code, summary = outcome(result)
        self.exit_message = summary
        return code


if __name__ == '__main__':
    ManualSubmitApp.main()
