# -*- coding: utf-8 -*-
"""Apply one batch job's input to the store, entity by entity, like the platform.

Groups are processed first, then indicators, then the ``association`` array.
Each entity is validated; a failure becomes an error entry and, with
``haltOnError``, stops the job leaving the rest unprocessed. Associations are
resolved by xid (or indicator type + summary) against the store *and* the whole
input, then created once every entity is in place.
"""
from __future__ import absolute_import, division, print_function, unicode_literals

import json

import six

from tcex.testing import rules
from tcex.testing.state import iso
from tcex.testing.validation import Invalid, check_group, check_indicator, indicator_summary

CRITICAL = 'Encountered an unexpected Exception while processing batch job'
_META = ('attribute', 'tag', 'securityLabel', 'associatedGroupXid', 'associatedGroups',
         'associatedIndicators', 'fileOccurrence', 'fileContent')


MAX_DEPTH = 64  # JSON nesting the emulator accepts in a batch input


def _nesting_exceeds(document, limit):
    """Return True when ``document`` nests containers deeper than ``limit`` (iterative)."""
    stack = [(document, 1)]
    while stack:
        value, depth = stack.pop()
        if depth > limit:
            return True
        if isinstance(value, dict):
            stack.extend((item, depth + 1) for item in value.values()
                         if isinstance(item, (dict, list)))
        elif isinstance(value, list):
            stack.extend((item, depth + 1) for item in value if isinstance(item, (dict, list)))
    return False


class Outcome(object):
    """What processing one job produced.

    Attributes:
        errors (list): ``{"errorReason", "errorSource"}`` entries.
        results (list): ``/results`` entries (code, severity, errorReason, errorMessage).
        counts (dict): success/error counts per kind, and ``unprocessCount``.
    """

    def __init__(self):
        self.errors = []
        self.results = []
        self.counts = {'successGroupCount': 0, 'successIndicatorCount': 0,
                       'errorGroupCount': 0, 'errorIndicatorCount': 0,
                       'successAssociationCount': 0, 'errorAssociationCount': 0,
                       'unprocessCount': 0}

    def error(self, reason, source, code='0x1001', last=''):
        """Record one error entry."""
        self.errors.append({'errorReason': reason, 'errorSource': source})
        self.results.append({'code': code, 'severity': 'Error', 'errorReason': reason,
                             'errorMessage': '{} Last processed {}.'.format(reason, last).strip()})


def _write_list(existing, incoming, mode, key, is_new):
    """Merge a metadata list per write type; return the new list."""
    if incoming is None:
        return existing
    if mode == 'Static' and not is_new:
        return existing
    if mode == 'Append':
        return existing + incoming
    if mode == 'Singleton':
        kinds = set(item[key] for item in incoming)
        return [item for item in existing if item[key] not in kinds] + incoming
    return list(incoming)  # Replace (and Static for a new record)


def _dedupe(items):
    seen, result = set(), []
    for item in items:
        name = item['name'].lower()
        if name not in seen:
            seen.add(name)
            result.append(item)
    return result


