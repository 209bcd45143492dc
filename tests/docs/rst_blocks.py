# -*- coding: utf-8 -*-
"""Find, check and run every code block of the reStructuredText docs.

The convention (also described in ``docs/quickstart.rst``, "How the docs are tested"):

* Code is shown only with ``.. code-block:: <language>``, the language being ``python``,
  ``console``, ``ini`` or ``text``. A bare ``::`` literal block, another language, a
  ``code-block`` without a language, ``:class: no-run`` or a ``literalinclude`` of a file
  outside ``examples/`` (which ``tests/examples`` runs) fails the page (:func:`lint_page`).
* Every block runs, in page order, in one environment per page (:class:`PageEnvironment`):

  ``python``
      Run in a namespace shared by the page's Python blocks. The page starts with ``tc`` (a
      started :class:`tcex.testing.ThreatConnectEmulator`, owners ``Demo Organization`` and
      ``Common Community``, jobs complete on the first poll), ``owner`` (``tc.owner``) and
      ``tcex`` (a :class:`tcex.TcEx` whose arguments point at ``tc``). The working folder is
      a fresh temporary folder and ``sys.argv`` is ``['<folder>/app.py']`` plus the same
      arguments, so ``TcEx()`` and ``MyApp.main()`` work as under ``tcex run --emulator``;
      ``__name__`` is ``'__main__'``. ``SystemExit`` with code 0 ends a block normally.
  ``console``
      Lines starting with ``$ `` are commands (a line ending in `` \\`` continues on the
      next); the lines up to the next command are the output expected from it (stdout and
      stderr together). Each command runs with ``/bin/sh`` in the page's folder (a ``cd``
      lasts until the end of the block), with ``tcex`` and ``python`` meaning this checkout's
      ``python -m tcex`` and ``python`` (``PYTHONPATH`` set to the checkout, ``TCEX_*``
      variables removed), and must exit 0 within 60 s: show an expected failure as
      ``$ command; echo "exit code $?"``. In the expected output a line ``...`` matches any
      number of lines and ``...`` inside a line matches any text (ports, paths, times);
      trailing blanks are ignored. Commands of the repository's own tooling are checked
      without running them: ``make T`` needs a target ``T:`` in the ``Makefile``, and
      ``.tox/<env>/bin/python -m pytest <paths>`` an env of ``tox.ini`` and existing paths;
      such commands show no output. A command that never ends (``tcex emulator``) would hit
      the timeout, so the docs describe the emulator command in prose, not in a block.
  ``ini``
      A block with a ``[threatconnect]`` section is a ``tc.conf`` and must parse with
      :func:`tcex.app.tc_conf.parse_tc_conf`. A block with ``program.*`` keys is an
      ``install.conf`` and must have no error-level problem from
      :meth:`tcex.app.install_conf.InstallConf.parse` and :func:`tcex.app.validate.check`.
      A block of ``param.<key> = <value>`` lines only is a ``results.tc`` and must equal what
      :func:`tcex.app.results.write_results_tc` writes for those keys and values.
  ``text``
      Output shown as is (log lines, summaries). The hidden code before it must store the
      real output as ``doc_output``; the block must match it (``...`` wildcards as for
      console blocks). ``doc_output`` is used up by the block, so every text block needs
      its own.

* An RST comment whose first line is ``.. doc-setup`` holds hidden Python, run at its place
  in the page's namespace (it is not rendered): use it to prepare what a block needs (files
  in the working folder, objects) and to assert what a block claims.
* Python code also finds ``doc_root`` (the checkout) and ``doc_env`` (the environment the
  console commands get, for ``subprocess``).
* After each ``console``, ``ini`` or ``text`` block the namespace holds ``doc_block`` (the
  block's text) and, for ``ini``, ``doc_value`` (the parsed ``InstallConf``, the
  ``tc.conf`` dict or the ``results.tc`` dict), so a following ``doc-setup`` can check more.
* A failure names ``docs/<page>.rst:<line>``.
"""
from __future__ import absolute_import, division, print_function, unicode_literals

import __future__
import io
import logging
import os
import re
import shutil
import sys
import tempfile
import textwrap
import traceback

import six

from tests.docs import block_checks

LANGUAGES = ('python', 'console', 'ini', 'text')
_BLOCK = re.compile(r'^(?P<indent>[ \t]*)\.\. (?:code-block|code|sourcecode)::(?:[ \t]+(?P<lang>\S+))?[ \t]*$')
_SETUP = re.compile(r'^(?P<indent>[ \t]*)\.\. doc-setup[ \t]*$')
_EXPLICIT = re.compile(r'^(?P<indent>[ \t]*)\.\.(?:[ \t]+(?P<rest>.*))?$')
_DIRECTIVE = re.compile(r'^(?P<name>[\w:-]+)::(?:[ \t]+(?P<arg>.*))?$')
_OPTION = re.compile(r'^:(?P<name>[\w-]+):(?P<value>.*)$')
_FLAGS = (__future__.absolute_import.compiler_flag | __future__.division.compiler_flag
          | __future__.print_function.compiler_flag | __future__.unicode_literals.compiler_flag)


class Block(object):
    """One code block (or ``doc-setup`` comment) of a page.

    Attributes:
        path (str): The page.
        line (int): The 1-based line of the block's first content line.
        code (str): The dedented content.
        kind (str): ``code`` or ``setup``.
        lang (str): The language (``python`` for setup comments; None when not given).
        classes (set): The ``:class:`` values.
    """

    def __init__(self, path, line, code, kind, classes, lang='python'):
        self.path = path
        self.line = line
        self.code = code
        self.kind = kind
        self.classes = classes
        self.lang = lang

    def __repr__(self):
        return '<Block {}:{} {} {}>'.format(self.path, self.line, self.kind, self.lang)


