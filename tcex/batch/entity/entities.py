# -*- coding: utf-8 -*-
"""The Group and Indicator entities (the per-type classes are generated in :mod:`.classes`).

Entities keep their data as the JSON the batch API receives; every change re-queues the
entity with its sink so the change reaches the store.
"""
from __future__ import absolute_import, division, print_function, unicode_literals

from tcex.batch.entity.base import Entity
from tcex.batch.types.text import _TEXT
from tcex.batch.types.kind import Kind


class Group(Entity):
    """A Group (Adversary, Document, Event...)."""

    __slots__ = ('_name',)
    kind = Kind.GROUP
    assoc_key = 'associatedGroupXid'
    identity_keys = ('name', 'fileContent')

    def __init__(self, sink, xid, name, data=None):
        """Build a Group (the batch builders do; ``data`` is its validated field data)."""
        super(Group, self).__init__(sink, xid, data)
        self._name = name

    @property
    def name(self):
        """str: The Group name."""
        return self._name

    @name.setter
    def name(self, value):
        self._name = self._validate_value(_TEXT, 'name', value)
        self.touch()

    identity = name

    def _apply_identity(self, key, value):
        if key == 'name':
            self._name = self._validate_value(_TEXT, 'name', value)
        elif key == 'fileContent' and self.spec.has_files:
            self.file_content = value
        else:
            return False
        return True

    def to_json(self):
        out = {'name': self._name, 'type': self.spec.name, 'xid': self._xid}
        if self._data:
            out.update(self._data)
        if self._attrs:
            out['attribute'] = self._attrs
        if self._labels:
            out['securityLabel'] = self._labels
        if self._tags:
            out['tag'] = [{'name': name} for name in self._tags]
        if self._assoc:
            out['associatedGroupXid'] = self._assoc
        return out


class Indicator(Entity):
    """An Indicator (Address, File, Host...)."""

    __slots__ = ('_values', '_occ')
    kind = Kind.INDICATOR
    assoc_key = 'associatedGroups'
    identity_keys = ('summary',)

    def __init__(self, sink, xid, values, data=None):  # the base __init__ inlined: one call per new indicator
        """Build an Indicator (the batch builders do; ``data`` is its validated field data)."""
        self._sink = sink
        self._xid = xid
        self._data = {} if data is None else data
        self._attrs = None
        self._labels = None
        self._tags = None
        self._tag_set = None
        self._assoc = None
        self._dirty = True
        self._stored = False
        self._values = values
        self._occ = None

    @property
    def summary(self):
        """str: The summary: the value, or the values present joined with " : "."""
        values = self._values
        if len(values) == 1:
            return values[0]
        return ' : '.join(x for x in values if x is not None)

    identity = summary

    def _set_value(self, index, field, value):
        values = list(self._values)
        values[index] = None if value is None else self.spec.validate_value(field, value)
        if all(x is None for x in values):
            raise self._error(field.attr, value, 'an indicator needs a value')
        self._values = values
        self.touch()

    def _apply_identity(self, key, value):
        if key != 'summary':
            return False
        self._values = self.spec.split_summary(value)
        return True

    def to_json(self):
        out = {'summary': self.summary, 'type': self.spec.name, 'xid': self._xid}
        if self._data:
            out.update(self._data)
        if self._assoc:
            out['associatedGroups'] = [{'groupXid': xid} for xid in self._assoc]
        if self._attrs:
            out['attribute'] = self._attrs
        if self._occ:
            occurrences = []
            for item in self._occ:  # empty ones are not sent, identical ones once
                if item and item not in occurrences:
                    occurrences.append(item)
            if occurrences:
                out['fileOccurrence'] = occurrences
        if self._labels:
            out['securityLabel'] = self._labels
        if self._tags:
            out['tag'] = [{'name': name} for name in self._tags]
        return out


