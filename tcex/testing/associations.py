# -*- coding: utf-8 -*-
"""Associations of one batch job: references checked as entities arrive, edges made at the end.

An end is ``('g', xid)`` for a group, ``('k', type, summary)`` for an indicator named by type
and summary (lower-cased), ``('id', id)`` for an object named by its id, and, once resolved
against the owner's data, ``('i', indicator_id)``. A reference may name a stored entity or one
anywhere in the same input (:meth:`Associations.prescan`); edges are resolved and stored by
:meth:`Associations.link` after every entity is in place.
"""
from __future__ import absolute_import, division, print_function, unicode_literals

import six

from tcex.testing import rules
from tcex.testing.validation import Invalid, indicator_summary


class Associations(object):
    """The references and pending edges of one job.

    Args:
        store (Store): The emulator store.
        data (OwnerData): The owner's data.
        types (dict): Indicator type name -> type dict.

    Attributes:
        edges (list): Pending ``(end, end, associationType)``.
    """

    def __init__(self, store, data, types):
        self.store = store
        self.data = data
        self.types = types
        self.edges = []
        self._groups = set()  # group xids in the input
        self._indicators = set()  # (type, lower-cased summary) in the input

    def prescan(self, groups, indicators):
        """Note the groups and indicators of the input (so references to them are valid)."""
        for group in groups:
            if isinstance(group, dict) and group.get('xid'):
                self._groups.add(group['xid'])
        for indicator in indicators:
            if isinstance(indicator, dict) and indicator.get('type') in self.types:
                summary = indicator_summary(indicator, self.types[indicator['type']])
                if summary:
                    self._indicators.add((indicator['type'], summary.lower()))
                    if indicator['type'] == 'File':
                        for part in summary.split(' : '):
                            self._indicators.add(('File', part.lower()))

    def need_group(self, label, xid):
        """Return the end of a referenced group; raise Invalid when it is unknown."""
        if not isinstance(xid, six.string_types) or (xid not in self._groups and xid not in self.data.groups):
            raise Invalid('{} is associated with unknown group xid {}.'.format(label, xid), 'association')
        return ('g', xid)

    def need_indicator(self, label, type_name, summary):
        """Return the end of a referenced indicator; raise Invalid when it is invalid or unknown."""
        if not isinstance(summary, six.string_types) or type_name not in self.types:
            raise Invalid('{} is associated with an invalid indicator {} {}.'.format(
                label, type_name, summary), 'association')
        key = (type_name, summary.lower())
        if key not in self._indicators and self.resolve(('k',) + key) is None:
            raise Invalid('{} is associated with unknown indicator {} {}.'.format(
                label, type_name, summary), 'association')
        return ('k',) + key

    def resolve(self, end):
        """Turn a pending end into a store end, or None when it does not exist."""
        if end[0] == 'g':
            return end if end[1] in self.data.groups else None
        if end[0] == 'id':
            xid = self.data.groups.by_id.get(end[1]) if isinstance(end[1], int) else None
            if xid is not None:
                return ('g', xid)
            return ('i', end[1]) if end[1] in self.data.indicators else None
        record = self.store.find_indicator(self.data, end[1], summary=end[2], hashes=[end[2]])
        return ('i', record['id']) if record else None

    def link(self):
        """Store every pending edge whose two ends exist (and differ)."""
        for end_a, end_b, assoc_type in self.edges:
            end_a, end_b = self.resolve(end_a), self.resolve(end_b)
            if end_a and end_b and end_a != end_b:
                self.data.edges[frozenset((end_a, end_b))] = assoc_type

    def _end(self, item, number, label):
        """Return ``(end, is_indicator)`` of side ``number`` (1 or 2) of an ``association`` item."""
        ident, ref, kind = (item.get('id_{}'.format(number)), item.get('ref_{}'.format(number)),
                            item.get('type_{}'.format(number)))
        if ident is not None:
            end = self.resolve(('id', ident))
            if end is None:
                raise Invalid('{} refers to unknown id {}.'.format(label, ident), 'association')
            return end, end[0] == 'i'
        if kind in self.types:
            return self.need_indicator(label, kind, ref), True
        if kind not in (None,) + rules.GROUP_TYPES:
            raise Invalid('{} has an invalid type_{} {}.'.format(label, number, kind), 'association')
        return self.need_group(label, ref), False

    def create(self, item):
        """Check one item of the ``association`` array and queue its edge."""
        if not isinstance(item, dict):
            raise Invalid('Association is not a JSON object.', 'association')
        label = 'Association {} - {}'.format(item.get('ref_1', item.get('id_1')),
                                             item.get('ref_2', item.get('id_2')))
        end_a, indicator_a = self._end(item, 1, label)
        end_b, indicator_b = self._end(item, 2, label)
        assoc_type = item.get('associationType')
        if indicator_a and indicator_b and not assoc_type:
            raise Invalid('{} between indicators needs an associationType.'.format(label), 'associationType')
        self.edges.append((end_a, end_b, assoc_type))

    def delete(self, item):
        """Remove the edge one item of the ``association`` array names (a Delete job)."""
        if not isinstance(item, dict):
            raise Invalid('Association is not a JSON object.', 'association')
        label = 'Association {} - {}'.format(item.get('ref_1'), item.get('ref_2'))
        end_a, _ = self._end(item, 1, label)
        end_b, _ = self._end(item, 2, label)
        self.data.edges.pop(frozenset((self.resolve(end_a), self.resolve(end_b))), None)
