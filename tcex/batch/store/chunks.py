# -*- coding: utf-8 -*-
"""Streaming the stored entities as batch JSON chunks.

A chunk holds at most ``max_count`` entities and its payload at most
``max_bytes`` bytes. Groups come before Indicators (so a chunk's indicators can
reference groups already sent). Entity JSON is stored ASCII-only, so text length
is byte length and payloads are assembled by joining stored text.
"""
from __future__ import absolute_import, division, print_function, unicode_literals

import six

from tcex.batch.store.sqlite import KIND_GROUP, KIND_INDICATOR
from tcex.errors import BatchError

_HEAD = '{"group":['
_MIDDLE = '],"indicator":['
_TAIL = ']}'
OVERHEAD = len(_HEAD) + len(_MIDDLE) + len(_TAIL)


class Chunk(object):
    """One batch JSON payload ready to upload.

    Attributes:
        number (int): 1-based chunk number in this iteration.
        payload (bytes): The batch JSON (``{"group": [...], "indicator": [...]}``).
        group_count (int): Groups in the chunk.
        indicator_count (int): Indicators in the chunk.
        xids (list): The xids, groups first then indicators.
    """

    __slots__ = ('number', 'payload', 'group_count', 'indicator_count', 'xids')

    def __init__(self, number, payload, group_count, indicator_count, xids):
        self.number = number
        self.payload = payload
        self.group_count = group_count
        self.indicator_count = indicator_count
        self.xids = xids

    def __len__(self):
        return self.group_count + self.indicator_count

    def __repr__(self):
        return '<Chunk {} groups={} indicators={} bytes={}>'.format(
            self.number, self.group_count, self.indicator_count, len(self.payload))


# Python 2: the texts are ASCII byte strings (the encoder's, and those read back from SQLite)
# or ASCII unicode (another reader's). Joined as bytes; a unicode separator would decode every
# byte string into a unicode one.
_JOIN_AS_BYTES = six.PY2
_HEAD_BYTES, _MIDDLE_BYTES, _TAIL_BYTES = (part.encode('ascii') for part in (_HEAD, _MIDDLE, _TAIL))


def join_payload(groups, indicators):
    """Return the batch JSON bytes for lists of entity JSON texts (ASCII, as the store keeps them)."""
    if _JOIN_AS_BYTES:
        return b''.join((_HEAD_BYTES, b','.join(map(six.binary_type, groups)), _MIDDLE_BYTES,
                         b','.join(map(six.binary_type, indicators)), _TAIL_BYTES))
    return ''.join((_HEAD, ','.join(groups), _MIDDLE, ','.join(indicators), _TAIL)).encode('utf-8')


def iter_chunks(store, max_count, max_bytes, unsent_only=False, view=None):
    """Yield :class:`Chunk` objects from a store.

    Args:
        store (Store): The store.
        max_count (int): Entities per chunk (None: unlimited).
        max_bytes (int): Payload bytes per chunk (None: unlimited).
        unsent_only (bool): Skip entities whose chunk_id is set.
        view (callable): Applied to each stored JSON text before it is counted and joined
            (e.g. :func:`tcex.batch.entity.encoder.identity_text` for a Delete job); None: as stored.

    Raises:
        BatchError: An entity alone exceeds ``max_bytes``.
    """
    if max_count is not None and max_count < 1:
        raise BatchError('max_count must be at least 1, not {}'.format(max_count), value=max_count)
    count_limit = max_count or float('inf')
    byte_limit = max_bytes or float('inf')
    number = 0
    lists = ([], [])
    xids = []
    size = OVERHEAD
    for kind in (KIND_GROUP, KIND_INDICATOR):
        current = lists[kind]
        add_text = current.append
        add_xid = xids.append
        comma = 1 if current else 0  # 1 once the kind's list has an item
        for xid, text in store.iter_rows(kind, unsent_only=unsent_only):
            if view is not None:
                text = view(text)
            extra = len(text) + comma
            if size + extra > byte_limit or len(xids) >= count_limit:
                if xids:
                    number += 1
                    yield Chunk(number, join_payload(*lists), len(lists[0]), len(lists[1]), xids)
                    lists = ([], [])
                    xids = []
                    size = OVERHEAD
                    current = lists[kind]
                    add_text = current.append
                    add_xid = xids.append
                    extra = len(text)
                if size + extra > byte_limit:
                    raise BatchError('{} {} is {} bytes in JSON, more than the chunk limit of {} bytes'.format(
                        'group' if kind == KIND_GROUP else 'indicator', xid, len(text), max_bytes), value=xid)
            add_text(text)
            add_xid(xid)
            size += extra
            comma = 1
    if xids:
        number += 1
        yield Chunk(number, join_payload(*lists), len(lists[0]), len(lists[1]), xids)
