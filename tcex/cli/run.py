# -*- coding: utf-8 -*-
"""``tcex run SCRIPT [ARGS...]``: run an App locally as the platform would.

Reads ``tc.conf`` next to SCRIPT (or ``--config PATH``) and, when present,
``install.conf`` (else ``install.json``) next to SCRIPT; builds the command line the platform would
pass (:func:`tcex.app.tc_conf.build_argv`); creates the ``tc_log_path``,
``tc_temp_path`` and ``tc_out_path`` folders the platform would provide; then
runs ``<this python> SCRIPT <argv> <ARGS>`` in SCRIPT's folder, with its
output relayed line by line to this terminal with its secrets masked
(:mod:`tcex.cli.relay`), and returns its exit code. An ARG ``--key`` replaces
tc.conf's ``key`` (for a list param, its items replace tc.conf's list).
"""
from __future__ import absolute_import, division, print_function, unicode_literals

import argparse
import collections
import os
import sys

from tcex.app.install_json import load_app_config
from tcex.app.tc_conf import (build_argv, drop_overridden, mask_argv, read_tc_conf, secret_keys,
                              tc_conf_path_for)
from tcex.cli.console import echo, text_arg
from tcex.cli.relay import run_masked, secret_values
from tcex.errors import ConfigError
from tcex.utils.text import fs_text

#: tc.conf keys naming folders the platform creates before a run.
PATH_KEYS = ('tc_log_path', 'tc_temp_path', 'tc_tmp_path', 'tc_out_path')


def add_parser(subparsers):
    """Register the sub-command.

    Args:
        subparsers: The ``tcex`` command's sub-parsers.
    """
    parser = subparsers.add_parser(
        'run',
        help='run an App with the arguments from its tc.conf',
        description=(
            'Run SCRIPT with this Python and the [threatconnect] values of the tc.conf next '
            'to it as command line arguments, as the platform would; return its exit code.'
        ),
    )
    parser.add_argument('--config', metavar='PATH', type=text_arg,
                        help='the tc.conf to use (default: next to SCRIPT)')
    parser.add_argument(
        '--emulator', action='store_true',
        help=('run against an embedded ThreatConnect API emulator instead of tc_api_path, '
              'then print a summary of what it stored'),
    )
    parser.add_argument(
        '--add-owner', metavar='NAME', type=text_arg, action='append', default=[],
        help='with --emulator: another owner (community/source) that exists; repeatable',
    )
    parser.add_argument(
        '--load', metavar='FILE', type=text_arg, action='append', default=[],
        help=('with --emulator: store the indicators of this JSON file ({"owner": [indicator, '
              '...]}) before the run; its owners are added; repeatable'),
    )
    parser.add_argument(
        '--dry-run', action='store_true',
        help='print the command (secrets masked) instead of running it',
    )
    parser.add_argument('script', metavar='SCRIPT', type=text_arg, help="the App's main script")
    parser.add_argument('extra', nargs=argparse.REMAINDER, metavar='ARGS',
                        help='more arguments passed to the script after those from tc.conf')
    parser.set_defaults(func=run)


def _app_root(script):
    """Return the App folder of a main script and its descriptor path (or None).

    The platform runs an App in the folder of its ``install.conf``, whose ``program.main`` may
    be in a subfolder (``src/app.py``): the descriptor is looked for next to the script, then in
    each parent folder up to the current one.
    """
    folder = os.path.dirname(os.path.abspath(script))
    stop = os.path.abspath(fs_text(os.getcwd()))
    inside = (folder + os.sep).startswith(stop.rstrip(os.sep) + os.sep)  # run from the App or above the script
    candidate = folder
    while True:
        for name in ('install.conf', 'install.json'):
            if os.path.isfile(os.path.join(candidate, name)):
                return candidate, os.path.join(candidate, name)
        parent = os.path.dirname(candidate)
        if not inside or candidate == stop or parent == candidate:
            return folder, None
        candidate = parent


