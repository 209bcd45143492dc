# -*- coding: utf-8 -*-
"""Validation of an App's ``install.conf`` (or, when it has none, its ``install.json``).

:func:`validate_install_conf` returns every problem of an ``install.conf``:
the parse-level problems recorded by :class:`~tcex.app.install_conf.InstallConf`
plus the semantic checks below. Errors make ``tcex validate`` exit 1 and
``tcex package`` refuse; warnings are reported only.

==========================================================  ========
check                                                       severity
==========================================================  ========
malformed line, duplicate key                               error
``allow.onDemand`` not true/false, bad flag value           error
``repeating.minutes`` value not a positive integer          error
``repeating.minutes`` value discarded (> 60, not /60)       warning
``.label``/``.list``/``.encrypt`` (or an unset ``.flag``)   error
on a param never declared
``program.version`` missing                                 error
``program.language`` missing or not JAVA/PYTHON             error
``language.version`` missing                                warning
``program.main`` missing                                    error
``program.main`` file not found (PYTHON Apps)               error
``program.main`` outside the App folder                     error
param name containing ``.`` or ``-`` or other characters    error
that cannot be a command line argument name
``.list`` param without ``list.delimiter``                  error
param both ``.flag`` and ``.list``                          error
param both ``.flag`` and ``.encrypt``                       warning
unknown top-level key                                       warning
==========================================================  ========

An ``install.json`` (tcex 0.8+ Apps) gets the same checks, named by its own
fields (``programVersion is missing``, ``params[2].type ...``); see
:mod:`tcex.app.install_json`.
"""
from __future__ import absolute_import, division, print_function, unicode_literals

import os
import re

from tcex.app.install_conf import ERROR, LANGUAGES, TOP_LEVEL_KEYS, WARNING, Problem
from tcex.app.install_json import load_app_config
from tcex.errors import ConfigError

_NAME = re.compile(r'^[A-Za-z_][A-Za-z0-9_]*$')


#: Param names an App cannot take: the argument parser's own options.
RESERVED_NAMES = frozenset(('help', 'h'))


def find_install_conf(path=None):
    """Return the descriptor path for a file or App folder.

    A folder's ``install.conf`` is used; without one, its ``install.json``.

    Args:
        path (str): An ``install.conf``/``install.json`` file or a folder holding
            one (default: the cwd).

    Returns:
        str: The file path.

    Raises:
        ConfigError: No such file.
    """
    path = path or os.curdir
    if os.path.isdir(path):
        folder = path
        path = os.path.join(folder, 'install.conf')
        if not os.path.isfile(path) and os.path.isfile(os.path.join(folder, 'install.json')):
            path = os.path.join(folder, 'install.json')
    if not os.path.isfile(path):
        raise ConfigError('install.conf not found', value=path, path=path)
    return path


def load_config(path=None):
    """Find and load an App's descriptor (see :func:`find_install_conf`).

    Args:
        path (str): A descriptor file or an App folder (default: the cwd).

    Returns:
        InstallConf or InstallJson: The model; problems recorded, not raised.

    Raises:
        ConfigError: No such file, or it cannot be read.
    """
    return load_app_config(find_install_conf(path))


def validate_install_conf(path):
    """Parse and check an ``install.conf`` (or ``install.json``) file.

    Args:
        path (str): The file, or an App folder holding one.

    Returns:
        list: Every :class:`~tcex.app.install_conf.Problem`, sorted by line.

    Raises:
        ConfigError: The file is missing or unreadable.
    """
    path = find_install_conf(path)
    conf = load_app_config(path)
    return check(conf, base_dir=os.path.dirname(os.path.abspath(path)))


def check(conf, base_dir=None):
    """Return the parse problems of ``conf`` plus its semantic problems.

    Args:
        conf (InstallConf): The parsed file.
        base_dir (str): The App folder, for the ``program.main`` file check
            (skipped when None).

    Returns:
        list: The :class:`~tcex.app.install_conf.Problem` objects, sorted by line.
    """
    problems = list(conf.problems)

    def add(line, severity, message):
        problems.append(Problem(conf.path, line, severity, message))

    lines = conf.key_lines
    _check_program(conf, base_dir, add)
    for key, line in conf.unknown_keys.items():
        hint = [known for known in TOP_LEVEL_KEYS if known.lower() == key.lower()]
        add(
            line,
            WARNING,
            "unknown property '{}'{}".format(
                key, " (did you mean '{}'?)".format(hint[0]) if hint else ''
            ),
        )
    for name, param in conf.params.items():
        if '.' in name or '-' in name:
            add(
                param.line,
                ERROR,
                "param name '{}' contains '{}': use letters, digits and '_'".format(
                    name, '.' if '.' in name else '-'
                ),
            )
        elif not _NAME.match(name):
            add(
                param.line,
                ERROR,
                "param name '{}' is not a valid argument name: use letters, digits and '_'".format(
                    name
                ),
            )
        elif name.lower() in RESERVED_NAMES:
            add(param.line, ERROR, "param name '{}' is reserved (--{} prints the App's usage)".format(name, name))
        if param.is_list and not conf.list_delimiter:
            add(
                lines.get('param.{}.list'.format(name), param.line),
                ERROR,
                "param '{}' is a .list but list.delimiter is not set".format(name)
                if not hasattr(conf, 'field_names') else
                "param '{}' allows multiple values but listDelimiter is not set".format(name),
            )
        if param.is_flag and param.is_list:
            add(param.line, ERROR, "param '{}' is both a .flag and a .list".format(name))
        if param.is_flag and param.is_encrypt:
            add(
                param.line,
                WARNING,
                "param '{}' is both a .flag and an .encrypt; a checkbox has no secret".format(name),
            )
    problems.sort(key=lambda problem: problem.line)
    return problems


def _check_program(conf, base_dir, add):
    lines = conf.key_lines
    names = getattr(conf, 'field_names', {})

    def name(key):
        return names.get(key, key)

    if not conf.program_version:
        add(lines.get('program.version', 1), ERROR, '{} is missing'.format(name('program.version')))
    if not conf.program_language:
        add(lines.get('program.language', 1), ERROR, '{} is missing'.format(name('program.language')))
    elif conf.program_language not in LANGUAGES:
        add(
            lines['program.language'],
            ERROR,
            "unknown {} '{}' (expected JAVA or PYTHON)".format(
                name('program.language'), conf.program_language),
        )
    if not conf.language_version:
        add(lines.get('language.version', 1), WARNING, '{} is missing'.format(name('language.version')))
    if not conf.program_main:
        add(lines.get('program.main', 1), ERROR, '{} is missing'.format(name('program.main')))
    elif conf.program_language != 'JAVA' and base_dir is not None:
        line = lines['program.main']
        main = conf.program_main
        full = os.path.normpath(os.path.join(base_dir, main))
        inside = os.path.abspath(base_dir).rstrip(os.sep) + os.sep
        if os.path.isabs(main) or not full.startswith(inside):
            add(line, ERROR, "{} '{}' is outside the App folder".format(name('program.main'), main))
        elif not os.path.isfile(full):
            add(line, ERROR, "{} file '{}' not found next to {}".format(
                name('program.main'), main, os.path.basename(conf.path)))


def errors_in(problems):
    """Return the error-severity problems of a list.

    Args:
        problems (list): :class:`~tcex.app.install_conf.Problem` objects.

    Returns:
        list: Those whose severity is ``'error'``.
    """
    return [problem for problem in problems if problem.severity == ERROR]
