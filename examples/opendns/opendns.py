# -*- coding: utf-8 -*-
"""OpenDNS example: the seed App, ported: ThreatConnect Host indicators onto an OpenDNS block list.

Reads the Host indicators of each ``--owners`` owner (default: ``api_default_org``),
limited to the ``--tags`` when given, since ``--modified_since`` when given, and kept
only when they pass the seed's post filters (``--date_added``, ``--last_modified``,
``--ratings``, ``--confidences``; see :mod:`tcex.ti.post_filters`). Each domain is
sent to the block list API (Cisco Umbrella / OpenDNS Enforcement API: ``POST
/events``, ``GET /domains``, ``DELETE /domains/{name}``, key in ``customerKey``)
through ``tcex.session_external``. After ``--queue_sleep`` seconds (time for the
block list to take the events in), ``--delete`` removes the listed domains that no
longer qualify. ``results.tc`` gets ``last_completed_time``.

Exit: 0 success, 3 when the block list refused some domains (or some deletes
failed), 1 on failure (bad filter, unreadable owner, block list unreachable).
"""
from __future__ import absolute_import, division, print_function, unicode_literals

import os
import sys
import time

# The deployment zip carries tcex and six in lib/ (the platform has only Python and requests).
HERE = os.path.dirname(os.path.abspath(__file__))
LIB = os.path.join(HERE, 'lib')
if os.path.isdir(LIB) and LIB not in sys.path:
    sys.path.insert(0, LIB)

from tcex import ExitCode, JobApp  # noqa: E402  pylint: disable=wrong-import-position
from tcex.errors import ApiError, ArgumentError  # noqa: E402  pylint: disable=wrong-import-position
from tcex.ti import PostFilters  # noqa: E402  pylint: disable=wrong-import-position

DEFAULT_URL = 'https://s-platform.api.opendns.com/1.0'
EVENTS_PER_REQUEST = 100
LIST_PAGE = 200


class BlockList(object):
    """The block list API: add domains (as events), list them, delete them.

    Args:
        session: A ``requests``-like session (``tcex.session_external``).
        url (str): The API root (``https://s-platform.api.opendns.com/1.0``).
        key (str): The customer key.
        clock (callable): Epoch seconds (event times).
    """

    def __init__(self, session, url, key, clock=time.time):
        self.session, self.url, self.key, self.clock = session, url.rstrip('/'), key, clock

    def _check(self, response, action):
        if response.status_code >= 300:
            raise ApiError('block list: {} failed: HTTP {}'.format(action, response.status_code),
                           value=response.status_code, status_code=response.status_code)

    def _events(self, domains):
        stamp = time.strftime('%Y-%m-%dT%H:%M:%S.0Z', time.gmtime(self.clock()))
        return [{'alertTime': stamp, 'eventTime': stamp, 'deviceId': 'threatconnect-tcex',
                 'deviceVersion': '1.0', 'dstDomain': domain, 'dstUrl': 'http://{}/'.format(domain),
                 'protocolVersion': '1.0a', 'providerName': 'Security Platform'}
                for domain in domains]

    def add(self, domains):
        """Send ``domains``; return the ones the API refused (a refused chunk is retried one by one)."""
        url = '{}/events'.format(self.url)
        response = self.session.post(url, params={'customerKey': self.key}, json=self._events(domains))
        if response.status_code < 300:
            return []
        if response.status_code != 400:
            self._check(response, 'add domains')
        if len(domains) == 1:
            return list(domains)
        refused = []
        for domain in domains:
            refused += self.add([domain])
        return refused

    def domains(self):
        """Yield the listed domain names, page by page."""
        page = 1
        while True:
            response = self.session.get('{}/domains'.format(self.url), params={
                'customerKey': self.key, 'page': page, 'limit': LIST_PAGE})
            self._check(response, 'list domains')
            body = response.json()
            for item in body.get('data') or []:
                yield item['name']
            if not (body.get('meta') or {}).get('next'):
                return
            page += 1

    def delete(self, domain):
        """Remove one domain; return False when the API refused."""
        response = self.session.delete('{}/domains/{}'.format(self.url, domain),
                                       params={'customerKey': self.key})
        return response.status_code < 300 or response.status_code == 404


