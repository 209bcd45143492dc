# -*- coding: utf-8 -*-
"""Every ``.. code-block:: python`` of docs/*.rst runs (see tests/docs/rst_blocks.py)."""
from __future__ import absolute_import, division, print_function, unicode_literals

import glob
import os

import pytest

from tests.docs.rst_blocks import PageEnvironment, page_blocks, parse_blocks

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
PAGES = sorted(glob.glob(os.path.join(ROOT, 'docs', '*.rst')))
PAGES_WITH_CODE = [p for p in PAGES if any(b.runnable for b in page_blocks(p))]


@pytest.mark.parametrize('page', PAGES_WITH_CODE, ids=[os.path.basename(p) for p in PAGES_WITH_CODE])
def test_page_code_blocks_run(page, tmpdir):
    name = os.path.relpath(page, ROOT)
    with PageEnvironment(str(tmpdir)) as env:
        for block in page_blocks(page):
            if not block.runnable:
                continue
            failure = env.run(block, name)
            assert failure is None, failure


def test_my_pages_have_runnable_code():
    for page in ('quickstart.rst', 'migrating.rst'):
        assert os.path.join(ROOT, 'docs', page) in PAGES_WITH_CODE, page


SAMPLE = '''
Title
=====

.. code-block:: python

    x = 1
    if x:
        y = 2

text

.. code-block:: python
   :class: no-run
   :linenos:

   fragment(

.. doc-setup

   z = 3

.. code-block:: sh

   echo not python

* item

  .. code-block:: python

     w = x + z
after
'''


def test_parse_blocks_finds_code_options_and_setup():
    blocks = parse_blocks(SAMPLE, 'sample.rst')
    assert [(b.kind, b.line, b.code, b.runnable) for b in blocks] == [
        ('code', 7, 'x = 1\nif x:\n    y = 2\n', True),
        ('code', 17, 'fragment(\n', False),
        ('setup', 21, 'z = 3\n', True),
        ('code', 31, 'w = x + z\n', True),
    ]


def test_runner_reports_the_page_line_of_a_failure(tmpdir):
    blocks = parse_blocks('.. code-block:: python\n\n    a = 1\n    b = a / 0\n', 'p.rst')
    with PageEnvironment(str(tmpdir)) as env:
        failure = env.run(blocks[0], 'p.rst')
    assert failure.startswith('p.rst:4: ZeroDivisionError: '), failure


def test_runner_accepts_exit_zero_and_rejects_other_codes(tmpdir):
    ok, bad = parse_blocks('.. code-block:: python\n\n    tcex.exit(0, "done")\n\n'
                           '.. code-block:: python\n\n    tcex.exit(3, "partial")\n', 'p.rst')
    with PageEnvironment(str(tmpdir)) as env:
        assert env.run(ok, 'p.rst') is None
        assert env.run(bad, 'p.rst') == 'p.rst:7: block exited with code 3'


def test_runner_gives_blocks_a_live_emulator(tmpdir):
    block, = parse_blocks('.. code-block:: python\n\n'
                          '    batch = tcex.batch(owner)\n'
                          '    batch.host("docs.example", 2, 40)\n'
                          '    result = batch.submit_all()\n', 'p.rst')
    with PageEnvironment(str(tmpdir)) as env:
        assert env.run(block, 'p.rst') is None
        assert env.tc.indicator('docs.example')['confidence'] == 40
        assert env.namespace['result']['successCount'] == 1
