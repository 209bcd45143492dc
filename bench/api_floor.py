# -*- coding: utf-8 -*-
"""The API floor: tcex's builder calls with nothing behind them, the reference for an SDK with that API.

The floor of ``bench_batch.py`` builds one dict per entity and calls ``json.dumps`` once; it
makes no method call per entity. An SDK with tcex's builder API makes one call per entity
(``batch.address(ip, rating=...)``) and one per attribute, tag and association on the object
it returns, and a streaming SDK writes each entity's JSON soon after it is built instead of
holding every entity to the end. :class:`ApiFloorBatch` does exactly that and nothing more:

* no validation: values are taken as given (a rating is made a float, as the JSON holds it);
* no "same object per xid", no store and no handles returned by the metadata calls;
* the JSON of the waiting entities is written once ``PENDING`` are waiting, in one encoder
  call per kind, and the texts are kept in memory to the end (so its RSS is not a streaming
  writer's).

Its JSON is the floor's, byte for byte (``bench_batch.py`` checks it). It is a reference, the
cheapest implementation of the API found so far, not a proof that nothing can be cheaper. The
SDK's time minus this one is about what its guarantees cost: validation, one object per xid,
the crash-safe store. Only the types and keywords of ``feed_data.py`` are known.
"""
from __future__ import absolute_import, division, print_function, unicode_literals

import hashlib
import json

#: Builder keywords of feed_data.py and the JSON keys they become.
KEYS = {'confidence': 'confidence', 'dns_active': 'flag1', 'event_date': 'eventDate', 'file_name': 'fileName',
        'first_seen': 'firstSeen', 'publish_date': 'publishDate', 'rating': 'rating', 'size': 'intValue1',
        'status': 'status'}
#: Entities waiting before their JSON is written.
PENDING = 500
_encode = json.JSONEncoder(separators=(',', ':')).encode  # the floor's json.dumps, built once
_sha256 = hashlib.sha256


class _Entity(object):
    """A Group or Indicator: its identity, field data and metadata, as given."""

    __slots__ = ('is_group', 'identity', 'type', 'xid', 'fields', 'attrs', 'tags', 'assoc')

    def __init__(self, is_group, type_name, identity, kwargs):
        self.is_group = is_group
        self.type = type_name
        self.identity = identity
        self.xid = _sha256('{}-{}'.format(type_name, identity).encode('utf-8')).hexdigest()
        self.fields = [(KEYS[key], float(value) if key == 'rating' else value)
                       for key, value in kwargs.items() if value is not None]
        self.attrs = []
        self.tags = []
        self.assoc = []

    def attribute(self, attr_type, value, displayed=False, source=None):
        item = {'type': attr_type, 'value': value, 'displayed': displayed}
        if source is not None:
            item['source'] = source
        self.attrs.append(item)

    def tag(self, name):
        if name not in self.tags:
            self.tags.append(name)

    def association(self, xid):
        if xid not in self.assoc:
            self.assoc.append(xid)

    def data(self):
        """Return the entity's batch JSON dict, with the floor's key order."""
        data = {'name' if self.is_group else 'summary': self.identity, 'type': self.type, 'xid': self.xid}
        for key, value in self.fields:
            data[key] = value
        if self.assoc and not self.is_group:
            data['associatedGroups'] = [{'groupXid': xid} for xid in self.assoc]
        if self.attrs:
            data['attribute'] = self.attrs
        if self.tags:
            data['tag'] = [{'name': tag} for tag in self.tags]
        if self.assoc and self.is_group:
            data['associatedGroupXid'] = self.assoc
        return data


def _method(is_group, type_name):
    """Return the builder method of a type with one identity value: ``batch.address(ip, **fields)``."""
    def build(self, identity, **kwargs):
        return self._add(is_group, type_name, identity, kwargs)
    build.__name__ = str(type_name.lower())
    return build


class ApiFloorBatch(object):
    """The builder methods feed_data.py calls; :meth:`payload` returns the batch JSON bytes."""

    def __init__(self):
        self._pending = []
        self._texts = ([], [])  # JSON texts of the Groups, of the Indicators (comma-joined runs)

    def _add(self, is_group, type_name, identity, kwargs):
        if len(self._pending) >= PENDING:  # the waiting ones are complete: the App has moved on
            self._write()
        entity = _Entity(is_group, type_name, identity, kwargs)
        self._pending.append(entity)
        return entity

    def _write(self):
        """Write the JSON of the waiting entities: one encoder call per kind, brackets cut off."""
        for texts, is_group in zip(self._texts, (True, False)):
            items = [entity.data() for entity in self._pending if entity.is_group is is_group]
            if items:
                texts.append(_encode(items)[1:-1])
        self._pending = []

    def payload(self):
        """Return the batch JSON of every entity, as the floor writes it."""
        self._write()
        groups, indicators = self._texts
        return '{{"group":[{}],"indicator":[{}]}}'.format(','.join(groups), ','.join(indicators)).encode('utf-8')

    address = _method(False, 'Address')
    host = _method(False, 'Host')
    url = _method(False, 'URL')

    def file(self, md5=None, sha1=None, sha256=None, **kwargs):
        return self._add(False, 'File', ' : '.join(x for x in (md5, sha1, sha256) if x), kwargs)

    adversary = _method(True, 'Adversary')
    campaign = _method(True, 'Campaign')
    document = _method(True, 'Document')
    incident = _method(True, 'Incident')
    report = _method(True, 'Report')
    threat = _method(True, 'Threat')
