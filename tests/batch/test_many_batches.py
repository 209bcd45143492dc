# -*- coding: utf-8 -*-
"""Many batches and many TcEx objects in one process (issue 12, item 5).

No two batches share a store file or lock one another out; a batch nobody closes releases its
store when it is collected or when the process exits; custom indicator types resolved for one
batch work in the next.
"""
from __future__ import absolute_import, division, print_function, unicode_literals

import gc
import json
import os
import subprocess
import sys

from tcex import TcEx
from tcex.batch import Batch
from tcex.batch.entity import CLASSES

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
CUSTOM = [{'name': 'Hash Tag', 'value1Label': 'Tag', 'apiBranch': 'hashtags'}]


def test_custom_type_seen_twice_works_in_every_batch(tmpdir):
    """Failed before: the second batch found the first batch's class for the type and refused the xid."""
    for number in range(3):
        batch = Batch('MyOrg', temp_path=str(tmpdir), indicator_types=lambda: CUSTOM)
        first = batch.indicator('Hash Tag', '#x')
        assert batch.indicator('Hash Tag', '#x') is first
        assert batch.add_indicator({'type': 'Hash Tag', 'summary': '#x', 'xid': first.xid}) is first
        assert batch.data['indicator'] == [{'summary': '#x', 'type': 'Hash Tag', 'xid': first.xid}], number
        batch.close()


def test_custom_classes_belong_to_their_batch(tmpdir):
    one = Batch('MyOrg', temp_path=str(tmpdir), indicator_types=lambda: CUSTOM)
    two = Batch('MyOrg', temp_path=str(tmpdir), indicator_types=lambda: [
        {'name': 'Hash Tag', 'value1Label': 'Tag', 'value2Label': 'Extra'}])
    a = one.indicator('Hash Tag', '#a')
    b = two.indicator('Hash Tag', '#a : more')
    assert type(a) is not type(b) and b.value2 == 'more' and not hasattr(a, 'value2')
    assert 'Hash Tag' not in CLASSES  # the built-in classes are never extended
    one.close()
    two.close()


def test_two_tcex_objects_get_separate_stores(paths):
    first, second = TcEx(argv=paths['argv'], install_conf=False), TcEx(argv=paths['argv'], install_conf=False)
    a = first.batch('Demo Organization')
    b = second.batch('Demo Organization')  # same owner, same tc_temp_path: failed with "locked" before
    assert a.store.path != b.store.path
    a.address('1.1.1.1')
    b.address('1.1.1.1')
    assert len(a) == 1 and len(b) == 1
    a.close()
    b.close()
    # once closed, the first name is free again (the next run resumes from it)
    third = TcEx(argv=paths['argv'], install_conf=False).batch('Demo Organization')
    assert third.store.path == a.store.path
    third.close()


def test_unclosed_batch_releases_its_store_when_collected(tmpdir):
    path = str(tmpdir.join('kept.db'))
    batch = Batch('MyOrg', temp_path=str(tmpdir), store_path=path)
    batch.address('1.1.1.1').tag('t')
    batch.address('2.2.2.2')  # still pending when the batch is dropped: written, not lost
    del batch
    gc.collect()
    again = Batch('MyOrg', temp_path=str(tmpdir), store_path=path)  # not locked out
    assert again.data['indicator'][0]['tag'] == [{'name': 't'}]
    assert [i['summary'] for i in again.data['indicator']] == ['1.1.1.1', '2.2.2.2']
    again.close(remove=True)


def _run(code, tmpdir):
    env = dict(os.environ)
    env['PYTHONPATH'] = os.pathsep.join([ROOT] + ([env['PYTHONPATH']] if env.get('PYTHONPATH') else []))
    process = subprocess.Popen([sys.executable, '-c', code, str(tmpdir)], env=env, stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE)
    out, err = process.communicate()
    assert process.returncode == 0, err
    return out.decode('utf-8').strip()


def test_unclosed_batches_are_closed_at_exit(tmpdir):
    out = _run('import sys\n'
               'from tcex.batch import Batch\n'
               'named = Batch("MyOrg", temp_path=sys.argv[1], store_path="named.db")\n'
               'named.address("1.1.1.1").tag("pending at exit")\n'
               'temporary = Batch("MyOrg", temp_path=sys.argv[1])\n'
               'temporary.address("2.2.2.2")\n'
               'print(temporary.store.path)\n', tmpdir)
    assert not os.path.exists(out), 'a temporary store is removed at exit'
    kept = Batch('MyOrg', temp_path=str(tmpdir), store_path='named.db')
    assert kept.data['indicator'][0]['tag'] == [{'name': 'pending at exit'}], 'pending entities are written'
    kept.close(remove=True)


def _keys(text):
    return [key for key, _ in json.loads(text, object_pairs_hook=lambda pairs: pairs)]


def test_a_custom_value_labelled_like_a_key_of_the_json_is_written_once(tmpdir):
    """A custom type whose value label is a key the entity writes itself ("summary", "tag") gives one key."""
    labels = [{'name': 'Odd', 'value1Label': 'summary', 'value2Label': 'Other', 'apiBranch': 'odds'},
              {'name': 'Odd2', 'value1Label': 'tag', 'apiBranch': 'odd2s'}]
    batch = Batch('MyOrg', temp_path=str(tmpdir), indicator_types=lambda: labels)
    batch.add_indicator({'type': 'Odd', 'summary': 'a : b', 'xid': 'o1', 'rating': 2})
    odd2 = batch.indicator('Odd2', 'x', xid='o2')
    odd2.tag('t')
    odd2.add_key_value('value1', 'y')
    batch.flush()
    first, second = batch.store.get('o1')[2], batch.store.get('o2')[2]
    assert _keys(first) == ['summary', 'type', 'xid', 'rating']
    assert json.loads(first)['summary'] == 'a : b'
    assert _keys(second) == ['summary', 'type', 'xid', 'tag']
    assert json.loads(second)['tag'] == [{'name': 't'}]
    batch.close()
