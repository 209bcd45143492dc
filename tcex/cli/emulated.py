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
* An extra argument ``--key`` replaces tc.conf's ``key`` (a list param's items replace tc.conf's).

The App's output is masked (:mod:`tcex.cli.relay`): the emulator's secret key and
the tc.conf values of secret params never reach the terminal. ``owners`` adds
owners (communities/sources) and ``load`` stores indicators from JSON files
(``{"owner": [{"type": "Host", "summary": "bad.example.com", ...}, ...]}``, the
items as :meth:`tcex.testing.state.Store.load_indicators` takes them) before the run.
"""
from __future__ import absolute_import, division, print_function, unicode_literals

import collections
import io
import json
import os
import sys

import six

from tcex.app.tc_conf import build_argv, drop_overridden, secret_keys
from tcex.cli.console import echo
from tcex.utils.text import fs_text
from tcex.cli.relay import child_env, run_masked, secret_values
from tcex.cli.run import make_folders, read_app
from tcex.errors import ConfigError

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
    folder, install_conf, values, relative, path = read_app(script, config, missing_ok=True)
    kept = collections.OrderedDict((k, v) for k, v in values.items() if k not in DROPPED_KEYS)
    kept['api_default_org'] = emulator.owner
    argv = build_argv(drop_overridden(kept, extra_args), install_conf, path=path)
    argv += ['--tc_api_path', emulator.url, '--api_access_id', emulator.api_access_id,
             '--api_secret_key', emulator.api_secret_key]
    command = [sys.executable, relative] + argv + FAST_POLL_ARGS + list(extra_args or [])
    return command, folder, kept


def _child_env():
    import tcex  # pylint: disable=import-outside-toplevel

    env = dict(os.environ)
    root = os.path.dirname(os.path.dirname(os.path.abspath(fs_text(tcex.__file__))))
    env['PYTHONPATH'] = os.pathsep.join([root] + ([env['PYTHONPATH']] if env.get('PYTHONPATH') else []))
    env['PYTHONIOENCODING'] = 'utf-8'
    env['TCEX_LOG_STDERR'] = '1'
    return child_env(env)


def run_subprocess(command, cwd, out, secrets=()):
    """Run ``command`` in ``cwd``, relaying its stdout and stderr line by line to ``out``.

    Args:
        command (list): The command.
        cwd (str): The folder to run in.
        out: A text stream.
        secrets (iterable): Values masked (in every form) in the relayed lines.

    Returns:
        int: The exit code (128 + N when killed by signal N).
    """
    return run_masked(command, cwd, set(secrets), out=out, err=out, env=_child_env())


def read_seed(path):
    """Read a JSON file of indicators to store: ``{"owner": [indicator, ...]}``.

    Args:
        path (str): The file.

    Returns:
        list: ``(owner, items)`` pairs, in file order.

    Raises:
        ConfigError: Unreadable file, not JSON, or not of that shape (naming the file and entry).
    """
    try:
        with io.open(path, encoding='utf-8-sig') as handle:
            data = json.load(handle, object_pairs_hook=collections.OrderedDict)
    except (IOError, OSError) as error:
        raise ConfigError('cannot read indicators: {}'.format(error.strerror or error), value=path,
                          path=path)
    except ValueError as error:
        raise ConfigError('not valid JSON: {}'.format(error), value=path, path=path)
    except RuntimeError:  # RecursionError (Python 3), RuntimeError (Python 2)
        raise ConfigError('not valid JSON: nested too deeply', value=path, path=path)
    if not isinstance(data, dict):
        raise ConfigError('expected an object {"owner": [indicator, ...]}', value=path, path=path)
    seed = []
    for owner, items in data.items():
        if not isinstance(items, list):
            raise ConfigError("owner '{}': expected a list of indicators".format(owner), value=owner,
                              path=path)
        for number, item in enumerate(items, 1):
            if not isinstance(item, dict) or not all(
                    isinstance(item.get(k), six.string_types) and item.get(k) for k in ('type', 'summary')):
                raise ConfigError("owner '{}' indicator {}: needs a 'type' and a 'summary'".format(
                    owner, number), value=json.dumps(item), path=path)
        seed.append((owner, items))
    return seed


def load_seeds(emulator, seeds):
    """Store the indicators of :func:`read_seed` pairs in a started emulator.

    Raises:
        ConfigError: An owner the emulator does not have.
    """
    for owner, items in seeds:
        if owner not in emulator.owners:
            raise ConfigError("owner '{}' does not exist in the emulator".format(owner), value=owner)
        emulator.store.load_indicators(owner, [dict(item) for item in items])


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


def run_with_emulator(script, config=None, extra_args=None, out=None, emulator=None, owners=(),
                      load=()):
    """Run an App against an embedded emulator and print a summary of what it stored.

    Args:
        script (str): The App's main script.
        config (str): The tc.conf (default: next to the script).
        extra_args (list): More arguments for the script, after those from tc.conf.
        out: Text stream for the App's output and the summary (default ``sys.stdout``).
        emulator (tcex.testing.ThreatConnectEmulator): Use this emulator (started if
            needed, left running) instead of a new one; lets several Apps share one.
        owners (list): More owners the new emulator has (communities/sources).
        load (list): JSON files of indicators to store first (see :func:`read_seed`);
            their owners are added to a new emulator.

    Returns:
        int: The App's exit code.

    Raises:
        ConfigError: Missing script, malformed tc.conf or seed file, or an install.conf
            with errors.
    """
    from tcex.testing import ThreatConnectEmulator  # pylint: disable=import-outside-toplevel

    out = out or sys.stdout
    _, install_conf, values, _, _ = read_app(script, config, missing_ok=True)
    seeds = [pair for path in load for pair in read_seed(path)]
    own = emulator is None
    if own:
        emulator = ThreatConnectEmulator(owner=values.get('api_default_org') or DEFAULT_OWNER,
                                         owners=_unique(list(owners) + [o for o, _ in seeds]),
                                         polls_until_complete=1)
    emulator.start()
    try:
        load_seeds(emulator, seeds)
        command, folder, kept = build_emulated_command(script, emulator, config, extra_args)
        make_folders(kept, folder)
        secrets = secret_values(values, secret_keys(install_conf), extra_args,
                                delimiter=getattr(install_conf, 'list_delimiter', None),
                                more=[emulator.api_secret_key, emulator.token])
        echo('== emulator {} (owner {}) =='.format(emulator.url, emulator.owner), out)
        shown = os.path.relpath(os.path.join(folder, command[1]), fs_text(os.getcwd()))
        echo('== running {} =='.format(shown), out)
        _flush(out)
        code = run_subprocess(command, folder, out, secrets)
        echo('== {} exited with code {} ({}) =='.format(command[1], code, _describe(code)), out)
        echo('== what the emulator stored ==', out)
        for line in summarize(emulator):
            echo(line, out)
        _flush(out)
    finally:
        if own:
            emulator.stop()
    return code


def _unique(names):
    return list(collections.OrderedDict((name, None) for name in names))


def _describe(code):
    return {0: 'success', 3: 'partial failure'}.get(code, 'failure')
