# -*- coding: utf-8 -*-
"""``tcex.session_external`` and ``tcex.request()`` as an App reaches them."""
from __future__ import absolute_import, division, print_function, unicode_literals

import io
import os

import pytest
import requests

from tcex import TcEx
from tcex.app.logger import remove_handlers
from tcex.session import ExternalRequest, ExternalSession

from tests.reliability.misbehaving import MisbehavingServer

pytestmark = pytest.mark.usefixtures('isolate_runtime')
SECRET = 'blocklist-api-key-4711'


def test_session_external_is_one_lazy_session_with_the_apps_proxy_and_secrets(paths):
    with MisbehavingServer() as proxy:
        port = proxy.root.rsplit(':', 1)[1]
        tcex = TcEx(argv=paths['argv'] + ['--tc_proxy_host', '127.0.0.1', '--tc_proxy_port', port,
                                          '--tc_proxy_external', '--tc_log_level', 'debug'], install_conf=False)
        ext = tcex.session_external
        assert isinstance(ext, ExternalSession) and tcex.session_external is ext
        tcex.secrets.add(SECRET)  # added after the session was built: still masked
        response = ext.get('http://blocklist.invalid/v1/domains', params={'key': SECRET})
        assert isinstance(response, requests.Response)
        assert response.json()['path'].startswith('http://blocklist.invalid/v1/domains')
    remove_handlers('tcex')
    with io.open(os.path.join(paths['log'], 'app.log'), encoding='utf-8') as handle:
        log = handle.read()
    assert 'blocklist.invalid' in log and SECRET not in log


def test_session_external_without_proxy_flag_goes_direct(paths):
    tcex = TcEx(argv=paths['argv'] + ['--tc_proxy_host', '127.0.0.1', '--tc_proxy_port', '3128'],
                install_conf=False)
    assert not tcex.session_external.proxies


def test_request_returns_a_tcex_0_8_builder_on_the_external_session(paths):
    with MisbehavingServer() as api:
        tcex = TcEx(argv=paths['argv'], install_conf=False)
        r = tcex.request()
        assert isinstance(r, ExternalRequest) and r.session is tcex.session_external
        r.url = api.root + '/v1/items'
        r.add_payload('limit', 10)
        assert r.send().json()['path'] == '/v1/items?limit=10'
        own = requests.Session()
        assert tcex.request(own).session is own
