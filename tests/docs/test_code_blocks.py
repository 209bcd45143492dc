# -*- coding: utf-8 -*-
"""Every code block of docs/*.rst has a language and runs (see tests/docs/rst_blocks.py)."""
from __future__ import absolute_import, division, print_function, unicode_literals

import glob
import io
import os

import pytest

from tests.docs.block_checks import output_matches
from tests.docs.rst_blocks import LANGUAGES, PageEnvironment, lint_page, page_blocks, parse_blocks

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
PAGES = sorted(glob.glob(os.path.join(ROOT, 'docs', '*.rst')))
PAGES_WITH_CODE = [p for p in PAGES if page_blocks(p)]


def _ids(pages):
    return [os.path.basename(p) for p in pages]


def run_page(text, tmpdir, name='p.rst'):
    """Run every block of RST text; return the failures."""
    failures = []
    with PageEnvironment(str(tmpdir), root=ROOT) as env:
        for block in parse_blocks(text, name):
            failure = env.run(block, name)
            if failure:
                failures.append(failure)
    return failures


@pytest.mark.parametrize('page', PAGES, ids=_ids(PAGES))
def test_page_shows_code_only_in_checked_blocks(page):
    with io.open(page, encoding='utf-8') as handle:
        problems = lint_page(handle.read(), os.path.relpath(page, ROOT))
    assert problems == []


@pytest.mark.parametrize('page', PAGES_WITH_CODE, ids=_ids(PAGES_WITH_CODE))
def test_page_code_blocks_run(page, tmpdir):
    name = os.path.relpath(page, ROOT)
    with PageEnvironment(str(tmpdir), root=ROOT) as env:
        for block in page_blocks(page):
            failure = env.run(block, name)
            assert failure is None, failure


def test_docs_use_every_block_language():
    langs = set(b.lang for p in PAGES for b in page_blocks(p) if b.kind == 'code')
    assert langs == set(LANGUAGES)


# ------------------------------------------------------------------------- the convention
SAMPLE = '''
Title
=====

.. code-block:: python

    x = 1
    if x:
        y = 2

text

.. code-block:: python
   :linenos:

   fragment(

.. doc-setup

   z = 3

.. code-block:: console

   $ echo hi
   hi

* item

  .. code-block:: python

     w = x + z
after
'''


def test_parse_blocks_finds_every_language_options_and_setup():
    blocks = parse_blocks(SAMPLE, 'sample.rst')
    assert [(b.kind, b.lang, b.line, b.code) for b in blocks] == [
        ('code', 'python', 7, 'x = 1\nif x:\n    y = 2\n'),
        ('code', 'python', 16, 'fragment(\n'),
        ('setup', 'python', 20, 'z = 3\n'),
        ('code', 'console', 24, '$ echo hi\nhi\n'),
        ('code', 'python', 31, 'w = x + z\n'),
    ]


LINT = '''
Shown with a bare literal block::

    x = 1

.. list-table::

   * - cell with a literal::

         y = 2

.. code-block:: sh

   echo sh

.. code-block::

   no language

.. code-block:: python
   :class: no-run

   fragment(

.. literalinclude:: ../tcex/tcex.py

.. doc-setup
   hidden = 'ends with::'

.. code-block:: text

   output::

Fine:

.. literalinclude:: ../examples/feed_app/app.py
'''


def test_lint_rejects_bare_literals_unknown_languages_and_no_run():
    assert lint_page(LINT, 'l.rst') == [
        'l.rst:2: bare :: literal block: use .. code-block:: <python|console|ini|text>',
        'l.rst:8: bare :: literal block: use .. code-block:: <python|console|ini|text>',
        "l.rst:12: code block language 'sh' is not one of python, console, ini, text",
        "l.rst:16: code block language '' is not one of python, console, ini, text",
        'l.rst:20: no-run block: every block must run',
        "l.rst:25: literalinclude of '../tcex/tcex.py': only examples/ files are run",
    ]


def test_runner_reports_the_page_line_of_a_failure(tmpdir):
    failures = run_page('.. code-block:: python\n\n    a = 1\n    b = a / 0\n', tmpdir)
    assert len(failures) == 1 and failures[0].startswith('p.rst:4: ZeroDivisionError: '), failures


def test_runner_accepts_exit_zero_and_rejects_other_codes(tmpdir):
    failures = run_page('.. code-block:: python\n\n    tcex.exit(0, "done")\n\n'
                        '.. code-block:: python\n\n    tcex.exit(3, "partial")\n', tmpdir)
    assert failures == ['p.rst:7: block exited with code 3']


def test_runner_gives_blocks_a_live_emulator(tmpdir):
    block, = parse_blocks('.. code-block:: python\n\n'
                          '    batch = tcex.batch(owner)\n'
                          '    batch.host("docs.example", rating=2, confidence=40)\n'
                          '    result = batch.submit_all()\n', 'p.rst')
    with PageEnvironment(str(tmpdir), root=ROOT) as env:
        assert env.run(block, 'p.rst') is None
        assert env.tc.indicator('docs.example')['confidence'] == 40
        assert env.namespace['result']['successCount'] == 1


