# -*- coding: utf-8 -*-
"""Metadata handles: attributes, security labels and file occurrences.

The data of each item lives in a plain dict inside its entity (exactly the JSON
the API receives). The objects returned to the App are small handles holding
the entity and that dict: setting ``attr.displayed = True`` changes the dict and
re-queues the entity so the change reaches the store. Handles reference the
entity but the entity never references its handles, so no reference cycle keeps
spilled entities in memory.
"""
from __future__ import absolute_import, division, print_function, unicode_literals

import six

from tcex.batch.types import validators as v
from tcex.batch.types.text import _TEXT
from tcex.utils.text import number_text


class _Handle(object):
    """Base of the metadata handles."""

    __slots__ = ('_entity', '_item', '_attached')
    _label = 'metadata'

    def __init__(self, entity, item, attached=True):
        self._entity = entity
        self._item = item
        self._attached = attached

    @property
    def valid(self):
        """bool: False for an item that was not added (an empty value or name), as in tcex."""
        return self._attached

    def _set(self, key, value, validator=None, field=None):
        if value is None:
            self._item.pop(key, None)
        else:
            if validator is not None:
                value = self._entity.spec.validate(validator, field or key, value)
            self._item[key] = value
        if self._attached:
            self._entity.touch()

    @property
    def data(self):
        """dict: A copy of the JSON of this item."""
        return dict(self._item)

    def __eq__(self, other):
        return isinstance(other, _Handle) and self._item is other._item

    def __ne__(self, other):
        return not self.__eq__(other)

    def __hash__(self):  # equal handles (one item) hash alike
        return id(self._item)

    def __repr__(self):
        return '<{} {!r}>'.format(type(self).__name__, self._item)


class Attribute(_Handle):
    """An attribute of a Group or Indicator.

    Attributes:
        type (str): The attribute type (read-only).
        value (str): The value.
        displayed (bool): Whether ThreatConnect displays it (default False).
        source (str): Where the value came from (optional).
    """

    __slots__ = ()

    @property
    def type(self):
        """str: The attribute type."""
        return self._item['type']

    @property
    def value(self):
        """str: The attribute value."""
        return self._item['value']

    @value.setter
    def value(self, value):
        self._set('value', _attribute_value(self._entity, value), field='attribute.value')

    @property
    def displayed(self):
        """bool: Whether the attribute is displayed."""
        return self._item.get('displayed', False)

    @displayed.setter
    def displayed(self, value):
        self._set('displayed', False if value is None else value, v.boolean, 'attribute.displayed')

    @property
    def source(self):
        """str: The attribute source, or None."""
        return self._item.get('source')

    @source.setter
    def source(self, value):
        self._set('source', value, _TEXT, 'attribute.source')


class Tag(_Handle):
    """A tag of a Group or Indicator (tcex 0.8's ``Tag``: ``name``, ``data``, ``valid``).

    The entity keeps its tags as names; the handle holds the entity and the name.
    """

    __slots__ = ()

    @property
    def name(self):
        """str: The tag name."""
        return self._item

    @property
    def data(self):
        """dict: The JSON of this tag (``{'name': ...}``)."""
        return {'name': self._item}

    def __eq__(self, other):
        return isinstance(other, Tag) and self._entity is other._entity and self._item == other._item

    def __hash__(self):
        return hash((id(self._entity), self._item))


class SecurityLabel(_Handle):
    """A security label of a Group or Indicator.

    Attributes:
        name (str): The label name (read-only).
        description (str): Used only when the label does not exist yet.
        color (str): Six hex digits without ``#``.
    """

    __slots__ = ()

    @property
    def name(self):
        """str: The label name."""
        return self._item['name']

    @property
    def description(self):
        """str: The label description, or None."""
        return self._item.get('description')

    @description.setter
    def description(self, value):
        self._set('description', value, _TEXT, 'securityLabel.description')

    @property
    def color(self):
        """str: The label color (hex), or None."""
        return self._item.get('color')

    @color.setter
    def color(self, value):
        self._set('color', value, v.color, 'securityLabel.color')


class FileOccurrence(_Handle):
    """A File indicator occurrence (file name, path, date; at least one is sent).

    Attributes:
        file_name (str): The file name.
        path (str): The path.
        date (str): When it was seen, normalised to ISO-8601.
    """

    __slots__ = ()

    @property
    def file_name(self):
        """str: The file name, or None."""
        return self._item.get('fileName')

    @file_name.setter
    def file_name(self, value):
        self._set('fileName', value, _TEXT, 'fileOccurrence.fileName')

    @property
    def path(self):
        """str: The path, or None."""
        return self._item.get('path')

    @path.setter
    def path(self, value):
        self._set('path', value, _TEXT, 'fileOccurrence.path')

    @property
    def date(self):
        """str: The date (ISO-8601), or None."""
        return self._item.get('date')

    @date.setter
    def date(self, value):
        self._set('date', value, v.date, 'fileOccurrence.date')


def _attribute_value(entity, value):
    """Validate an attribute value: text (numbers and booleans become text)."""
    if isinstance(value, bool):
        value = 'true' if value else 'false'
    elif isinstance(value, six.integer_types + (float,)):  # a Python 2 long too
        value = number_text(value)
    return entity.spec.validate(_TEXT, 'attribute.value', value)
