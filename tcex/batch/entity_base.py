# -*- coding: utf-8 -*-
"""The base class of every batch entity: metadata, Interface 2 and 3, the serialization contract.

:class:`Entity` holds what Groups and Indicators share: validation helpers, attributes,
tags, security labels, associations, ``add_key_value`` and the Interface-3 dict merge.
The concrete :class:`~tcex.batch.entity.Group` and :class:`~tcex.batch.entity.Indicator`
classes and the per-type classes generated from the field tables are in
:mod:`tcex.batch.entity`.
"""
from __future__ import absolute_import, division, print_function, unicode_literals

from tcex.batch.merge import META_HANDLERS as _META_HANDLERS
from tcex.batch.metadata import Attribute, SecurityLabel, _attribute_value
from tcex.batch.textutil import _TEXT, _TEXT_SEEN, _bool, show
from tcex.errors import ValidationError

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

