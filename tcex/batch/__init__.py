# -*- coding: utf-8 -*-
"""Building ThreatConnect batch v2 jobs: Groups, Indicators, metadata, the store.

See :class:`tcex.batch.Batch` and the guide in ``docs/batch.rst``.
"""
from __future__ import absolute_import, division, print_function, unicode_literals

from tcex.batch.batch import Batch  # noqa: F401
from tcex.batch.store.chunks import Chunk  # noqa: F401
from tcex.batch.types.xid import generate_xid  # noqa: F401
from tcex.batch.submit.outcome import outcome  # noqa: F401,E402  (submit result -> ExitCode + summary)
