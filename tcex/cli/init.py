# -*- coding: utf-8 -*-
"""``tcex init NAME [--dir PARENT]``: scaffold a working Job App.

Creates ``PARENT/NAME/`` with ``install.conf`` (params including a ``.list``,
a ``.flag`` and an ``.encrypt``), ``app.py`` (``class App(JobApp)``), a sample
``tc.conf``, ``README.md`` and ``.gitignore``. The result passes
``tcex validate`` and runs with ``tcex run app.py`` without a ThreatConnect
server. An existing non-empty target folder is refused.
"""
from __future__ import absolute_import, division, print_function, unicode_literals

import io
import os
import re

from tcex.cli.console import echo, text_arg
from tcex.errors import ArgumentError
from tcex.utils.text import fs_text

#: Template file -> file created in the App folder, in creation order.
TEMPLATES = (
    ('install.conf.tmpl', 'install.conf'),
    ('app.py.tmpl', 'app.py'),
    ('tc.conf.tmpl', 'tc.conf'),
    ('README.md.tmpl', 'README.md'),
    ('gitignore.tmpl', '.gitignore'),
)

TEMPLATE_DIR = os.path.join(os.path.dirname(os.path.abspath(fs_text(__file__))), 'templates')

_NAME = re.compile(r'^[A-Za-z0-9][A-Za-z0-9_.-]*$')


def add_parser(subparsers):
    """Register the sub-command.

    Args:
        subparsers: The ``tcex`` command's sub-parsers.
    """
    parser = subparsers.add_parser(
        'init',
        help='scaffold a new Job App',
        description='Create NAME/ with install.conf, app.py (a JobApp subclass), tc.conf and README.md.',
    )
    parser.add_argument('name', metavar='NAME', type=text_arg, help='the App (and folder) name')
    parser.add_argument('--dir', metavar='PARENT', default='.', type=text_arg,
                        help='the folder to create NAME in (default: the current folder)')
    parser.set_defaults(func=run)


def render(template, name):
    """Return a template's text with ``{{name}}`` replaced.

    Args:
        template (str): The template file name in :data:`TEMPLATE_DIR`.
        name (str): The App name.

    Returns:
        str: The text.
    """
    with io.open(os.path.join(TEMPLATE_DIR, template), encoding='utf-8') as handle:
        return handle.read().replace('{{name}}', name)


def scaffold(name, parent='.'):
    """Create the App folder; return its path.

    Args:
        name (str): The App name (letters, digits, ``_``, ``.``, ``-``).
        parent (str): The folder to create it in.

    Returns:
        str: The App folder.

    Raises:
        ArgumentError: A bad name, or the folder exists and is not empty.
    """
    if not _NAME.match(name or ''):
        raise ArgumentError(
            "invalid App name '{}': use letters, digits, '_', '.' and '-'".format(name), value=name
        )
    target = os.path.join(parent, name)
    if os.path.exists(target):
        if not os.path.isdir(target):
            raise ArgumentError('{} exists and is not a folder'.format(target), value=target)
        if os.listdir(target):
            raise ArgumentError('{} exists and is not empty'.format(target), value=target)
    else:
        try:
            os.makedirs(target)
        except OSError as error:
            raise ArgumentError('cannot create {}: {}'.format(target, error.strerror), value=target)
    for template, filename in TEMPLATES:
        with io.open(os.path.join(target, filename), 'w', encoding='utf-8', newline='\n') as handle:
            handle.write(render(template, name))
    return target


def run(args):
    """Scaffold and print what was created.

    Args:
        args: The parsed namespace (``name``, ``dir``).

    Returns:
        int: 0.
    """
    target = scaffold(args.name, args.dir)
    echo('created {}/'.format(target))
    for _, filename in TEMPLATES:
        echo('  {}'.format(filename))
    echo('next: cd {} && tcex validate && tcex run app.py'.format(target))
    return 0
