# -*- coding: utf-8 -*-
"""Reading threat intelligence over the REST v2 API: ``tcex.ti``.

Lists are generators of plain dicts. Paging (``resultStart``/``resultLimit``) is
done underneath, one page in memory at a time; retries, authentication, token
renewal, proxy and masking are the :class:`~tcex.session.TcSession`'s.
"""
from __future__ import absolute_import, division, print_function, unicode_literals

import json
import logging
import time

import six

from tcex.errors import ApiError, ArgumentError
from tcex.session import raise_for_api
from tcex.ti.filters import build_filters, iso8601, normalise
from tcex.ti.names import TypeMap, summary_of, url_part
from tcex.ti.post_filters import PostFilters

logger = logging.getLogger('tcex.ti')

MAX_PAGE_SIZE = 10000
# The SDK's include names -> the platform's ``includes=`` words (repeatable query parameter).
_LIST_INCLUDES = {'tags': 'tags', 'attributes': 'attributes', 'security_labels': 'labels',
                  'additional': 'additional'}
_ONE_INCLUDES = frozenset(['tags', 'attributes', 'security_labels', 'associations', 'additional'])


def _check_size(name, value, high=None):
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, six.integer_types) or value < 1:
        raise ArgumentError('{} must be a positive integer, got \'{}\''.format(name, value),
                            value=value)
    return min(value, high) if high else value


def _owner(owner, default):
    if owner is None:
        return default
    if not isinstance(owner, six.string_types) or not owner.strip():
        raise ArgumentError('owner must be a non-empty name, got \'{}\''.format(owner),
                            value=owner)
    return owner


def _owner_params(owner, default):
    owner = _owner(owner, default)
    return {'owner': owner} if owner else {}


def _list_params(include):
    params = {}
    for word in include or ():
        if word not in _LIST_INCLUDES:
            raise ArgumentError('unknown include \'{}\' (use: {})'.format(
                word, ', '.join(sorted(_LIST_INCLUDES))), value=word)
        params.setdefault('includes', []).append(_LIST_INCLUDES[word])
    return params


