# -*- coding: utf-8 -*-
"""Which files ``tcex package`` puts in the zip, which it leaves out, and why.

Left out silently (not part of a deployment): dotfiles and dot-folders,
``__pycache__`` and compiled files, tests, build and virtualenv folders, the
output and ``log``/``out``/``tmp`` folders, ``*.egg-info``, ``*.log``, ``*.tc``.

Left out and listed (:class:`LeftOut`), because they could hold credentials:
``*.conf`` other than ``install.conf`` (``tc.conf``, ``tc_dev.conf``...),
``*.bak``, ``.env`` files, ``.netrc``, and any file whose text sets
``api_secret_key``, ``tc_token``, ``tc_proxy_password`` or an ``.encrypt``
param (in any spelling: ``apiSecretKey``, ``TC_TOKEN``...) or a generic
credential name (``secret_key``, ``password``...) to a value (see
:mod:`tcex.cli.credential_scan`). FIFOs, sockets and devices are left out and listed too.
Files are scanned in blocks, never read whole. The App's descriptor at the top
(``install.conf``, or a tcex 0.8+ App's ``install.json``) is never left out: a
descriptor that sets a secret key to a value is refused instead.

Left out because the App says so: names or paths matching an ``--exclude`` pattern, or a
pattern of the ``excludes`` of a ``tcex.json`` (the project file of tcex releases) at the App's
top (that file itself is never packaged), e.g. a fake of a third-party API used only for local runs.
"""
from __future__ import absolute_import, division, print_function, unicode_literals

import collections
import fnmatch
import io
import json
import os
import re
import stat

import six

from tcex.app.tc_conf import SECRET_KEYS
from tcex.cli.credential_scan import CredentialPattern, file_has, normalise
from tcex.errors import ConfigError, PackageError
from tcex.utils.text import file_lines, fs_text

#: Folder names never packaged (anywhere in the tree).
EXCLUDED_DIRS = ('__pycache__', 'tests')

#: Folder names never packaged at the App's top level.
TOP_LEVEL_EXCLUDED_DIRS = (
    'log', 'logs', 'out', 'tmp', 'temp', 'target', 'venv', 'env', 'build', 'dist', 'htmlcov',
    'node_modules',
)

#: File name patterns never packaged (not listed: they are not part of a deployment).
EXCLUDED_FILES = (
    '*.pyc', '*.pyo', 'test_*.py', '*_test.py', 'conftest.py', '*.log', '*.tc',
    '*.zip', '*.egg-info', '*~', '*.swp',
)

#: File name patterns left out because they may hold credentials (listed).
CREDENTIAL_FILES = ('*.conf', '*.bak', '.env', '.env.*', '*.env', '.netrc')

#: The one ``.conf`` file that is packaged.
INSTALL_CONF = 'install.conf'

#: The descriptor of a tcex 0.8+ App without an install.conf.
INSTALL_JSON = 'install.json'

#: The project file of tcex releases: its ``excludes`` patterns are honoured, the file is never packaged.
PROJECT_JSON = 'tcex.json'

_SETS_SECRET = 'sets a secret (api_secret_key, tc_token, secret_key, password, an .encrypt param...) to a value'

#: A file and the reason it was left out.
LeftOut = collections.namedtuple('LeftOut', 'name reason')


def _real(path):
    """``os.path.realpath`` as text (Python 2 returns bytes for a relative path)."""
    return fs_text(os.path.realpath(path))


def _matches(name, patterns):
    return any(fnmatch.fnmatch(name, pattern) for pattern in patterns)


def _text_name(name, folder):
    """Return a file name as text; an undecodable one is a one-line PackageError."""
    if isinstance(name, six.binary_type):  # Python 2 lists undecodable names as bytes
        try:
            return name.decode('utf-8')
        except UnicodeDecodeError:
            pass
    elif not re.search('[\ud800-\udfff]', name):
        return name
    shown = name.decode('utf-8', 'replace') if isinstance(name, six.binary_type) else \
        name.encode('utf-8', 'surrogateescape').decode('utf-8', 'replace')
    raise PackageError('file name is not valid UTF-8: {!r} in {} (rename it)'.format(shown, folder),
                       value=shown)


def walk(root):
    """Like :func:`os.walk` (top-down, prune ``dirs`` in place), with every name checked by
    :func:`_text_name` first (Python 2's ``os.walk`` fails on an undecodable name)."""
    names = sorted(_text_name(name, root) for name in os.listdir(root))
    dirs = [name for name in names if os.path.isdir(os.path.join(root, name))]
    files = [name for name in names if name not in set(dirs)]
    yield root, dirs, files
    for name in dirs:
        path = os.path.join(root, name)
        if not os.path.islink(path):
            for item in walk(path):
                yield item


