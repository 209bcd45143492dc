# -*- coding: utf-8 -*-
"""Checks of the non-Python code blocks of the docs: console, ini and text.

See the convention at the top of ``tests/docs/rst_blocks.py``.
"""
from __future__ import absolute_import, division, print_function, unicode_literals

import io
import os
import re
import shlex
import signal
import subprocess
import sys
import tempfile
import threading

import six

COMMAND_TIMEOUT = 60
_PARAM_LINE = re.compile(r'^param\.(?P<key>[^\s=.]+)\s*=\s?(?P<value>.*)$')


# ---------------------------------------------------------------------------------- output
def _normalise(text):
    lines = [line.rstrip() for line in text.replace('\r\n', '\n').split('\n')]
    while lines and not lines[-1]:
        lines.pop()
    while lines and not lines[0]:
        lines.pop(0)
    return lines


def output_pattern(expected):
    """Return the compiled regex for expected output with ``...`` wildcards.

    A line that is only ``...`` matches any number of lines; ``...`` inside a line matches
    any text within that line. Trailing blanks and surrounding blank lines are ignored.
    """
    parts = []
    for line in _normalise(expected):
        if line.strip() == '...':
            parts.append(r'(?:[^\n]*\n)*?')
        else:
            parts.append('.*?'.join(re.escape(piece) for piece in line.split('...')) + r'\n')
    return re.compile(''.join(parts) + r'\Z')


def output_matches(expected, actual):
    """Return whether ``actual`` output matches ``expected`` (see :func:`output_pattern`)."""
    lines = _normalise(actual)
    text = '\n'.join(lines) + '\n' if lines else ''
    return output_pattern(expected).match(text) is not None


def _mismatch(where, what, expected, actual):
    return '{}: {} differs\n--- expected\n{}\n--- actual\n{}'.format(
        where, what, '\n'.join(_normalise(expected)), '\n'.join(_normalise(actual)))


def check_text(block, name, output):
    """Check a ``text`` block against ``output`` (the page's ``doc_output``)."""
    where = '{}:{}'.format(name, block.line)
    if output is None:
        return '{}: text block is not checked: set doc_output in a doc-setup before it'.format(where)
    if not isinstance(output, six.text_type):
        output = output.decode('utf-8') if isinstance(output, bytes) else six.text_type(output)
    if output_matches(block.code, output):
        return None
    return _mismatch(where, 'text block', block.code, output)


# ------------------------------------------------------------------------------------- ini
def check_ini(block, name):
    """Check an ``ini`` block; return ``(failure or None, parsed value)``."""
    # pylint: disable=import-outside-toplevel
    from tcex.errors import ConfigError
    from tcex.app.install_conf import InstallConf
    from tcex.app.tc_conf import parse_tc_conf
    from tcex.app.validate import check, errors_in

    where = '{}:{}'.format(name, block.line)
    lines = [line for line in block.code.splitlines() if line.strip()]
    if any(line.strip() == '[threatconnect]' for line in lines):
        try:
            return None, parse_tc_conf(block.code)
        except ConfigError as exc:
            return '{}:{}: tc.conf error: {}'.format(
                name, block.line + (exc.line or 1) - 1, re.sub(r'^\S+:\d+: ', '', exc.message)), None
    if any(line.startswith('program.') for line in lines):
        conf = InstallConf.parse(block.code, path=name)
        errors = errors_in(check(conf))
        if errors:
            first = errors[0]
            return '{}:{}: install.conf error: {}'.format(
                name, block.line + first.line - 1, first.message), conf
        return None, conf
    if lines and all(_PARAM_LINE.match(line) for line in lines):
        return check_results_tc(block, name)
    return '{}: ini block is none of tc.conf, install.conf, results.tc'.format(where), None


def check_results_tc(block, name):
    """Check a ``results.tc`` block against what ``write_results_tc`` writes."""
    from tcex.app.results import write_results_tc  # pylint: disable=import-outside-toplevel

    folder = tempfile.mkdtemp(prefix='tcex-docs-results-')
    values = {}
    try:
        for line in block.code.splitlines():
            match = _PARAM_LINE.match(line)
            if match:
                values[match.group('key')] = match.group('value')
                path = write_results_tc(folder, match.group('key'), match.group('value'))
        with io.open(path, encoding='utf-8') as handle:
            written = handle.read()
    finally:
        for item in os.listdir(folder):
            os.remove(os.path.join(folder, item))
        os.rmdir(folder)
    if _normalise(written) != _normalise(block.code):
        return _mismatch('{}:{}'.format(name, block.line), 'results.tc', block.code, written), values
    return None, values


