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
from tcex.testing.edges import Edges


def label_key(name):
    """Normalise a security label name for matching (``TLP Green`` == ``TLP:GREEN``)."""
    return re.sub(r'[^0-9a-z]', '', name.lower())


def iso(epoch):
    """Format epoch seconds as the API's ISO-8601 ``YYYY-MM-DDTHH:MM:SSZ``."""
    return time.strftime('%Y-%m-%dT%H:%M:%SZ', time.gmtime(epoch))


class GroupTable(OrderedDict):
    """``{xid: group record}`` that also indexes the records by numeric id."""

    def __init__(self):
        self.by_id = {}
        OrderedDict.__init__(self)

    def __setitem__(self, key, value, *args, **kwargs):
        old = self.get(key)
        if old is not None:
            self.by_id.pop(old['id'], None)
        OrderedDict.__setitem__(self, key, value, *args, **kwargs)
        self.by_id[value['id']] = key

    def __delitem__(self, key, *args, **kwargs):
        record = self.get(key)
        OrderedDict.__delitem__(self, key, *args, **kwargs)
        if record is not None:
            self.by_id.pop(record['id'], None)

    def pop(self, key, *default):
        """Remove ``key`` and return its record (``default`` when given and absent)."""
        if key in self:
            record = self[key]
            del self[key]
            return record
        if default:
            return default[0]
        raise KeyError(key)


class OwnerData(object):
    """Everything one owner holds."""

    def __init__(self, info):
        self.info = info
        self.groups = GroupTable()  # xid -> record
        self.indicators = OrderedDict()  # id -> record
        self.by_key = {}  # (type, summary.lower()) -> id
        self.by_xid = {}  # indicator xid -> id
        self.by_hash = {}  # File hash (lower) -> id
        self.by_summary = {}  # summary.lower() -> set of ids
        self.labels = OrderedDict((label_key(x['name']), dict(x)) for x in rules.DEFAULT_LABELS)
        self.edges = Edges()  # frozenset({end, end}) -> associationType or None
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
        self.version = 0
        self.query_cache = OrderedDict()  # read queries (tcex.testing.read_query)
        self.reset()

    def touch(self):
        """Count a change to the stored data (read-side caches key on :attr:`version`)."""
        self.version += 1

    def reset(self):
        """Forget every group, indicator, file, label and job."""
        with self.lock:
            self.touch()
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
        key = record['summary'].lower()
        same = data.by_summary.get(key)  # an id, or a set of ids when several types share it
        ids = set([same]) if isinstance(same, int) else set(same or ())
        if add:
            ids.add(record['id'])
        else:
            ids.discard(record['id'])
        if not ids:
            data.by_summary.pop(key, None)
        else:
            data.by_summary[key] = ids.pop() if len(ids) == 1 else ids

    def load_indicators(self, owner, items):
        """Store indicators directly, without a batch job (tests and ``bench/`` only).

        Each item is a batch-shaped dict with ``type`` and ``summary`` (already valid:
        nothing is checked) and optionally ``rating``, ``confidence``, ``tag``,
        ``attribute``, ``securityLabel``, ``dateAdded``, ``lastModified``, ``active``.
        An item whose type and summary exist replaces it. Items may be a generator.

        Returns:
            int: How many were stored.
        """
        count = 0
        with self.lock:
            data = self.owners[owner]
            now = iso(self.clock())
            for item in items:
                record = dict(item)
                old = self.find_indicator(data, record['type'], record['summary'])
                if old is not None:
                    self.index_indicator(data, old, add=False)
                    del data.indicators[old['id']]
                record['id'] = self.next_id()
                for key in ('attribute', 'tag', 'securityLabel', 'fileOccurrence'):
                    record.setdefault(key, [])
                record.setdefault('dateAdded', now)
                record.setdefault('lastModified', record['dateAdded'])
                data.indicators[record['id']] = record
                self.index_indicator(data, record)
                count += 1
            self.touch()
        return count

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
        data.edges.drop(end)

    # ---- read-back -----------------------------------------------------------------------
    @staticmethod
    def _neighbours(data, end):
        return data.edges.neighbours(end)

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
        try:
            xid = data.groups.by_id.get(int(xid_or_id))
        except (TypeError, ValueError):
            return None
        return data.groups[xid] if xid is not None else None

    def indicator(self, summary_or_xid, owner=None):
        """Return one indicator by xid, summary (case-insensitive) or File hash, or None."""
        with self.lock:
            for data in self._selected(owner):
                if summary_or_xid in data.by_xid:
                    return self.indicator_view(data, data.indicators[data.by_xid[summary_or_xid]])
                wanted = summary_or_xid.lower()
                same = data.by_summary.get(wanted)
                if same is not None:
                    found = same if isinstance(same, int) else min(same)
                    return self.indicator_view(data, data.indicators[found])
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