def project_excludes(app_dir):
    """Return the exclude patterns of the App's ``tcex.json``, or ``[]`` without one.

    tcex releases kept them in ``{"package": {"excludes": [...]}}`` or, earlier, in a top-level
    ``"excludes"``; both are read.

    Raises:
        PackageError: The file cannot be read, is not a JSON object, or an ``excludes`` is not
            a list of texts.
    """
    path = os.path.join(app_dir, PROJECT_JSON)
    if not os.path.isfile(path):
        return []
    try:
        with io.open(path, encoding='utf-8-sig') as handle:
            data = json.load(handle)
    except (IOError, OSError) as error:
        raise PackageError('{}: cannot read it ({})'.format(path, error.strerror or error), value=path)
    except ValueError as error:  # not JSON, or not UTF-8
        raise PackageError('{}: not valid JSON ({})'.format(path, error), value=path)
    except RuntimeError:  # RecursionError (Python 3), RuntimeError (Python 2)
        raise PackageError('{}: not valid JSON (nested too deeply)'.format(path), value=path)
    if not isinstance(data, dict):
        raise PackageError('{}: must hold a JSON object, not {}'.format(path, type(data).__name__), value=path)
    package = data.get('package') if isinstance(data.get('package'), dict) else {}
    patterns = []
    for where, excludes in (('package.excludes', package.get('excludes')), ('excludes', data.get('excludes'))):
        if excludes is None:
            continue
        if not isinstance(excludes, list) or not all(isinstance(item, six.string_types) for item in excludes):
            raise PackageError('{}: "{}" must be a list of file name patterns, not {}'.format(
                path, where, json.dumps(excludes)), value=excludes)
        patterns.extend(excludes)
    return patterns


def _excluded_by_app(name, arcname, patterns):
    """Return whether a file or folder matches one of the App's exclude patterns.

    A pattern without ``/`` matches the name; one with ``/`` matches the path in the zip
    (a leading ``./`` or ``/`` and a trailing ``/`` are ignored).
    """
    for pattern in patterns:
        if '/' in pattern:
            if fnmatch.fnmatch(arcname, re.sub(r'^(\./|/)+', '', pattern).rstrip('/')):
                return True
        elif fnmatch.fnmatch(name, pattern):
            return True
    return False


def excluded_paths(app_dir, output):
    """Return real paths (output folder, tc.conf's folders) to leave out."""
    paths = set()
    if output:
        paths.add(_real(output))
    tc_conf = os.path.join(app_dir, 'tc.conf')
    if os.path.isfile(tc_conf):
        from tcex.app.tc_conf import read_tc_conf  # pylint: disable=import-outside-toplevel

        try:
            values = read_tc_conf(tc_conf)
        except ConfigError:
            values = {}
        for key in ('tc_log_path', 'tc_temp_path', 'tc_tmp_path', 'tc_out_path'):
            if values.get(key):
                paths.add(_real(os.path.join(app_dir, values[key])))
    return paths


def _is_virtualenv(path):
    return os.path.isfile(os.path.join(path, 'pyvenv.cfg')) or os.path.isfile(
        os.path.join(path, 'bin', 'activate')
    )


def _refuse_link(path, root):
    target = _real(path)
    where = 'outside' if not (target + os.sep).startswith(root + os.sep) else 'inside'
    raise PackageError(
        'refusing to package symlink {} (points {} the App folder, to {})'.format(path, where, target),
        value=path,
    )


def _keep_dir(folder, name, top, skip, root):
    path = os.path.join(folder, name)
    if (name.startswith('.') or name in EXCLUDED_DIRS or (top and name in TOP_LEVEL_EXCLUDED_DIRS)
            or name.endswith('.egg-info') or _real(path) in skip):
        return False
    if os.path.islink(path):
        _refuse_link(path, root)
    return not _is_virtualenv(path)


def _install_conf_sets_secret(path, keys):
    """True when an install.conf line sets one of ``keys`` (the standard secrets, the ``.encrypt`` params).

    Its labels and comments are the App's prose (``param.api_token.label = Token: from your
    profile``), and a secret param's default is refused elsewhere: only such a line counts.
    """
    secret_names = set(normalise(key) for key in keys)
    with io.open(path, encoding='utf-8-sig', errors='replace') as handle:
        for line in file_lines(handle.read()):
            key, equals, value = line.strip().partition('=')
            if equals and value.strip() and not key.startswith(('#', ';')) and \
                    normalise(key.strip()) in secret_names:
                return True
    return False


