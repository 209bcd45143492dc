# -*- coding: utf-8 -*-
"""``tcex package [APP_DIR] [--output DIR] [--exclude PATTERN]``: build an App's deployment zip.

Validates ``install.conf`` (or, without one, a tcex 0.8+ App's ``install.json``;
refusing on errors), then writes ``<output>/<App folder name>-v<program.version>.zip``
(default output: ``APP_DIR/target``) with that descriptor at the zip root and the App's files.
:mod:`tcex.cli.package_files` decides what goes in: files that could hold
credentials (``*.conf`` other than install.conf, ``*.bak``, ``.env``, files
setting a secret to a value), FIFOs and devices are left out and listed with
the reason; build, test and cache files, and what ``--exclude`` or the ``excludes`` of a
``tcex.json`` name, are left out silently.

The platform provides Python and ``requests`` only, so the installed ``tcex``
and ``six`` packages are copied into ``lib/`` of the zip (unless the App
already ships its own), and the zip's ``program.main`` (``programMain``) is a small bootstrap
(:mod:`tcex.cli.package_zip`) that puts ``lib/`` on ``sys.path`` and runs the
App's main script: the unzipped folder runs as it is. Files are streamed into
the zip (never read whole); entries are sorted and carry a fixed timestamp, so
the same input gives the same zip. A symlink anywhere in the App is refused;
a failed build leaves no ``.partial`` file behind.
"""
from __future__ import absolute_import, division, print_function, unicode_literals

import io
import os
import re
import sys
import zipfile

import six

import tcex
from tcex.app.install_json import InstallJson
from tcex.app.tc_conf import SECRET_KEYS
from tcex.app.validate import check, errors_in, load_config
from tcex.cli.console import echo, text_arg
from tcex.cli.validate import report
from tcex.cli.package_files import (  # noqa: F401 (collect_app_files re-exported)
    INSTALL_CONF, INSTALL_JSON, collect_app_files, collect_vendored_files, select_app_files,
)
from tcex.cli.package_zip import (
    BOOTSTRAP_NAME, bootstrap_source, install_conf_with_bootstrap, install_json_with_bootstrap,
    write_file, write_text,
)
from tcex.errors import PackageError

#: Modules vendored into ``lib/``.
VENDORED = (tcex, six)


def add_parser(subparsers):
    """Register the sub-command.

    Args:
        subparsers: The ``tcex`` command's sub-parsers.
    """
    parser = subparsers.add_parser(
        'package',
        help="validate an App and build its deployment zip",
        description="Validate an App's install.conf (or install.json) and build its deployment zip.",
    )
    parser.add_argument('app_dir', nargs='?', default='.', metavar='APP_DIR', type=text_arg,
                        help='the App folder (default: the current folder)')
    parser.add_argument('--output', metavar='DIR', type=text_arg,
                        help='where to write the zip (default: APP_DIR/target)')
    parser.add_argument('--exclude', metavar='PATTERN', type=text_arg, action='append', default=[],
                        help='leave out files and folders matching this name pattern (repeatable; '
                             'also read from the "excludes" list of a tcex.json)')
    parser.set_defaults(func=run)


def run(args):
    """Validate, package and print the zip path and file count.

    Args:
        args: The parsed namespace (``app_dir``, ``output``).

    Returns:
        int: 0 on success.

    Raises:
        PackageError: Validation errors, a symlink, or an unwritable output.
    """
    app_dir = args.app_dir
    if not os.path.isdir(app_dir):
        raise PackageError('App folder not found: {}'.format(app_dir), value=app_dir)
    conf = load_config(app_dir)
    path = conf.path
    problems = check(conf, base_dir=os.path.dirname(os.path.abspath(path)))
    if problems:
        report(problems, path, stream=sys.stderr)
    errors = errors_in(problems)
    if errors:
        raise PackageError(
            '{} has {} error{}; not packaging'.format(path, len(errors), '' if len(errors) == 1 else 's'),
            value=path,
        )
    left_out = []
    zip_path, count = build_package(app_dir, conf, output=args.output, left_out=left_out,
                                    excludes=args.exclude)
    for item in left_out:
        echo('left out {}: {}'.format(item.name, item.reason), sys.stderr)
    echo('{} ({} files)'.format(zip_path, count))
    return 0


