# -*- coding: utf-8 -*-
"""Tests of tcex/batch/store/tail.py: new rows kept in memory, in order, with their kinds."""
from __future__ import absolute_import, division, print_function, unicode_literals

from tcex.batch.store.tail import INDEX_OVERHEAD, ROW_OVERHEAD, Tail


def test_rows_keep_order_kinds_and_types():
    tail = Tail()
    updates = tail.add([('a', 0, 'Adversary', '{"a":1}'), ('b', 1, 'Address', '{"b":2}'),
                        ('c', 1, 'Address', '{"c":3}'), ('d', 0, 'Event', '{"d":4}')])
    assert updates == []
    assert list(tail.rows()) == [('a', 0, 'Adversary', '{"a":1}'), ('b', 1, 'Address', '{"b":2}'),
                                 ('c', 1, 'Address', '{"c":3}'), ('d', 0, 'Event', '{"d":4}')]
    assert tail.runs == [[0, 'Adversary', 1], [1, 'Address', 2], [0, 'Event', 1]]
    assert tail.items_of_kind(0) == [('a', '{"a":1}'), ('d', '{"d":4}')]
    assert tail.items_of_kind(1) == [('b', '{"b":2}'), ('c', '{"c":3}')]
    assert (tail.count(0), tail.count(1), len(tail)) == (2, 2, 4)
    assert tail.nbytes == 4 * (7 + ROW_OVERHEAD)


def test_a_known_xid_is_returned_as_an_update_and_replace_keeps_its_position():
    tail = Tail()
    tail.add([('a', 1, 'Host', '{"x":1}'), ('b', 1, 'Host', '{"y":2}')])
    assert tail.add([('a', 1, 'Host', '{"x":10}')]) == [('a', 1, 'Host', '{"x":10}')]
    assert tail.replace('a', '{"x":10}') is True
    assert tail.replace('zz', '{}') is False
    assert [row[0] for row in tail.rows()] == ['a', 'b'] and tail.get('a') == '{"x":10}'
    assert tail.nbytes == 15 + 2 * ROW_OVERHEAD


def test_extend_merges_runs_of_the_same_type():
    tail = Tail()
    tail.extend(['a', 'b'], ['{}', '{}'], [[1, 'Address', 2]])
    tail.extend(['c'], ['{}'], [[1, 'Address', 1]])
    tail.extend(['d'], ['{}'], [[1, 'Host', 1]])
    assert tail.runs == [[1, 'Address', 3], [1, 'Host', 1]]
    assert tail.disjoint(['x', 'y']) and not tail.disjoint(['x', 'c'])
    assert 'c' in tail and list(tail) == ['a', 'b', 'c', 'd']


def test_kind_and_type_come_from_the_runs_whatever_the_json_says():
    tail = Tail()
    tail.add([('g', 0, 'Adversary', '{"summary":"1.1.1.1"}'), ('i', 1, 'Address', '{"name":"x"}')])
    assert tail.kind_and_type('g') == (0, 'Adversary')
    assert tail.kind_and_type('i') == (1, 'Address')
    assert tail.kind_and_type('missing') is None


def test_the_run_index_is_built_on_first_use_and_extended_over_new_rows_only():
    tail = Tail()
    tail.extend(['a', 'b', 'c'], ['{}'] * 3, [[1, 'Address', 2], [0, 'Event', 1]])
    before = tail.nbytes
    assert tail.kind_and_type('a') == (1, 'Address')
    assert tail.nbytes == before + 3 * INDEX_OVERHEAD  # the index is counted once built
    tail.extend(['d', 'e'], ['{}'] * 2, [[0, 'Event', 1], [1, 'Host', 1]])  # d joins the run of c
    tail.add([('f', 1, 'Host', '{}'), ('g', 0, 'Incident', '{}')])
    assert [tail.kind_and_type(x) for x in 'gfedcba'] == [
        (0, 'Incident'), (1, 'Host'), (1, 'Host'), (0, 'Event'), (0, 'Event'), (1, 'Address'), (1, 'Address')]
    assert tail.nbytes == before + 4 * 2 + 7 * INDEX_OVERHEAD + 4 * ROW_OVERHEAD
    tail.replace('c', '{"c":1}')  # same position, same run
    assert tail.kind_and_type('c') == (0, 'Event')


def test_no_index_is_kept_while_no_row_is_asked_for():
    tail = Tail()
    tail.extend(['a', 'b'], ['{}', '{}'], [[1, 'Address', 2]])
    tail.add([('c', 1, 'Host', '{}')])
    assert tail.nbytes == 3 * (2 + ROW_OVERHEAD)
