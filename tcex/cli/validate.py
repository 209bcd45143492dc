# -*- coding: utf-8 -*-
"""``tcex validate [PATH]``: check an App's ``install.conf``.

Prints each problem as ``path:line: severity: reason`` and a summary line;
exits 1 when there is any error, 0 otherwise (warnings alone pass).
"""
from __future__ import absolute_import, division, print_function, unicode_literals

import sys

import six

from tcex.app.validate import errors_in, find_install_conf, validate_install_conf
from tcex.cli.console import echo, text_arg


def add_parser(subparsers):
    """Register the sub-command.

    Args:
        subparsers: The ``tcex`` command's sub-parsers.
    """
    parser = subparsers.add_parser(
        'validate',
        help="check an App's install.conf",
        description="Check an App's install.conf and report every problem with file:line.",
    )
    parser.add_argument(
        'path', nargs='?', default='.', metavar='PATH', type=text_arg,
        help='an install.conf file or an App folder (default: the current folder)',
    )
    parser.set_defaults(func=run)


def report(problems, path, stream=None):
    """Write problems and a summary line; return the number of errors.

    Args:
        problems (list): The :class:`~tcex.app.install_conf.Problem` objects.
        path (str): The install.conf checked (named in the summary).
        stream: Where to write (default ``sys.stdout``).

    Returns:
        int: The number of errors.
    """
    stream = stream or sys.stdout
    for problem in problems:
        echo(six.text_type(problem), stream)
    errors = len(errors_in(problems))
    warnings = len(problems) - errors
    if problems:
        echo(
            '{}: {} error{}, {} warning{}'.format(
                path, errors, '' if errors == 1 else 's', warnings, '' if warnings == 1 else 's'
            ),
            stream,
        )
    else:
        echo('{}: OK'.format(path), stream)
    return errors


def run(args):
    """Validate and report.

    Args:
        args: The parsed namespace (``path``).

    Returns:
        int: 1 when there is an error, else 0.
    """
    path = find_install_conf(args.path)
    problems = validate_install_conf(path)
    return 1 if report(problems, path) else 0
