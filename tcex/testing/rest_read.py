# -*- coding: utf-8 -*-
"""The emulator's REST v2 list reads: indicators, groups, tags, security labels.

Every list takes ``owner``, ``resultStart``/``resultLimit`` (the limit is capped
at 10,000 like the platform), ``filters``/``orParams``/``modifiedSince`` where
the platform has them, ``includeAdditional=true`` and the platform's repeatable
``includes=`` (``additional``, ``tags``, ``attributes``, ``labels``). The body is
``{"status": "Success", "data": {"resultCount": <total matches>, "<key>": [...]}}``.
"""
from __future__ import absolute_import, division, print_function, unicode_literals

from six.moves.urllib.parse import parse_qsl

from tcex.testing import read_query
from tcex.testing.read_shapes import GROUP_BRANCHES, Types, group_item, indicator_item
from tcex.testing.wire import Failure, Response

MAX_LIMIT = 10000
DEFAULT_LIMIT = 100
_INCLUDE_WORDS = frozenset(['additional', 'tags', 'attributes', 'labels'])


def owner_data(emu, request):
    """Return the OwnerData named by ``owner`` (default owner); 403 when unknown."""
    name = request.query.get('owner') or emu.owner
    emu.require_owner(name)
    return emu.store.owner(name)


def _integer(request, name, default, low, high=None):
    text = request.query.get(name)
    if text in (None, ''):
        return default
    try:
        value = int(text)
    except ValueError:
        raise Failure(400, 'Invalid {}: \'{}\' is not an integer.'.format(name, text))
    if value < low:
        raise Failure(400, 'Invalid {}: {} is below {}.'.format(name, value, low))
    return min(value, high) if high is not None else value


def paging(request):
    """Return ``(resultStart, resultLimit)`` of a request (limit capped at 10,000)."""
    return (_integer(request, 'resultStart', 0, 0),
            _integer(request, 'resultLimit', DEFAULT_LIMIT, 1, MAX_LIMIT))


def includes(request):
    """Return the set of includes a request asks for (``additional``, ``tags``, ...).

    ``includeAdditional=true`` and each ``includes=<word>`` (repeatable) count; an
    unknown word is ignored, as the platform does.
    """
    words = set(['additional']) if (request.query.get('includeAdditional') or '').lower() == 'true' else set()
    query = request.target.split('?', 1)[1] if '?' in request.target else ''
    for key, value in parse_qsl(query):
        if key == 'includes' and value.lower() in _INCLUDE_WORDS:
            words.add(value.lower())
    return words


def listing(key, items, total):
    """Return the list response body."""
    return Response(200, {'status': 'Success', 'data': {'resultCount': total, key: items}})


def indicator_type(types, branch):
    """Return the indicator type name of a branch, or raise 404."""
    info = types.by_branch.get(branch)
    if info is None:
        raise Failure(404, 'Unknown indicator type branch \'{}\'.'.format(branch))
    return info['name']


def group_type(branch):
    """Return the group type name of a branch, or raise 404."""
    if branch not in GROUP_BRANCHES:
        raise Failure(404, 'Unknown group type branch \'{}\'.'.format(branch))
    return GROUP_BRANCHES[branch][0]


def _query(emu, request, kind, branch=None, tag=None, label=None):
    data = owner_data(emu, request)
    start, limit = paging(request)
    types = Types(emu.indicator_types)
    type_name = None
    if branch:
        type_name = indicator_type(types, branch) if kind == 'indicator' else group_type(branch)
    clauses = read_query.parse_filters(request.query.get('filters'),
                                       read_query.allowed_filters(kind, type_name))
    or_params = (request.query.get('orParams') or '').lower() == 'true'
    since = request.query.get('modifiedSince')
    if since:
        since = read_query.iso_value(since, 'modifiedSince')
    key = (type_name, tag and tag.lower(), label, tuple(clauses), or_params, since)
    predicate = read_query.build_predicate(kind, type_name, tag, label, clauses, or_params, since)
    include = includes(request)
    with emu.store.lock:
        records = read_query.select(emu.store, data, kind, key, predicate)
        page = records[start:start + limit]
        if kind == 'indicator':
            items = [indicator_item(emu, types, data, r, not branch, include) for r in page]
            entity = types.entity(type_name) if branch else 'indicator'
        else:
            items = [group_item(emu, data, r, not branch, include) for r in page]
            entity = GROUP_BRANCHES[branch][1] if branch else 'group'
        return listing(entity, items, len(records))


def indicators(emu, request, branch=None):
    """``GET /v2/indicators[/{apiBranch}]``."""
    return _query(emu, request, 'indicator', branch)


def groups(emu, request, branch=None):
    """``GET /v2/groups[/{branch}]``."""
    return _query(emu, request, 'group', branch)


def tagged(emu, request, tag, kind, branch=None):
    """``GET /v2/tags/{tag}/{indicators|groups}[/{branch}]``."""
    return _query(emu, request, kind[:-1], branch, tag=tag)


def labelled(emu, request, label, kind, branch=None):
    """``GET /v2/securityLabels/{label}/{indicators|groups}[/{branch}]``."""
    data = owner_data(emu, request)
    if emu.store.label_exists(data, label) is False:
        raise Failure(404, 'No security label \'{}\' in owner {}.'.format(label, data.info['name']))
    return _query(emu, request, kind[:-1], branch, label=label)


def tags(emu, request):
    """``GET /v2/tags``: every tag used in the owner (``filters`` on ``name``)."""
    data = owner_data(emu, request)
    start, limit = paging(request)
    clauses = read_query.parse_filters(request.query.get('filters'),
                                       read_query.allowed_filters('tag'))
    or_params = (request.query.get('orParams') or '').lower() == 'true'
    with emu.store.lock:
        names = {}
        for table in (data.indicators, data.groups):
            for record in table.values():
                for tag in record['tag']:
                    names.setdefault(tag['name'].lower(), tag['name'])
        found = []
        for name in sorted(names.values(), key=lambda x: x.lower()):
            results = [read_query.clause_matches({"name": name}, *c)
                       for c in clauses]
            if not clauses or (any(results) if or_params else all(results)):
                found.append({'name': name})
    return listing('tag', found[start:start + limit], len(found))


def security_labels(emu, request):
    """``GET /v2/securityLabels``: the owner's security labels."""
    data = owner_data(emu, request)
    start, limit = paging(request)
    with emu.store.lock:
        found = [dict(x) for x in data.labels.values()]
    return listing('securityLabel', found[start:start + limit], len(found))
