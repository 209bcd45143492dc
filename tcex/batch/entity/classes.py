# -*- coding: utf-8 -*-
"""Entity classes generated from the field tables, one per type.

:func:`entity_class` turns a :class:`~tcex.batch.types.spec.TypeSpec` into a Group or
Indicator subclass with one property per field (``document.malware``, ``host.dns_active``);
what the spec flags adds members: ``has_files`` the file content members, ``has_occurrences``
``occurrence()``. The built-in classes are built once, at import, into a read-only mapping.
"""
from __future__ import absolute_import, division, print_function, unicode_literals

from tcex.batch.entity.encoder import quote
from tcex.batch.entity.entities import Group, Indicator
from tcex.batch.entity.metadata import FileOccurrence
from tcex.batch.types import fields as f
from tcex.batch.types.kind import Kind
from tcex.errors import ValidationError


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
    self.touch()
    return handle


def _occurrences(self):
    """list: Handles of the file occurrences, in order."""
    return [FileOccurrence(self, item) for item in self._occ or ()]


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
        return self._sink.get_file(self._xid)

    def fset(self, value):
        self._sink.set_file(self, value)

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
    base = Group if spec.kind == Kind.GROUP else Indicator
    # The JSON keys to_text() writes itself; a custom type's field labelled like one ("summary", "tag") is left
    # out of the text (one key, one value), as the dict of earlier versions kept one of the two.
    own_keys = set(spec.meta_keys) | set(['type', 'xid', base.identity_keys[0]])  # name or summary
    namespace = {'__slots__': (), 'spec': spec, '__doc__': 'A {} {}.'.format(spec.name, spec.kind.key),
                 '_type_xid': str(',"type":') + quote(spec.name) + str(',"xid":'),  # a piece of to_text()
                 '_shadowed_keys': frozenset(own_keys & set(spec.by_key)) or None}
    for field in spec.fields:
        namespace[field.attr] = _field_property(field)
    for index, field in enumerate(spec.values):
        namespace[field.attr] = _value_property(index, field)
    if spec.has_files:
        namespace['file_content'] = _file_content_property()
        namespace['add_file'] = _add_file
        namespace['file_data'] = property(_file_data)
    if spec.has_occurrences:
        namespace['occurrence'] = _occurrence
        namespace['occurrences'] = property(_occurrences)
    name = str(''.join(part.capitalize() if part.islower() else part for part in spec.name.split()))
    return type(name, (base,), namespace)


#: Built-in spec -> entity class (built once; a registry copies it and adds its custom classes).
BUILTIN_CLASSES = dict((_spec, entity_class(_spec)) for _spec in f.GROUP_SPECS + f.INDICATOR_SPECS)
#: Built-in type name -> entity class (tcex 0.8 code and tests look classes up by name).
CLASSES = dict((_spec.name, _cls) for _spec, _cls in BUILTIN_CLASSES.items())