def _indent_of(line):
    return len(line) - len(line.lstrip())


def _skip_body(lines, index, base):
    """Return the index of the first line after the body indented deeper than ``base``."""
    while index < len(lines) and (not lines[index].strip() or _indent_of(lines[index]) > base):
        index += 1
    return index


def parse_blocks(text, path='page.rst'):
    """Return the code blocks and ``doc-setup`` comments of RST text, in order.

    Args:
        text (str): The page.
        path (str): The name used in :class:`Block` objects.

    Returns:
        list: :class:`Block` objects (every language).
    """
    lines = text.splitlines()
    blocks = []
    index = 0
    while index < len(lines):
        match = _BLOCK.match(lines[index]) or _SETUP.match(lines[index])
        if not match:
            index += 1
            continue
        kind = 'code' if 'lang' in match.groupdict() else 'setup'
        lang = match.group('lang') if kind == 'code' else 'python'
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
            blocks.append(Block(path, start, code, kind, classes, lang))
    return blocks


def lint_page(text, path='page.rst'):
    """Return one line per way the page breaks the code-block convention.

    Args:
        text (str): The page.
        path (str): The name used in the messages.

    Returns:
        list: ``<path>:<line>: <problem>`` strings; empty when the page is fine.
    """
    lines = text.splitlines()
    problems = []
    index = 0
    while index < len(lines):
        line = lines[index]
        explicit = _EXPLICIT.match(line)
        if explicit:
            base = len(explicit.group('indent'))
            directive = _DIRECTIVE.match(explicit.group('rest') or '')
            if directive is None:  # a comment (doc-setup, target, substitution): opaque
                index = _skip_body(lines, index + 1, base)
                continue
            name, arg = directive.group('name'), (directive.group('arg') or '').strip()
            if name in ('code-block', 'code', 'sourcecode'):
                if arg not in LANGUAGES:
                    problems.append("{}:{}: code block language '{}' is not one of {}".format(
                        path, index + 1, arg, ', '.join(LANGUAGES)))
                end = _skip_body(lines, index + 1, base)
                if any(re.match(r'^\s*:class:.*\bno-run\b', body) for body in lines[index + 1:end]):
                    problems.append('{}:{}: no-run block: every block must run'.format(path, index + 1))
                index = end
                continue
            if name == 'literalinclude' and not arg.lstrip('/').startswith(('examples/', '../examples/')):
                problems.append("{}:{}: literalinclude of '{}': only examples/ files are run".format(
                    path, index + 1, arg))
            if name in ('literalinclude', 'highlight', 'parsed-literal', 'math'):
                index = _skip_body(lines, index + 1, base)
                continue
            index += 1  # other directives hold RST: look inside
            continue
        if line.rstrip().endswith('::') and not line.strip().startswith('..'):
            problems.append('{}:{}: bare :: literal block: use .. code-block:: <{}>'.format(
                path, index + 1, '|'.join(LANGUAGES)))
        index += 1
    return problems


def page_blocks(path):
    """Return the blocks of an RST file (see :func:`parse_blocks`)."""
    with io.open(path, encoding='utf-8') as handle:
        return parse_blocks(handle.read(), path)


def compile_block(block, name):
    """Compile a Python block so tracebacks name ``name`` and the page's line numbers."""
    source = '\n' * (block.line - 1) + block.code
    if six.PY2:
        source = source.encode('utf-8')
    return compile(source, name, 'exec', _FLAGS, True)


class PageEnvironment(object):
    """The namespace, emulator, folder, argv and shell the blocks of one page run in."""

    FAST_POLL = ['--batch_poll_interval', '0.01', '--batch_poll_max_interval', '0.05']

    def __init__(self, workdir, root=None):
        self.workdir = workdir
        self.root = root or os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
        self.namespace = None
        self.shell = None

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
        self._bin = tempfile.mkdtemp(prefix='tcex-docs-bin-')
        self.shell = block_checks.Shell(self.root, self._bin)
        self.namespace.update(doc_root=self.root, doc_env=self.shell.env)
        return self

    def __exit__(self, *exc):
        from tcex.app.logger import remove_handlers  # pylint: disable=import-outside-toplevel

        self.tc.stop()
        shutil.rmtree(self._bin, ignore_errors=True)
        cwd, argv, hook, level = self._saved
        os.chdir(cwd)
        sys.argv = argv
        sys.excepthook = hook
        remove_handlers('tcex')
        logging.getLogger('tcex').setLevel(level)

    def run(self, block, name):
        """Run or check one block; return None, or a failure naming ``name:line``."""
        if block.lang in ('python', 'py', 'python3'):
            return self._run_python(block, name)
        try:
            if block.lang == 'console':
                failure = self.shell.run_block(block, name, self.workdir)
            elif block.lang == 'ini':
                failure, self.namespace['doc_value'] = block_checks.check_ini(block, name)
            elif block.lang == 'text':
                failure = block_checks.check_text(block, name, self.namespace.pop('doc_output', None))
            else:
                failure = "{}:{}: code block language '{}' is not one of {}".format(
                    name, block.line, block.lang, ', '.join(LANGUAGES))
        except Exception as exc:  # pylint: disable=broad-except
            failure = '{}:{}: {}: {}'.format(name, block.line, type(exc).__name__, exc)
        self.namespace['doc_block'] = block.code
        return failure

    def _run_python(self, block, name):
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
            code_lines = block.code.splitlines()
            offset = where - block.line
            detail = six.text_type(exc) or (
                code_lines[offset].strip() if 0 <= offset < len(code_lines) else '')
            return '{}:{}: {}: {}'.format(name, where, type(exc).__name__, detail)
        return None
