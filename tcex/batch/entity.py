# -*- coding: utf-8 -*-
"""The Group and Indicator entities and the per-type classes generated from the field tables.

:func:`entity_class` turns a :class:`~tcex.batch.fields.TypeSpec` into a class
whose properties (``document.malware``, ``host.dns_active``) are generated from
the table. Entities keep their data as the JSON the batch API receives; every
change re-queues the entity with its batch so the change reaches the store.
"""
from __future__ import absolute_import, division, print_function, unicode_literals

from tcex.batch import fields as f
from tcex.batch.entity_base import Entity
from tcex.batch.metadata import Attribute, FileOccurrence, SecurityLabel, Tag  # noqa: F401  (importable here)
from tcex.batch.store import KIND_GROUP, KIND_INDICATOR
from tcex.batch.textutil import _TEXT, _TEXT_SEEN, _bool, show  # noqa: F401
from tcex.errors import ValidationError


CLASSES = {}  # built-in type name -> generated entity class (filled once, at the end of this module)


class Group(Entity):
    """A Group (Adversary, Document, Event...)."""

    __slots__ = ('_name',)
    store_kind = KIND_GROUP
    assoc_key = 'associatedGroupXid'
    meta_keys = f.GROUP_META_KEYS
    identity_keys = ('name', 'fileContent')

    def __init__(self, batch, xid, name):
        super(Group, self).__init__(batch, xid)
        self._name = name

    @property
    def name(self):
        """str: The Group name."""
        return self._name

    @name.setter
    def name(self, value):
        self._name = self._validate_value(_TEXT, 'name', value)
        self._touch()

    identity = name

    @property
    def associations(self):
        """list: The xids of the associated Groups, in order."""
        return list(self._assoc or ())

    def _add_association(self, xid):
        assoc = self._assoc
        if assoc is None:
            self._assoc = [xid]
        elif xid in assoc:
            return False
        else:
            assoc.append(xid)
        return True

    def _apply_identity(self, key, value):
        if key == 'name':
            self._name = self._validate_value(_TEXT, 'name', value)
        elif key == 'fileContent' and self.spec.has_files:
            self.file_content = value
        else:
            return False
        return True

    def _check(self):
        super(Group, self)._check()
        if self.spec.name == 'Document' and self._data.get('malware') and not self._data.get('password'):
            raise ValidationError('Document {} has malware true but no password (xid {})'.format(
                show(self._name), self._xid), type_name='Document', field='password')

    def _payload(self, minimal=False):
        out = {'name': self._name, 'type': self.spec.name, 'xid': self._xid}
        if minimal:
            return out
        if self._data:
            out.update(self._data)
        if self._attrs:
            out['attribute'] = self._attrs
        if self._labels:
            out['securityLabel'] = self._labels
        if self._tags:
            out['tag'] = self._tags
        if self._assoc:
            out['associatedGroupXid'] = self._assoc
        return out


class Indicator(Entity):
    """An Indicator (Address, File, Host...)."""

    __slots__ = ('_values', '_occ')
    store_kind = KIND_INDICATOR
    assoc_key = 'associatedGroups'
    meta_keys = f.INDICATOR_META_KEYS
    identity_keys = ('summary',)

    def __init__(self, batch, xid, values):  # the base __init__ inlined: one call per new indicator
        self._batch = batch
        self._xid = xid
        self._data = {}
        self._attrs = None
        self._labels = None
        self._tags = None
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

    @property
    def associations(self):
        """list: The xids of the associated Groups, in order."""
        return [a['groupXid'] for a in self._assoc or ()]

    def _add_association(self, xid):
        assoc = self._assoc
        if assoc is None:
            self._assoc = [{'groupXid': xid}]
        elif any(a['groupXid'] == xid for a in assoc):
            return False
        else:
            assoc.append({'groupXid': xid})
        return True

    def _set_value(self, index, field, value):
        values = list(self._values)
        values[index] = None if value is None else self._validate_value(field.validator, field.attr, value)
        if all(x is None for x in values):
            raise self._error(field.attr, value, 'an indicator needs a value')
        self._values = values
        self._touch()

    def _apply_identity(self, key, value):
        if key != 'summary':
            return False
        self._values = self._batch._split_summary(self.spec, value)
        return True

    def _payload(self, minimal=False):
        out = {'summary': self.summary, 'type': self.spec.name, 'xid': self._xid}
        if minimal:
            return out
        if self._data:
            out.update(self._data)
        if self._assoc:
            out['associatedGroups'] = self._assoc
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
            out['tag'] = self._tags
        return out


