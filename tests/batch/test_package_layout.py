# -*- coding: utf-8 -*-
"""The layout of tcex/batch: validators, text helpers and xids in ``types``, the encoder in ``entity``."""
from __future__ import absolute_import, division, print_function, unicode_literals

import importlib
import io
import os
import re

import pytest

import tcex.batch

ROOT = os.path.dirname(tcex.batch.__file__)
# The one documented public path kept at the top of tcex/batch (a re-export of types.validators).
OLD_PUBLIC = re.compile(r'from tcex\.batch import [^\n]*\bvalidators\b|tcex\.batch\.validators\b')


@pytest.mark.parametrize('name', ['scalar_validators', 'indicator_validators', 'textutil', 'xid', 'encoder'])
def test_flat_modules_are_gone(name):
    assert not os.path.exists(os.path.join(ROOT, name + '.py'))
    with pytest.raises(ImportError):
        importlib.import_module('tcex.batch.' + name)


@pytest.mark.parametrize('module,names', [
    ('tcex.batch.types.validators', ['address', 'text', 'rating']),
    ('tcex.batch.types.scalar_validators', ['text', 'boolean']),
    ('tcex.batch.types.indicator_validators', ['address', 'url']),
    ('tcex.batch.types.text', ['show', 'is_blank', '_TEXT']),
    ('tcex.batch.types.xid', ['entity_xid', 'generate_xid']),
    ('tcex.batch.entity.encoder', ['encode']),
])
def test_modules_live_in_their_package(module, names):
    loaded = importlib.import_module(module)
    assert all(callable(getattr(loaded, name)) for name in names)


def test_the_package_does_not_import_the_public_re_export():
    found = []
    for folder, _dirs, files in os.walk(os.path.dirname(ROOT)):
        for name in files:
            path = os.path.join(folder, name)
            if name.endswith('.py') and path != os.path.join(ROOT, 'validators.py'):
                with io.open(path, encoding='utf-8') as handle:
                    found.extend('{}: {}'.format(path, line.strip()) for line in handle if OLD_PUBLIC.search(line))
    assert found == []
