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
