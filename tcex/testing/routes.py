# -*- coding: utf-8 -*-
"""The route table (endpoint ids) and the non-batch routes.

Endpoint ids name each route for fault injection and request counts:

=========================  =======================================================
``batch.create``           ``POST /v2/batch``
``batch.create_and_upload`` ``POST /v2/batch/createAndUpload``
``batch.upload``           ``POST /v2/batch/{id}``
``batch.status``           ``GET /v2/batch/{id}``
``batch.errors``           ``GET /v2/batch/{id}/errors``
``batch.results``          ``GET /v2/batch/{id}/results``
``file.upload``            ``POST|PUT /v2/groups/{documents|reports}/{xid|id}/upload``
``file.download``          ``GET /v2/groups/{documents|reports}/{xid|id}/download``
``types.indicator``        ``GET /v2/types/indicatorTypes``
``owners``                 ``GET /v2/owners``
``whoami``                 ``GET /v2/whoami``
``read.indicators``        ``GET /v2/indicators[/{apiBranch}]``
``read.indicator``         ``GET|DELETE /v2/indicators/{apiBranch}/{summary}[/...]``
``read.groups``            ``GET /v2/groups[/{branch}]``
``read.group``             ``GET|DELETE /v2/groups/{branch}/{id}[/...]``
``read.tags``              ``GET /v2/tags``, ``GET /v2/tags/{tag}/{indicators|groups}[/{branch}]``
``read.labels``            ``GET /v2/securityLabels[/{label}/{indicators|groups}[/{branch}]]``
``unknown``                anything else (answered 404, or 405 for a wrong method)
=========================  =======================================================
"""
from __future__ import absolute_import, division, print_function, unicode_literals

import re
import struct

from tcex.testing import batch_api, rest_object, rest_read
from tcex.testing.wire import Failure, Response

_GROUP_TYPES = {'documents': 'Document', 'reports': 'Report'}


def _owner_data(emu, request):
    name = request.query.get('owner') or emu.owner
    emu.require_owner(name)
    return emu.store.owner(name)


def _is_encrypted_zip(content):
    """Return True for a zip whose first entry is password protected."""
    if len(content) < 8 or content[:4] != b'PK\x03\x04':
        return False
    flags = struct.unpack('<H', content[6:8])[0]
    return bool(flags & 1)


def file_upload(emu, request, branch, ident):
    """``POST``/``PUT /v2/groups/{documents|reports}/{xid|id}/upload``: store the content."""
    data = _owner_data(emu, request)
    with emu.store.lock:
        record = emu.store.find_group(data, ident)
        if record is None or record['type'] != _GROUP_TYPES[branch]:
            raise Failure(404, 'No {} with id or xid {} in owner {}.'.format(
                _GROUP_TYPES[branch], ident, data.info['name']))
        xid = record['xid']
        if request.method == 'POST' and xid in data.files:
            raise Failure(400, 'Content already exists for {} {}; use PUT to replace it.'.format(
                record['type'], xid))
        if record.get('malware') and not _is_encrypted_zip(request.body):
            raise Failure(400, 'Malware document {} must be a password protected zip file.'.format(
                xid))
        data.files[xid] = bytes(request.body)
    return Response(200, {'status': 'Success'})


def file_download(emu, request, branch, ident):
    """``GET /v2/groups/{documents|reports}/{xid|id}/download``: the stored bytes."""
    data = _owner_data(emu, request)
    with emu.store.lock:
        record = emu.store.find_group(data, ident)
        if record is None or record['type'] != _GROUP_TYPES[branch] or \
                record['xid'] not in data.files:
            raise Failure(404, 'No content for {} {}.'.format(_GROUP_TYPES[branch], ident))
        return Response(200, data.files[record['xid']])


def indicator_types(emu, request):
    """``GET /v2/types/indicatorTypes``."""
    types = [dict(x) for x in emu.indicator_types]
    return Response(200, {'status': 'Success',
                          'data': {'resultCount': len(types), 'indicatorType': types}})


