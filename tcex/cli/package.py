# -*- coding: utf-8 -*-
"""``tcex package [APP_DIR] [--output DIR]``: build an App's deployment zip.

Validates ``install.conf`` (refusing on errors), then writes
``<output>/<App folder name>-v<program.version>.zip`` (default output:
``APP_DIR/target``) with ``install.conf`` at the zip root and the App's files.
Left out: ``tc.conf``, dotfiles and dot-folders (``.git``, ``.env``, ...),
``__pycache__`` and compiled files, ``tests``/``test_*.py``, ``build``/``dist``,
virtualenvs, the output folder, the ``log``/``out``/``tmp`` folders (and those
tc.conf names), ``*.egg-info``, ``*.log`` and ``*.tc``.

The platform provides Python and ``requests`` only, so the installed ``tcex``
and ``six`` packages are copied into ``lib/`` of the zip (unless the App
already ships its own); the scaffolded main script puts ``lib/`` on
``sys.path``. Entries are sorted and carry a fixed timestamp, so the same
input gives the same zip. A symlink anywhere in the App is refused.
"""
from __future__ import absolute_import, division, print_function, unicode_literals

import fnmatch
import io
import os
import re
import sys
import zipfile

import six

import tcex
from tcex.app.install_conf import InstallConf
from tcex.app.validate import check, errors_in, find_install_conf
from tcex.cli.console import echo, text_arg
from tcex.cli.validate import report
from tcex.errors import ConfigError, PackageError

#: Folder names never packaged (anywhere in the tree).
EXCLUDED_DIRS = ('__pycache__', 'tests')

#: Folder names never packaged at the App's top level.
TOP_LEVEL_EXCLUDED_DIRS = (
    'log', 'logs', 'out', 'tmp', 'temp', 'target', 'venv', 'env', 'build', 'dist', 'htmlcov',
    'node_modules',
)

#: File name patterns never packaged.
EXCLUDED_FILES = (
    'tc.conf', '*.pyc', '*.pyo', 'test_*.py', '*_test.py', 'conftest.py', '*.log', '*.tc',
    '*.zip', '*.egg-info', '*~', '*.swp',
)

#: Modules vendored into ``lib/``.
VENDORED = (tcex, six)

#: Fixed timestamp of every zip entry (the zip format's earliest date).
ZIP_DATE = (1980, 1, 1, 0, 0, 0)


def add_parser(subparsers):
    """Register the sub-command.

    Args:
        subparsers: The ``tcex`` command's sub-parsers.
    """
    parser = subparsers.add_parser(
        'package',
        help="validate an App and build its deployment zip",
        description="Validate an App's install.conf and build its deployment zip.",
    )
    parser.add_argument('app_dir', nargs='?', default='.', metavar='APP_DIR', type=text_arg,
                        help='the App folder (default: the current folder)')
    parser.add_argument('--output', metavar='DIR', type=text_arg,
                        help='where to write the zip (default: APP_DIR/target)')
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
    path = find_install_conf(app_dir)
    conf = InstallConf.load(path)
    problems = check(conf, base_dir=os.path.dirname(os.path.abspath(path)))
    if problems:
        report(problems, path, stream=sys.stderr)
    errors = errors_in(problems)
    if errors:
        raise PackageError(
            '{} has {} error{}; not packaging'.format(path, len(errors), '' if len(errors) == 1 else 's'),
            value=path,
        )
    zip_path, count = build_package(app_dir, conf, output=args.output)
    echo('{} ({} files)'.format(zip_path, count))
    return 0


def zip_name(app_dir, conf):
    """Return ``<App folder name>-v<program.version>.zip`` (unsafe characters become ``_``).

    Args:
        app_dir (str): The App folder.
        conf (InstallConf): Its install.conf.

    Returns:
        str: The file name.
    """
    name = os.path.basename(os.path.abspath(app_dir))
    version = conf.program_version or '0.0.0'
    return re.sub(r'[^A-Za-z0-9._-]', '_', '{}-v{}'.format(name, version)) + '.zip'


def _excluded_paths(app_dir, output):
    """Return real paths (output folder, tc.conf's folders) to leave out."""
    paths = set()
    if output:
        paths.add(os.path.realpath(output))
    tc_conf = os.path.join(app_dir, 'tc.conf')
    if os.path.isfile(tc_conf):
        from tcex.app.tc_conf import read_tc_conf  # pylint: disable=import-outside-toplevel

        try:
            values = read_tc_conf(tc_conf)
        except ConfigError:
            values = {}
        for key in ('tc_log_path', 'tc_temp_path', 'tc_tmp_path', 'tc_out_path'):
            if values.get(key):
                paths.add(os.path.realpath(os.path.join(app_dir, values[key])))
    return paths


def _is_virtualenv(path):
    return os.path.isfile(os.path.join(path, 'pyvenv.cfg')) or os.path.isfile(
        os.path.join(path, 'bin', 'activate')
    )


def _matches(name, patterns):
    return any(fnmatch.fnmatch(name, pattern) for pattern in patterns)


def _refuse_link(path, root):
    target = os.path.realpath(path)
    where = 'outside' if not (target + os.sep).startswith(root + os.sep) else 'inside'
    raise PackageError(
        'refusing to package symlink {} (points {} the App folder, to {})'.format(path, where, target),
        value=path,
    )


