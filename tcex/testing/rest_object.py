# -*- coding: utf-8 -*-
"""The emulator's REST v2 single-object reads, sub-resources and deletes.

``/v2/indicators/{apiBranch}/{summary}`` (the summary URL-encoded; a File by any
of its hashes) and ``/v2/groups/{branch}/{id}``, each followed optionally by
``/attributes[/{id}[/securityLabels]]``, ``/tags``, ``/securityLabels``,
``/groups[/{branch}]``, ``/indicators[/{apiBranch}]`` or (indicators)
``/owners``. ``DELETE`` on the object removes it with its associations.
"""
from __future__ import absolute_import, division, print_function, unicode_literals

import six
from six.moves.urllib.parse import unquote

from tcex.testing.read_shapes import (GROUP_BRANCHES, GROUP_ENTITY, Types, attribute_list,
                                      group_item, indicator_item, label_list, owner_list,
                                      tag_list)
from tcex.testing.rest_read import (group_type, includes, indicator_type, listing, owner_data,
                                    paging)
from tcex.testing.wire import Failure, Response


def _segments(request, prefix_parts):
    """Split the raw (still encoded) path after ``/api/v2/<kind>/<branch>/``."""
    raw = request.target.split('?', 1)[0]
    parts = raw.split('/')
    start = parts.index('v2') + prefix_parts + 1 if 'v2' in parts else len(parts)
    return [_unquote(x) for x in parts[start:] if x != ''] or ['']


def _unquote(part):
    """Unquote one path segment to text (UTF-8 on Python 2 as on 3)."""
    if six.PY2:  # pragma: no cover - exercised by the py27 tests
        if isinstance(part, six.text_type):
            part = part.encode('utf-8')
        return unquote(part).decode('utf-8', 'replace')
    return unquote(part)


def indicator(emu, request, branch, _rest):
    """``GET|DELETE /v2/indicators/{apiBranch}/{summary}[/...]``."""
    types = Types(emu.indicator_types)
    type_name = indicator_type(types, branch)
    data = owner_data(emu, request)
    segments = _segments(request, 2)
    summary, sub = segments[0], segments[1:]
    with emu.store.lock:
        record = emu.store.find_indicator(data, type_name, summary=summary, hashes=[summary])
        if record is None:
            raise Failure(404, 'No {} \'{}\' in owner {}.'.format(type_name, summary,
                                                                 data.info['name']))
        if request.method == 'DELETE':
            if sub:
                raise Failure(405, 'DELETE is only allowed on the indicator itself.')
            emu.store.index_indicator(data, record, add=False)
            del data.indicators[record['id']]
            emu.store.drop_edges(data, emu.store.indicator_end(record))
            emu.store.touch()
            return Response(200, {'status': 'Success'})
        if not sub:
            item = indicator_item(emu, types, data, record, False, includes(request), single=True)
            return Response(200, {'status': 'Success', 'data': {types.entity(type_name): item}})
        if sub == ['owners']:
            found = owner_list(emu.store, type_name, record['summary'])
            return listing('owner', found, len(found))
        return _sub(emu, request, types, data, record, emu.store.indicator_end(record), sub)


def group(emu, request, branch, ident, _rest):
    """``GET|DELETE /v2/groups/{branch}/{id}[/...]``."""
    type_name = group_type(branch)
    data = owner_data(emu, request)
    sub = _segments(request, 3)
    sub = [] if sub == [''] else sub
    with emu.store.lock:
        record = emu.store.find_group(data, ident)
        if record is None or record['type'] != type_name:
            raise Failure(404, 'No {} with id {} in owner {}.'.format(type_name, ident,
                                                                     data.info['name']))
        if request.method == 'DELETE':
            if sub:
                raise Failure(405, 'DELETE is only allowed on the group itself.')
            del data.groups[record['xid']]
            emu.store.drop_edges(data, emu.store.group_end(record['xid']))
            data.files.pop(record['xid'], None)
            emu.store.touch()
            return Response(200, {'status': 'Success'})
        types = Types(emu.indicator_types)
        if not sub:
            item = group_item(emu, data, record, False, includes(request), single=True)
            return Response(200, {'status': 'Success', 'data': {GROUP_ENTITY[type_name]: item}})
        return _sub(emu, request, types, data, record, emu.store.group_end(record['xid']), sub)


def _sub(emu, request, types, data, record, end, sub):
    start, limit = paging(request)
    name, rest = sub[0], sub[1:]
    if name == 'attributes':
        return _attributes(data, record, rest, start, limit)
    if name in ('tags', 'securityLabels') and not rest:
        found = tag_list(emu, record) if name == 'tags' else label_list(
            data, record['securityLabel'])
        return listing(name[:-1], found[start:start + limit], len(found))
    if name in ('groups', 'indicators') and len(rest) <= 1:
        return _associations(emu, request, types, data, end, name, rest, start, limit)
    raise Failure(404, 'No such sub-resource: {}.'.format('/'.join(sub)))


def _attributes(data, record, rest, start, limit):
    found = attribute_list(record)
    if not rest:
        return listing('attribute', found[start:start + limit], len(found))
    match = [a for a in found if str(a['id']) == rest[0]]
    if not match:
        raise Failure(404, 'No attribute {} on this object.'.format(rest[0]))
    if len(rest) == 1:
        return Response(200, {'status': 'Success', 'data': {'attribute': match[0]}})
    if rest[1:] == ['securityLabels']:
        stored = [a for a in record['attribute'] if str(a['id']) == rest[0]][0]
        labels = label_list(data, [{'name': x if not isinstance(x, dict) else x['name']}
                                   for x in stored.get('securityLabel') or []])
        return listing('securityLabel', labels[start:start + limit], len(labels))
    raise Failure(404, 'No such attribute sub-resource: {}.'.format('/'.join(rest)))


def _associations(emu, request, types, data, end, name, rest, start, limit):
    include = includes(request)
    wanted_type = None
    if rest:
        wanted_type = indicator_type(types, rest[0]) if name == 'indicators' \
            else group_type(rest[0])
    found = []
    for other, _ in sorted(data.edges.neighbours(end), key=lambda x: '{}'.format(x[0])):
        if name == 'groups' and other[0] == 'g' and other[1] in data.groups:
            target = data.groups[other[1]]
            if wanted_type in (None, target['type']):
                found.append(target)
        elif name == 'indicators' and other[0] == 'i' and other[1] in data.indicators:
            target = data.indicators[other[1]]
            if wanted_type in (None, target['type']):
                found.append(target)
    found.sort(key=lambda x: x['id'])
    page = found[start:start + limit]
    if name == 'groups':
        key = GROUP_BRANCHES[rest[0]][1] if rest else 'group'
        items = [group_item(emu, data, r, not rest, include) for r in page]
    else:
        key = types.entity(wanted_type) if rest else 'indicator'
        items = [indicator_item(emu, types, data, r, not rest, include) for r in page]
    return listing(key, items, len(found))
