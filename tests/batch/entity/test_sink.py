# -*- coding: utf-8 -*-
"""tcex.batch.entity.sink: the EntitySink interface is abstract and the pool implements all of it."""
from __future__ import absolute_import, division, print_function, unicode_literals

import pytest

from tcex.batch.builder.pool import EntityPool
from tcex.batch.entity import EntitySink
from tests.batch.entity.helpers import ListSink


def test_the_sink_interface_is_abstract():
    sink = EntitySink()
    for call in (lambda: sink.queue(None), lambda: sink.claim_attribute('x', 't', 'v'),
                 lambda: sink.get_file('x'), lambda: sink.set_file(None, b'')):
        with pytest.raises(NotImplementedError):
            call()


SINK_METHODS = ('queue', 'claim_attribute', 'get_file', 'set_file')


def test_the_interface_lists_exactly_its_methods():
    public = sorted(name for name in vars(EntitySink) if not name.startswith('_'))
    assert public == sorted(SINK_METHODS)


@pytest.mark.parametrize('sink_class', [EntityPool, ListSink], ids=lambda c: c.__name__)
def test_every_method_is_implemented(sink_class):
    assert issubclass(sink_class, EntitySink)
    for name in SINK_METHODS:
        assert getattr(sink_class, name) is not getattr(EntitySink, name), (sink_class.__name__, name)


def test_the_pool_serves_an_entity_through_the_interface(tmpdir):
    from tcex.batch import Batch
    batch = Batch('MyOrg', temp_path=str(tmpdir))
    try:
        pool = batch.pool
        document = batch.document('d', 'd.txt', xid='doc-1')
        assert isinstance(pool, EntitySink) and document.belongs_to(pool)
        pool.set_file(document, b'content')
        assert pool.get_file('doc-1') == b'content' and document.file_content == b'content'
        assert pool.claim_attribute('doc-1', 'Description', 'x') is False  # nothing stored by an earlier run
        batch.flush()
        assert not document.is_pending
        document.tag('later')  # a written entity asks the pool to queue it again
        assert document.is_pending
        pool.queue(document)  # queuing an already pending entity changes nothing
        assert [g['tag'] for g in batch.data['group']] == [[{'name': 'later'}]]
    finally:
        batch.close()
