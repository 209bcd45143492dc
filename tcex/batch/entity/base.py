# -*- coding: utf-8 -*-
"""The base class of every batch entity: metadata, Interface 2 and 3, the batch side.

:class:`Entity` holds what Groups and Indicators share: validation helpers, attributes,
tags, security labels, associations, ``add_key_value`` and the Interface-3 dict merge. An
entity talks to its batch only through the :class:`~tcex.batch.entity.sink.EntitySink` it
was built with; the batch talks to it only through the public methods listed under
"batch side" below.
"""
from __future__ import absolute_import, division, print_function, unicode_literals

import json

from tcex.batch.entity.merge import DictMergeMixin
from tcex.batch.entity.metadata import Attribute, SecurityLabel, Tag, _attribute_value
from tcex.batch.types.text import _TEXT, _bool, is_blank, show


_TAG_SCAN_LIMIT = 32  # up to this many tags a linear scan (in C) finds duplicates; past it, a set does


class Entity(DictMergeMixin):
    """Base of every Group and Indicator: metadata, add_key_value, serialization.

    Entities are created by the Batch builders, never directly.
    """

    __slots__ = ('_sink', '_xid', '_data', '_attrs', '_labels', '_tags', '_tag_set', '_assoc', '_dirty',
                 '_stored', '__weakref__')
    spec = None
    assoc_key = None

    def __init__(self, sink, xid, data=None):
        self._sink = sink
        self._xid = xid
        self._data = {} if data is None else data
        self._attrs = None
        self._labels = None
        self._tags = None  # tag names
        self._tag_set = None
        self._assoc = None  # xids of the associated Groups
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
        return self.spec.error(field, value, reason)

    def _validate_value(self, validator, field, value):
        return self.spec.validate(validator, field, value)

    def touch(self):
        """Queue the entity with its batch again after a change (a metadata handle's, say)."""
        if not self._dirty:
            self._dirty = True
            self._sink.queue(self)

    def _set_field(self, field, value):
        if value is None:
            self._data.pop(field.key, None)
        else:
            self._data[field.key] = self._validate_value(field.validator, field.attr, value)
        self.touch()

    # -- metadata -----------------------------------------------------------------------
    def attribute(self, attr_type, attr_value, displayed=False, source=None, unique=True, formatter=None):
        """Add an attribute (tcex 0.8's signature and ``unique`` rules).

        Args:
            attr_type (str): The attribute type (e.g. ``Description``).
            attr_value (str): The value (numbers and booleans become text).
            displayed (bool): Whether it is displayed (default False).
            source (str): Optional source.
            unique (bool|str): ``True`` (default): one attribute per type and value, asking
                again returns the existing one unchanged; ``'Type'``: one attribute of this
                type, asking again sets its value, displayed and source; ``False``: every
                call adds one (except on an entity reloaded from the store of an earlier
                run, where the attributes it already had are reused first, so a rerun sends
                the same data).
            formatter (callable): Applied to ``attr_value`` first.

        Returns:
            Attribute: A handle with ``displayed``/``source``/``value`` setters. An empty
            value (None or ``''``) adds nothing and returns a handle whose ``valid`` is
            False, as tcex did.
        """
        if formatter is not None:
            attr_value = formatter(attr_value)
        try:  # the common case: both are text (numbers and booleans become text below)
            item = {'type': _TEXT(attr_type), 'value': _TEXT(attr_value)}
        except (ValueError, TypeError):
            if is_blank(attr_value):
                return Attribute(self, {'type': attr_type, 'value': attr_value}, attached=False)
            item = {'type': self._validate_value(_TEXT, 'attribute.type', attr_type),
                    'value': _attribute_value(self, attr_value)}
        item['displayed'] = displayed if displayed is False or displayed is True else _bool(
            self, 'attribute.displayed', displayed)
        if source is not None:
            try:
                item['source'] = _TEXT(source)
            except (ValueError, TypeError):  # the error names the field
                item['source'] = self._validate_value(_TEXT, 'attribute.source', source)
        attrs = self._attrs
        if attrs is None:
            self._attrs = [item]
        else:
            existing = self._find_attribute(item, unique)
            if existing is not None:
                if unique == 'Type' and existing != item:
                    existing.clear()
                    existing.update(item)
                    self.touch()
                return Attribute(self, existing)
            attrs.append(item)
        if not self._dirty:
            self.touch()
        return Attribute(self, item)

    def _find_attribute(self, item, unique):
        """Return the stored attribute dict ``unique`` says ``item`` is, or None."""
        kind = item['type']
        if unique is True:
            value = item['value']
            for existing in self._attrs:
                if existing['type'] == kind and existing['value'] == value:
                    return existing
        elif unique == 'Type':
            for existing in self._attrs:
                if existing['type'] == kind:
                    return existing
        elif unique is False or unique is None:
            value = item['value']
            if self._sink.claim_attribute(self._xid, kind, value):  # a rerun: reuse what the last run stored
                for existing in self._attrs:
                    if existing['type'] == kind and existing['value'] == value:
                        return existing
        else:
            raise self._error('attribute.unique', unique, "must be True, False or 'Type'")
        return None

    @property
    def attributes(self):
        """list: Handles of the attributes, in order."""
        return [Attribute(self, item) for item in self._attrs or ()]

    def tag(self, name, formatter=None):
        """Add a tag (added once however often it is asked for).

        Args:
            name (str): The tag name.
            formatter (callable): Applied to ``name`` first.

        Returns:
            Tag: A handle with ``name``, ``data`` and ``valid``. An empty name adds nothing
            (``valid`` is False), as tcex did.
        """
        if formatter is not None:
            name = formatter(name)
        try:
            name = _TEXT(name)
        except (ValueError, TypeError):
            if is_blank(name):
                return Tag(self, name, attached=False)
            name = self._validate_value(_TEXT, 'tag', name)
        tags = self._tags
        if tags is None:
            self._tags = [name]
        elif len(tags) < _TAG_SCAN_LIMIT:
            if name in tags:
                return Tag(self, name)
            tags.append(name)
        else:  # many tags: look them up in a set, kept beside the list
            seen = self._tag_set
            if seen is None or len(seen) != len(tags):
                seen = self._tag_set = set(tags)
            if name in seen:
                return Tag(self, name)
            seen.add(name)
            tags.append(name)
        if not self._dirty:
            self.touch()
        return Tag(self, name)

    @property
    def tags(self):
        """list: The tag names, in order."""
        return list(self._tags or ())

    def security_label(self, name, description=None, color=None):
        """Add a security label (once per name; a second call returns it, updating what it names).

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
            self.touch()
        label = SecurityLabel(self, item)
        if description is not None and item.get('description') != description:
            label.description = description
        if color is not None:
            label.color = color
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
            group_xid = _TEXT(group_xid)
        except (ValueError, TypeError):
            if isinstance(group_xid, Entity):
                group_xid = group_xid.xid
            group_xid = self._validate_value(_TEXT, self.assoc_key, group_xid)
        assoc = self._assoc
        if assoc is None:
            self._assoc = [group_xid]
        elif group_xid in assoc:
            return
        else:
            assoc.append(group_xid)
        if not self._dirty:
            self.touch()

    @property
    def associations(self):
        """list: The xids of the associated Groups, in order."""
        return list(self._assoc or ())

    # -- Interface 2 and 3 --------------------------------------------------------------
    def add_key_value(self, key, value):
        """Set a field by its batch API JSON key (Interface 2).

        Args:
            key (str): A key the batch API knows for this type (e.g. ``eventDate``,
                ``intValue1``/``size``, ``flag1``/``dnsActive``), tcex 1.x's snake_case name
                of a field (``event_date``, ``dns_active``, ``file_name``...) or a metadata
                key (``attribute``, ``tag``, ``securityLabel``, associations).
            value: The value (validated like the matching builder argument).

        Raises:
            ValidationError: Unknown key for this type, or an invalid value.
        """
        spec = self.spec
        if key not in spec.by_key and key not in self.spec.meta_keys:
            field = spec.by_attr.get(key)
            if field is not None:
                key = field.key
            elif key == 'file_content' and spec.has_files:
                key = 'fileContent'
        self._apply_dict({key: value})
        self.touch()

    def _apply_field(self, field, value):
        if value is None:
            self._data.pop(field.key, None)
        else:
            self._data[field.key] = self._validate_value(field.validator, field.attr, value)

    # -- batch side (see EntitySink) -----------------------------------------------------
    def check(self):
        """Raise ValidationError if a required field is missing or a rule of the type is broken."""
        self.spec.check(self._data, self.identity, self._xid)

    def to_text(self):
        """Return the batch JSON of this entity as compact ASCII text, identity keys first.

        The one serialization of an entity: the store keeps this text and uploads send it.
        """
        raise NotImplementedError

    def to_json(self):
        """Return the batch JSON dict of this entity (a new dict, parsed from :meth:`to_text`)."""
        return json.loads(self.to_text())

    @property
    def is_pending(self):
        """bool: Changed since the batch last wrote it (queued with the batch)."""
        return self._dirty

    @property
    def is_stored(self):
        """bool: The batch has written it to its store at least once."""
        return self._stored

    def written(self):
        """Mark the entity written to the store (the batch calls this when it serializes it).

        Returns:
            bool: Whether it had been written before (an update, not a new row).
        """
        stored = self._stored
        self._dirty = False
        self._stored = True
        return stored

    def unwritten(self, new):
        """Mark a write undone (the store refused it): pending again, and not stored if ``new``."""
        self._dirty = True
        if new:
            self._stored = False

    def belongs_to(self, sink):
        """Return True when this entity was built by ``sink``."""
        return self._sink is sink

    def restore(self, data):
        """Load the JSON the store kept for this entity and mark it stored.

        Attributes, security labels and file occurrences are kept as stored (repeated
        attributes stay repeated, keys keep their order), so the entity serializes to the
        stored text again and keeps its "sent" mark.
        """
        self._dirty = True  # no re-queueing while the stored data is applied
        attributes = data.pop('attribute', None)
        labels = data.pop('securityLabel', None)
        occurrences = data.pop('fileOccurrence', None)
        self._apply_dict(data)
        if attributes:
            self._attrs = attributes
        if labels:
            self._labels = labels
        if occurrences:
            self._occ = occurrences
        self._dirty = False
        self._stored = True

    @property
    def data(self):
        """dict: The batch JSON of this entity (a copy), as tcex's ``Group.data``/``Indicator.data``."""
        return self.payload()

    def payload(self):
        """Return a deep copy of the batch JSON of this entity.

        Returns:
            dict: The JSON object the batch API receives.
        """
        return self.to_json()

    def __repr__(self):
        return '<{} {} xid={}>'.format(self.spec.name, show(self.identity), self._xid)

