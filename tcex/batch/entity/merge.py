# -*- coding: utf-8 -*-
"""Interface-3 dicts: validate a dict's fields and metadata lists and merge them into an entity."""
from __future__ import absolute_import, division, print_function, unicode_literals

import logging

from tcex.batch.entity.metadata import _attribute_value
from tcex.batch.types import validators as v
from tcex.batch.types.text import _TEXT, _bool, show
from tcex.errors import ValidationError

log = logging.getLogger('tcex.batch')

#: Keys the REST API returns for an object that the batch API does not take: an Interface-3
#: dict may carry them (data read from ThreatConnect fed back); they are left out of the payload.
REST_KEYS = frozenset(('id', 'ownerName', 'owner', 'dateAdded', 'lastModified', 'webLink', 'legacyLink'))
#: REST keys left out only when the type has no batch field of that name.
REST_ONLY_KEYS = frozenset(('fileSize', 'fileType', 'observationCount', 'lastObserved', 'falsePositiveCount',
                            'falsePositiveLastReported', 'enrichmentCount', 'principalId', 'score',
                            'status', 'eventDate', 'publishDate', 'documentDateAdded', 'documentType',
                            'generatedReport', 'firstSeen', 'countryCode', 'organization', 'asn',
                            'dnsActive', 'whoisActive', 'active', 'activeLocked', 'privateFlag', 'summary',
                            'name', 'description', 'rating', 'confidence'))


#: The keys of a batch attribute (type and value required); others (``id``, ``dateAdded``,
#: ``createdBy``... of REST API objects) are left out of the payload.
ATTRIBUTE_KEYS = frozenset(('type', 'value', 'displayed', 'pinned', 'source', 'securityLabel'))
#: The keys of a Group's associated indicator.
ASSOCIATED_INDICATOR_KEYS = frozenset(('summary', 'indicatorType'))

#: Slots that are the batch's bookkeeping, not the entity's data (a refused merge leaves them).
_BATCH_SIDE_SLOTS = frozenset(('_sink', '_xid', '_dirty', '_stored', '__weakref__'))


def _save_contents(value, out):
    """Append ``(container, copy of its contents)`` for every list, dict and set in ``value`` to ``out``."""
    if isinstance(value, list):
        out.append((value, list(value)))
        items = value
    elif isinstance(value, dict):
        out.append((value, dict(value)))
        items = value.values()
    elif isinstance(value, set):
        out.append((value, set(value)))
        return
    else:
        return
    for item in items:
        _save_contents(item, out)


_META_HANDLERS = {  # JSON key -> DictMergeMixin method
    'attribute': '_meta_attribute',
    'tag': '_meta_tag',
    'securityLabel': '_meta_label',
    'associatedGroupXid': '_meta_group_xid',
    'associatedGroups': '_meta_group_xid',
    'associatedIndicators': '_meta_indicators',
    'fileOccurrence': '_meta_occurrence',
}


