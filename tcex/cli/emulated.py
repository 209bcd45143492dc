# -*- coding: utf-8 -*-
"""Run an App against an embedded ThreatConnect API emulator (``tcex run --emulator``).

:func:`run_with_emulator` starts a :class:`tcex.testing.ThreatConnectEmulator`,
builds the App's command line from its ``tc.conf`` as ``tcex run`` does, with the
emulator's ``tc_api_path`` and credentials replacing those of ``tc.conf``, runs
the script as a subprocess with its output (logs included) relayed live, and
ends with a summary of what the emulator stored: groups and indicators by type,
uploaded files, batch jobs and their errors.

What the emulated run changes in the App's arguments:

* ``tc_api_path``, ``api_access_id``, ``api_secret_key`` point at the emulator;
  ``tc_token``, ``tc_token_expires`` and every ``tc_proxy_*`` key are dropped.
* ``api_default_org`` is kept: the emulator's default owner takes its name.
* ``--batch_poll_interval 0.1 --batch_poll_max_interval 0.5`` are added (a local
  server needs no 15 s wait); the App's own ``extra_args`` come last and win.
* ``TCEX_LOG_STDERR=1`` is set so the App's log records are shown as they happen.
"""
from __future__ import absolute_import, division, print_function, unicode_literals

import collections
import os
import subprocess
import sys

import six

from tcex.app.tc_conf import build_argv
from tcex.cli.console import echo
from tcex.cli.run import make_folders, read_app

#: tc.conf keys replaced by (or dropped in favour of) the emulator's values.
DROPPED_KEYS = ('tc_api_path', 'api_access_id', 'api_secret_key', 'tc_token', 'tc_token_expires',
                'tc_proxy_host', 'tc_proxy_port', 'tc_proxy_username', 'tc_proxy_password',
                'tc_proxy_tc', 'tc_proxy_external')

#: Arguments added so polling a local emulator does not wait as long as the platform needs.
FAST_POLL_ARGS = ['--batch_poll_interval', '0.1', '--batch_poll_max_interval', '0.5']

DEFAULT_OWNER = 'Demo Organization'


def build_emulated_command(script, emulator, config=None, extra_args=None):
    """Return ``(command, cwd, values)`` to run SCRIPT against a started emulator.

    Args:
        script (str): The App's main script.
        emulator (tcex.testing.ThreatConnectEmulator): A started emulator.
        config (str): The tc.conf (default: next to the script; a missing
            default tc.conf means no values).
        extra_args (list): Arguments appended last.

    Returns:
        tuple: The command list, the folder to run in, and the tc.conf values used.

    Raises:
        ConfigError: Missing script, malformed tc.conf, or an install.conf with errors.
    """
    folder, install_conf, values = read_app(script, config, missing_ok=True)
    kept = collections.OrderedDict((k, v) for k, v in values.items() if k not in DROPPED_KEYS)
    kept['api_default_org'] = emulator.owner
    argv = build_argv(kept, install_conf)
    argv += ['--tc_api_path', emulator.url, '--api_access_id', emulator.api_access_id,
             '--api_secret_key', emulator.api_secret_key]
    command = [sys.executable, os.path.basename(script)] + argv + FAST_POLL_ARGS + list(extra_args or [])
    return command, folder, kept


def _child_env():
    import tcex  # pylint: disable=import-outside-toplevel

    env = dict(os.environ)
    root = os.path.dirname(os.path.dirname(os.path.abspath(tcex.__file__)))
    env['PYTHONPATH'] = os.pathsep.join([root] + ([env['PYTHONPATH']] if env.get('PYTHONPATH') else []))
    env['PYTHONUNBUFFERED'] = '1'
    env['PYTHONIOENCODING'] = 'utf-8'
    env['TCEX_LOG_STDERR'] = '1'
    if six.PY2:  # pragma: no cover - Python 2 wants a bytes environment
        env = dict((_native(k), _native(v)) for k, v in env.items())
    return env


def _native(value):
    if six.PY2 and isinstance(value, six.text_type):  # pragma: no cover
        return value.encode(sys.getfilesystemencoding() or 'utf-8')
    return value