def _occurrence(self, file_name=None, path=None, date=None):
    """Add a file occurrence (set its fields now or later through the handle).

    Args:
        file_name (str): The file name.
        path (str): The path.
        date (str): When it was seen (any common date form; sent as ISO-8601).

    Returns:
        FileOccurrence: A handle with ``file_name``/``path``/``date`` setters.
    """
    item = {}
    if self._occ is None:
        self._occ = []
    handle = FileOccurrence(self, item)
    self._occ.append(item)
    try:
        handle.file_name = file_name
        handle.path = path
        handle.date = date
    except ValidationError:
        self._occ.remove(item)
        raise
    self._touch()
    return handle


def _occurrences(self):
    """list: Handles of the file occurrences, in order."""
    return [FileOccurrence(self, item) for item in self._occ or ()]


# -- class generation from the tables ----------------------------------------------------
def _field_property(field):
    def fget(self):
        return self._data.get(field.key)

    def fset(self, value):
        self._set_field(field, value)

    return property(fget, fset, doc='{} (JSON ``{}``).'.format(field.attr, field.key))


def _value_property(index, field):
    def fget(self):
        return self._values[index]

    def fset(self, value):
        self._set_value(index, field, value)

    return property(fget, fset, doc='{} (part of the summary).'.format(field.attr))


def _file_content_property():
    def fget(self):
        return self._batch._get_file(self._xid)

    def fset(self, value):
        self._batch._set_file(self, value)

    return property(fget, fset, doc='Document/Report content: bytes, text or callback(xid); never serialized.')


def _add_file(self, filename, file_content):
    """Set the file name and content of a Document or Report (tcex's ``add_file``).

    Args:
        filename (str): The file name (``fileName``).
        file_content: bytes, text or a ``callback(xid)``.
    """
    self.file_name = filename
    self.file_content = file_content


def _file_data(self):
    """dict: ``fileContent``, ``fileName`` and ``type``, as tcex's ``file_data``."""
    return {'fileContent': self.file_content, 'fileName': self.file_name, 'type': self.spec.name}


def entity_class(spec):
    """Build the entity class of a type from its table.

    Args:
        spec (TypeSpec): The table.

    Returns:
        type: A Group or Indicator subclass with one property per field.
    """
    base = Group if spec.kind == f.GROUP else Indicator
    namespace = {'__slots__': (), 'spec': spec, '__doc__': 'A {} {}.'.format(spec.name, spec.kind),
                 '_needs_check': bool(spec.required) or (spec.kind == f.GROUP and spec.name == 'Document')}
    for field in spec.fields:
        namespace[field.attr] = _field_property(field)
    for index, field in enumerate(spec.values):
        namespace[field.attr] = _value_property(index, field)
    if spec.has_files:
        namespace['file_content'] = _file_content_property()
        namespace['add_file'] = _add_file
        namespace['file_data'] = property(_file_data)
    if spec.name == 'File' and not spec.custom:
        namespace['occurrence'] = _occurrence
        namespace['occurrences'] = property(_occurrences)
    name = str(''.join(part.capitalize() if part.islower() else part for part in spec.name.split()))
    return type(name, (base,), namespace)


CLASSES.update((_spec.name, entity_class(_spec)) for _spec in f.GROUP_SPECS + f.INDICATOR_SPECS)
