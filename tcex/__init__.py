# -*- coding: utf-8 -*-
"""tcex: a Python SDK for writing ThreatConnect Job Apps.

The App's main script typically starts with::

    from tcex import TcEx
    tcex = TcEx()

or subclasses :class:`tcex.JobApp` and calls ``MyApp.main()``.
"""
from __future__ import absolute_import, division, print_function, unicode_literals

import logging

from tcex.__version__ import __version__  # noqa: F401
from tcex.errors import TcExError  # noqa: F401
from tcex.tcex import TcEx  # noqa: F401
from tcex.app.job_app import JobApp  # noqa: F401
from tcex.app.exit import ExitCode  # noqa: F401

logging.getLogger('tcex').addHandler(logging.NullHandler())
