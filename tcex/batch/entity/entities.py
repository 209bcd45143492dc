# -*- coding: utf-8 -*-
"""The Group and Indicator entities (the per-type classes are generated in :mod:`.classes`).

Entities keep their data as the JSON the batch API receives; every change re-queues the
entity with its sink so the change reaches the store.
"""
from __future__ import absolute_import, division, print_function, unicode_literals

from six.moves import map  # pylint: disable=redefined-builtin

from tcex.batch.entity.base import Entity
from tcex.batch.entity.encoder import encode as _encode, quote as _quote
from tcex.batch.types.text import _TEXT
from tcex.batch.types.kind import Kind


# The fixed pieces of the JSON text (native str: byte strings on Python 2, like the encoder's output).
_NAME, _SUMMARY, _COMMA, _END = str('{"name":'), str('{"summary":'), str(','), str('}')
_ATTRIBUTE, _LABEL, _OCCURRENCE = str(',"attribute":'), str(',"securityLabel":'), str(',"fileOccurrence":')
_GROUP_ASSOC = str(',"associatedGroupXid":')
_ASSOC_OPEN, _ASSOC_SEP = str(',"associatedGroups":[{"groupXid":'), str('},{"groupXid":')
_TAG_OPEN, _TAG_SEP, _ITEMS_CLOSE = str(',"tag":[{"name":'), str('},{"name":'), str('}]')
_join = str('').join


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

    def to_text(self):
        parts = [_NAME, _quote(self._name), self._type_xid, _quote(self._xid)]
        if self._data:
            _append_data(self, parts)
        if self._attrs:
            parts.append(_ATTRIBUTE)
            parts.append(_encode(self._attrs))
        _append_labels_and_tags(self, parts)
        if self._assoc:
            parts.append(_GROUP_ASSOC)
            parts.append(_encode(self._assoc))
        parts.append(_END)
        return _join(parts)


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

    def to_text(self):
        parts = [_SUMMARY, _quote(self.summary), self._type_xid, _quote(self._xid)]
        if self._data:
            _append_data(self, parts)
        if self._assoc:
            parts.append(_ASSOC_OPEN)
            parts.append(_ASSOC_SEP.join(map(_quote, self._assoc)))
            parts.append(_ITEMS_CLOSE)
        if self._attrs:
            parts.append(_ATTRIBUTE)
            parts.append(_encode(self._attrs))
        if self._occ:
            occurrences = []
            for item in self._occ:  # empty ones are not sent, identical ones once
                if item and item not in occurrences:
                    occurrences.append(item)
            if occurrences:
                parts.append(_OCCURRENCE)
                parts.append(_encode(occurrences))
        _append_labels_and_tags(self, parts)
        parts.append(_END)
        return _join(parts)


def _append_data(entity, parts):
    """Append the JSON text of an entity's field data (without the keys its JSON writes itself)."""
    data = entity._data
    if entity._shadowed_keys is not None:
        data = dict((key, value) for key, value in data.items() if key not in entity._shadowed_keys)
        if not data:
            return
    parts.append(_COMMA)
    parts.append(_encode(data)[1:-1])


def _append_labels_and_tags(entity, parts):
    """Append the JSON text of the security labels and tags of an entity (the last keys of both kinds)."""
    if entity._labels:
        parts.append(_LABEL)
        parts.append(_encode(entity._labels))
    if entity._tags:
        parts.append(_TAG_OPEN)
        parts.append(_TAG_SEP.join(map(_quote, entity._tags)))
        parts.append(_ITEMS_CLOSE)
