# -*- coding: utf-8 -*-
"""Helpers shared by the batch builder tests."""
from __future__ import absolute_import, division, print_function, unicode_literals

import io
import json
import os

import pytest

from tcex.batch import Batch

GOLDEN = os.path.join(os.path.dirname(os.path.abspath(__file__)), 'fixtures', 'golden')


def golden(name):
    """Load a hand-written golden fixture."""
    with io.open(os.path.join(GOLDEN, name + '.json'), encoding='utf-8') as handle:
        return json.load(handle)


def canonical(value):
    """JSON text with sorted keys, for comparisons."""
    return json.dumps(value, sort_keys=True)


@pytest.fixture
def batch(tmpdir):
    """A Batch storing under a pytest temp dir, closed after the test."""
    b = Batch('MyOrg', temp_path=str(tmpdir))
    yield b
    b.close()
