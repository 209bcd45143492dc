# -*- coding: utf-8 -*-
"""Find and run the Python code blocks of the reStructuredText docs.

The convention (also described in ``docs/quickstart.rst``, "How the docs are tested"):

* Every ``.. code-block:: python`` block of ``docs/*.rst`` is run, in page order; the blocks
  of one page share one namespace, so a later block may use what an earlier one defined.
* A block with ``:class: no-run`` is a fragment and is not run.
* An RST comment whose first line is ``.. doc-setup`` holds hidden Python that is run at
  its place in the page (it is not rendered): use it to prepare names a block needs.
* Each page starts with these names: ``tc`` (a started
  :class:`tcex.testing.ThreatConnectEmulator`, owners ``Demo Organization`` and
  ``Common Community``, jobs complete on the first poll), ``owner`` (``tc.owner``) and
  ``tcex`` (a :class:`tcex.TcEx` whose arguments point at ``tc``). The working folder is a
  fresh temporary folder and ``sys.argv`` is ``['app.py']`` plus the same arguments, so
  ``TcEx()`` and ``MyApp.main()`` work as they would under ``tcex run --emulator``;
  ``__name__`` is ``'__main__'``.
* ``SystemExit`` with code 0 ends a block normally; any other exit code or exception fails
  the page, naming ``docs/<page>.rst:<line>``.

Code included with ``literalinclude`` comes from ``examples/``, which ``tests/examples`` runs.
"""
from __future__ import absolute_import, division, print_function, unicode_literals

import __future__
import io
import logging
import os
import re
import sys
import textwrap
import traceback

import six

_BLOCK = re.compile(r'^(?P<indent>[ \t]*)\.\. code-block::[ \t]+(?P<lang>\S+)[ \t]*$')
_SETUP = re.compile(r'^(?P<indent>[ \t]*)\.\. doc-setup[ \t]*$')
_OPTION = re.compile(r'^:(?P<name>[\w-]+):(?P<value>.*)$')
_FLAGS = (__future__.absolute_import.compiler_flag | __future__.division.compiler_flag
          | __future__.print_function.compiler_flag | __future__.unicode_literals.compiler_flag)


class Block(object):
    """One Python block of a page.

    Attributes:
        path (str): The page.
        line (int): The 1-based line of the block's first code line.
        code (str): The dedented code.
        kind (str): ``code`` or ``setup``.
        classes (set): The ``:class:`` values.
    """

    def __init__(self, path, line, code, kind, classes):
        self.path = path
        self.line = line
        self.code = code
        self.kind = kind
        self.classes = classes

    @property
    def runnable(self):
        """bool: Whether the block is run."""
        return 'no-run' not in self.classes

    def __repr__(self):
        return '<Block {}:{} {}>'.format(self.path, self.line, self.kind)


def _indent_of(line):
    return len(line) - len(line.lstrip())


def parse_blocks(text, path='page.rst'):
    """Return the Python code blocks and ``doc-setup`` comments of RST text, in order.

    Args:
        text (str): The page.
        path (str): The name used in :class:`Block` objects.

    Returns:
        list: :class:`Block` objects.
    """
    lines = text.splitlines()
    blocks = []
    index = 0
    while index < len(lines):
        match = _BLOCK.match(lines[index]) or _SETUP.match(lines[index])
        if not match or ('lang' in match.groupdict() and match.group('lang') not in ('python', 'py', 'python3')):
            index += 1
            continue
        kind = 'setup' if 'lang' not in match.groupdict() else 'code'
        base = len(match.group('indent'))
        index += 1
        classes = set()
        while index < len(lines) and lines[index].strip() and _indent_of(lines[index]) > base:
            option = _OPTION.match(lines[index].strip())
            if not option:
                break
            if option.group('name') == 'class':
                classes.update(option.group('value').split())
            index += 1
        body = []
        start = None
        while index < len(lines):
            line = lines[index]
            if line.strip() and _indent_of(line) <= base:
                break
            if line.strip() and start is None:
                start = index + 1
            if start is not None:
                body.append(line)
            index += 1
        code = textwrap.dedent('\n'.join(body)).strip('\n') + '\n'
        if start is not None:
            blocks.append(Block(path, start, code, kind, classes))
    return blocks


def page_blocks(path):
    """Return the blocks of an RST file (see :func:`parse_blocks`)."""
    with io.open(path, encoding='utf-8') as handle:
        return parse_blocks(handle.read(), path)


def compile_block(block, name):
    """Compile a block so tracebacks name ``name`` and the page's line numbers."""
    source = '\n' * (block.line - 1) + block.code
    if six.PY2:
        source = source.encode('utf-8')
    return compile(source, name, 'exec', _FLAGS, True)


class PageEnvironment(object):
    """The namespace, emulator, folder and argv the blocks of one page run in."""

    FAST_POLL = ['--batch_poll_interval', '0.01', '--batch_poll_max_interval', '0.05']

    def __init__(self, workdir):
        self.workdir = workdir
        self.namespace = None

    def __enter__(self):
        from tcex import TcEx  # pylint: disable=import-outside-toplevel
        from tcex.testing import ThreatConnectEmulator  # pylint: disable=import-outside-toplevel

        self._saved = (os.getcwd(), list(sys.argv), sys.excepthook, logging.getLogger('tcex').level)
        self.tc = ThreatConnectEmulator(owners=['Common Community'], polls_until_complete=0).start()
        os.chdir(self.workdir)
        argv = self.tc.app_args() + self.FAST_POLL
        sys.argv = [os.path.join(self.workdir, 'app.py')] + argv
        self.namespace = {'__name__': '__main__', 'tc': self.tc, 'owner': self.tc.owner,
                          'tcex': TcEx(argv=argv, install_conf=False)}
        return self

    def __exit__(self, *exc):
        from tcex.app.logger import remove_handlers  # pylint: disable=import-outside-toplevel

        self.tc.stop()
        cwd, argv, hook, level = self._saved
        os.chdir(cwd)
        sys.argv = argv
        sys.excepthook = hook
        remove_handlers('tcex')
        logging.getLogger('tcex').setLevel(level)

    def run(self, block, name):
        """Run one block; return None, or a one-line failure naming ``name:line``."""
        try:
            exec(compile_block(block, name), self.namespace)  # pylint: disable=exec-used
        except SystemExit as exc:
            if exc.code not in (0, None):
                return '{}:{}: block exited with code {}'.format(name, block.line, exc.code)
        except Exception as exc:  # pylint: disable=broad-except
            where = block.line
            for frame in reversed(traceback.extract_tb(sys.exc_info()[2])):
                if frame[0] == name:
                    where = frame[1]
                    break
            return '{}:{}: {}: {}'.format(name, where, type(exc).__name__, exc)
        return None
