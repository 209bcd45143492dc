# -*- coding: utf-8 -*-
"""The :class:`Builder`: the three builder interfaces of :class:`tcex.batch.Batch`, one path.

* Interface 1: one method per type (``batch.adversary(name)``, ``batch.address(ip, rating,
  confidence)``), generated from the field tables by :func:`interface1_method`.
* Interface 2: ``batch.group(type, name, xid)`` and ``batch.indicator(type, summary, rating,
  confidence, xid)``, then ``add_key_value(key, value)``.
* Interface 3: ``batch.add_group(dict)`` and ``batch.add_indicator(dict)``.

Every call takes the same path: resolve the identity and xid, return the known entity for a
known xid (the first object under an xid wins), or validate the values with the validators
each field compiled once and create a pending entity in the :class:`~.pool.EntityPool`.
"""
from __future__ import absolute_import, division, print_function, unicode_literals

import hashlib

import six

from tcex.batch.types import validators as v
from tcex.batch.types.text import is_blank, show
from tcex.batch.types.kind import Kind
from tcex.batch.types.xid import entity_xid
from tcex.errors import ValidationError
from tcex.utils.text import decode_utf8, encode_utf8

_NAME = v.text()  # built once: a Group name is validated on every new Group
_TEXT_TYPE = six.text_type
_sha256 = hashlib.sha256


def _text_identity(value, type_name=None, field=None):
    if type(value) is _TEXT_TYPE:  # pylint: disable=unidiomatic-typecheck  (the common case, first)
        return value
    if isinstance(value, six.binary_type):
        try:
            return decode_utf8(value)
        except UnicodeDecodeError as exc:
            raise ValidationError('{} field {} has invalid value {}: not valid UTF-8 ({})'.format(
                type_name, field, show(value), exc.reason), value=value, type_name=type_name, field=field)
    return value if isinstance(value, six.text_type) else six.text_type(value)


class _Plan(object):
    """What building one type needs, looked up once per builder and type."""

    __slots__ = ('cls', 'prefix', 'is_group', 'one_value', 'value_attr', 'value_first', 'validator')

    def __init__(self, spec, cls):
        self.cls = cls
        self.prefix = spec.name + '-'
        self.is_group = spec.kind == Kind.GROUP
        self.one_value = len(spec.values) == 1
        self.value_attr = spec.values[0].attr if self.one_value else None
        self.value_first = self.one_value and spec.positional[:1] == [self.value_attr]  # address(ip, ...)
        self.validator = spec.values[0].validator if self.one_value else None


