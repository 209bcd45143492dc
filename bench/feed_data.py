# -*- coding: utf-8 -*-
"""Feed-like benchmark data with a fixed seed, the same on Python 2 and 3.

Each indicator carries its own description and source text, one to three tags from a pool of
a few hundred, a rating given as a float, an int or a string, a confidence, and associations
to one to three of many Groups. Indicators are a mix of Address (IPv4 and IPv6), Host, File
(md5/sha1/sha256 combinations, some with a size) and URL (paths and queries). Groups are
Incidents, Adversaries, Campaigns, Reports and Documents (no files) and Threats, with
attributes, tags and associations to other Groups.

Values are already in the form the platform stores (lower-case host names, stripped text),
so a plain-dict writer produces the same JSON as the SDK without normalising anything.

Only ``random.Random.random()`` is used (its sequence is the same on Python 2 and 3; the
integer helpers are not), so both interpreters build identical data.

Records are plain dicts, streamed (nothing is kept): ``{'kind', 'type', 'method', 'identity'
(name or summary), 'args' (positional builder arguments), 'kwargs' ((keyword, value) pairs, in
JSON key order), 'fields' ((JSON key, normalised value) pairs, same order), 'assoc' (group
xids), 'attrs' ((type, value, displayed, source) tuples), 'tags'}``; Groups also carry their
'xid' (Apps associate with ``group.xid``).
"""
from __future__ import absolute_import, division, print_function, unicode_literals

import hashlib
import random

SEED = 20240804
_WORDS = (
    'amber basalt cobalt delta ember falcon garnet harbor indigo jasper kestrel lumen marlin nimbus onyx '
    'pylon quartz raven sierra tundra umber vortex willow xenon yarrow zephyr anchor beacon cinder drift '
    'echo flint glacier hollow iris juniper kiln lantern mosaic nectar orbit prism quiver ripple summit '
    'thistle vapor wharf'
).split()
_TLDS = ('com', 'net', 'org', 'io', 'info', 'biz', 'ru', 'cn', 'de', 'co.uk', 'xyz', 'top')
_VERBS = ('beaconing', 'scanning', 'phishing', 'credential theft', 'exfiltration', 'C2 traffic',
          'malware delivery', 'brute force', 'drive-by download', 'spam relay')
_FEEDS = ('abuse.ch', 'OpenPhish', 'Spamhaus', 'internal honeypot', 'partner share', 'OSINT blog',
          'sandbox detonation', 'CERT bulletin')
_STATUSES = ('New', 'Open', 'Stalled', 'Closed', 'Containment Achieved')
GROUP_TYPES = (('Incident', 'incident'), ('Adversary', 'adversary'), ('Campaign', 'campaign'),
               ('Report', 'report'), ('Document', 'document'), ('Threat', 'threat'))
TAG_POOL = ['{} {}'.format(a.capitalize(), b) for a in _WORDS[:20] for b in _WORDS[20:35]]  # 300 tags


def _sha256(text):
    return hashlib.sha256(text.encode('utf-8')).hexdigest()


def xid_of(type_name, identity):
    """The derived xid of the SDK (and of tcex 0.8): sha256 of ``Type-identity``."""
    return _sha256('{}-{}'.format(type_name, identity))


class _Rng(object):
    """Integers and picks from ``random()`` only (the same on Python 2 and 3)."""

    def __init__(self, seed):
        self.random = random.Random(seed).random

    def below(self, n):
        return int(self.random() * n)

    def pick(self, seq):
        return seq[int(self.random() * len(seq))]


def _date(rng):
    return '2024-{:02d}-{:02d}T{:02d}:{:02d}:00Z'.format(
        1 + rng.below(12), 1 + rng.below(28), rng.below(24), rng.below(60))


