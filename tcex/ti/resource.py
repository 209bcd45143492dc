# -*- coding: utf-8 -*-
"""tcex 0.8 compatibility: ``tcex.resource('Host')`` and friends, built on :mod:`tcex.ti.client`.

Supports what 0.8 Job Apps use to read: ``owner``, ``add_filter(name, operator,
value)``, ``filter_or``, ``result_limit``, ``result_start``, ``indicator(value)`` /
``resource_id(id)``, ``tag_pivot(tag)``, ``security_label_pivot(label)``,
``tags()``, ``attributes()``, ``security_labels()``, ``request()`` (one page: a dict
with ``data``, ``response``, ``result_count`` and ``status``) and ``paginate()``
(every item, as a list like 0.8; :meth:`Resource.iterate` streams instead).
"""
from __future__ import absolute_import, division, print_function, unicode_literals

import logging

import six

from tcex.errors import ArgumentError
from tcex.ti.filters import build_filters
from tcex.ti.names import GROUP_TYPES, url_part

logger = logging.getLogger('tcex.ti')
_SPECIAL = {'Indicator': ('indicator', 'indicators', 'indicator'),
            'Group': ('group', 'groups', 'group'),
            'Tag': ('tag', 'tags', 'tag'),
            'SecurityLabel': ('label', 'securityLabels', 'securityLabel'),
            'Owner': ('owner', 'owners', 'owner')}


