# -*- coding: utf-8 -*-
"""The generic Group and Indicator entities, driven by the field tables.

:func:`entity_class` turns a :class:`~tcex.batch.fields.TypeSpec` into a class
whose properties (``document.malware``, ``host.dns_active``) are generated from
the table. Entities keep their data as the JSON the batch API receives; every
change re-queues the entity with its batch so the change reaches the store.
"""
from __future__ import absolute_import, division, print_function, unicode_literals

from tcex.batch import fields as f
from tcex.batch.store import KIND_GROUP, KIND_INDICATOR
from tcex.batch.textutil import _TEXT, _TEXT_SEEN, _bool, show  # noqa: F401
from tcex.batch.merge import META_HANDLERS as _META_HANDLERS
from tcex.batch.metadata import Attribute, FileOccurrence, SecurityLabel, _attribute_value
from tcex.errors import ValidationError


CLASSES = {}  # type name -> generated entity class (filled by tcex.batch.batch)

_TAG_SCAN_LIMIT = 8  # up to this many tags a linear scan finds duplicates; past it, a set does


class Entity(object):
    """Base of every Group and Indicator: metadata, add_key_value, serialization.

    Entities are created by the Batch builders, never directly.
    """

    __slots__ = ('_batch', '_xid', '_data', '_attrs', '_labels', '_tags', '_tag_set', '_assoc', '_dirty',
                 '_stored', '__weakref__')
    spec = None
    assoc_key = None
    _needs_check = True  # whether _check can fail for this type (set per generated class)

    def __init__(self, batch, xid):
        self._batch = batch
        self._xid = xid
        self._data = {}
        self._attrs = None
        self._labels = None
        self._tags = None
        self._assoc = None
        self._dirty = True  # a new entity is pending until the batch writes it
        self._stored = False

    # -- identity -----------------------------------------------------------------------
    @property
    def xid(self):
        """str: The external id (read-only)."""
        return self._xid

    @property
    def type(self):
        """str: The API type name (``Address``, ``Registry Key``...)."""
        return self.spec.name

    # -- validation helpers -------------------------------------------------------------
    def _error(self, field, value, reason):
        message = '{} field {} has invalid value {}: {}'.format(self.spec.name, field, show(value), reason)
        return ValidationError(message, value=value, type_name=self.spec.name, field=field)

    def _validate_value(self, validator, field, value):
        try:
            return validator(value)
        except (ValueError, TypeError) as exc:
            raise self._error(field, value, exc)

    def _touch(self):
        if not self._dirty:
            self._dirty = True
            self._batch._queue(self)

    def _set_field(self, field, value):
        if value is None:
            self._data.pop(field.key, None)
        else:
            self._data[field.key] = self._validate_value(field.validator, field.attr, value)
        self._touch()

    # -- metadata -----------------------------------------------------------------------
    def attribute(self, attr_type, value, displayed=False, source=None):
        """Add an attribute.

        Args:
            attr_type (str): The attribute type (e.g. ``Description``).
            value (str): The value.
            displayed (bool): Whether it is displayed (default False).
            source (str): Optional source.

        Returns:
            Attribute: A handle with ``displayed``/``source``/``value`` setters.
        """
        try:
            item = {'type': _TEXT_SEEN[attr_type], 'value': _TEXT_SEEN[value]}
        except (KeyError, TypeError):
            item = {'type': self._validate_value(_TEXT, 'attribute.type', attr_type),
                    'value': _attribute_value(self, value)}
        item['displayed'] = displayed if displayed is False or displayed is True else _bool(
            self, 'attribute.displayed', displayed)
        if source is not None:
            item['source'] = self._validate_value(_TEXT, 'attribute.source', source)
        if self._attrs is None:
            self._attrs = [item]
        else:
            self._attrs.append(item)
        if not self._dirty:
            self._touch()
        return Attribute(self, item)

    @property
    def attributes(self):
        """list: Handles of the attributes, in order."""
        return [Attribute(self, item) for item in self._attrs or ()]

    def tag(self, name):
        """Add a tag (added once however often it is asked for).

        Args:
            name (str): The tag name.
        """
        try:
            name = _TEXT_SEEN[name]
        except (KeyError, TypeError):
            name = self._validate_value(_TEXT, 'tag', name)
        tags = self._tags
        if tags is None:
            self._tags = [{'name': name}]
        elif len(tags) < _TAG_SCAN_LIMIT:
            if any(t['name'] == name for t in tags):
                return
            tags.append({'name': name})
        else:  # many tags: look them up in a set, kept beside the list
            seen = getattr(self, '_tag_set', None)
            if seen is None or len(seen) != len(tags):
                seen = self._tag_set = set(t['name'] for t in tags)
            if name in seen:
                return
            seen.add(name)
            tags.append({'name': name})
        if not self._dirty:
            self._touch()

    @property
    def tags(self):
        """list: The tag names, in order."""
        return [t['name'] for t in self._tags or ()]

    def security_label(self, name, description=None, color=None):
        """Add a security label (once per name; a second call updates it).

        Args:
            name (str): The label name (e.g. ``TLP Green``).
            description (str): Optional description (used when the label is new).
            color (str): Optional hex color (``ffffff``; stored upper-case).

        Returns:
            SecurityLabel: A handle with ``description``/``color`` setters.
        """
        name = self._validate_value(_TEXT, 'securityLabel.name', name)
        item = None
        for existing in self._labels or ():
            if existing['name'] == name:
                item = existing
                break
        if item is None:
            item = {'name': name}
            if self._labels is None:
                self._labels = []
            self._labels.append(item)
        label = SecurityLabel(self, item)
        if description is not None:
            label.description = description
        if color is not None:
            label.color = color
        self._touch()
        return label

    @property
    def security_labels(self):
        """list: Handles of the security labels, in order."""
        return [SecurityLabel(self, item) for item in self._labels or ()]

    def association(self, group_xid):
        """Associate this object with a Group (once per Group).

        Args:
            group_xid (str|Entity): The Group's xid, or the Group itself.
        """
        try:
            group_xid = _TEXT_SEEN[group_xid]
        except (KeyError, TypeError):
            if isinstance(group_xid, Entity):
                group_xid = group_xid.xid
            group_xid = self._validate_value(_TEXT, self.assoc_key, group_xid)
        if self._add_association(group_xid) and not self._dirty:
            self._touch()

    @property
    def associations(self):
        """list: The xids of the associated Groups, in order."""
        raise NotImplementedError

    # -- Interface 2 and 3 --------------------------------------------------------------
    def add_key_value(self, key, value):
        """Set a field by its batch API JSON key (Interface 2).

        Args:
            key (str): A key the batch API knows for this type (e.g. ``eventDate``,
                ``intValue1``/``size``, ``flag1``/``dnsActive``) or a metadata key
                (``attribute``, ``tag``, ``securityLabel``, associations).
            value: The value (validated like the matching builder argument).

        Raises:
            ValidationError: Unknown key for this type, or an invalid value.
        """
        self._apply({key: value}, merge=True)
        self._touch()

    def _apply(self, data, merge):
        """Apply an Interface-3 dict (validated); lists are union'ed, scalars overwritten."""
        spec = self.spec
        for key, value in data.items():
            if key in ('type', 'xid'):
                continue
            handler = _META_HANDLERS.get(key)
            if handler is not None and key in self.meta_keys:
                handler(self, key, value)
                continue
            field = spec.by_key.get(key)
            if field is not None:
                self._apply_field(field, value)
            elif not self._apply_identity(key, value):
                known = sorted(set(spec.by_key) | set(self.meta_keys) | set(self.identity_keys))
                raise ValidationError(
                    '{} has no field {} (known: {})'.format(spec.name, show(key), ', '.join(known)),
                    value=key, type_name=spec.name, field=key)

    def _apply_field(self, field, value):
        if value is None:
            self._data.pop(field.key, None)
        else:
            self._data[field.key] = self._validate_value(field.validator, field.attr, value)

    # -- serialization ------------------------------------------------------------------
    def _check(self):
        """Raise ValidationError if a required field is missing (cross-field rules)."""
        data = self._data
        for field in self.spec.required:
            if data.get(field.key) is None:
                raise ValidationError('{} {} is missing required field {} (xid {})'.format(
                    self.spec.name, show(self.identity), field.attr, self._xid),
                    type_name=self.spec.name, field=field.attr)

    def _payload(self, minimal=False):
        """Return the batch JSON dict of this entity (shares nested lists; do not mutate)."""
        raise NotImplementedError

    def payload(self):
        """Return a deep copy of the batch JSON of this entity.

        Returns:
            dict: The JSON object the batch API receives.
        """
        import json
        return json.loads(json.dumps(self._payload()))

    def __repr__(self):
        return '<{} {} xid={}>'.format(self.spec.name, show(self.identity), self._xid)


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
            occurrences = [o for o in self._occ if o]
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
    if spec.name == 'File' and not spec.custom:
        namespace['occurrence'] = _occurrence
        namespace['occurrences'] = property(_occurrences)
    name = str(''.join(part.capitalize() if part.islower() else part for part in spec.name.split()))
    return type(name, (base,), namespace)