@pytest.mark.parametrize('expected, actual, matches', [
    ('a\nb', 'a\nb\n\n', True),
    ('a\nb', 'a\nc', False),
    ('port ...!', 'port 8080!', True),
    ('port ...!', 'port 8080?', False),
    ('a\n...\nd', 'a\nb\nc\nd', True),
    ('a\n...\nd', 'a\nd', True),
    ('a\n...', 'a', True),
    ('a ... b', 'a x\ny b', False),
    ('a', 'a\nb', False),
    ('', '', True),
    ('', 'noise', False),
])
def test_output_wildcards(expected, actual, matches):
    assert output_matches(expected, actual) is matches


def test_console_runs_tcex_of_this_checkout_and_compares_output(tmpdir):
    from tcex.__version__ import __version__  # pylint: disable=import-outside-toplevel

    ok = ('.. code-block:: console\n\n'
          '    $ mkdir sub && cd sub\n'
          '    $ tcex --version\n'
          '    tcex {}\n'
          '    $ pwd\n'
          '    .../sub\n'
          '    $ tcex validate; echo "exit code $?"\n'
          '    tcex validate: error: ...\n'
          '    exit code 1\n').format(__version__)
    assert run_page(ok, tmpdir) == []


@pytest.mark.parametrize('block, failure', [
    ('$ echo one\ntwo', 'p.rst:3: output of \'echo one\' differs\n--- expected\ntwo\n--- actual\none'),
    ('$ echo one', 'p.rst:3: output of \'echo one\' differs\n--- expected\n\n--- actual\none'),
    ('$ exit 4', "p.rst:3: 'exit 4' exited with code 4: "),
    ('output first\n$ true', 'p.rst:3: console output before the first "$ " command'),
    ('$ make demo\n...', "p.rst:3: 'make demo' is not run, so it cannot show output"),
    ('$ make no-such-target', 'p.rst:3: Makefile has no target no-such-target'),
    ('$ .tox/py99/bin/python -m pytest tests', 'p.rst:3: tox.ini has no env py99'),
    ('$ .tox/py311/bin/python -m pytest tests/nothing', 'p.rst:3: no such test path tests/nothing'),
])
def test_console_failures(block, failure, tmpdir):
    text = '.. code-block:: console\n\n' + ''.join('    ' + line + '\n' for line in block.split('\n'))
    assert run_page(text, tmpdir) == [failure]


def test_console_tooling_commands_are_checked_not_run(tmpdir):
    text = ('.. code-block:: console\n\n    $ make demo test\n'
            '    $ .tox/py311/bin/python -m pytest -q tests/docs\n')
    assert run_page(text, tmpdir) == []


def test_ini_blocks_are_parsed_by_kind(tmpdir):
    text = ('.. code-block:: ini\n\n    [threatconnect]\n    api_default_org = Test & Org\n\n'
            '.. doc-setup\n    assert doc_value["api_default_org"] == "Test & Org", doc_value\n\n'
            '.. code-block:: ini\n\n    program.version = 1.0.0\n    program.language = PYTHON\n'
            '    program.main = app.py\n    param.tags =\n\n'
            '.. doc-setup\n    assert list(doc_value.params) == ["tags"]\n\n'
            '.. code-block:: ini\n\n    param.last_run = 2026-10-01T09:00:00Z\n    param.count = 3\n')
    assert run_page(text, tmpdir) == []


@pytest.mark.parametrize('block, failure', [
    ('[threatconnect]\nnot a key value line', "p.rst:4: tc.conf error: malformed line 'not a key value line'"),
    ('program.version = 1.0.0\nprogram.language = RUBY\nprogram.main = app.py',
     "p.rst:4: install.conf error: unknown program.language 'RUBY' (expected JAVA or PYTHON)"),
    ('param.a=1', 'p.rst:3: results.tc differs\n--- expected\nparam.a=1\n--- actual\nparam.a = 1'),
    ('key = value', 'p.rst:3: ini block is none of tc.conf, install.conf, results.tc'),
])
def test_ini_failures(block, failure, tmpdir):
    text = '.. code-block:: ini\n\n' + ''.join('    ' + line + '\n' for line in block.split('\n'))
    failures = run_page(text, tmpdir)
    assert len(failures) == 1 and failures[0].startswith(failure), failures


def test_text_blocks_need_their_own_doc_output(tmpdir):
    text = ('.. doc-setup\n    doc_output = "batch: 2 succeeded in 0.4 s"\n\n'
            '.. code-block:: text\n\n    batch: 2 succeeded in ... s\n\n'
            '.. code-block:: text\n\n    unchecked\n\n'
            '.. doc-setup\n    doc_output = "real"\n\n'
            '.. code-block:: text\n\n    shown\n')
    assert run_page(text, tmpdir) == [
        'p.rst:10: text block is not checked: set doc_output in a doc-setup before it',
        'p.rst:17: text block differs\n--- expected\nshown\n--- actual\nreal',
    ]
