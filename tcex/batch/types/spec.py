# -*- coding: utf-8 -*-
"""The shape of a type: :class:`Field`, :class:`Rule` and :class:`TypeSpec`.

A spec is everything the builders and entities need to know about one Group or Indicator
type: its fields and their compiled validators, the values that make an indicator summary and
how a summary is split into them, whether it carries file content (Documents, Reports) or
file occurrences (File), and its cross-field rules (a malware Document needs a password).
Specs are built once and never changed.
"""
from __future__ import absolute_import, division, print_function, unicode_literals

import six

from tcex.batch.types.text import is_blank, show
from tcex.batch.types.kind import Kind
from tcex.errors import ValidationError
from tcex.utils.text import to_text

#: JSON keys holding metadata, per kind; handled by the entities, not by Field objects.
META_KEYS = {
    Kind.GROUP: ('attribute', 'securityLabel', 'tag', 'associatedGroupXid', 'associatedIndicators'),
    Kind.INDICATOR: ('attribute', 'securityLabel', 'tag', 'associatedGroups', 'associatedIndicators',
                     'fileOccurrence'),
}


class Field(object):
    """One scalar field of a type.

    Attributes:
        attr (str): The python name (builder keyword and property).
        key (str): The batch JSON key.
        validator (callable): ``fn(value) -> normalised value`` raising ValueError (built once).
        required (bool): Whether the API needs the field.
        aliases (tuple): Other keys ``add_key_value`` accepts for this field.
    """

    __slots__ = ('attr', 'key', 'validator', 'required', 'aliases')

    def __init__(self, attr, key, validator, required=False, aliases=()):
        self.attr = attr
        self.key = key
        self.validator = validator
        self.required = required
        self.aliases = tuple(aliases)

    def __repr__(self):
        return 'Field({!r}, {!r})'.format(self.attr, self.key)


class Rule(object):
    """A cross-field rule checked before an entity is written.

    Attributes:
        field (str): The field named in the error.
        test (callable): ``fn(data) -> bool``, True when the entity's field data is fine.
        reason (str): The error text (``has malware true but no password``).
    """

    __slots__ = ('field', 'test', 'reason')

    def __init__(self, field, test, reason):
        self.field = field
        self.test = test
        self.reason = reason