class OpenDnsApp(JobApp):
    """Push qualifying Host indicators to the OpenDNS block list."""

    #: Waits ``queue_sleep`` seconds (replace in tests).
    sleep = staticmethod(time.sleep)

    def add_arguments(self, parser):
        """The seed's arguments that its install.conf does not declare."""
        parser.add_argument('--modified_since', help='Modified Since Filter')
        parser.add_argument('--last_modified', help='Last Modified Filter', action='append')
        parser.add_argument('--opendns_url', default=DEFAULT_URL, help='Block list API root')
        parser.secret_dests.add('opendns_key')

    def setup(self):
        """Check every argument before any request."""
        args = self.args
        self.post_filters = PostFilters.from_args(args, clock=self.tcex.clock)
        self.queue_sleep = self._integer('queue_sleep', 60)
        self.page_size = self._integer('api_max_results', 500) or 500
        if not args.opendns_key:
            raise ArgumentError('--opendns_key: the OpenDNS API key is missing', value='')
        self.block_list = BlockList(self.tcex.session_external, args.opendns_url, args.opendns_key,
                                    self.tcex.clock)

    def _integer(self, name, default):
        value = getattr(self.args, name, None)
        if value in (None, ''):
            return default
        try:
            number = int(value)
        except (TypeError, ValueError):
            number = -1
        if number < 0:
            raise ArgumentError('--{}: expected a whole number of 0 or more, got \'{}\''.format(
                name, value), value=value)
        return number

    def qualifying_domains(self):
        """Return the set of Host names that pass the filters, over every owner and tag."""
        args, found = self.args, set()
        owners = args.owners or [args.api_default_org]
        for owner in owners:
            for tag in (args.tags or [None]):
                items = self.tcex.ti.indicators(
                    'Host', owner=owner, tag=tag, modified_since=args.modified_since, include=(),
                    post_filters=self.post_filters, page_size=min(self.page_size, 10000))
                before = len(found)
                found.update(item['summary'].lower() for item in items)
                self.log.info('owner %s%s: %d qualifying hosts', owner,
                              ' tag {}'.format(tag) if tag else '', len(found) - before)
        return found

    def run(self):
        """Read, push, wait, delete; return the exit code."""
        domains = sorted(self.qualifying_domains())
        refused = []
        for start in range(0, len(domains), EVENTS_PER_REQUEST):
            refused += self.block_list.add(domains[start:start + EVENTS_PER_REQUEST])
        for domain in refused:
            self.log.warning('block list refused %s', domain)
        self.log.info('sent %d domains, %d refused', len(domains), len(refused))
        deleted = failed = 0
        if self.args.delete:
            if self.queue_sleep:
                self.log.info('waiting %d s for the block list to process', self.queue_sleep)
                self.sleep(self.queue_sleep)
            keep = set(domains)
            for name in list(self.block_list.domains()):
                if name.lower() not in keep:
                    if self.block_list.delete(name):
                        deleted += 1
                    else:
                        failed += 1
                        self.log.warning('block list would not delete %s', name)
            self.log.info('deleted %d domains that no longer qualify', deleted)
        self.tcex.results_tc('last_completed_time', int(self.tcex.clock()))
        self.exit_message = '{} domains sent, {} refused, {} deleted{}'.format(
            len(domains), len(refused), deleted, ', {} not deleted'.format(failed) if failed else '')
        return ExitCode.PARTIAL_FAILURE if refused or failed else ExitCode.SUCCESS


if __name__ == '__main__':
    OpenDnsApp.main()