def run_subprocess(command, cwd, out):
    """Run ``command`` in ``cwd``, relaying its stdout and stderr line by line to ``out``.

    Args:
        command (list): The command.
        cwd (str): The folder to run in.
        out: A text stream.

    Returns:
        int: The exit code (128 + N when killed by signal N).
    """
    process = subprocess.Popen([_native(arg) for arg in command], cwd=_native(cwd), env=_child_env(),
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    try:
        for line in iter(process.stdout.readline, b''):
            echo(line.decode('utf-8', 'replace').rstrip('\r\n'), out)
            _flush(out)
    except KeyboardInterrupt:  # pragma: no cover - interactive only
        process.terminate()
    finally:
        process.stdout.close()
    code = process.wait()
    return 128 - code if code < 0 else code


def _flush(stream):
    flush = getattr(stream, 'flush', None)
    if flush is not None:
        flush()


def summarize(emulator):
    """Return the lines of the summary of what an emulator stored.

    Args:
        emulator (tcex.testing.ThreatConnectEmulator): The emulator.

    Returns:
        list: Text lines: groups and indicators by type (per owner), uploaded
        files, batch jobs with their counts, and the first errors reported.
    """
    lines = []
    for owner in emulator.owners:
        groups = emulator.groups(owner=owner)
        indicators = emulator.indicators(owner=owner)
        if not groups and not indicators and owner != emulator.owner:
            continue
        lines.append('owner {}:'.format(owner))
        lines.append('  groups:     {:>6}{}'.format(len(groups), _by_type(groups)))
        lines.append('  indicators: {:>6}{}'.format(len(indicators), _by_type(indicators)))
    files = emulator.files
    lines.append('files uploaded: {} ({} bytes)'.format(len(files), sum(len(x) for x in files.values())))
    jobs = emulator.batch_jobs
    totals = collections.Counter()
    states = collections.Counter()
    errors = []
    for job in jobs:
        status = job.get('batchStatus') or {}
        states[job.get('status') or status.get('status') or '?'] += 1
        for key in ('successCount', 'errorCount', 'unprocessCount'):
            totals[key] += int(status.get(key) or 0)
        errors.extend(job.get('errors') or [])
    lines.append('batch jobs: {}{}: {} succeeded, {} errors, {} unprocessed'.format(
        len(jobs), ' ({})'.format(', '.join('{} {}'.format(n, s) for s, n in sorted(states.items())))
        if jobs else '', totals['successCount'], totals['errorCount'], totals['unprocessCount']))
    if errors:
        lines.append('errors reported by the batch API: {}'.format(len(errors)))
        for entry in errors[:5]:
            lines.append('  - {}'.format(entry.get('errorReason') or entry))
        if len(errors) > 5:
            lines.append('  ... and {} more'.format(len(errors) - 5))
    else:
        lines.append('errors reported by the batch API: none')
    return lines


def _by_type(records):
    counts = collections.Counter(record.get('type') for record in records)
    if not counts:
        return ''
    return '  ({})'.format(', '.join('{} {}'.format(name, counts[name]) for name in sorted(counts)))


def run_with_emulator(script, config=None, extra_args=None, out=None, emulator=None):
    """Run an App against an embedded emulator and print a summary of what it stored.

    Args:
        script (str): The App's main script.
        config (str): The tc.conf (default: next to the script).
        extra_args (list): More arguments for the script, after those from tc.conf.
        out: Text stream for the App's output and the summary (default ``sys.stdout``).
        emulator (tcex.testing.ThreatConnectEmulator): Use this emulator (started if
            needed, left running) instead of a new one; lets several Apps share one.

    Returns:
        int: The App's exit code.

    Raises:
        ConfigError: Missing script, malformed tc.conf, or an install.conf with errors.
    """
    from tcex.testing import ThreatConnectEmulator  # pylint: disable=import-outside-toplevel

    out = out or sys.stdout
    values = read_app(script, config, missing_ok=True)[2]
    own = emulator is None
    if own:
        emulator = ThreatConnectEmulator(owner=values.get('api_default_org') or DEFAULT_OWNER,
                                         polls_until_complete=1)
    emulator.start()
    try:
        command, folder, kept = build_emulated_command(script, emulator, config, extra_args)
        make_folders(kept, folder)
        echo('== emulator {} (owner {}) =='.format(emulator.url, emulator.owner), out)
        echo('== running {} =='.format(os.path.relpath(os.path.join(folder, command[1]))), out)
        _flush(out)
        code = run_subprocess(command, folder, out)
        echo('== {} exited with code {} ({}) =='.format(command[1], code, _describe(code)), out)
        echo('== what the emulator stored ==', out)
        for line in summarize(emulator):
            echo(line, out)
        _flush(out)
    finally:
        if own:
            emulator.stop()
    return code


def _describe(code):
    return {0: 'success', 3: 'partial failure'}.get(code, 'failure')
