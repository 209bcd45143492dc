# -*- coding: utf-8 -*-
"""tcex.batch.validators: the documented public path re-exports tcex.batch.types.validators."""
from __future__ import absolute_import, division, print_function, unicode_literals

from tcex.batch.types import validators as v


def test_public_path_re_exports_the_same_objects():
    from tcex.batch import validators as public
    assert list(public.__all__) == list(v.__all__)
    for name in list(v.__all__) + ['LONE_SURROGATE', 'to_iso8601']:
        assert getattr(public, name) is getattr(v, name), name


def test_the_public_path_validates():
    from tcex.batch.validators import address, rating
    assert address(' 1.2.3.4 ') == '1.2.3.4' and rating('2') == 2.0
