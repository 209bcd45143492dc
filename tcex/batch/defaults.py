# -*- coding: utf-8 -*-
"""The batch's default limits and polling times, defined once.

The batch, the submitter, the job API and the App arguments (``--batch_chunk_size``...)
all take their defaults from here.
"""
from __future__ import absolute_import, division, print_function, unicode_literals

#: Entities per batch job (the platform's limit per upload).
CHUNK_SIZE = 25000
#: Payload bytes per batch upload.
MAX_BYTES = 2000000
#: Seconds to wait after the first status check that finds a job not completed.
POLL_INTERVAL = 15.0
#: Cap of the wait between two status checks.
POLL_MAX_INTERVAL = 20.0
#: Seconds after which polling one job gives up.
POLL_TIMEOUT = 3600.0
#: Growth factor of the wait between status checks.
POLL_BACKOFF = 1.5
#: Pending entities (created or changed, not yet serialized) a batch keeps before it writes
#: them to its store in bulk. Small: an App adds an entity's metadata right after creating it,
#: and every pending entity is work for the garbage collector until it is written.
BUFFER_SIZE = 50
