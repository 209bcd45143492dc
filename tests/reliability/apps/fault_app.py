# -*- coding: utf-8 -*-
"""A Job App for the fault suite: submits the reliability feed; can SIGKILL itself after a step.

``FAULT_APP_KILL_AFTER=<create|upload|poll|errors|file>`` makes the process send itself
SIGKILL right after the first call of that submit step returned (the server has done the
work, the App has not recorded it yet) - the harshest point to die at.
"""
from __future__ import absolute_import, division, print_function, unicode_literals

import os
import signal
import sys

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))))

from tcex import JobApp  # noqa: E402
from tcex.batch.submit import api as submit_api, files as submit_files  # noqa: E402
from tcex.batch.submit.outcome import outcome  # noqa: E402
from tests.reliability.feed import OWNER, build_feed  # noqa: E402

_TARGETS = {'create': (submit_api.BatchApi, 'create_job'), 'upload': (submit_api.BatchApi, 'upload'),
            'poll': (submit_api.BatchApi, 'poll'), 'errors': (submit_api.BatchApi, 'errors'),
            'file': (submit_files, 'upload_file')}


def _arm(step):
    owner, name = _TARGETS[step]
    original = getattr(owner, name)

    def killer(*args, **kwargs):
        result = original(*args, **kwargs)
        os.kill(os.getpid(), signal.SIGKILL)
        return result

    setattr(owner, name, killer)  # a class method or a module function: both are looked up at call time


class FaultApp(JobApp):
    """Builds the feed and submits it with Option 1."""

    def add_arguments(self, parser):
        parser.add_argument('--store_name', default=None)
        parser.add_argument('--leave_open', action='store_true', help='do not call batch.close()')
        parser.add_argument('--unguarded', action='store_true',
                            help='add attribute, tag and security label unguarded on every run')

    def run(self):
        step = os.environ.get('FAULT_APP_KILL_AFTER')
        if step:
            _arm(step)
        options = {'store_path': self.args.store_name} if self.args.store_name else {}
        batch = self.tcex.batch(OWNER, attribute_write_type='Append', halt_on_error=False, **options)
        build_feed(batch, guarded=not self.args.unguarded)
        result = batch.submit_all()
        if not self.args.leave_open:
            batch.close()
        code, self.exit_message = outcome(result)
        return code


if __name__ == '__main__':
    FaultApp.main()
