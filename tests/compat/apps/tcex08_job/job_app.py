# -*- coding: utf-8 -*-
"""The job template's base class, in tcex 0.8's style."""
from args import Args


class JobApp(object):
    """Base of the App: argument parsing, start, run and done steps."""

    def __init__(self, _tcex):
        self.tcex = _tcex
        self.args = None
        self.exit_message = 'Success'

    def done(self):
        """Clean up."""
        self.tcex.log.debug('Running done.')

    def parse_args(self):
        """Declare the App's arguments on tcex.parser and read them."""
        Args(self.tcex)
        self.args = self.tcex.args

    def run(self):
        """The App's logic."""
        self.tcex.log.info('No run logic provided.')

    def start(self):
        """Prepare."""
        self.tcex.log.debug('Running start.')