def app_layout(script, config=None):
    """Return ``(folder, script path in it, tc.conf path, descriptor path or None)`` of an App.

    The folder is the App's (see :func:`_app_root`); the tc.conf is ``config``, else the one
    next to the script, else the one in the App folder.
    """
    folder, descriptor = _app_root(script)
    path = config or tc_conf_path_for(script)
    if config is None and not os.path.isfile(path) and os.path.isfile(os.path.join(folder, 'tc.conf')):
        path = os.path.join(folder, 'tc.conf')
    return folder, os.path.relpath(os.path.abspath(script), folder), path, descriptor


def read_app(script, config=None, missing_ok=False):
    """Return ``(folder, install_conf, values, relative script, tc.conf path)`` for the App whose main script is SCRIPT.

    Args:
        script (str): The App's main script.
        config (str): The tc.conf (default: next to the script, else in the App folder).
        missing_ok (bool): Treat a missing default tc.conf as empty instead of an error.

    Returns:
        tuple: The App folder (that of its install.conf, see :func:`_app_root`), its
        InstallConf (or None), the tc.conf values, the script's path in the folder and the
        tc.conf path.

    Raises:
        ConfigError: Missing script, missing or malformed tc.conf, or an
            install.conf with errors.
    """
    if not os.path.isfile(script):
        raise ConfigError('script not found', value=script, path=script)
    folder, relative, path, descriptor = app_layout(script, config)
    if missing_ok and config is None and not os.path.isfile(path):
        values = collections.OrderedDict()
    else:
        values = read_tc_conf(path)
    install_conf = None
    if descriptor is not None:
        install_conf = load_app_config(descriptor)
        install_conf.raise_on_errors()
    return folder, install_conf, values, relative, path


def build_command(script, config=None, extra=None):
    """Return ``(command, cwd, install_conf, values)`` for running SCRIPT.

    Args:
        script (str): The App's main script.
        config (str): The tc.conf (default: next to the script).
        extra (list): Arguments appended after those from tc.conf.

    Returns:
        tuple: The command list, the folder to run in, the InstallConf (or
        None) and the tc.conf values.

    Raises:
        ConfigError: Missing script, missing or malformed tc.conf, or an
            install.conf with errors.
    """
    folder, install_conf, values, relative, path = read_app(script, config)
    argv = build_argv(drop_overridden(values, extra), install_conf, path=path)
    command = [sys.executable, relative] + argv + list(extra or [])
    return command, folder, install_conf, values


def make_folders(values, folder):
    """Create the log, temp and out folders named in ``values``, as the platform would.

    Args:
        values (dict): The tc.conf values.
        folder (str): The App's folder (relative paths are taken from it).

    Raises:
        ConfigError: A folder cannot be created.
    """
    for key in PATH_KEYS:
        value = values.get(key)
        if not value:
            continue
        path = os.path.join(folder, value)
        if not os.path.isdir(path):
            try:
                os.makedirs(path)
            except OSError as error:
                raise ConfigError(
                    'cannot create {} folder: {}'.format(key, error.strerror or error), value=path
                )


def run(args):
    """Run the script and return its exit code.

    Args:
        args: The parsed namespace (``script``, ``config``, ``emulator``, ``dry_run``, ``extra``).

    Returns:
        int: The script's exit code (128 + N when killed by signal N).
    """
    extra = [text_arg(arg) for arg in args.extra or []]
    if extra and extra[0] == '--':
        extra = extra[1:]
    if args.emulator:
        from tcex.cli.emulated import run_with_emulator  # pylint: disable=import-outside-toplevel

        return run_with_emulator(args.script, args.config, extra, owners=args.add_owner,
                                 load=args.load)
    if args.add_owner or args.load:
        raise ConfigError('--add-owner and --load need --emulator')
    command, folder, install_conf, values = build_command(args.script, args.config, extra)
    if args.dry_run:
        shown = mask_argv(command, secret_keys(install_conf))
        echo('cd {}'.format(folder))
        echo(' '.join(_quote(arg) for arg in shown))
        return 0
    make_folders(values, folder)
    sys.stdout.flush()
    sys.stderr.flush()
    secrets = secret_values(values, secret_keys(install_conf), extra,
                            delimiter=getattr(install_conf, 'list_delimiter', None))
    return run_masked(command, folder, secrets)


def _quote(arg):
    if arg and all(char.isalnum() or char in '-_./=:,@%+' for char in arg):
        return arg
    return "'{}'".format(arg.replace("'", "'\\''"))
