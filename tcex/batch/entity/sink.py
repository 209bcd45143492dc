# -*- coding: utf-8 -*-
"""The one interface between entities and their batch: :class:`EntitySink`.

An entity holds the sink that built it and calls nothing else of the batch. The batch side
(:class:`tcex.batch.builder.pool.EntityPool`) calls only the entity's public methods: ``check``,
``to_text``, ``touch``, ``is_pending``, ``is_stored``, ``written``, ``unwritten``, ``restore``,
``merge_dict`` and ``belongs_to``.
"""
from __future__ import absolute_import, division, print_function, unicode_literals


class EntitySink(object):
    """What an entity needs from its batch (an abstract base: every method must be provided)."""

    def queue(self, entity):
        """Take a changed entity back into the pending entities (it is written again later).

        Args:
            entity (Entity): The entity, whose ``is_pending`` was False.
        """
        raise NotImplementedError

    def claim_attribute(self, xid, attr_type, value):
        """Return True once per attribute an earlier run stored on ``xid`` with this type and value.

        A rerun of an App adds the same ``unique=False`` attributes again: each stored one is
        reused once, so the entity sends what it sent before.
        """
        raise NotImplementedError

    def get_file(self, xid):
        """Return the file content (bytes, text or callback) given for a Document or Report, or None."""
        raise NotImplementedError

    def set_file(self, entity, content):
        """Keep (or with None, forget) the file content of a Document or Report for the upload step."""
        raise NotImplementedError
