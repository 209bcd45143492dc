# -*- coding: utf-8 -*-
"""Tests of tcex/batch/store/tail.py: new rows kept in memory, in order, with their kinds and types."""
from __future__ import absolute_import, division, print_function, unicode_literals

from tcex.batch.store.tail import ROW_OVERHEAD, Tail

ADDRESS, HOST, EVENT = (1, 'Address'), (1, 'Host'), (0, 'Event')


def test_rows_keep_order_kinds_and_types():
    tail = Tail()
    updates = tail.add([('a', 0, 'Adversary', '{"a":1}'), ('b', 1, 'Address', '{"b":2}'),
                        ('c', 1, 'Address', '{"c":3}'), ('d', 0, 'Event', '{"d":4}')])
    assert updates == []
    assert list(tail.rows()) == [('a', 0, 'Adversary', '{"a":1}'), ('b', 1, 'Address', '{"b":2}'),
                                 ('c', 1, 'Address', '{"c":3}'), ('d', 0, 'Event', '{"d":4}')]
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
    assert tail.get('zz') is None


def test_extend_appends_parallel_lists_of_interleaved_types():
    tail = Tail()
    tail.extend(['a', 'b'], ['{}', '{"b":1}'], [ADDRESS, HOST])
    tail.extend(['c', 'd'], ['{}', '{}'], [ADDRESS, EVENT])
    assert list(tail.rows()) == [('a', 1, 'Address', '{}'), ('b', 1, 'Host', '{"b":1}'),
                                 ('c', 1, 'Address', '{}'), ('d', 0, 'Event', '{}')]
    assert tail.disjoint(['x', 'y']) and not tail.disjoint(['x', 'c'])
    assert 'c' in tail and tail.contains('d') and not tail.contains('x')
    assert list(tail) == ['a', 'b', 'c', 'd'] and tail.get('b') == '{"b":1}'
    assert tail.nbytes == 13 + 4 * ROW_OVERHEAD


def test_kind_and_type_are_the_rows_keys_whatever_the_json_says():
    tail = Tail()
    tail.add([('g', 0, 'Adversary', '{"summary":"1.1.1.1"}'), ('i', 1, 'Address', '{"name":"x"}')])
    tail.extend(['h'], ['{"type":"Address"}'], [HOST])
    assert tail.kind_and_type('g') == (0, 'Adversary')
    assert tail.kind_and_type('i') == (1, 'Address')
    assert tail.kind_and_type('h') == (1, 'Host')
    assert tail.kind_and_type('missing') is None
    tail.replace('g', '{"name":"B"}')  # same position, same key
    assert tail.kind_and_type('g') == (0, 'Adversary') and tail.get('g') == '{"name":"B"}'


def test_rows_of_one_type_share_its_key_object():
    """A row keeps a reference to the key it was given: no object per row."""
    tail = Tail()
    tail.extend(['x{}'.format(n) for n in range(100)], ['{}'] * 100, [ADDRESS] * 100)
    assert all(key is ADDRESS for key in tail.keys)
