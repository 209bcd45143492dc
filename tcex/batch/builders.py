# -*- coding: utf-8 -*-
"""The three builder interfaces of :class:`tcex.batch.Batch`.

* Interface 1: one method per type (``batch.adversary(name)``,
  ``batch.address(ip, rating, confidence)``), generated from the field tables.
* Interface 2: ``batch.group(type, name, xid)`` and ``batch.indicator(type,
  summary, rating, confidence, xid)``, then ``add_key_value(key, value)``.
* Interface 3: ``batch.add_group(dict)`` and ``batch.add_indicator(dict)``.
"""
from __future__ import absolute_import, division, print_function, unicode_literals

import hashlib

import six

from tcex.batch import fields as f
from tcex.batch.entity import CLASSES, show
from tcex.batch.textutil import is_blank
from tcex.batch.xid import entity_xid
from tcex.errors import ValidationError
from tcex.utils.text import decode_utf8

_NAME = f.v.text()  # built once: a Group name is validated on every new Group


def _text_identity(value, type_name=None, field=None):
    if isinstance(value, six.binary_type):
        try:
            return decode_utf8(value)
        except UnicodeDecodeError as exc:
            raise ValidationError('{} field {} has invalid value {}: not valid UTF-8 ({})'.format(
                type_name, field, show(value), exc.reason), value=value, type_name=type_name, field=field)
    return value if isinstance(value, six.text_type) else six.text_type(value)