def group_count(n):
    """Groups for n indicators: one per 50, at least 12."""
    return max(12, n // 50)


def _group(rng, index, xids):
    type_name, method = GROUP_TYPES[index % len(GROUP_TYPES)]
    name = '{} {} {} #{}'.format(rng.pick(_WORDS).capitalize(), rng.pick(_WORDS), type_name.lower(), index)
    values = []  # (builder keyword, JSON key, value)
    if type_name == 'Incident':
        values = [('event_date', 'eventDate', _date(rng)), ('status', 'status', rng.pick(_STATUSES))]
    elif type_name == 'Campaign':
        values = [('first_seen', 'firstSeen', _date(rng))]
    elif type_name == 'Report':
        values = [('publish_date', 'publishDate', _date(rng))]
    elif type_name == 'Document':
        values = [('file_name', 'fileName', 'report-{}.pdf'.format(index))]
    assoc = []
    for _ in range(rng.below(4) if index else 0):  # up to three earlier Groups
        target = xids[rng.below(index)]
        if target not in assoc:
            assoc.append(target)
    attrs = [('Description', 'Tracking {} for {} activity seen by {} (case {}).'.format(
        name, rng.pick(_VERBS), rng.pick(_FEEDS), 100000 + index), False, None)]
    tags = []
    for _ in range(1 + rng.below(3)):
        tag = rng.pick(TAG_POOL)
        if tag not in tags:
            tags.append(tag)
    return {'kind': 'group', 'type': type_name, 'method': method, 'identity': name, 'args': [name],
            'kwargs': [(a, v) for a, _, v in values], 'fields': [(k, v) for _, k, v in values],
            'xid': xid_of(type_name, name), 'assoc': assoc, 'attrs': attrs, 'tags': tags}


def _host(rng, i):
    return '{}-{}{}.{}'.format(rng.pick(_WORDS), rng.pick(_WORDS), i, rng.pick(_TLDS))


def _ipv4(rng, i):
    return '{}.{}.{}.{}'.format(1 + rng.below(223), (i >> 16) & 255, (i >> 8) & 255, i & 255)


def _ipv6(rng, i):
    return '2001:db8:{:x}:{:x}::{:x}'.format(rng.below(65536), i >> 16, i & 0xFFFF)


def _hashes(rng, i):
    seed = 'sample-{}'.format(i).encode('utf-8')
    md5, sha1, sha256 = (hashlib.md5(seed).hexdigest(), hashlib.sha1(seed).hexdigest(),
                         hashlib.sha256(seed).hexdigest())
    combo = rng.below(4)
    if combo == 0:
        return [('md5', md5)]
    if combo == 1:
        return [('sha256', sha256)]
    if combo == 2:
        return [('md5', md5), ('sha1', sha1)]
    return [('md5', md5), ('sha1', sha1), ('sha256', sha256)]


def _url(rng, i):
    path = '/'.join(rng.pick(_WORDS) for _ in range(1 + rng.below(3)))
    query = '?id={}&ref={}'.format(i, rng.pick(_WORDS)) if rng.below(2) else ''
    return '{}://{}/{}{}'.format('https' if rng.below(3) else 'http', _host(rng, i), path, query)


def _rating(rng):
    """A rating as the feed gives it (float, int or text) and as the JSON holds it (float)."""
    kind = rng.below(4)
    if kind == 0:
        return None, None
    value = rng.below(11) / 2.0  # 0.0 .. 5.0 in halves
    if kind == 1:
        return value, value
    if kind == 2:
        return '{:.1f}'.format(value), value
    return int(value), float(int(value))


def _indicator(rng, i, group_xids):
    kind = rng.below(10)
    values = []
    if kind < 4:
        type_name, method = 'Address', 'address'
        summary = _ipv6(rng, i) if kind == 0 else _ipv4(rng, i)
        values.append(('ip', None, summary))
    elif kind < 6:
        type_name, method = 'Host', 'host'
        summary = _host(rng, i)
        values.append(('hostname', None, summary))
    elif kind < 8:
        type_name, method = 'File', 'file'
        hashes = _hashes(rng, i)
        summary = ' : '.join(h for _, h in hashes)
        values.extend((attr, None, h) for attr, h in hashes)
    else:
        type_name, method = 'URL', 'url'
        summary = _url(rng, i)
        values.append(('text', None, summary))
    rating, rating_json = _rating(rng)
    if rating is not None:
        values.append(('rating', 'rating', rating))
    if rng.below(5):
        values.append(('confidence', 'confidence', rng.below(101)))
    if type_name == 'Host' and rng.below(2):
        values.append(('dns_active', 'flag1', True))
    if type_name == 'File' and rng.below(2):
        values.append(('size', 'intValue1', 1024 + rng.below(10 ** 7)))
    fields = [(key, rating_json if key == 'rating' else value) for _, key, value in values if key]
    assoc = []
    for _ in range(1 + rng.below(3)):
        target = group_xids[rng.below(len(group_xids))]
        if target not in assoc:
            assoc.append(target)
    source = '{} feed {} batch {}'.format(rng.pick(_FEEDS), rng.below(1000), i // 1000)
    attrs = [('Description', '{} {} observed {} at {} (sighting {}, score {}).'.format(
        type_name, summary[:40], rng.pick(_VERBS), _date(rng), i, rng.below(1000)), False, source)]
    if rng.below(3) == 0:
        attrs.append(('Source', 'https://{}/reports/{}'.format(_host(rng, i), i), True, None))
    tags = []
    for _ in range(1 + rng.below(3)):
        tag = rng.pick(TAG_POOL)
        if tag not in tags:
            tags.append(tag)
    args = [values.pop(0)[2]] if type_name != 'File' else []  # the value positionally, as Apps do
    return {'kind': 'indicator', 'type': type_name, 'method': method, 'identity': summary, 'args': args,
            'kwargs': [(a, v) for a, _, v in values], 'fields': fields, 'assoc': assoc, 'attrs': attrs,
            'tags': tags}


def feed(n, seed=SEED):
    """Yield the Group records, then n indicator records (deterministic for a seed).

    Args:
        n (int): The number of indicators.
        seed (int): The random seed.

    Yields:
        dict: One record (see the module docstring).
    """
    rng = _Rng(seed)
    xids = []
    for index in range(group_count(n)):
        record = _group(rng, index, xids)
        xids.append(record['xid'])
        yield record
    for i in range(n):
        yield _indicator(rng, i, xids)


def addresses(n, seed=SEED):
    """The shape the issue measured: Address indicators only, each with its own description.

    Each indicator has a rating given as a float, a confidence, one tag from the pool and an
    association to one of n/50 Incidents. It has less metadata per indicator than :func:`feed`,
    so the fixed cost of each entity weighs more.

    Yields records like :func:`feed`: the Incidents, then n Address indicators.
    """
    rng = _Rng(seed)
    xids = []
    for index in range(group_count(n)):
        name = 'Incident {} {} #{}'.format(rng.pick(_WORDS).capitalize(), rng.pick(_WORDS), index)
        event_date, status = _date(rng), rng.pick(_STATUSES)
        xids.append(xid_of('Incident', name))
        yield {'kind': 'group', 'type': 'Incident', 'method': 'incident', 'identity': name, 'args': [name],
               'kwargs': [('event_date', event_date), ('status', status)],
               'fields': [('eventDate', event_date), ('status', status)], 'xid': xids[-1],
               'assoc': [], 'attrs': [], 'tags': []}
    for i in range(n):
        ip = _ipv4(rng, i)
        rating, confidence = rng.below(11) / 2.0, rng.below(101)
        description = 'Seen {} from {} on {} (event {}, score {}).'.format(
            rng.pick(_VERBS), rng.pick(_FEEDS), _date(rng), i, rng.below(1000))
        yield {'kind': 'indicator', 'type': 'Address', 'method': 'address', 'identity': ip, 'args': [ip],
               'kwargs': [('rating', rating), ('confidence', confidence)],
               'fields': [('rating', rating), ('confidence', confidence)],
               'assoc': [xids[rng.below(len(xids))]], 'attrs': [('Description', description, False, None)],
               'tags': [rng.pick(TAG_POOL)]}


def repeated(n):
    """The old workload (labelled "repeated values"): one tag, one description for every indicator.

    Yields records like :func:`feed`: n/100 Incidents, then n Address indicators.
    """
    groups = max(1, n // 100)
    xids = []
    for g in range(groups):
        name = 'incident-{}'.format(g)
        xids.append(xid_of('Incident', name))
        yield {'kind': 'group', 'type': 'Incident', 'method': 'incident', 'identity': name, 'args': [name],
               'kwargs': [('event_date', '2024-08-04T00:00:00Z'), ('status', 'Open')],
               'fields': [('eventDate', '2024-08-04T00:00:00Z'), ('status', 'Open')], 'xid': xids[-1],
               'assoc': [], 'attrs': [], 'tags': []}
    for i in range(n):
        ip = '10.{}.{}.{}'.format((i >> 16) & 255, (i >> 8) & 255, i & 255)
        yield {'kind': 'indicator', 'type': 'Address', 'method': 'address', 'identity': ip, 'args': [ip],
               'kwargs': [('rating', 3), ('confidence', 60)],
               'fields': [('rating', 3.0), ('confidence', 60)], 'assoc': [xids[i % groups]],
               'attrs': [('Description', 'benchmark indicator', False, None)], 'tags': ['Bench']}