def _why_left_out(path, name, arcname, patterns, keys):
    """Return the reason a file is left out and listed, or None to package it.

    Only the ``install.conf`` at the top is packaged (another one is a ``.conf`` file like any
    other); it is checked for a line setting one of the standard secrets.
    """
    mode = os.lstat(path).st_mode
    if not stat.S_ISREG(mode):
        return 'not a regular file (FIFO, socket or device)'
    if arcname == INSTALL_CONF:
        return _SETS_SECRET if _install_conf_sets_secret(path, keys) else None
    if _matches(name, CREDENTIAL_FILES):
        return 'may hold credentials ({})'.format(
            'a .conf file other than install.conf' if name.endswith('.conf') else 'name')
    pattern = patterns[1] if name.endswith('.py') else patterns[0]
    if file_has(path, pattern):
        return _SETS_SECRET
    return None


def select_app_files(app_dir, output=None, secret_keys=(), descriptor=INSTALL_CONF, excludes=()):
    """Return ``(files, left_out)``: ``[(absolute path, zip name)]`` sorted by zip name, and :class:`LeftOut` items.

    Args:
        app_dir (str): The App folder.
        output (str): The output folder, left out when inside the App.
        secret_keys: More names whose values are secrets (the App's ``.encrypt`` params).
        descriptor (str): The App's descriptor at the top (``install.conf`` or ``install.json``).
        excludes: More file or folder name patterns to leave out (``fnmatch``; a pattern with a
            ``/`` matches the path in the zip), besides those of ``tcex.json``.

    Raises:
        PackageError: A symlink, a path resolving outside the App folder, an undecodable
            file name, or a descriptor (install.conf or install.json) setting a secret to a
            value. (A ``tcex.json`` that cannot be used is listed in ``left_out``.)
    """
    root = _real(app_dir)
    skip = excluded_paths(root, output)
    files, left_out = [], []
    try:
        app_excludes = [PROJECT_JSON] + project_excludes(root) + list(excludes)
    except PackageError as error:  # a project file: its problem is listed, it does not stop the package
        left_out.append(LeftOut(PROJECT_JSON, '{}; its excludes were not applied'.format(
            six.text_type(error).split(': ', 1)[-1])))
        app_excludes = [PROJECT_JSON] + list(excludes)
    keys = set(SECRET_KEYS) | set(secret_keys)
    patterns = (CredentialPattern(keys), CredentialPattern(keys, python=True))
    for folder, dirs, names in walk(root):
        relative = os.path.relpath(folder, root)
        top = relative == os.curdir
        prefix = [] if top else relative.split(os.sep)
        dirs[:] = [name for name in dirs if _keep_dir(folder, name, top, skip, root)
                   and not _excluded_by_app(name, '/'.join(prefix + [name]), app_excludes)]
        for name in names:
            path = os.path.join(folder, name)
            arcname = '/'.join(prefix + [name])
            if _excluded_by_app(name, arcname, app_excludes) and arcname != descriptor:
                continue  # the App asked for it
            listed = _matches(name, CREDENTIAL_FILES) and arcname != INSTALL_CONF
            if not listed and (name.startswith('.') or _matches(name, EXCLUDED_FILES)):
                continue  # not part of a deployment: left out silently
            if os.path.islink(path):
                if listed:
                    left_out.append(LeftOut(arcname, 'may hold credentials (name)'))
                    continue
                _refuse_link(path, root)
            reason = _why_left_out(path, name, arcname, patterns, keys)
            if reason == _SETS_SECRET and arcname == descriptor:
                raise PackageError('{} sets a secret (api_secret_key, tc_token, an encrypt param...) to a value; '
                                   'remove it (it would be in the zip)'.format(arcname), value=arcname)
            if reason is not None:
                left_out.append(LeftOut(arcname, reason))
                continue
            real = _real(path)
            if not real.startswith(root + os.sep):
                raise PackageError('path resolves outside the App folder: {}'.format(path), value=path)
            files.append((path, arcname))
    return sorted(files, key=lambda item: item[1]), sorted(left_out)


def collect_app_files(app_dir, output=None):
    """Return ``[(absolute path, zip name)]`` of the App's files (see :func:`select_app_files`)."""
    return select_app_files(app_dir, output)[0]


def collect_vendored_files(app_files, modules):
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
        location = os.path.abspath(fs_text(module.__file__))
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
