# -*- coding: utf-8 -*-
"""The emulator's thread-safe in-memory store: owners, groups, indicators, files, jobs.

Everything lives per owner. One re-entrant lock guards all of it; callers that
need several steps to be atomic hold :attr:`Store.lock` around them.
"""
from __future__ import absolute_import, division, print_function, unicode_literals

import copy
import itertools
import re
import threading
import time
from collections import OrderedDict

from tcex.testing import rules


def label_key(name):
    """Normalise a security label name for matching (``TLP Green`` == ``TLP:GREEN``)."""
    return re.sub(r'[^0-9a-z]', '', name.lower())


def iso(epoch):
    """Format epoch seconds as the API's ISO-8601 ``YYYY-MM-DDTHH:MM:SSZ``."""
    return time.strftime('%Y-%m-%dT%H:%M:%SZ', time.gmtime(epoch))


class OwnerData(object):
    """Everything one owner holds."""

    def __init__(self, info):
        self.info = info
        self.groups = OrderedDict()  # xid -> record
        self.indicators = OrderedDict()  # id -> record
        self.by_key = {}  # (type, summary.lower()) -> id
        self.by_xid = {}  # indicator xid -> id
        self.by_hash = {}  # File hash (lower) -> id
        self.labels = OrderedDict((label_key(x['name']), dict(x)) for x in rules.DEFAULT_LABELS)
        self.edges = {}  # frozenset({end, end}) -> associationType or None
        self.files = {}  # group xid -> bytes