def zip_name(app_dir, conf):
    """Return ``<App folder name>-v<program.version>.zip`` (unsafe characters become ``_``).

    Args:
        app_dir (str): The App folder.
        conf (InstallConf): Its install.conf (or InstallJson).

    Returns:
        str: The file name.
    """
    name = os.path.basename(os.path.abspath(app_dir))
    version = conf.program_version or '0.0.0'
    return re.sub(r'[^A-Za-z0-9._-]', '_', '{}-v{}'.format(name, version)) + '.zip'


def build_package(app_dir, conf, output=None, left_out=None, excludes=()):
    """Write the deployment zip; return ``(zip path, file count)``.

    Args:
        app_dir (str): The App folder.
        conf (InstallConf): Its (validated) install.conf, or an InstallJson.
        output (str): Output folder (default ``APP_DIR/target``).
        left_out (list): When given, receives a :class:`~tcex.cli.package_files.LeftOut`
            for each file left out because it could hold credentials or is not a regular file.
        excludes: More name patterns to leave out (see :func:`~tcex.cli.package_files.select_app_files`).

    Returns:
        tuple: The zip's path and the number of files in it.

    Raises:
        PackageError: A symlink, a path outside the App, a secret default in
            the descriptor, an undecodable file name, or an unwritable output.
    """
    output = output or os.path.join(app_dir, 'target')
    descriptor = INSTALL_JSON if isinstance(conf, InstallJson) else INSTALL_CONF
    _refuse_secret_defaults(conf, descriptor)
    app_files, skipped = select_app_files(app_dir, output=output, secret_keys=conf.encrypt_params,
                                          descriptor=descriptor, excludes=excludes)
    if left_out is not None:
        left_out.extend(skipped)
    names = set(name for _, name in app_files)
    python = conf.program_language != 'JAVA'
    if python and conf.program_main not in names:
        why = [item.reason for item in skipped if item.name == conf.program_main]
        raise PackageError(
            'program.main {} would not be in the zip ({})'.format(
                conf.program_main, why[0] if why else 'its name or folder is excluded'),
            value=conf.program_main,
        )
    if python and BOOTSTRAP_NAME in names:
        raise PackageError('the App has a file named {0}, the name of the bootstrap the package writes at its '
                           'root; rename it'.format(BOOTSTRAP_NAME), value=BOOTSTRAP_NAME)
    files = app_files + collect_vendored_files(app_files, VENDORED) + ([(None, BOOTSTRAP_NAME)] if python else [])
    files.sort(key=lambda item: (item[1] != descriptor, item[1]))
    try:
        if not os.path.isdir(output):
            os.makedirs(output)
    except OSError as error:
        raise PackageError('cannot create output folder {}: {}'.format(output, error.strerror), value=output)
    zip_path = os.path.join(output, zip_name(app_dir, conf))
    partial = zip_path + '.partial'
    try:
        with zipfile.ZipFile(partial, 'w', zipfile.ZIP_DEFLATED, allowZip64=True) as archive:
            for path, arcname in files:
                if path is None:
                    write_text(archive, arcname, bootstrap_source(conf.program_main))
                elif arcname == descriptor and python:
                    rewrite = install_conf_with_bootstrap if descriptor == INSTALL_CONF else \
                        install_json_with_bootstrap
                    write_text(archive, arcname, rewrite(_read_text(path)))
                else:
                    write_file(archive, path, arcname)
        if os.path.exists(zip_path):
            os.remove(zip_path)
        os.rename(partial, zip_path)
    except (IOError, OSError, zipfile.LargeZipFile, UnicodeError) as error:
        raise PackageError('cannot write {}: {}'.format(zip_path, getattr(error, 'strerror', None) or error),
                           value=zip_path)
    finally:
        if os.path.exists(partial):
            os.remove(partial)
    return zip_path, len(files)


def _read_text(path):
    with io.open(path, encoding='utf-8-sig') as handle:
        return handle.read()


def _refuse_secret_defaults(conf, descriptor):
    """A default for a secret param in the descriptor would put the secret in the zip."""
    for name, param in conf.params.items():
        if (param.is_encrypt or name in SECRET_KEYS) and param.default not in (None, ''):
            raise PackageError(
                '{} gives secret param {} a default value; remove it (it would be in the zip)'.format(
                    descriptor, name),
                value=name)