class TypeSpec(object):
    """The table of one Group or Indicator type.

    Attributes:
        name (str): The API type name (``Registry Key``).
        kind (Kind): Group or Indicator.
        method (str): The Interface-1 builder name on Batch (``registry_key``), or None.
        fields (list): Scalar :class:`Field` objects, common ones included.
        values (list): Indicator value fields (their values make the summary).
        positional (list): Attribute names accepted positionally by the builder, in order.
        by_attr (dict): attr -> Field (values included).
        by_key (dict): JSON key or alias -> Field (values included).
        required (list): The required fields.
        api_branch (str): The v2 API branch (``documents``), where known.
        custom (bool): A custom indicator type fetched from the API.
        has_files (bool): Carries file content uploaded apart (Documents, Reports).
        has_occurrences (bool): Takes file occurrences (File).
        summary_parser (callable): ``fn(summary) -> values`` for a type whose summary is not
            its values joined with " : " (File: hashes in any order), or None.
        rules (tuple): Cross-field :class:`Rule` objects.
        needs_check (bool): Whether :meth:`check` can fail (required fields or rules).
        meta_keys (tuple): The metadata JSON keys of the kind.
        store_key (tuple): ``(kind value, name)``, as the batch's store keeps each row's type.
    """

    def __init__(self, name, kind, method, fields, values=(), positional=(), api_branch=None, custom=False,
                 has_files=False, has_occurrences=False, summary_parser=None, rules=()):
        self.name = name
        self.kind = kind
        self.store_key = (kind.value, name)
        self.method = method
        self.fields = list(fields)
        self.values = list(values)
        self.positional = list(positional)
        self.api_branch = api_branch
        self.custom = custom
        self.has_files = has_files
        self.has_occurrences = has_occurrences
        self.summary_parser = summary_parser
        self.rules = tuple(rules)
        self.meta_keys = META_KEYS[kind]
        self.by_attr = {}
        self.by_key = {}
        for field in self.values + self.fields:
            self.by_attr[field.attr] = field
            self.by_key[field.key] = field
            for alias in field.aliases:
                self.by_key[alias] = field
        self.required = [x for x in self.fields if x.required]
        self.needs_check = bool(self.required or self.rules)
        # The summary is the values joined with " : ": a value may not hold the separator.
        self._joined = len(self.values) > 1 and summary_parser is None

    def error(self, field, value, reason):
        """Return the ValidationError of an invalid field value (``<type> field <f> has invalid value``)."""
        return ValidationError('{} field {} has invalid value {}: {}'.format(self.name, field, show(value), reason),
                               value=value, type_name=self.name, field=field)

    def validate(self, validator, field, value):
        """Return ``validator(value)``, its ValueError or TypeError raised as this type's ValidationError."""
        try:
            return validator(value)
        except (ValueError, TypeError) as exc:
            raise self.error(field, value, exc)

    def check(self, data, identity, xid):
        """Raise ValidationError when field data misses a required field or breaks a rule.

        Args:
            data (dict): The entity's field data (JSON keys).
            identity (str): The name or summary, for the message.
            xid (str): The xid, for the message.
        """
        for field in self.required:
            if data.get(field.key) is None:
                raise ValidationError('{} {} is missing required field {} (xid {})'.format(
                    self.name, show(identity), field.attr, xid), type_name=self.name, field=field.attr)
        for rule in self.rules:
            if not rule.test(data):
                raise ValidationError('{} {} {} (xid {})'.format(self.name, show(identity), rule.reason, xid),
                                      type_name=self.name, field=rule.field)

    def split_summary(self, summary):
        """Return the validated value list of an indicator summary.

        Raises:
            ValidationError: A blank summary, the wrong number of parts or an invalid value.
        """
        values = self.values
        if is_blank(summary):
            raise ValidationError('{} needs a summary'.format(self.name), value=summary, type_name=self.name,
                                  field='summary')
        if len(values) == 1:
            parts = [summary]
        elif self.summary_parser is not None:
            try:
                parts = list(self.summary_parser(summary))
            except (ValueError, TypeError) as exc:
                raise self.error('summary', summary, exc)
        else:
            try:
                parts = [p.strip() for p in to_text(summary).split(' : ')]
            except ValueError as exc:  # not text, or bytes that are not UTF-8
                raise self.error('summary', summary, exc)
            if len(parts) > len(values) or (not self.custom and len(parts) != len(values)):
                raise ValidationError('{} summary {} must be {} joined with " : "'.format(
                    self.name, show(summary), ', '.join(x.key for x in values)), value=summary,
                    type_name=self.name, field='summary')
            parts += [None] * (len(values) - len(parts))
        return self.validate_values(parts)

    def validate_value(self, field, value):
        """Return one validated indicator value (not blank).

        A value of a summary joined with " : " is stripped, and may not hold " : " itself: the
        summary must split back into the same values when the entity is read from the store.

        Raises:
            ValidationError: The value is invalid.
        """
        value = self.validate(field.validator, field.attr, value)
        if self._joined and isinstance(value, six.string_types):
            if ' : ' in value:
                raise self.error(field.attr, value, 'must not contain " : " (it separates the summary values)')
            value = value.strip()
        return value

    def validate_values(self, raw):
        """Return the validated indicator values (None for blank optional ones).

        Raises:
            ValidationError: A required value is blank or invalid, or every value is blank.
        """
        out = []
        present = False
        for field, value in zip(self.values, raw):
            if is_blank(value):
                if field.required:
                    raise ValidationError('{} needs a {}'.format(self.name, field.attr), value=value,
                                          type_name=self.name, field=field.attr)
                out.append(None)
            else:
                out.append(self.validate_value(field, value))
                present = True
        if not present:
            raise ValidationError('{} needs at least one of {}'.format(
                self.name, ', '.join(x.attr for x in self.values)), type_name=self.name, field=self.values[0].attr)
        return out

    def __repr__(self):
        return 'TypeSpec({!r})'.format(self.name)