class Builder(object):
    """Builds entities into a pool.

    Args:
        pool (EntityPool): Where entities live.
        types (TypeRegistry): The batch's types.
    """

    def __init__(self, pool, types):
        self.pool = pool
        self.types = types
        self._plans = {}

    def _plan(self, spec):
        plan = self._plans.get(spec)
        if plan is None:
            plan = self._plans[spec] = _Plan(spec, self.types.entity_class(spec))
        return plan

    # -- Interface 1 ---------------------------------------------------------------------
    def build(self, spec, args, kwargs):
        """Build (or find) an entity from Interface-1 positional and keyword arguments.

        Returns:
            Entity: The new entity, or the known one with this xid (arguments then unused).

        Raises:
            ValidationError: An unknown argument or an invalid value (nothing is added).
        """
        try:
            plan = self._plans[spec]
        except KeyError:
            plan = self._plan(spec)
        params = kwargs  # a new dict on every call: ours to change
        value = None
        if args:
            if plan.value_first and len(args) == 1 and plan.value_attr not in params:
                value = args[0]  # the common call, address(ip, rating=...): the value stays out of params
            else:
                _positional(spec, args, params)
        xid = params.pop('xid') if 'xid' in params else True
        content = params.pop('file_content', None) if spec.has_files else None
        pop = params.pop
        if plan.is_group:
            name = pop('name', None)
            identity = self._name_identity(spec, name)
        elif plan.one_value:
            if value is None:
                value = pop(plan.value_attr, None)
            raw = [value]
            identity = value if type(value) is _TEXT_TYPE and value else self._raw_identity(spec, raw)
        else:
            raw = [pop(field.attr, None) for field in spec.values]
            identity = self._raw_identity(spec, raw)
        xid = _resolve_xid(spec, plan, identity, xid)
        pool = self.pool
        entity = pool.lookup(spec, xid) if pool.may_know(xid) else None
        if entity is not None:  # the first object under an xid wins: arguments are checked, not applied
            _check_arguments(spec, params)
            if content is not None and xid not in self.pool.store.given_files:
                self.pool.set_file(entity, content)  # content is not a field: a rerun gives it again
            return entity
        if plan.is_group:
            identity = self._group_name(spec, name)
        elif plan.one_value and identity is value:  # a non-blank text value: its compiled validator
            try:
                identity = [plan.validator(value)]
            except (ValueError, TypeError) as exc:
                raise spec.error(plan.value_attr, value, exc)
        else:
            identity = spec.validate_values(raw)
        entity = plan.cls(pool, xid, identity, _field_data(spec, params) if params else None)
        if content is not None:
            pool.set_file(entity, content)
        pool.add(xid, entity)
        return entity

    # -- identity ------------------------------------------------------------------------
    def _find(self, spec, plan, identity, xid):
        """Return ``(xid, known entity or None)`` for an identity and an xid argument."""
        xid = _resolve_xid(spec, plan, identity, xid)
        pool = self.pool
        if pool.may_know(xid):
            return xid, pool.lookup(spec, xid)
        return xid, None

    @staticmethod
    def _name_identity(spec, name):
        if is_blank(name):
            raise ValidationError('{} needs a name'.format(spec.name), value=name, type_name=spec.name,
                                  field='name')
        return _text_identity(name, spec.name, 'name')

    @staticmethod
    def _group_name(spec, name):
        try:
            return _NAME(name)
        except (ValueError, TypeError) as exc:
            raise spec.error('name', name, exc)

    @staticmethod
    def _raw_identity(spec, raw):
        if len(raw) == 1:
            return '' if is_blank(raw[0]) else _text_identity(raw[0], spec.name, spec.values[0].attr)
        parts = []
        for value, field in zip(raw, spec.values):
            if not is_blank(value):
                parts.append(_text_identity(value, spec.name, field.attr))
        return ' : '.join(parts)

    def _summary(self, spec, plan, summary, xid):
        """Return ``(xid, known entity or None, values or None)`` for an Interface-2/3 summary."""
        if summary is None:
            raise ValidationError('{} needs a summary'.format(spec.name), value=summary, type_name=spec.name,
                                  field='summary')
        xid, entity = self._find(spec, plan, _text_identity(summary, spec.name, 'summary'), xid)
        return xid, entity, None if entity is not None else spec.split_summary(summary)

    # -- Interface 2 ---------------------------------------------------------------------
    def group(self, group_type, name, xid=True):
        """Add a Group of any type (see :meth:`tcex.batch.Batch.group`)."""
        return self.build(self.types.group_spec(group_type), (name,), {'xid': xid})

    def indicator(self, indicator_type, summary, rating=None, confidence=None, xid=True):
        """Add an Indicator of any type (see :meth:`tcex.batch.Batch.indicator`)."""
        spec = self.types.indicator_spec(indicator_type)
        plan = self._plan(spec)
        xid, entity, values = self._summary(spec, plan, summary, xid)
        if entity is None:  # the first object under an xid wins
            entity = plan.cls(self.pool, xid, values, _field_data(spec, {'rating': rating, 'confidence': confidence}))
            self.pool.add(xid, entity)
        return entity

    # -- Interface 3 ---------------------------------------------------------------------
    def add_dict(self, data, kind):
        """Add (or merge into) an entity from its batch JSON dict (see :meth:`tcex.batch.Batch.add_group`).

        Args:
            data (dict): The batch JSON of a Group or Indicator (``xid`` required).
            kind (Kind): Group or Indicator.
        """
        if not isinstance(data, dict):
            raise ValidationError('add_{}() needs a dict, not {}'.format(kind.key, type(data).__name__), value=data)
        spec = self.types.spec(kind, data.get('type'))
        xid = data.get('xid')
        if not xid or not isinstance(xid, (six.text_type, six.binary_type)):
            raise ValidationError('{} {} needs an xid (Interface 3)'.format(spec.name, show(
                data.get('name', data.get('summary')))), value=xid, type_name=spec.name, field='xid')
        plan = self._plan(spec)
        if plan.is_group:
            name = data.get('name')
            xid, entity = self._find(spec, plan, self._name_identity(spec, name), xid)
            identity = None if entity is not None else self._group_name(spec, name)
        else:
            xid, entity, identity = self._summary(spec, plan, data.get('summary'), xid)
        if entity is not None:
            entity.merge_dict(data)
            return entity
        entity = plan.cls(self.pool, xid, identity)
        entity.merge_dict(data)  # raises before the entity is queued: nothing is added
        self.pool.add(xid, entity)
        return entity


