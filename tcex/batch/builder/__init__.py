# -*- coding: utf-8 -*-
"""Building a batch: the :class:`~tcex.batch.builder.interfaces.Builder` (the three builder interfaces)
and the :class:`~tcex.batch.builder.pool.EntityPool` (pending and live entities, their store)."""