class BuilderMixin(object):
    """Builder methods; mixed into Batch (which provides the store and live map)."""

    def _build(self, spec, args, kwargs):
        """Interface 1: build (or find) an entity from positional and keyword arguments."""
        positional = spec.positional
        if len(args) > len(positional):
            raise ValidationError('{}() takes at most {} positional arguments ({}), {} given'.format(
                spec.method, len(positional), ', '.join(positional), len(args)), type_name=spec.name)
        params = dict(zip(positional, args))
        for key, value in kwargs.items():
            if key in params:
                raise ValidationError('{}() got {} both positionally and as a keyword'.format(spec.method, key),
                                      type_name=spec.name, field=key)
            params[key] = value
        xid = params.pop('xid', True)
        content = params.pop('file_content', None) if spec.has_files else None
        if spec.kind == f.GROUP:
            entity, new = self._group_entity(spec, params.pop('name', None), xid)
        else:
            raw = [params.pop(field.attr, None) for field in spec.values]
            entity, new = self._indicator_entity(spec, raw, None, xid)
        return self._fill(entity, new, lambda: self._set_params(spec, entity, new, params, content))

    def _set_params(self, spec, entity, new, params, content):
        """Interface 1: validate and set the field arguments (and the file content) of a new entity.

        For an xid already known the first object wins, as in every tcex release: the
        arguments are checked for unknown names but do not change it.
        """
        by_attr = spec.by_attr
        for attr, value in params.items():
            field = by_attr.get(attr)
            if field is None:
                raise ValidationError('{}() got an unknown argument {} (fields: {})'.format(
                    spec.method, attr, ', '.join(x.attr for x in spec.fields)), value=attr,
                    type_name=spec.name, field=attr)
            if value is not None and new:  # the entity is already queued-to-be (dirty)
                try:
                    entity._data[field.key] = field.validator(value)
                except (ValueError, TypeError) as exc:
                    raise entity._error(field.attr, value, exc)
        if content is not None and (new or entity.xid not in self.store.given_files):
            self._set_file(entity, content)  # content is not a field: a rerun gives it again

    def _fill(self, entity, new, fill, touch=False):
        """Run ``fill()`` on a found or just-created entity and return the entity.

        A new entity is queued once ``fill`` succeeds and forgotten when it raises
        ValidationError; a found one is re-queued (touched) only when ``touch``.
        """
        try:
            fill()
        except ValidationError:
            if new:
                self._discard(entity)
            raise
        if new:
            self._queue(entity)
        elif touch:
            entity._touch()
        return entity

    def _group_entity(self, spec, name, xid):
        """Return ``(entity, created)`` for a Group name and xid argument."""
        if is_blank(name):
            raise ValidationError('{} needs a name'.format(spec.name), value=name, type_name=spec.name,
                                  field='name')
        name = _text_identity(name, spec.name, 'name')
        xid = entity_xid(spec.name, name, xid)
        entity = self._lookup(spec, xid)
        if entity is not None:
            return entity, False
        try:
            name = _NAME(name)
        except (ValueError, TypeError) as exc:
            raise ValidationError('{} field name has invalid value {}: {}'.format(spec.name, show(name), exc),
                                  value=name, type_name=spec.name, field='name')
        return self._new(spec, xid, name), True

    def _indicator_entity(self, spec, raw, summary, xid):
        """Return ``(entity, created)`` from raw values (Interface 1) or a summary (2 and 3)."""
        if summary is not None:
            identity = _text_identity(summary, spec.name, 'summary')
        elif raw is None:
            raise ValidationError('{} needs a summary'.format(spec.name), value=summary, type_name=spec.name,
                                  field='summary')
        else:
            identity = ' : '.join(_text_identity(x, spec.name, fl.attr) for x, fl in zip(raw, spec.values)
                                  if not is_blank(x))
        xid = entity_xid(spec.name, identity, xid)
        entity = self._lookup(spec, xid)
        if entity is not None:
            return entity, False
        if summary is not None:
            values = self._split_summary(spec, summary)
        else:
            values = self._validate_values(spec, raw)
        return self._new(spec, xid, values), True

    # -- Interface 2 ---------------------------------------------------------------------
    def group(self, group_type, name, xid=True):
        """Add a Group of any type (Interface 2); set type fields with ``add_key_value``.

        Args:
            group_type (str): The type (``Event``, ``Intrusion Set``...).
            name (str): The name.
            xid (bool|str): True: derived from type and name; False: random; or the xid.

        Returns:
            Group: The live Group (the existing one when the xid is known).
        """
        return self._build(self._group_spec(group_type), (name,), {'xid': xid})

    def indicator(self, indicator_type, summary, rating=None, confidence=None, xid=True):
        """Add an Indicator of any type, custom types included (Interface 2).

        Args:
            indicator_type (str): The type (``Host``, ``Registry Key``, a custom type...).
            summary (str): The summary (multi-value types: values joined with " : ").
            rating (float): 0-5.
            confidence (int): 0-100.
            xid (bool|str): True: derived from type and summary; False: random; or the xid.

        Returns:
            Indicator: The live Indicator.
        """
        spec = self._indicator_spec(indicator_type)
        entity, new = self._indicator_entity(spec, None, summary, xid)

        def fill():
            if not new:  # the first object under an xid wins
                return
            for attr, value in (('rating', rating), ('confidence', confidence)):
                if value is not None:
                    entity._set_field(spec.by_attr[attr], value)
        return self._fill(entity, new, fill)

    # -- Interface 3 ---------------------------------------------------------------------
    def add_group(self, data):
        """Add (or merge into) a Group from its batch JSON dict (Interface 3).

        Args:
            data (dict): ``name``, ``type`` and ``xid`` required; metadata inside.
                A known xid merges: lists are union'ed, scalars overwritten.
                ``fileContent`` (Documents/Reports) is kept for the upload step.

        Returns:
            Group: The live Group.
        """
        return self._add_dict(data, f.GROUP)

    def add_indicator(self, data):
        """Add (or merge into) an Indicator from its batch JSON dict (Interface 3).

        Args:
            data (dict): ``type``, ``summary`` and ``xid`` required; metadata inside.

        Returns:
            Indicator: The live Indicator.
        """
        return self._add_dict(data, f.INDICATOR)

    def _add_dict(self, data, kind):
        if not isinstance(data, dict):
            raise ValidationError('add_{}() needs a dict, not {}'.format(kind, type(data).__name__), value=data)
        type_name = data.get('type')
        spec = self._group_spec(type_name) if kind == f.GROUP else self._indicator_spec(type_name)
        xid = data.get('xid')
        if not xid or not isinstance(xid, (six.text_type, six.binary_type)):
            raise ValidationError('{} {} needs an xid (Interface 3)'.format(spec.name, show(
                data.get('name', data.get('summary')))), value=xid, type_name=spec.name, field='xid')
        if kind == f.GROUP:
            entity, new = self._group_entity(spec, data.get('name'), xid)
        else:
            entity, new = self._indicator_entity(spec, None, data.get('summary'), xid)
        return self._fill(entity, new, lambda: entity._apply(data, merge=True, rest=True), touch=True)