def collect_app_files(app_dir, output=None):
    """Return ``[(absolute path, zip name)]`` of the App's files, sorted by zip name.

    Args:
        app_dir (str): The App folder.
        output (str): The output folder, left out when inside the App.

    Returns:
        list: The files to package.

    Raises:
        PackageError: A symlink, or a path resolving outside the App folder.
    """
    root = os.path.realpath(app_dir)
    skip = _excluded_paths(root, output)
    files = []
    for folder, dirs, names in os.walk(root):
        relative = os.path.relpath(folder, root)
        top = relative == os.curdir
        kept = []
        for name in sorted(dirs):
            path = os.path.join(folder, name)
            if (
                name.startswith('.')
                or name in EXCLUDED_DIRS
                or (top and name in TOP_LEVEL_EXCLUDED_DIRS)
                or name.endswith('.egg-info')
                or os.path.realpath(path) in skip
            ):
                continue
            if os.path.islink(path):
                _refuse_link(path, root)
            if _is_virtualenv(path):
                continue
            kept.append(name)
        dirs[:] = kept
        for name in sorted(names):
            path = os.path.join(folder, name)
            if name.startswith('.') or _matches(name, EXCLUDED_FILES):
                continue
            if os.path.islink(path):
                _refuse_link(path, root)
            real = os.path.realpath(path)
            if not real.startswith(root + os.sep):
                raise PackageError('path resolves outside the App folder: {}'.format(path), value=path)
            arcname = name if top else '/'.join(relative.split(os.sep) + [name])
            files.append((path, arcname))
    return sorted(files, key=lambda item: item[1])


def collect_vendored_files(app_files, modules=VENDORED):
    """Return ``[(absolute path, zip name)]`` for ``lib/`` copies of the installed modules.

    A module the App already ships under ``lib/`` is not vendored again.

    Args:
        app_files (list): The App's ``(path, zip name)`` pairs.
        modules: The modules to vendor.

    Returns:
        list: The files, sorted by zip name.
    """
    shipped = set(name for _, name in app_files)
    files = []
    for module in modules:
        location = os.path.abspath(module.__file__)
        base = module.__name__.split('.')[0]
        if os.path.basename(location).startswith('__init__.'):
            if any(name.startswith('lib/{}/'.format(base)) for name in shipped):
                continue
            package_dir = os.path.dirname(location)
            for folder, dirs, names in os.walk(package_dir):
                dirs[:] = sorted(name for name in dirs if name != '__pycache__' and not name.startswith('.'))
                relative = os.path.relpath(folder, package_dir)
                parts = [] if relative == os.curdir else relative.split(os.sep)
                for name in sorted(names):
                    if name.startswith('.') or _matches(name, ('*.pyc', '*.pyo', '*~')):
                        continue
                    files.append(
                        (os.path.join(folder, name), '/'.join(['lib', base] + parts + [name]))
                    )
        else:
            source = os.path.splitext(location)[0] + '.py'
            arcname = 'lib/{}.py'.format(base)
            if arcname not in shipped and os.path.isfile(source):
                files.append((source, arcname))
    return sorted(files, key=lambda item: item[1])


def build_package(app_dir, conf, output=None):
    """Write the deployment zip; return ``(zip path, file count)``.

    Args:
        app_dir (str): The App folder.
        conf (InstallConf): Its (validated) install.conf.
        output (str): Output folder (default ``APP_DIR/target``).

    Returns:
        tuple: The zip's path and the number of files in it.

    Raises:
        PackageError: A symlink, a path outside the App, or an unwritable output.
    """
    output = output or os.path.join(app_dir, 'target')
    app_files = collect_app_files(app_dir, output=output)
    names = set(name for _, name in app_files)
    if conf.program_language != 'JAVA' and conf.program_main not in names:
        raise PackageError(
            'program.main {} would not be in the zip (its name or folder is excluded)'.format(
                conf.program_main
            ),
            value=conf.program_main,
        )
    files = app_files + collect_vendored_files(app_files)
    files.sort(key=lambda item: (item[1] != 'install.conf', item[1]))
    try:
        if not os.path.isdir(output):
            os.makedirs(output)
    except OSError as error:
        raise PackageError('cannot create output folder {}: {}'.format(output, error.strerror), value=output)
    zip_path = os.path.join(output, zip_name(app_dir, conf))
    partial = zip_path + '.partial'
    try:
        with zipfile.ZipFile(partial, 'w', zipfile.ZIP_DEFLATED) as archive:
            for path, arcname in files:
                info = zipfile.ZipInfo(arcname, date_time=ZIP_DATE)
                info.compress_type = zipfile.ZIP_DEFLATED
                mode = 0o755 if os.access(path, os.X_OK) else 0o644
                info.external_attr = (0o100000 | mode) << 16
                with io.open(path, 'rb') as handle:
                    archive.writestr(info, handle.read())
        if os.path.exists(zip_path):
            os.remove(zip_path)
        os.rename(partial, zip_path)
    except (IOError, OSError) as error:
        if os.path.exists(partial):
            os.remove(partial)
        raise PackageError('cannot write {}: {}'.format(zip_path, error.strerror or error), value=zip_path)
    return zip_path, len(files)