class Resource(object):
    """One 0.8-style resource request.

    Args:
        ti (tcex.ti.ThreatIntel): The reader the requests go through.
        name (str): ``Indicator``, ``Group``, an indicator type (``Address``, ``Host``,
            custom types...), a group type (``Incident``...), ``Tag``, ``SecurityLabel``
            or ``Owner``.

    Raises:
        ArgumentError: For an unknown name.
    """

    def __init__(self, ti, name):
        self._ti = ti
        self._name = name
        self._type = None
        if name in _SPECIAL:
            self._kind, self._api_uri, self._api_entity = _SPECIAL[name]
        elif name in GROUP_TYPES:
            self._kind, self._type = 'group', name
            branch, self._api_entity = GROUP_TYPES[name]
            self._api_uri = 'groups/{}'.format(branch)
        elif ti.types.is_indicator(name):
            self._kind, self._type = 'indicator', name
            branch, self._api_entity = ti.types.indicator(name)[:2]
            self._api_uri = 'indicators/{}'.format(branch)
        else:
            raise ArgumentError('unknown resource type \'{}\' (use Indicator, Group, an indicator '
                                'or group type, Tag, SecurityLabel or Owner)'.format(name),
                                value=name)
        self._owner = None
        self._filters = []
        self.filter_or = False
        self.result_limit = 500
        self.result_start = 0
        self.result_count = None
        self.http_method = 'GET'
        self._reset()

    def _reset(self):
        self._request_uri = self._api_uri
        self._request_entity = self._api_entity

    # ---- 0.8 properties ------------------------------------------------------------------
    @property
    def name(self):
        """str: The resource name given to ``tcex.resource``."""
        return self._name

    @property
    def api_entity(self):
        """str: The JSON key of this resource's items (``address``, ``indicator``...)."""
        return self._api_entity

    @property
    def api_uri(self):
        """str: The base URI below ``/v2`` (``indicators/addresses``)."""
        return self._api_uri

    @property
    def api_branch(self):
        """str: The last part of :attr:`api_uri`."""
        return self._api_uri.split('/')[-1]

    @property
    def request_entity(self):
        """str: The JSON key the next request reads."""
        return self._request_entity

    @property
    def request_uri(self):
        """str: The URI (below ``/v2``) the next request uses."""
        return self._request_uri

    @property
    def owner(self):
        """str: The owner requested (None: the API user's organization)."""
        return self._owner

    @owner.setter
    def owner(self, value):
        if value is None:
            logger.warning('Provided owner was invalid. (None)')
        else:
            self._owner = value

    # ---- 0.8 methods ---------------------------------------------------------------------
    def add_filter(self, name, operator, value):
        """Add a server-side filter, checked at once (unknown name, operator or a bad value).

        Raises:
            ArgumentError: One line naming the filter, operator and value.
        """
        operator = getattr(operator, 'value', operator)
        kind = self._kind if self._kind in ('indicator', 'group') else 'indicator'
        build_filters([(name, operator, value)], kind, self._type)
        self._filters.append((name, operator, value))

    def _pivot(self, prefix):
        self._request_uri = '{}/{}'.format(prefix, self._request_uri)

    def tag_pivot(self, tag):
        """Read only the items carrying ``tag``."""
        self._pivot('tags/{}'.format(url_part(tag)))

    def security_label_pivot(self, label):
        """Read only the items carrying the security label ``label``."""
        self._pivot('securityLabels/{}'.format(url_part(label)))

    def indicator(self, value):
        """Address one indicator by its value (summary or a File hash)."""
        self._request_uri = '{}/{}'.format(self._request_uri, url_part(value))

    def resource_id(self, value):
        """Address one object by id (groups) or value (indicators)."""
        self.indicator(value)

    group_id = resource_id

    def _sub(self, uri, entity, resource_id=None):
        self._request_uri = '{}/{}'.format(self._request_uri, uri)
        self._request_entity = entity
        if resource_id is not None:
            self._request_uri = '{}/{}'.format(self._request_uri,
                                               url_part(resource_id))

    def tags(self, resource_id=None):
        """Read the tags of the addressed object."""
        self._sub('tags', 'tag', resource_id)

    def attributes(self, resource_id=None):
        """Read the attributes of the addressed object."""
        self._sub('attributes', 'attribute', resource_id)

    def security_labels(self, resource_id=None):
        """Read the security labels of the addressed object."""
        self._sub('securityLabels', 'securityLabel', resource_id)

    def _params(self):
        params = {}
        if self._owner:
            params['owner'] = self._owner
        if self._filters:
            kind = self._kind if self._kind in ('indicator', 'group') else 'indicator'
            params['filters'] = build_filters(self._filters, kind, self._type)
            if self.filter_or:
                params['orParams'] = 'true'
        return params

    def request(self):
        """Send one request (one page for a list) and return the 0.8 result dict.

        Returns:
            dict: ``data`` (the items, or the object), ``response`` (the
            ``requests.Response``), ``result_count`` and ``status`` (``Success`` or
            ``Failure``; a failure is logged, not raised, as in 0.8).
        """
        if self.http_method not in ('GET', 'DELETE'):
            raise ArgumentError('resource: only GET and DELETE are supported, not {}'.format(
                self.http_method), value=self.http_method)
        params = self._params()
        if self.http_method == 'GET':
            params.update({'resultStart': self.result_start, 'resultLimit': self.result_limit})
        path, entity = '/v2/{}'.format(self._request_uri), self._request_entity
        self._reset()
        response = self._ti.session.request(self.http_method, path, params=params)
        results = {'data': [], 'response': response, 'result_count': None, 'status': 'Failure'}
        try:
            body = response.json()
        except ValueError:
            body = {}
        if 200 <= response.status_code < 300 and isinstance(body, dict):
            results['status'] = body.get('status')
            data = body.get('data') or {}
            results['data'] = data.get(entity, []) if isinstance(data, dict) else []
            results['result_count'] = data.get('resultCount') if isinstance(data, dict) else None
            self.result_count = results['result_count']
        else:
            logger.error('Failed Request for %s: (%s %s)', self._name, response.status_code,
                         body.get('message') if isinstance(body, dict) else response.reason)
        return results

    def iterate(self):
        """Return a generator of every item of the addressed list, read page by page.

        Raises:
            ArgumentError: At once (before any request), for a bad ``result_limit``.
        """
        path = '/v2/{}'.format(self._request_uri)
        entity = self._request_entity
        params = self._params()
        self._reset()
        return self._ti.paginate(path, entity, params, page_size=self.result_limit,
                                 action='read {}'.format(self._name))

    def paginate(self):
        """Return every item of the addressed list (a list, as tcex 0.8 does).

        Raises:
            ApiError: When a request fails after the session's retries.
        """
        return list(self.iterate())

    def __repr__(self):
        return 'Resource(\'{}\', uri=\'{}\')'.format(self._name, self._request_uri)
