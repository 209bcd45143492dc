# -*- coding: utf-8 -*-
"""Apply one batch job's input to the store, entity by entity, like the platform.

Groups are processed first, then indicators, then the ``association`` array.
Each entity is validated; a failure becomes an error entry and, with
``haltOnError``, stops the job leaving the rest unprocessed. Associations are
resolved by xid (or indicator type + summary) against the store *and* the whole
input, then created once every entity is in place (:mod:`tcex.testing.associations`).
Reading the input is :mod:`tcex.testing.job_input`; merging an entity's metadata into
its record is :mod:`tcex.testing.merging`.
"""
from __future__ import absolute_import, division, print_function, unicode_literals

from tcex.testing.associations import Associations
from tcex.testing.job_input import CRITICAL, MAX_DEPTH, Outcome, read_input  # noqa: F401 (names kept here)
from tcex.testing.merging import copy_fields, merge_hashes, merge_metadata
from tcex.testing.validation import Invalid, check_group, check_indicator, indicator_summary


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
        self.links = Associations(store, self.data, types)

    # ---- entry point ---------------------------------------------------------------------
    def run(self, payload):
        """Process the raw input bytes and return the :class:`~tcex.testing.job_input.Outcome`."""
        try:
            return self._run(payload)
        finally:
            self.store.touch()

    def _run(self, payload):
        document = read_input(payload, self.max_indicators, self.outcome)
        if document is None:
            return self.outcome
        groups, indicators, associations = document
        self.links.prescan(groups, indicators)
        items = ([('group', n, x) for n, x in enumerate(groups)]
                 + [('indicator', n, x) for n, x in enumerate(indicators)]
                 + [('association', n, x) for n, x in enumerate(associations)])
        delete = self.config['action'].lower() == 'delete'
        handlers = {'group': self._delete_group if delete else self._create_group,
                    'indicator': self._delete_indicator if delete else self._create_indicator,
                    'association': self.links.delete if delete else self.links.create}
        for position, (kind, number, entity) in enumerate(items):
            try:
                handlers[kind](entity)
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
        self.links.link()
        return self.outcome

    @staticmethod
    def _source(entity):
        if isinstance(entity, dict):
            return entity.get('xid') or entity.get('summary') or entity.get('ref_1') or '?'
        return '?'

    # ---- create --------------------------------------------------------------------------
    def _check_attribute_types(self, label, entity):
        """Refuse an attribute whose type the owner does not have, as the platform does."""
        if self.attribute_types is None:
            return
        for item in entity.get('attribute') or ():
            if item['type'] not in self.attribute_types:
                raise Invalid('{} has attribute type {}, which owner {} does not have (invalid attribute '
                              'type).'.format(label, item['type'], self.config['owner']), 'attribute')

    def _references(self, me, label, groups, indicators):
        """Return the pending edges from ``me`` to the referenced groups and indicators (checked)."""
        links = self.links
        pending = [(me, links.need_group(label, xid), None) for xid in groups]
        for item in indicators:
            item = item if isinstance(item, dict) else {}
            pending.append((me, links.need_indicator(label, item.get('indicatorType'), item.get('summary')), None))
        return pending

    def _create_group(self, raw):
        entity = check_group(raw, lambda name: self.store.label_exists(self.data, name))
        label = '{} {}'.format(entity['type'], entity['xid'])
        self._check_attribute_types(label, entity)
        pending = self._references(('g', entity['xid']), label, entity.get('associatedGroupXid', []),
                                   entity.get('associatedIndicators', []))
        record = self.data.groups.get(entity['xid'])
        is_new = record is None
        if not is_new and record['type'] != entity['type']:
            raise Invalid('{} reuses the xid of {} {}.'.format(label, record['type'],
                                                               record['name']), 'xid')
        if is_new:
            record = {'id': self.store.next_id(), 'attribute': [], 'tag': [], 'securityLabel': []}
        copy_fields(record, entity)
        merge_metadata(self.store, self.data, self.config, record, entity, is_new)
        self.data.groups[entity['xid']] = record
        self.links.edges.extend(pending)

    def _create_indicator(self, raw):
        entity = check_indicator(raw, self.types,
                                 lambda name: self.store.label_exists(self.data, name))
        type_name, summary = entity['type'], entity['summary']
        label = '{} {}'.format(type_name, summary)
        self._check_attribute_types(label, entity)
        groups = [item.get('groupXid') if isinstance(item, dict) else item
                  for item in entity.get('associatedGroups', [])]
        pending = self._references(('k', type_name, summary.lower()), label, groups,
                                   entity.get('associatedIndicators', []))
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
        copy_fields(record, entity, skip=('summary',))
        if type_name == 'File':
            merge_hashes(record, summary)
        else:
            record['summary'] = summary
        record['fileOccurrence'] = record.get('fileOccurrence', []) + [
            dict(x) for x in entity.get('fileOccurrence', [])]
        merge_metadata(self.store, self.data, self.config, record, entity, is_new)
        self.data.indicators[record['id']] = record
        self.store.index_indicator(self.data, record)
        self.links.edges.extend(pending)

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
