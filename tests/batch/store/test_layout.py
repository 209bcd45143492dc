# -*- coding: utf-8 -*-
"""The store package is the only part of tcex/batch that runs SQL."""
from __future__ import absolute_import, division, print_function, unicode_literals

import io
import os
import re

import tcex.batch

SQL = re.compile(r'\.execute(many)?\(|\bSELECT\b|\bDELETE FROM\b|\bINSERT INTO\b|\bUPDATE \w+ SET\b|\.connection\b')


def test_no_sql_outside_the_store_package():
    root = os.path.dirname(tcex.batch.__file__)
    found = []
    for folder, _dirs, names in os.walk(root):
        if os.path.relpath(folder, root).split(os.sep)[0] == 'store':
            continue
        for name in names:
            if name.endswith('.py'):
                path = os.path.join(folder, name)
                with io.open(path, encoding='utf-8') as handle:
                    for number, line in enumerate(handle, 1):
                        if SQL.search(line.split('#')[0]) and not line.lstrip().startswith(('"', "'")):
                            found.append('{}:{}: {}'.format(os.path.relpath(path, root), number, line.strip()))
    assert found == []