class ThreatIntel(object):
    """Streams indicators and groups from ThreatConnect.

    Args:
        session: A :class:`~tcex.session.TcSession` (or a callable returning one).
        owner (str): The default owner (the App's ``api_default_org``).
        page_size (int): Items per request (``resultLimit``; default 500, at most 10,000).
        max_results (int): Default most items one list yields (None: all).
        indicator_types (callable): Returns the API's indicator types (for custom types).
        clock (callable): Current epoch seconds (for post filters' relative dates).
    """

    def __init__(self, session, owner=None, page_size=500, max_results=None,
                 indicator_types=None, clock=time.time):
        self._session = session
        self.owner = owner
        self.page_size = _check_size('page_size', page_size, MAX_PAGE_SIZE)
        self.max_results = _check_size('max_results', max_results)
        self.types = TypeMap(indicator_types)
        self.clock = clock

    @property
    def session(self):
        """TcSession: The API session."""
        if callable(self._session) and not hasattr(self._session, 'request'):
            self._session = self._session()
        return self._session

    # ---- low level -----------------------------------------------------------------------
    def get(self, path, params=None, action='read'):
        """GET ``path`` and return the JSON body, raising a one-line ApiError on failure."""
        response = raise_for_api(self.session.get(path, params=params), action)
        try:
            body = json.loads(response.content)  # bytes: no decoded text copy of the page
        except ValueError:
            raise ApiError('{} failed: API {} GET {}: response is not JSON'.format(
                action, response.status_code, path), status_code=response.status_code)
        if not isinstance(body, dict) or body.get('status') != 'Success':
            raise ApiError('{} failed: API GET {}: status \'{}\''.format(
                action, path, body.get('status') if isinstance(body, dict) else body))
        return body

    def paginate(self, path, key=None, params=None, max_results=None, page_size=None,
                 action='read'):
        """Return a generator of every item of a list endpoint, read page by page.

        The arguments are checked at the call; requests are made as the items are read.

        Args:
            path (str): The list path (``/v2/indicators/hosts``).
            key (str): The list's key in ``data`` (None: the first list found).
            params (dict): Further query parameters.
            max_results (int): Stop after this many items.
            page_size (int): ``resultLimit`` per request.

        Raises:
            ArgumentError: At once, for a bad page size or maximum.
            ApiError: While reading, when a request fails after the session's retries.
        """
        limit = _check_size('page_size', page_size, MAX_PAGE_SIZE) or self.page_size
        most = _check_size('max_results', max_results) or self.max_results
        if params is not None and not isinstance(params, dict):
            raise ArgumentError('params must be a dict, got \'{}\''.format(params), value=params)
        return self._pages(path, key, dict(params or {}), limit, most, action)

    def _pages(self, path, key, params, limit, most, action):
        start = yielded = 0
        while True:
            query = dict(params)
            query.update({'resultStart': start, 'resultLimit': limit})
            data = self.get(path, query, action).get('data') or {}
            items = data.get(key) if key else None
            if items is None:
                items = next((v for k, v in sorted(data.items()) if isinstance(v, (list, dict))
                              and k != 'resultCount'), [])
            if isinstance(items, dict):
                items = [items]
            total = data.get('resultCount')
            logger.debug('read %s: %d items from %d (of %s)', path, len(items), start, total)
            for item in items:
                yield item
                yielded += 1
                if most and yielded >= most:
                    return
            count = len(items)
            start += count
            items = data = None  # let the page go before the next one is read (flat memory)
            if not count or (total is not None and start >= int(total)):
                return

    # ---- lists ---------------------------------------------------------------------------
    def indicators(self, type=None, owner=None, tag=None, security_label=None, filters=None,  # pylint: disable=redefined-builtin
                   or_filters=False, modified_since=None, include=('tags', 'attributes'),
                   post_filters=None, max_results=None, page_size=None):
        """Return a generator of indicators (dicts with ``type``, ``summary``, ``ownerName``...).

        Args:
            type (str): An indicator type (``Host``, a custom type...), or None for all.
            owner (str): The owner (default: :attr:`owner`).
            tag (str): Only indicators with this tag.
            security_label (str): Only indicators with this security label.
            filters: Server-side filters, ``[(name, operator, value)]`` or a dict.
            or_filters (bool): Match any filter instead of all (``orParams``).
            modified_since: Only indicators modified on or after (datetime, date, epoch, ISO).
            include (tuple): ``tags``, ``attributes``, ``security_labels``, ``additional``.
            post_filters (PostFilters or dict): Client-side filters in the seed App's syntax
                (a dict is passed to :class:`~tcex.ti.post_filters.PostFilters`).
            max_results (int): Most items to yield (default :attr:`max_results`).
            page_size (int): Items per request (default :attr:`page_size`).

        Raises:
            ArgumentError: At once, before any request, for a bad type, filter or include.
        """
        entity, fields = 'indicator', None
        path = self._list_path('indicators', type, tag, security_label)
        if type is not None:
            branch, entity, fields = self.types.indicator(type)
        return self._list(path, 'indicator', entity, type, fields, owner, filters, or_filters,
                          modified_since, include, post_filters, max_results, page_size)

    def groups(self, type=None, owner=None, tag=None, security_label=None, filters=None,  # pylint: disable=redefined-builtin
               or_filters=False, modified_since=None, include=('tags', 'attributes'),
               post_filters=None, max_results=None, page_size=None):
        """Return a generator of groups (dicts with ``id``, ``name``, ``type``...).

        Takes the arguments of :meth:`indicators`; ``type`` is a group type.
        """
        entity = 'group'
        path = self._list_path('groups', type, tag, security_label)
        if type is not None:
            entity = self.types.group(type)[1]
        return self._list(path, 'group', entity, type, None, owner, filters, or_filters,
                          modified_since, include, post_filters, max_results, page_size)

    def _list_path(self, kind, type_name, tag, label):
        path = '/v2/{}'.format(kind)
        if tag is not None and label is not None:
            raise ArgumentError('give tag or security_label, not both', value=tag)
        if tag is not None:
            path = '/v2/tags/{}/{}'.format(url_part(tag), kind)
        elif label is not None:
            path = '/v2/securityLabels/{}/{}'.format(url_part(label), kind)
        if type_name is not None:
            branch = (self.types.indicator(type_name)[0] if kind == 'indicators'
                      else self.types.group(type_name)[0])
            path = '{}/{}'.format(path, branch)
        return path

    def _list(self, path, kind, entity, type_name, fields, owner, filters, or_filters,
              modified_since, include, post_filters, max_results, page_size):
        params = _list_params(include)
        params['owner'] = _owner(owner, self.owner)
        if not params['owner']:
            del params['owner']
        if isinstance(post_filters, dict):
            post_filters = PostFilters(clock=self.clock, **post_filters)
        elif post_filters is not None and not isinstance(post_filters, PostFilters):
            raise ArgumentError('post_filters must be a PostFilters or a dict, got \'{}\''.format(
                post_filters), value=post_filters)
        server = normalise(filters)
        if post_filters and not or_filters and kind == 'indicator':
            server += post_filters.server_filters()
        text = build_filters(server, kind, type_name)
        if text:
            params['filters'] = text
            if or_filters:
                params['orParams'] = 'true'
        if modified_since is not None:
            params['modifiedSince'] = iso8601(modified_since)
        _check_size('max_results', max_results)
        _check_size('page_size', page_size)
        items = self._normalised(self.paginate(path, entity, params, max_results if not
                                               post_filters else None, page_size,
                                               'read {}s'.format(kind)), type_name, fields)
        if post_filters:
            items = post_filters.apply(items)
            most = max_results or self.max_results
            if most:
                items = _first(items, most)
        return items

    @staticmethod
    def _normalised(items, type_name, fields):
        for item in items:
            if type_name is not None:
                item.setdefault('type', type_name)
                if fields:
                    item.setdefault('summary', summary_of(item, fields))
            yield item

    # ---- one object ----------------------------------------------------------------------
    def indicator(self, summary, type, owner=None,  # pylint: disable=redefined-builtin
                  include=('attributes', 'tags', 'security_labels', 'associations')):
        """Return one indicator with its metadata, or None when it does not exist.

        Args:
            summary (str): The indicator's summary (a File by any of its hashes).
            type (str): Its type.
            owner (str): The owner (default: :attr:`owner`).
            include (tuple): ``attributes``, ``tags``, ``security_labels``,
                ``associations`` (adds ``associatedGroups`` and ``associatedIndicators``),
                ``additional``.
        """
        branch, entity, fields = self.types.indicator(type)
        path = '/v2/indicators/{}/{}'.format(branch, url_part(summary))
        item = self._one(path, entity, owner, include)
        if item is not None:
            item.setdefault('type', type)
            item.setdefault('summary', summary_of(item, fields))
        return item

    def group(self, group_id, type, owner=None,  # pylint: disable=redefined-builtin
              include=('attributes', 'tags', 'security_labels', 'associations')):
        """Return one group by id with its metadata, or None when it does not exist."""
        branch, entity = self.types.group(type)
        item = self._one('/v2/groups/{}/{}'.format(branch, int(group_id)), entity, owner,
                         include)
        if item is not None:
            item.setdefault('type', type)
        return item

    def _one(self, path, entity, owner, include):
        unknown = set(include or ()) - _ONE_INCLUDES
        if unknown:
            raise ArgumentError('unknown include \'{}\' (use: {})'.format(
                sorted(unknown)[0], ', '.join(sorted(_ONE_INCLUDES))), value=sorted(unknown)[0])
        params = _owner_params(owner, self.owner)
        query = dict(params)
        if 'additional' in (include or ()):
            query['includeAdditional'] = 'true'
        response = self.session.get(path, params=query)
        if response.status_code == 404:
            return None
        raise_for_api(response, 'read {}'.format(entity))
        item = response.json()['data'][entity]
        if 'owner' in item and isinstance(item['owner'], dict):
            item.setdefault('ownerName', item['owner'].get('name'))
        subs = [('attributes', 'attributes', 'attribute'), ('tags', 'tags', 'tag'),
                ('security_labels', 'securityLabels', 'securityLabel'),
                ('associations', 'groups', 'associatedGroups'),
                ('associations', 'indicators', 'associatedIndicators')]
        for word, sub, key in subs:
            if word in (include or ()):
                found = self.paginate('{}/{}'.format(path, sub), None, params,
                                      action='read {} {}'.format(entity, sub))
                item[key] = list(found)
        return item

    # ---- deletes and others --------------------------------------------------------------
    def delete_indicator(self, summary, type, owner=None):  # pylint: disable=redefined-builtin
        """Delete an indicator; return False when it did not exist."""
        branch = self.types.indicator(type)[0]
        return self._delete('/v2/indicators/{}/{}'.format(
            branch, url_part(summary)), owner)

    def delete_group(self, group_id, type, owner=None):  # pylint: disable=redefined-builtin
        """Delete a group by id; return False when it did not exist."""
        return self._delete('/v2/groups/{}/{}'.format(self.types.group(type)[0], int(group_id)),
                            owner)

    def _delete(self, path, owner):
        params = _owner_params(owner, self.owner)
        response = self.session.delete(path, params=params)
        if response.status_code == 404:
            return False
        raise_for_api(response, 'delete')
        return True

    def owners(self):
        """Return the owners the API user can read (``[{id, name, type}]``)."""
        return list(self.paginate('/v2/owners', 'owner', action='read owners'))

    def tags(self, owner=None):
        """Yield the tags used in an owner (``{name, ...}``)."""
        params = _owner_params(owner, self.owner)
        return self.paginate('/v2/tags', 'tag', params, action='read tags')

    def security_labels(self, owner=None):
        """Yield the security labels of an owner."""
        params = _owner_params(owner, self.owner)
        return self.paginate('/v2/securityLabels', 'securityLabel', params,
                             action='read security labels')


def _first(items, most):
    for count, item in enumerate(items, 1):
        yield item
        if count >= most:
            return
