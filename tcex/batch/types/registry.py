# -*- coding: utf-8 -*-
"""The :class:`TypeRegistry` of one batch: type names to specs, specs to entity classes.

The built-in specs and their entity classes are built once, at import, and never change;
every registry shares them. Custom indicator types are fetched once per registry (on first
need, through the batch's ``indicator_types`` callable); their specs and generated classes
belong to that registry only, so two batches in one process may know the same custom type
name with different fields, and a batch never sees another's classes.
"""
from __future__ import absolute_import, division, print_function, unicode_literals

import logging

import six

from tcex.batch.types.text import show
from tcex.batch.types import fields as f
from tcex.batch.types.kind import Kind
from tcex.errors import TcExError, ValidationError

log = logging.getLogger('tcex.batch')


def _type_text(type_name):
    """Return a type name argument as text (bytes decoded leniently: an unknown name gets a clear error)."""
    if isinstance(type_name, six.binary_type):
        return type_name.decode('utf-8', 'replace')
    return six.text_type(type_name or '')


class TypeRegistry(object):
    """The specs and entity classes one batch uses: built-in ones shared, custom ones its own.

    Args:
        indicator_types (callable): Returns the API's indicator type dicts; called (until it
            succeeds once) when a type that is not built in is looked up.
    """

    def __init__(self, indicator_types=None):
        from tcex.batch.entity import BUILTIN_CLASSES  # the entities import the tables: not at module level
        self._indicator_types = indicator_types
        self._custom = None  # normalised name -> TypeSpec, once fetched
        self._classes = dict(BUILTIN_CLASSES)  # spec -> entity class; custom classes added per registry

    def group_spec(self, type_name):
        """Return the spec of a Group type.

        Raises:
            ValidationError: Unknown type.
        """
        spec = f.GROUP_TYPES.get(f.normalise_type_name(_type_text(type_name)))
        if spec is None:
            known = ', '.join(s.name for s in f.GROUP_SPECS)
            raise ValidationError('unknown group type {} (known: {})'.format(show(type_name), known),
                                  value=type_name, type_name=type_name, field='type')
        return spec

    def indicator_spec(self, type_name):
        """Return the spec of an Indicator type, built in or custom.

        Raises:
            ValidationError: Unknown type (or the custom types could not be fetched).
        """
        key = f.normalise_type_name(_type_text(type_name))
        spec = f.INDICATOR_TYPES.get(key)
        if spec is not None:
            return spec
        try:
            custom = self.custom_specs()
        except TcExError as exc:  # e.g. no API to ask: the type is unknown all the same
            known = [s.name for s in f.INDICATOR_SPECS]
            raise ValidationError('unknown indicator type {} (known: {}; custom types could not be fetched: {})'.format(
                show(type_name), ', '.join(known), exc), value=type_name, type_name=type_name, field='type')
        spec = custom.get(key)
        if spec is None:
            known = [s.name for s in f.INDICATOR_SPECS] + sorted(s.name for s in custom.values())
            raise ValidationError('unknown indicator type {} (known: {})'.format(show(type_name), ', '.join(known)),
                                  value=type_name, type_name=type_name, field='type')
        return spec

    def spec(self, kind, type_name):
        """Return the spec of a type of either kind.

        Args:
            kind (Kind): Group or Indicator.
            type_name (str): The type name.
        """
        if kind == Kind.GROUP:
            return self.group_spec(type_name)
        return self.indicator_spec(type_name)

    def custom_specs(self):
        """Return ``{normalised name: TypeSpec}`` of the custom indicator types (fetched once)."""
        if self._custom is None:
            from tcex.batch.entity import entity_class
            custom = {}
            if self._indicator_types is not None:
                for item in self._indicator_types() or ():
                    key = f.normalise_type_name(item.get('name', ''))
                    if key and key not in f.INDICATOR_TYPES:
                        spec = f.custom_indicator_spec(item)
                        custom[key] = spec
                        self._classes[spec] = entity_class(spec)
                log.debug('custom indicator types: %s', sorted(s.name for s in custom.values()))
            self._custom = custom  # set once fetched, so a failed fetch is tried again next time
        return self._custom

    def entity_class(self, spec):
        """Return the entity class of a spec (built in, or this registry's custom class)."""
        return self._classes[spec]