class Processor(object):
    """Processes one job's input into one owner's data.

    Args:
        store (Store): The emulator store (its lock must be held by the caller).
        config (dict): The validated job config.
        types (dict): Indicator type name -> type dict.
        max_indicators (int): Indicators allowed per job.
        attribute_types (iterable): Attribute type names the owner has; an attribute of
            another type is an error of its entity (None accepts any type).
    """

    def __init__(self, store, config, types, max_indicators=25000, attribute_types=None):
        self.attribute_types = None if attribute_types is None else frozenset(attribute_types)
        self.store = store
        self.config = config
        self.types = types
        self.max_indicators = max_indicators
        self.data = store.owner(config['owner'])
        self.outcome = Outcome()
        self.edges = []  # (end, end, associationType)
        self.batch_groups = set()
        self.batch_indicators = set()

    # ---- entry point ---------------------------------------------------------------------
    def run(self, payload):
        """Process the raw input bytes and return the :class:`Outcome`."""
        try:
            return self._run(payload)
        finally:
            self.store.touch()

    def _run(self, payload):
        try:
            if isinstance(payload, bytes):
                payload = payload.decode('utf-8')
            document = json.loads(payload)
            if not isinstance(document, dict):
                raise ValueError('not an object')
            too_deep = _nesting_exceeds(document, MAX_DEPTH)
        except (ValueError, RuntimeError):  # RuntimeError: RecursionError on deep nesting
            self.outcome.error('{}: the batch input is not valid JSON.'.format(CRITICAL), '',
                               code='0x1000')
            return self.outcome
        if too_deep:
            self.outcome.error('{}: the batch input nests deeper than {} levels.'.format(
                CRITICAL, MAX_DEPTH), '', code='0x1000')
            return self.outcome
        groups = document.get('group') or []
        indicators = document.get('indicator') or []
        associations = document.get('association') or []
        if not all(isinstance(x, list) for x in (groups, indicators, associations)):
            self.outcome.error('{}: group, indicator and association must be arrays.'.format(
                CRITICAL), '', code='0x1000')
            return self.outcome
        if len(indicators) > self.max_indicators:
            self.outcome.error('Batch job with {} indicators would exceed the number of allowed '
                               'indicators ({}).'.format(len(indicators), self.max_indicators),
                               '', code='0x1002')
            self.outcome.counts['unprocessCount'] = len(groups) + len(indicators)
            return self.outcome
        self._prescan(groups, indicators)
        items = ([('group', n, x) for n, x in enumerate(groups)]
                 + [('indicator', n, x) for n, x in enumerate(indicators)]
                 + [('association', n, x) for n, x in enumerate(associations)])
        for position, (kind, number, entity) in enumerate(items):
            try:
                getattr(self, '_{}_{}'.format(self.config['action'].lower(), kind))(entity)
                self.outcome.counts['success{}Count'.format(kind.title())] += 1
            except Invalid as error:
                self.outcome.counts['error{}Count'.format(kind.title())] += 1
                source = self._source(entity)
                self.outcome.error(error.reason, '{} is not valid.'.format(source),
                                   last="{}[{}] '{}'".format(kind, number, source))
                if self.config['haltOnError']:
                    self.outcome.counts['unprocessCount'] = sum(
                        1 for k, _, _ in items[position + 1:] if k != 'association')
                    break
        self._link()
        return self.outcome

    @staticmethod
    def _source(entity):
        if isinstance(entity, dict):
            return entity.get('xid') or entity.get('summary') or entity.get('ref_1') or '?'
        return '?'

    def _prescan(self, groups, indicators):
        for group in groups:
            if isinstance(group, dict) and group.get('xid'):
                self.batch_groups.add(group['xid'])
        for indicator in indicators:
            if isinstance(indicator, dict) and indicator.get('type') in self.types:
                summary = indicator_summary(indicator, self.types[indicator['type']])
                if summary:
                    self.batch_indicators.add((indicator['type'], summary.lower()))
                    if indicator['type'] == 'File':
                        for part in summary.split(' : '):
                            self.batch_indicators.add(('File', part.lower()))

    # ---- references ----------------------------------------------------------------------
    def _need_group(self, label, xid):
        if not isinstance(xid, six.string_types) or (
                xid not in self.batch_groups and xid not in self.data.groups):
            raise Invalid('{} is associated with unknown group xid {}.'.format(label, xid),
                          'association')
        return ('g', xid)

    def _need_indicator(self, label, type_name, summary):
        if not isinstance(summary, six.string_types) or type_name not in self.types:
            raise Invalid('{} is associated with an invalid indicator {} {}.'.format(
                label, type_name, summary), 'association')
        key = (type_name, summary.lower())
        if key not in self.batch_indicators and self._resolve(('k',) + key) is None:
            raise Invalid('{} is associated with unknown indicator {} {}.'.format(
                label, type_name, summary), 'association')
        return ('k',) + key

    def _resolve(self, end):
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

    def _link(self):
        for end_a, end_b, assoc_type in self.edges:
            end_a, end_b = self._resolve(end_a), self._resolve(end_b)
            if end_a and end_b and end_a != end_b:
                self.data.edges[frozenset((end_a, end_b))] = assoc_type

    # ---- create --------------------------------------------------------------------------
    def _check_attribute_types(self, label, entity):
        """Refuse an attribute whose type the owner does not have, as the platform does."""
        if self.attribute_types is None:
            return
        for item in entity.get('attribute') or ():
            if item['type'] not in self.attribute_types:
                raise Invalid('{} has attribute type {}, which owner {} does not have (invalid attribute '
                              'type).'.format(label, item['type'], self.config['owner']), 'attribute')

    def _metadata(self, record, entity, is_new):
        attributes = None
        if entity.get('attribute') is not None:
            attributes = []
            for item in entity['attribute']:
                attributes.append({
                    'id': self.store.next_id(), 'type': item['type'],
                    'value': six.text_type(item['value']),
                    'displayed': bool(item.get('displayed', False)),
                    'pinned': bool(item.get('pinned', False)), 'source': item.get('source'),
                    'securityLabel': list(item.get('securityLabel') or [])})
        record['attribute'] = _write_list(record['attribute'], attributes,
                                          self.config['attributeWriteType'], 'type', is_new)
        tags = entity.get('tag')
        if tags is not None:
            tags = [{'name': t['name']} for t in tags]
        record['tag'] = _dedupe(_write_list(record['tag'], tags, self.config.get(
            'tagWriteType', 'Replace'), 'name', True))
        labels = entity.get('securityLabel')
        if labels is not None:
            self.store.remember_labels(self.data, labels)
            labels = [{'name': x['name']} for x in labels]
        record['securityLabel'] = _dedupe(_write_list(record['securityLabel'], labels,
                                                      self.config.get('securityLabelWriteType',
                                                                      'Replace'), 'name', True))
        now = iso(self.store.clock())
        record.setdefault('dateAdded', now)
        record['lastModified'] = now

    def _create_group(self, raw):
        entity = check_group(raw, lambda name: self.store.label_exists(self.data, name))
        label = '{} {}'.format(entity['type'], entity['xid'])
        self._check_attribute_types(label, entity)
        pending = [(('g', entity['xid']), self._need_group(label, xid), None)
                   for xid in entity.get('associatedGroupXid', [])]
        for item in entity.get('associatedIndicators', []):
            item = item if isinstance(item, dict) else {}
            pending.append((('g', entity['xid']), self._need_indicator(
                label, item.get('indicatorType'), item.get('summary')), None))
        record = self.data.groups.get(entity['xid'])
        is_new = record is None
        if not is_new and record['type'] != entity['type']:
            raise Invalid('{} reuses the xid of {} {}.'.format(label, record['type'],
                                                               record['name']), 'xid')
        if is_new:
            record = {'id': self.store.next_id(), 'attribute': [], 'tag': [], 'securityLabel': []}
        for key, value in entity.items():
            if key not in _META:
                record[key] = value
        self._metadata(record, entity, is_new)
        self.data.groups[entity['xid']] = record
        self.edges.extend(pending)

    def _create_indicator(self, raw):
        entity = check_indicator(raw, self.types,
                                 lambda name: self.store.label_exists(self.data, name))
        type_name, summary = entity['type'], entity['summary']
        label = '{} {}'.format(type_name, summary)
        self._check_attribute_types(label, entity)
        me = ('k', type_name, summary.lower())
        pending = []
        for item in entity.get('associatedGroups', []):
            xid = item.get('groupXid') if isinstance(item, dict) else item
            pending.append((me, self._need_group(label, xid), None))
        for item in entity.get('associatedIndicators', []):
            item = item if isinstance(item, dict) else {}
            pending.append((me, self._need_indicator(label, item.get('indicatorType'),
                                                     item.get('summary')), None))
        hashes = [entity.get(f) for f in ('md5', 'sha1', 'sha256')] if type_name == 'File' \
            else []
        if type_name == 'File' and not any(hashes):
            hashes = summary.split(' : ')
        record = self.store.find_indicator(self.data, type_name, summary, entity.get('xid'),
                                           hashes)
        is_new = record is None
        if not is_new and record['type'] != type_name:
            raise Invalid('{} reuses the xid of {} {}.'.format(label, record['type'],
                                                               record['summary']), 'xid')
        if is_new:
            record = {'id': self.store.next_id(), 'type': type_name, 'summary': summary,
                      'attribute': [], 'tag': [], 'securityLabel': [], 'fileOccurrence': []}
        else:
            self.store.index_indicator(self.data, record, add=False)
        for key, value in entity.items():
            if key not in _META and key != 'summary':
                record[key] = value
        if type_name == 'File':
            self._merge_hashes(record, summary)
        else:
            record['summary'] = summary
        record['fileOccurrence'] = record.get('fileOccurrence', []) + [
            dict(x) for x in entity.get('fileOccurrence', [])]
        self._metadata(record, entity, is_new)
        self.data.indicators[record['id']] = record
        self.store.index_indicator(self.data, record)
        self.edges.extend(pending)

    @staticmethod
    def _merge_hashes(record, summary):
        for part in summary.split(' : '):
            field = {32: 'md5', 40: 'sha1', 64: 'sha256'}[len(part)]
            record[field] = record.get(field) or part
        record['summary'] = ' : '.join(record[f] for f in ('md5', 'sha1', 'sha256')
                                       if record.get(f))

    def _association_end(self, item, number, label):
        ident, ref, kind = (item.get('id_{}'.format(number)), item.get('ref_{}'.format(number)),
                            item.get('type_{}'.format(number)))
        if ident is not None:
            end = self._resolve(('id', ident))
            if end is None:
                raise Invalid('{} refers to unknown id {}.'.format(label, ident), 'association')
            return end, end[0] == 'i'
        if kind in self.types:
            return self._need_indicator(label, kind, ref), True
        if kind not in (None,) + rules.GROUP_TYPES:
            raise Invalid('{} has an invalid type_{} {}.'.format(label, number, kind),
                          'association')
        return self._need_group(label, ref), False

    def _create_association(self, item):
        if not isinstance(item, dict):
            raise Invalid('Association is not a JSON object.', 'association')
        label = 'Association {} - {}'.format(item.get('ref_1', item.get('id_1')),
                                             item.get('ref_2', item.get('id_2')))
        end_a, indicator_a = self._association_end(item, 1, label)
        end_b, indicator_b = self._association_end(item, 2, label)
        assoc_type = item.get('associationType')
        if indicator_a and indicator_b and not assoc_type:
            raise Invalid('{} between indicators needs an associationType.'.format(label),
                          'associationType')
        self.edges.append((end_a, end_b, assoc_type))

    # ---- delete --------------------------------------------------------------------------
    def _delete_group(self, raw):
        xid = raw.get('xid') if isinstance(raw, dict) else None
        if not xid:
            raise Invalid('Group {} has no xid to delete by.'.format(raw), 'xid')
        record = self.data.groups.pop(xid, None)
        if record is not None:
            self.store.drop_edges(self.data, ('g', xid))
            self.data.files.pop(xid, None)

    def _delete_indicator(self, raw):
        if not isinstance(raw, dict):
            raise Invalid('Indicator is not a JSON object.')
        type_name = raw.get('type')
        summary = None
        if type_name in self.types:
            summary = indicator_summary(raw, self.types[type_name])
        if not summary and not raw.get('xid'):
            raise Invalid('Indicator {} has no xid or summary to delete by.'.format(type_name),
                          'summary')
        record = self.store.find_indicator(self.data, type_name, summary, raw.get('xid'),
                                           (summary or '').split(' : '))
        if record is not None:
            self.store.index_indicator(self.data, record, add=False)
            del self.data.indicators[record['id']]
            self.store.drop_edges(self.data, ('i', record['id']))

    def _delete_association(self, item):
        if not isinstance(item, dict):
            raise Invalid('Association is not a JSON object.', 'association')
        label = 'Association {} - {}'.format(item.get('ref_1'), item.get('ref_2'))
        end_a, _ = self._association_end(item, 1, label)
        end_b, _ = self._association_end(item, 2, label)
        self.data.edges.pop(frozenset((self._resolve(end_a), self._resolve(end_b))), None)