class Store(object):
    """The in-memory platform state.

    Args:
        owners (list): Owner names; the first is an Organization, the rest Communities.
        clock (callable): Returns epoch seconds (for dateAdded / lastModified).
    """

    def __init__(self, owners, clock=time.time):
        self.lock = threading.RLock()
        self.clock = clock
        self._names = list(owners)
        self.reset()

    def reset(self):
        """Forget every group, indicator, file, label and job."""
        with self.lock:
            self._ids = itertools.count(1)
            self.owners = OrderedDict()
            for number, name in enumerate(self._names):
                info = {'id': number + 1, 'name': name,
                        'type': 'Organization' if number == 0 else 'Community'}
                self.owners[name] = OwnerData(info)
            self.jobs = OrderedDict()
            self._job_ids = itertools.count(1)

    def next_id(self):
        """Return a new numeric id for a group, indicator or attribute."""
        return next(self._ids)

    def next_job_id(self):
        """Return a new batch job id."""
        return next(self._job_ids)

    def owner(self, name):
        """Return the :class:`OwnerData` for ``name`` or None."""
        return self.owners.get(name)

    # ---- lookups -------------------------------------------------------------------------
    @staticmethod
    def find_indicator(data, type_name, summary=None, xid=None, hashes=()):
        """Return the indicator record matching by xid, type+summary or a File hash."""
        if xid and xid in data.by_xid:
            return data.indicators[data.by_xid[xid]]
        if summary is not None:
            found = data.by_key.get((type_name, summary.lower()))
            if found is not None:
                return data.indicators[found]
        if type_name == 'File':
            for value in hashes:
                if value and value.lower() in data.by_hash:
                    return data.indicators[data.by_hash[value.lower()]]
        return None

    @staticmethod
    def index_indicator(data, record, add=True):
        """Add (or remove) a record to the owner's indicator indexes."""
        keys = [(data.by_key, (record['type'], record['summary'].lower()))]
        if record.get('xid'):
            keys.append((data.by_xid, record['xid']))
        if record['type'] == 'File':
            for field in ('md5', 'sha1', 'sha256'):
                if record.get(field):
                    keys.append((data.by_hash, record[field].lower()))
        for index, key in keys:
            if add:
                index[key] = record['id']
            elif index.get(key) == record['id']:
                del index[key]

    def label_exists(self, data, name):
        """Return True when the owner already has a security label named ``name``."""
        return label_key(name) in data.labels

    def remember_labels(self, data, labels):
        """Create security labels the owner does not have yet."""
        for item in labels:
            key = label_key(item['name'])
            if key not in data.labels:
                data.labels[key] = {'name': item['name'], 'description': item.get('description'),
                                    'color': item.get('color')}

    # ---- associations --------------------------------------------------------------------
    @staticmethod
    def group_end(xid):
        """Return the association end for a group."""
        return ('g', xid)

    @staticmethod
    def indicator_end(record):
        """Return the association end for an indicator record."""
        return ('i', record['id'])

    @staticmethod
    def drop_edges(data, end):
        """Remove every association touching ``end``."""
        for key in [k for k in data.edges if end in k]:
            del data.edges[key]

    # ---- read-back -----------------------------------------------------------------------
    def _neighbours(self, data, end):
        found = []
        for key, assoc_type in data.edges.items():
            if end in key:
                others = [e for e in key if e != end]
                if others:
                    found.append((others[0], assoc_type))
        return found

    def group_view(self, data, record):
        """Return a read-back copy of a group with its associations."""
        view = copy.deepcopy(record)
        view['ownerName'] = data.info['name']
        groups, indicators = [], []
        for other, _ in self._neighbours(data, self.group_end(record['xid'])):
            if other[0] == 'g':
                groups.append(other[1])
            elif other[1] in data.indicators:
                ind = data.indicators[other[1]]
                indicators.append({'summary': ind['summary'], 'indicatorType': ind['type']})
        view['associatedGroupXid'] = sorted(groups)
        view['associatedIndicators'] = sorted(indicators, key=lambda x: (x['indicatorType'],
                                                                          x['summary']))
        view['hasContent'] = record['xid'] in data.files
        return view

    def indicator_view(self, data, record):
        """Return a read-back copy of an indicator with its associations."""
        view = copy.deepcopy(record)
        view['ownerName'] = data.info['name']
        groups, indicators = [], []
        for other, assoc_type in self._neighbours(data, self.indicator_end(record)):
            if other[0] == 'g':
                groups.append(other[1])
            elif other[1] in data.indicators:
                ind = data.indicators[other[1]]
                item = {'summary': ind['summary'], 'indicatorType': ind['type']}
                if assoc_type:
                    item['associationType'] = assoc_type
                indicators.append(item)
        view['associatedGroups'] = [{'groupXid': x} for x in sorted(groups)]
        view['associatedGroupXid'] = sorted(groups)
        view['associatedIndicators'] = sorted(indicators, key=lambda x: (x['indicatorType'],
                                                                          x['summary']))
        return view

    def _selected(self, owner):
        if owner is None:
            return list(self.owners.values())
        data = self.owners.get(owner)
        return [data] if data else []

    def groups(self, owner=None, type_name=None):
        """Return read-back copies of the groups (all owners when ``owner`` is None)."""
        with self.lock:
            return [self.group_view(d, r) for d in self._selected(owner)
                    for r in d.groups.values() if type_name in (None, r['type'])]

    def indicators(self, owner=None, type_name=None):
        """Return read-back copies of the indicators (all owners when ``owner`` is None)."""
        with self.lock:
            return [self.indicator_view(d, r) for d in self._selected(owner)
                    for r in d.indicators.values() if type_name in (None, r['type'])]

    def group(self, xid, owner=None):
        """Return one group by xid (or numeric id), or None."""
        with self.lock:
            for data in self._selected(owner):
                record = self.find_group(data, xid)
                if record is not None:
                    return self.group_view(data, record)
        return None

    @staticmethod
    def find_group(data, xid_or_id):
        """Return a group record by xid or numeric id, or None."""
        if xid_or_id in data.groups:
            return data.groups[xid_or_id]
        for record in data.groups.values():
            if str(record['id']) == str(xid_or_id):
                return record
        return None

    def indicator(self, summary_or_xid, owner=None):
        """Return one indicator by xid, summary (case-insensitive) or File hash, or None."""
        with self.lock:
            for data in self._selected(owner):
                if summary_or_xid in data.by_xid:
                    return self.indicator_view(data, data.indicators[data.by_xid[summary_or_xid]])
                wanted = summary_or_xid.lower()
                for (_, summary), ind_id in data.by_key.items():
                    if summary == wanted:
                        return self.indicator_view(data, data.indicators[ind_id])
                if wanted in data.by_hash:
                    return self.indicator_view(data, data.indicators[data.by_hash[wanted]])
        return None

    def labels(self, owner):
        """Return copies of the owner's security labels."""
        with self.lock:
            data = self.owners.get(owner)
            return [dict(x) for x in data.labels.values()] if data else []

    def files(self, owner=None):
        """Return ``{xid: bytes}`` of uploaded Document/Report content."""
        with self.lock:
            result = {}
            for data in self._selected(owner):
                result.update(data.files)
            return result