# --------------------------------------------------------------------------------- console
def parse_console(block):
    """Return ``[(line, command, expected output)]`` of a console block."""
    lines = block.code.splitlines()
    commands = []
    index = 0
    while index < len(lines):
        line = lines[index]
        if not line.startswith('$ '):
            raise ValueError('{}: console output before the first "$ " command'.format(block.line + index))
        start = index
        command = line[2:]
        while command.endswith('\\') and index + 1 < len(lines):
            index += 1
            command = command[:-1] + '\n' + lines[index]
        index += 1
        output = []
        while index < len(lines) and not lines[index].startswith('$ '):
            output.append(lines[index])
            index += 1
        commands.append((block.line + start, command, '\n'.join(output)))
    return commands


class Shell(object):
    """Runs console commands with ``tcex``/``python`` meaning this checkout."""

    def __init__(self, root, bin_dir):
        self.root = root
        self.bin_dir = bin_dir
        for tool, args in (('tcex', '-m tcex '), ('python', '')):
            path = os.path.join(bin_dir, tool)
            with io.open(path, 'w', encoding='utf-8') as handle:
                handle.write('#!/bin/sh\nexec "{}" {}"$@"\n'.format(sys.executable, args))
            os.chmod(path, 0o755)
        env = dict((key, value) for key, value in os.environ.items() if not key.startswith('TCEX_'))
        env['PATH'] = bin_dir + os.pathsep + env.get('PATH', '/usr/bin:/bin')
        env['PYTHONPATH'] = root + (os.pathsep + env['PYTHONPATH'] if env.get('PYTHONPATH') else '')
        env['PYTHONDONTWRITEBYTECODE'] = '1'
        env['PYTHONIOENCODING'] = 'utf-8'
        self.env = dict((str(key), str(value)) for key, value in env.items())

    def run_block(self, block, name, cwd):
        """Run every command of a console block from ``cwd``; return a failure or None."""
        try:
            commands = parse_console(block)
        except ValueError as exc:
            return '{}:{}'.format(name, exc)
        for line, command, expected in commands:
            where = '{}:{}'.format(name, line)
            static = self.check_static(command)
            if static is not False:
                if static:
                    return '{}: {}'.format(where, static)
                if expected.strip():
                    return "{}: '{}' is not run, so it cannot show output".format(where, command)
                continue
            code, output, cwd = self.run_command(command, cwd)
            if code is None:
                return "{}: '{}' did not finish within {} s".format(where, command, COMMAND_TIMEOUT)
            if code != 0:
                return "{}: '{}' exited with code {}: {}".format(
                    where, command, code, ' | '.join(_normalise(output)[-5:]))
            if not output_matches(expected, output):
                return _mismatch(where, "output of '{}'".format(command), expected, output)
        return None

    def check_static(self, command):
        """Check a repository-tooling command without running it.

        Returns:
            False when the command is to be run; '' when it checks out; else the problem.
        """
        words = shlex.split(command)
        if words[0] == 'make':
            with io.open(os.path.join(self.root, 'Makefile'), encoding='utf-8') as handle:
                targets = re.findall(r'^([\w.-]+)\s*:', handle.read(), re.M)
            missing = [word for word in words[1:] if word not in targets]
            return 'Makefile has no target {}'.format(', '.join(missing)) if missing else ''
        match = re.match(r'^\.tox/([\w.-]+)/bin/python$', words[0])
        if match:
            with io.open(os.path.join(self.root, 'tox.ini'), encoding='utf-8') as handle:
                envlist = re.search(r'^envlist\s*=\s*(.*)$', handle.read(), re.M).group(1)
            if match.group(1) not in [env.strip() for env in envlist.split(',')]:
                return 'tox.ini has no env {}'.format(match.group(1))
            if words[1:3] != ['-m', 'pytest']:
                return 'only "-m pytest" is checked for .tox commands'
            missing = [word for word in words[3:] if not word.startswith('-')
                       and not os.path.exists(os.path.join(self.root, word.split('::')[0]))]
            return 'no such test path {}'.format(', '.join(missing)) if missing else ''
        return False

    def run_command(self, command, cwd):
        """Run one command; return ``(exit code or None on timeout, output, new cwd)``."""
        handle, cwd_file = tempfile.mkstemp(prefix='tcex-docs-cwd-')
        os.close(handle)
        script = '{}\n__doc_rc=$?\npwd > "{}"\nexit $__doc_rc\n'.format(command, cwd_file)
        with io.open(os.devnull, 'rb') as devnull:
            process = subprocess.Popen(['/bin/sh', '-c', script], cwd=cwd, env=self.env,
                                       stdin=devnull, stdout=subprocess.PIPE,
                                       stderr=subprocess.STDOUT, preexec_fn=os.setsid)
        timed_out = []

        def kill():
            timed_out.append(True)
            try:
                os.killpg(process.pid, signal.SIGKILL)
            except OSError:
                pass

        timer = threading.Timer(COMMAND_TIMEOUT, kill)
        timer.start()
        try:
            output = process.communicate()[0]
        finally:
            timer.cancel()
        with io.open(cwd_file, encoding='utf-8') as handle:
            new_cwd = handle.read().strip() or cwd
        os.remove(cwd_file)
        code = None if timed_out else process.returncode
        return code, output.decode('utf-8', 'replace'), new_cwd
