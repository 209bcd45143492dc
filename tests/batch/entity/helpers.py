# -*- coding: utf-8 -*-
"""A complete EntitySink for testing entities without a Batch."""
from __future__ import absolute_import, division, print_function, unicode_literals

from tcex.batch.entity import CLASSES, EntitySink


class ListSink(EntitySink):
    """A small, complete sink: records queued entities, keeps file contents, grants claims."""

    def __init__(self, claims=()):
        self.queued = []
        self.files = {}
        self.claims = list(claims)

    def queue(self, entity):
        self.queued.append(entity)

    def claim_attribute(self, xid, attr_type, value):
        if (attr_type, value) in self.claims:
            self.claims.remove((attr_type, value))
            return True
        return False

    def get_file(self, xid):
        return self.files.get(xid)

    def set_file(self, entity, content):
        self.files[entity.xid] = content


def make_address(sink, ip='1.1.1.1', data=None):
    return CLASSES['Address'](sink, 'x-' + ip, [ip], data)