def owners(emu, request):
    """``GET /v2/owners``."""
    found = [dict(data.info) for data in emu.store.owners.values()]
    return Response(200, {'status': 'Success', 'data': {'resultCount': len(found), 'owner': found}})


def whoami(emu, request):
    """``GET /v2/whoami``: the API user."""
    user = {'userName': emu.api_access_id, 'firstName': 'Emulator', 'lastName': 'API User',
            'pseudonym': 'emulator', 'role': 'Api User', 'owner': emu.owner}
    return Response(200, {'status': 'Success', 'data': {'user': user}})


_B = r'/v2/batch/(\d+)'
_G = r'/v2/groups/(documents|reports)/([^/]+)'
#: (endpoint id, methods, compiled path pattern, handler)
ROUTES = [
    ('batch.create', ('POST',), re.compile(r'^/v2/batch/?$'), batch_api.create),
    ('batch.create_and_upload', ('POST',), re.compile(r'^/v2/batch/createAndUpload/?$'),
     batch_api.create_and_upload),
    ('batch.upload', ('POST',), re.compile('^' + _B + '/?$'), batch_api.upload),
    ('batch.status', ('GET',), re.compile('^' + _B + '/?$'), batch_api.status),
    ('batch.errors', ('GET',), re.compile('^' + _B + '/errors/?$'), batch_api.errors),
    ('batch.results', ('GET',), re.compile('^' + _B + '/results/?$'), batch_api.results),
    ('file.upload', ('POST', 'PUT'), re.compile('^' + _G + '/upload/?$'), file_upload),
    ('file.download', ('GET',), re.compile('^' + _G + '/download/?$'), file_download),
    ('types.indicator', ('GET',), re.compile(r'^/v2/types/indicatorTypes/?$'), indicator_types),
    ('owners', ('GET',), re.compile(r'^/v2/owners/?$'), owners),
    ('whoami', ('GET',), re.compile(r'^/v2/whoami/?$'), whoami),
] + [  # REST reads (tcex.testing.rest_read / rest_object)
    ('read.indicators', ('GET',), re.compile(r'^/v2/indicators(?:/([^/]+))?/?$'),
     rest_read.indicators),
    ('read.indicator', ('GET', 'DELETE'), re.compile(r'^/v2/indicators/([^/]+)/(.+)$'),
     rest_object.indicator),
    ('read.groups', ('GET',), re.compile(r'^/v2/groups(?:/([^/]+))?/?$'), rest_read.groups),
    ('read.group', ('GET', 'DELETE'), re.compile(r'^/v2/groups/([^/]+)/([^/]+)(/.*)?$'),
     rest_object.group),
    ('read.tags', ('GET',), re.compile(r'^/v2/tags/?$'), rest_read.tags),
    ('read.tags', ('GET',), re.compile(r'^/v2/tags/(.+?)/(indicators|groups)(?:/([^/]+))?/?$'),
     rest_read.tagged),
    ('read.labels', ('GET',), re.compile(r'^/v2/securityLabels/?$'), rest_read.security_labels),
    ('read.labels', ('GET',),
     re.compile(r'^/v2/securityLabels/(.+?)/(indicators|groups)(?:/([^/]+))?/?$'),
     rest_read.labelled),
]

ENDPOINTS = tuple(sorted(set(route[0] for route in ROUTES), key=[r[0] for r in ROUTES].index)) \
    + ('unknown',)


def resolve(method, path):
    """Return ``(endpoint id, handler, path arguments)`` for a request.

    The handler is None when nothing matches; it raises a 405 failure when the
    path matches but the method does not.
    """
    path_matched = False
    for endpoint, methods, pattern, handler in ROUTES:
        match = pattern.match(path)
        if match:
            if method in methods:
                return endpoint, handler, match.groups()
            path_matched = True
    if path_matched:
        return 'unknown', _method_not_allowed, ()
    return 'unknown', None, ()


def _method_not_allowed(emu, request):
    raise Failure(405, 'Method {} is not allowed on {}.'.format(request.method, request.path))
