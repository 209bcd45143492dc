# -*- coding: utf-8 -*-
"""tcex.ti paging against the emulator: boundaries, limits, faults and token renewal mid-stream."""
from __future__ import absolute_import, division, print_function, unicode_literals

import pytest

from tcex.errors import ApiError, ArgumentError
from tcex.session.auth import TokenAuth
from tcex.ti import ThreatIntel
from tests.ti.conftest import hosts, make_session


@pytest.mark.parametrize('count,requests', [(0, 1), (1, 1), (5, 1), (6, 2), (23, 5)])
def test_every_item_once_across_page_boundaries(ti, emulator, count, requests):
    expected = hosts(emulator, count)
    found = [x['summary'] for x in ti.indicators('Host', include=())]
    assert found == expected
    assert emulator.request_count('read.indicators') == requests


def test_the_generator_is_lazy_and_pages_on_demand(ti, emulator):
    hosts(emulator, 12)
    items = ti.indicators(include=())
    assert emulator.request_count() == 0
    first = [next(items) for _ in range(5)]
    assert emulator.request_count('read.indicators') == 1 and len(first) == 5
    next(items)
    assert emulator.request_count('read.indicators') == 2


def test_max_results_and_page_size(emulator):
    hosts(emulator, 30)
    ti = ThreatIntel(make_session(emulator), owner=emulator.owner, page_size=10, max_results=12)
    assert len(list(ti.indicators(include=()))) == 12
    assert emulator.request_count('read.indicators') == 2
    assert len(list(ti.indicators(include=(), max_results=3, page_size=2))) == 3
    assert len(list(ti.indicators(include=(), max_results=100))) == 30


@pytest.mark.parametrize('kwargs', [{'page_size': 0}, {'page_size': 'ten'},
                                    {'max_results': -1}, {'max_results': True}])
def test_bad_sizes_are_argument_errors(emulator, kwargs):
    with pytest.raises(ArgumentError):
        ThreatIntel(make_session(emulator), **kwargs)


def test_page_size_is_capped_at_the_platform_limit(emulator):
    hosts(emulator, 3)
    ti = ThreatIntel(make_session(emulator), page_size=50000)
    assert ti.page_size == 10000 and len(list(ti.indicators(include=()))) == 3


def test_owner_that_does_not_exist(ti, emulator):
    items = ti.indicators(owner='No Such Owner')
    with pytest.raises(ApiError) as info:
        next(items)
    text = str(info.value)
    assert '403' in text and 'No Such Owner' in text and '\n' not in text


def test_other_owner(ti, emulator):
    hosts(emulator, 3, owner='Common Community')
    assert list(ti.indicators()) == []
    found = list(ti.indicators(owner='Common Community'))
    assert len(found) == 3 and found[0]['ownerName'] == 'Common Community'


def test_a_500_mid_stream_loses_and_repeats_nothing(ti, emulator):
    expected = hosts(emulator, 17)
    items = ti.indicators('Host', include=())
    found = [next(items) for _ in range(7)]  # two pages read
    emulator.inject('read.indicators', status=500, count=2)
    found += list(items)
    assert [x['summary'] for x in found] == expected
    assert emulator.request_count('read.indicators') == 4 + 2


def test_a_dropped_connection_mid_stream_is_retried(ti, emulator):
    expected = hosts(emulator, 11)
    items = ti.indicators(include=())
    found = [next(items) for _ in range(5)]
    emulator.inject('read.indicators', drop=True)
    found += list(items)
    assert [x['summary'] for x in found] == expected


def test_persistent_failure_is_one_line_api_error(emulator):
    hosts(emulator, 11)
    ti = ThreatIntel(make_session(emulator, retries=1), page_size=5)
    items = ti.indicators(include=())
    [next(items) for _ in range(5)]
    emulator.inject('read.indicators', status=503, count=5)
    with pytest.raises(ApiError) as info:
        list(items)
    assert '503' in str(info.value) and '\n' not in str(info.value)


def test_token_that_expires_mid_stream_is_renewed(emulator):
    expected = hosts(emulator, 14)
    renewals = []

    def renew(old):
        renewals.append(old)
        return emulator.renew_token(), emulator.token_expires

    auth = TokenAuth(emulator.token, None, refresh=renew)
    ti = ThreatIntel(make_session(emulator, auth=auth), page_size=5)
    items = ti.indicators(include=())
    found = [next(items) for _ in range(6)]
    emulator.expire_token()
    found += list(items)
    assert [x['summary'] for x in found] == expected
    assert len(renewals) == 1


def test_data_changing_between_pages_is_read_from_the_new_state(ti, emulator):
    hosts(emulator, 8)
    items = ti.indicators(include=())
    found = [next(items) for _ in range(5)]
    emulator.store.load_indicators(emulator.owner, [{'type': 'Host', 'summary': 'late.example.com'}])
    found += list(items)
    assert len(found) == 9 and found[-1]['summary'] == 'late.example.com'
