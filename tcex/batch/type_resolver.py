"""Type resolution for :class:`tcex.batch.Batch`: type names to field tables, summaries to values.

:class:`TypeRegistry` maps Group and Indicator type names to their
:class:`~tcex.batch.fields.TypeSpec` and entity class. The built-in tables and classes
are built once, at import, and never change; custom indicator types are fetched once per
registry (on first need, through the batch's ``indicator_types`` callable) and their
tables and classes belong to that registry only, so every batch has its own (a second
batch in the same process resolves the same custom type to its own, equal, class).
:class:`TypeResolverMixin` gives Batch the lookups and splits and validates summaries.
"""
from __future__ import absolute_import, division, print_function, unicode_literals

import logging

import six

from tcex.batch import fields as f
from tcex.batch.entity import CLASSES as _BUILTIN_CLASSES, entity_class, show
from tcex.batch.textutil import is_blank
from tcex.batch.store import KIND_GROUP
from tcex.errors import TcExError, ValidationError

log = logging.getLogger('tcex.batch')


def _type_text(type_name):
    """Return a type name argument as text (bytes decoded leniently: an unknown name gets a clear error)."""
    if isinstance(type_name, six.binary_type):
        return type_name.decode('utf-8', 'replace')
    return six.text_type(type_name or '')


class TypeRegistry(object):
    """The type tables and entity classes one batch uses: built-in ones shared, custom ones its own.

    Args:
        indicator_types (callable): Returns the API's indicator type dicts; called at most
            once successfully, when a type that is not built in is looked up.
    """

    def __init__(self, indicator_types=None):
        self._indicator_types = indicator_types
        self._custom = None  # normalised name -> TypeSpec, once fetched
        self._classes = {}  # custom type name -> entity class

    def group_spec(self, type_name):
        """Return the table of a Group type.

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
        """Return the table of an Indicator type, built in or custom.

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

    def custom_specs(self):
        """Return ``{normalised name: TypeSpec}`` of the custom indicator types (fetched once)."""
        if self._custom is None:
            custom = {}
            if self._indicator_types is not None:
                for item in self._indicator_types() or ():
                    key = f.normalise_type_name(item.get('name', ''))
                    if key and key not in f.INDICATOR_TYPES:
                        spec = f.custom_indicator_spec(item)
                        custom[key] = spec
                        self._classes[spec.name] = entity_class(spec)
                log.debug('custom indicator types: %s', sorted(s.name for s in custom.values()))
            self._custom = custom  # set once fetched, so a failed fetch is tried again next time
        return self._custom

    def entity_class(self, spec):
        """Return the entity class of a table (built in, or this registry's custom class)."""
        if spec.custom:
            return self._classes[spec.name]
        return _BUILTIN_CLASSES[spec.name]


class TypeResolverMixin(object):
    """Type-name and summary methods; mixed into Batch (which provides ``types``, a :class:`TypeRegistry`)."""

    def _group_spec(self, type_name):
        return self.types.group_spec(type_name)

    def _indicator_spec(self, type_name):
        return self.types.indicator_spec(type_name)

    def _custom_specs(self):
        return self.types.custom_specs()

    def _spec_by_name(self, type_name, kind):
        if kind == KIND_GROUP:
            return self._group_spec(type_name)
        return self._indicator_spec(type_name)

    def _split_summary(self, spec, summary):
        """Return the validated value list of an indicator summary."""
        values = spec.values
        if is_blank(summary):
            raise ValidationError('{} needs a summary'.format(spec.name), value=summary, type_name=spec.name,
                                  field='summary')
        if len(values) == 1:
            parts = [summary]
        elif spec.name == 'File' and not spec.custom:
            try:
                parts = list(f.v.file_hashes(summary))
            except (ValueError, TypeError) as exc:
                raise ValidationError('{} field summary has invalid value {}: {}'.format(
                    spec.name, show(summary), exc), value=summary, type_name=spec.name, field='summary')
        else:
            parts = [p.strip() for p in six.text_type(summary).split(' : ')]
            if len(parts) > len(values) or (not spec.custom and len(parts) != len(values)):
                raise ValidationError('{} summary {} must be {} joined with " : "'.format(
                    spec.name, show(summary), ', '.join(x.key for x in values)), value=summary,
                    type_name=spec.name, field='summary')
            parts += [None] * (len(values) - len(parts))
        return self._validate_values(spec, parts)

    @staticmethod
    def _validate_values(spec, raw):
        out = []
        for field, value in zip(spec.values, raw):
            if is_blank(value):
                if field.required:
                    raise ValidationError('{} needs a {}'.format(spec.name, field.attr), value=value,
                                          type_name=spec.name, field=field.attr)
                out.append(None)
                continue
            try:
                out.append(field.validator(value))
            except (ValueError, TypeError) as exc:
                raise ValidationError('{} field {} has invalid value {}: {}'.format(
                    spec.name, field.attr, show(value), exc), value=value, type_name=spec.name, field=field.attr)
        if all(x is None for x in out):
            raise ValidationError('{} needs at least one of {}'.format(spec.name, ', '.join(x.attr for x in spec.values)),
                                  type_name=spec.name, field=spec.values[0].attr)
        return out