class DictMergeMixin(object):
    """Interface-3 merging, part of :class:`~tcex.batch.entity.base.Entity` (its own state only)."""

    __slots__ = ()

    def merge_dict(self, data):
        """Merge an Interface-3 dict (validated; lists union'ed, scalars overwritten; REST keys left out).

        A dict refused part way (an invalid value after valid ones) changes nothing.
        """
        slots = [(name, getattr(self, name)) for cls in type(self).__mro__
                 for name in getattr(cls, '__slots__', ()) if name not in _BATCH_SIDE_SLOTS]
        contents = []
        for _, value in slots:
            _save_contents(value, contents)
        try:
            self._apply_dict(data, rest=True)
        except Exception:
            for name, value in slots:
                setattr(self, name, value)
            for container, content in reversed(contents):  # in place: handles the App holds stay attached
                if isinstance(container, list):
                    container[:] = content
                else:
                    container.clear()
                    container.update(content)
            raise
        self.touch()

    def _as_list(self, key, value):
        if isinstance(value, (list, tuple)):
            return value
        raise self.spec.error(key, value, 'must be a list')

    def _meta_attribute(self, key, value):
        for item in self._as_list(key, value):
            if not isinstance(item, dict) or 'type' not in item or 'value' not in item:
                raise self.spec.error(key, item, 'each attribute needs a type and a value')
            self._log_left_out_keys(key, item, ATTRIBUTE_KEYS)
            clean = {'type': self._validate_value(_TEXT, 'attribute.type', item['type']),
                     'value': _attribute_value(self, item['value']),
                     'displayed': _bool(self, 'attribute.displayed', item.get('displayed', False))}
            if item.get('pinned') is not None:
                clean['pinned'] = _bool(self, 'attribute.pinned', item['pinned'])
            if item.get('source') is not None:  # text, as attribute(source=...) takes it
                clean['source'] = self._validate_value(_TEXT, 'attribute.source', item['source'])
            if item.get('securityLabel'):
                clean['securityLabel'] = [self._label_item('attribute.securityLabel', label) for label in
                                          self._names('attribute.securityLabel', item['securityLabel'])]
            if self._attrs is None:
                self._attrs = []
            if clean not in self._attrs:
                self._attrs.append(clean)

    def _log_left_out_keys(self, key, item, known):
        """Log (debug) the keys of a metadata item outside ``known``: the payload leaves them out.

        REST API objects fed back carry more (``id``, ``dateAdded``, ``createdBy``...); the item
        put in the payload is built from the batch API's keys only.
        """
        unknown = [name for name in item if name not in known]
        if unknown:
            log.debug('%s %s: %s keys %s left out of the batch payload', self.spec.name, self._xid, key,
                      ', '.join(show(name) for name in unknown))

    def _label_item(self, field, item):
        """Return the validated JSON of a security label given as a dict with a name."""
        label = {'name': self._validate_value(_TEXT, field + '.name', item['name'])}
        if item.get('description') is not None:
            label['description'] = self._validate_value(_TEXT, field + '.description', item['description'])
        if item.get('color') is not None:
            label['color'] = self._validate_value(v.color, field + '.color', item['color'])
        return label

    def _names(self, key, value):
        for item in self._as_list(key, value):
            if isinstance(item, dict):
                if 'name' not in item:
                    raise self.spec.error(key, item, 'each item needs a name')
                yield item
            else:
                yield {'name': item}

    def _meta_tag(self, key, value):
        for item in self._names(key, value):
            self.tag(item['name'])

    def _meta_label(self, key, value):
        for item in self._names(key, value):
            self.security_label(item['name'], item.get('description'), item.get('color'))

    def _meta_group_xid(self, key, value):
        for item in self._as_list(key, value):
            if isinstance(item, dict):
                if 'groupXid' not in item:
                    raise self.spec.error(key, item, 'each item needs a groupXid')
                item = item['groupXid']
            self.association(item)

    def _meta_indicators(self, key, value):
        current = self._data.setdefault('associatedIndicators', [])
        for item in self._as_list(key, value):
            if not isinstance(item, dict) or 'summary' not in item or 'indicatorType' not in item:
                raise self.spec.error(key, item, 'each item needs a summary and an indicatorType')
            self._log_left_out_keys(key, item, ASSOCIATED_INDICATOR_KEYS)
            item = dict(summary=self._validate_value(_TEXT, 'associatedIndicators.summary', item['summary']),
                        indicatorType=self._validate_value(_TEXT, 'associatedIndicators.indicatorType',
                                                           item['indicatorType']))
            if item not in current:
                current.append(item)

    def _meta_occurrence(self, key, value):
        if not self.spec.has_occurrences:
            raise self.spec.error(key, value, 'only File indicators have occurrences')
        for item in self._as_list(key, value):
            if not isinstance(item, dict):
                raise self.spec.error(key, item, 'each occurrence must be an object')
            if item not in (self._occ or ()):
                self.occurrence(item.get('fileName'), item.get('path'), item.get('date'))

    def _apply_dict(self, data, rest=False):
        """Apply an Interface-3 dict to this entity (validated); lists are union'ed, scalars overwritten.

        With ``rest``, keys of the REST API's objects (``id``, ``ownerName``, ``webLink``...)
        are left out with a debug line instead of being refused.
        """
        spec = self.spec
        dropped = None
        for key, value in data.items():
            if key in ('type', 'xid'):
                continue
            if rest and (key in REST_KEYS or key.startswith('threatAssess')):
                if key in REST_KEYS or key not in spec.by_key:
                    dropped = (dropped or []) + [key]
                    continue
            handler = _META_HANDLERS.get(key)
            if handler is not None and key in spec.meta_keys:
                getattr(self, handler)(key, value)
                continue
            field = spec.by_key.get(key)
            if field is not None:
                self._apply_field(field, value)
            elif self._apply_identity(key, value):
                continue
            elif rest and key in REST_ONLY_KEYS:
                dropped = (dropped or []) + [key]
            else:
                known = sorted(set(spec.by_key) | set(spec.meta_keys) | set(self.identity_keys))
                raise ValidationError(
                    '{} has no field {} (known: {})'.format(spec.name, show(key), ', '.join(known)),
                    value=key, type_name=spec.name, field=key)
        if dropped:
            log.debug('%s %s: REST API keys %s left out of the batch payload', spec.name, self._xid,
                      ', '.join(sorted(dropped)))