def _positional(spec, args, params):
    """Add positional builder arguments to the keyword ones, by the spec's positional order."""
    positional = spec.positional
    if len(args) > len(positional):
        raise ValidationError('{}() takes at most {} positional arguments ({}), {} given'.format(
            spec.method, len(positional), ', '.join(positional), len(args)), type_name=spec.name)
    for key, value in zip(positional, args):
        if key in params:
            raise ValidationError('{}() got {} both positionally and as a keyword'.format(spec.method, key),
                                  type_name=spec.name, field=key)
        params[key] = value


def _field_data(spec, params):
    """Return the validated field data ``{json key: value}`` of builder keyword arguments.

    Raises:
        ValidationError: An unknown argument or an invalid value.
    """
    data = {}
    by_attr = spec.by_attr
    for attr, value in params.items():
        try:
            field = by_attr[attr]
        except KeyError:
            field = None
        if field is None:
            raise _unknown_argument(spec, attr)
        if value is not None:
            try:
                data[field.key] = field.validator(value)
            except (ValueError, TypeError) as exc:
                raise spec.error(field.attr, value, exc)
    return data


def _check_arguments(spec, params):
    """Raise ValidationError for a builder keyword argument the type does not have."""
    for attr in params:
        if attr not in spec.by_attr:
            raise _unknown_argument(spec, attr)


def _unknown_argument(spec, attr):
    return ValidationError('{}() got an unknown argument {} (fields: {})'.format(
        spec.method, attr, ', '.join(x.attr for x in spec.fields)), value=attr, type_name=spec.name, field=attr)


def interface1_method(spec):
    """Return the Interface-1 builder method of a type, for the Batch class (``batch.address``)."""
    def method(self, *args, **kwargs):
        return self.builder.build(spec, args, kwargs)

    method.__name__ = str(spec.method)
    method.__doc__ = (
        'Add a {name} {what} (Interface 1).\n\n'
        'Positional (in order): {pos}. Keywords: {kw}.\n\n'
        'Returns:\n    {what}: The live {name} (the existing one when the xid is known).\n'
    ).format(name=spec.name, what=spec.kind.title, pos=', '.join(spec.positional),
             kw=', '.join(x.attr for x in spec.fields if x.attr not in spec.positional) or 'none')
    return method


def _resolve_xid(spec, plan, identity, xid):
    """Return the xid of an entity: derived from its identity (``xid`` True/None) or as given.

    The common case (a text identity, derived xid) is hashed inline; anything else, and a
    text that cannot be encoded (a lone surrogate, refused by :func:`encode_utf8` on Python 2
    too), goes through :func:`entity_xid`, which names the field in its error.
    """
    if (xid is True or xid is None) and type(identity) is _TEXT_TYPE:  # pylint: disable=unidiomatic-typecheck
        try:
            return _sha256(encode_utf8(plan.prefix + identity)).hexdigest()
        except UnicodeEncodeError:
            xid = True
    return entity_xid(spec.name, identity, xid)
