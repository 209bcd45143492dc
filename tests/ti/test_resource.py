# -*- coding: utf-8 -*-
"""tcex 0.8 compatibility: ``tcex.resource(...)`` and ``tcex.ti`` on a TcEx, against the emulator."""
from __future__ import absolute_import, division, print_function, unicode_literals

import pytest

from tcex import TcEx
from tcex.errors import ArgumentError
from tests.ti.conftest import hosts

pytestmark = pytest.mark.usefixtures('isolate_runtime')


@pytest.fixture
def tcex(emulator, paths):
    return TcEx(argv=paths['argv'] + emulator.app_args(), install_conf=False)


def test_tcex_ti_reads_the_default_org(tcex, emulator):
    hosts(emulator, 3)
    hosts(emulator, 2, owner='Common Community')
    assert tcex.ti is tcex.ti and tcex.ti.owner == emulator.owner
    assert len(list(tcex.ti.indicators('Host'))) == 3
    assert len(list(tcex.ti.indicators('Host', owner='Common Community'))) == 2


def test_the_08_job_template_count(tcex, emulator):
    """The tcex 0.8 job template counts indicators per owner with paginate()."""
    hosts(emulator, 7)
    resource = tcex.resource('Indicator')
    resource.owner = emulator.owner
    resource.result_limit = 3
    data = resource.paginate()
    assert isinstance(data, list) and len(data) == 7
    assert data[0]['summary'] == 'h00000.example.com' and data[0]['type'] == 'Host'
    assert emulator.request_count('read.indicators') == 3


def test_request_returns_the_08_result_dict(tcex, emulator):
    hosts(emulator, 4, rating=3)
    resource = tcex.resource('Host')
    resource.add_filter('rating', '>', 2)
    resource.result_limit = 2
    results = resource.request()
    assert results['status'] == 'Success' and results['result_count'] == 4
    assert [x['hostName'] for x in results['data']] == ['h00000.example.com',
                                                        'h00001.example.com']
    assert results['response'].status_code == 200
    assert resource.api_entity == 'host' and resource.api_uri == 'indicators/hosts'
    resource.result_start = 2
    assert [x['hostName'] for x in resource.request()['data']] == ['h00002.example.com',
                                                                   'h00003.example.com']


def test_filters_or_pivots_and_sub_resources(tcex, emulator):
    emulator.store.load_indicators(emulator.owner, [
        {'type': 'Host', 'summary': 'a.example.com', 'rating': 5, 'tag': [{'name': 'APT'}]},
        {'type': 'Host', 'summary': 'b.example.com', 'confidence': 10},
        {'type': 'Address', 'summary': '10.0.0.9', 'tag': [{'name': 'APT'}]}])
    resource = tcex.resource('Indicator')
    resource.add_filter('rating', '>', 4)
    resource.add_filter('confidence', '<', 20)
    resource.filter_or = True
    assert sorted(x['summary'] for x in resource.paginate()) == ['a.example.com',
                                                                'b.example.com']
    resource = tcex.resource('Indicator')
    resource.tag_pivot('APT')
    assert sorted(x['summary'] for x in resource.paginate()) == ['10.0.0.9', 'a.example.com']
    resource = tcex.resource('Host')
    resource.indicator('a.example.com')
    resource.tags()
    assert [t['name'] for t in resource.request()['data']] == ['APT']
    assert resource.request_uri == 'indicators/hosts'  # reset after each request, as in 0.8
    resource.indicator('a.example.com')
    one = resource.request()
    assert one['data']['hostName'] == 'a.example.com'


def test_failures_are_reported_as_in_08(tcex, emulator):
    resource = tcex.resource('Host')
    resource.indicator('missing.example.com')
    results = resource.request()
    assert results['status'] == 'Failure' and results['data'] == []
    resource.owner = None  # ignored with a warning, as in 0.8
    assert resource.owner is None


@pytest.mark.parametrize('name,operator,words', [
    ('colour', '=', "unknown indicator filter 'colour'"),
    ('rating', '>=', "unknown operator '>='"),
])
def test_add_filter_checks_at_once(tcex, emulator, name, operator, words):
    resource = tcex.resource('Indicator')
    with pytest.raises(ArgumentError) as info:
        resource.add_filter(name, operator, 1)
    assert words in str(info.value)
    assert emulator.request_count('read.indicators') == 0


def test_unknown_resource_name(tcex):
    with pytest.raises(ArgumentError) as info:
        tcex.resource('Indicators')
    assert "unknown resource type 'Indicators'" in str(info.value)


def test_group_and_custom_type_resources(tcex, emulator):
    assert tcex.resource('Incident').api_uri == 'groups/incidents'
    assert tcex.resource('Mutex').api_entity == 'mutex'
    assert tcex.resource('Group').paginate() == []
    assert [x['name'] for x in tcex.resource('Owner').paginate()] == [
        emulator.owner, 'Common Community']