def _fast_indicator_builder(spec):
    """Return an Interface-1 builder for a one-value indicator type with a fast path.

    The fast path covers the common call, ``address(value, rating=..., ...)`` with a
    text value, keyword fields and a derived xid, for an xid not seen before. It
    validates every field like :meth:`BuilderMixin._build`; any other call, any
    known xid and any invalid value take the generic path, which therefore
    produces exactly the same entities and errors.
    """
    name = spec.name
    prefix = name + '-'
    validate_value = spec.values[0].validator
    fields = dict((x.attr, (x.key, x.validator)) for x in spec.fields)
    text_type = six.text_type
    sha256 = hashlib.sha256
    classes = CLASSES

    def builder(self, *args, **kwargs):
        if len(args) != 1:
            return self._build(spec, args, kwargs)
        value = args[0]
        if type(value) is not text_type or not value:
            return self._build(spec, args, kwargs)
        if 'xid' in kwargs:
            if kwargs['xid'] is not True and kwargs['xid'] is not None:
                return self._build(spec, args, kwargs)
            kwargs = dict(kwargs)
            del kwargs['xid']
        try:
            xid = sha256((prefix + value).encode('utf-8')).hexdigest()
        except UnicodeError:  # a lone surrogate: the generic path names the field
            return self._build(spec, args, kwargs)
        pending = self._pending
        if xid in pending or xid in self._live.refs or self.store.may_contain(xid):
            return self._build(spec, args, kwargs)  # a known (or maybe known) xid
        try:
            entity = classes[name](self, xid, [validate_value(value)])
            data = entity._data
            for attr, item in kwargs.items():
                key, validator = fields[attr]
                if item is not None:
                    data[key] = validator(item)
        except (ValueError, TypeError, KeyError):
            return self._build(spec, args, kwargs)  # raises the error (nothing was registered)
        if len(pending) >= self._spill_at:
            self._spill(force=False)  # before adding: the App is about to add metadata to this one
            pending = self._pending
        pending[xid] = entity
        return entity

    return builder


def _builder(spec):
    if spec.kind == f.INDICATOR and len(spec.values) == 1 and not spec.has_files and spec.positional and \
            spec.positional[0] == spec.values[0].attr:
        builder = _fast_indicator_builder(spec)
    else:
        def builder(self, *args, **kwargs):
            return self._build(spec, args, kwargs)

    builder.__name__ = str(spec.method)
    if spec.kind == f.GROUP:
        what = 'Group'
    else:
        what = 'Indicator'
    builder.__doc__ = (
        'Add a {name} {what} (Interface 1).\n\n'
        'Positional (in order): {pos}. Keywords: {kw}.\n\n'
        'Returns:\n    {what}: The live {name} (the existing one when the xid is known).\n'
    ).format(name=spec.name, what=what, pos=', '.join(spec.positional),
             kw=', '.join(x.attr for x in spec.fields if x.attr not in spec.positional) or 'none')
    return builder


for _spec in f.GROUP_SPECS + f.INDICATOR_SPECS:
    setattr(BuilderMixin, _spec.method, _builder(_spec))
del _spec
