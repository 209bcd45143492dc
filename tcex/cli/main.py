# -*- coding: utf-8 -*-
"""The ``tcex`` command: one sub-command per module of :mod:`tcex.cli`.

Each sub-command module defines ``add_parser(subparsers)``, which registers its
arguments and sets ``func`` to a callable taking the parsed namespace and
returning the exit code.
"""
from __future__ import absolute_import, division, print_function, unicode_literals

import argparse
import importlib
import sys

from tcex.__version__ import __version__
from tcex.cli.console import echo
from tcex.errors import TcExError

#: Sub-command modules, in the order ``tcex --help`` lists them.
COMMANDS = ('init', 'validate', 'run', 'package', 'emulator')


def build_parser():
    """Return the ``tcex`` argument parser with every sub-command registered."""
    parser = argparse.ArgumentParser(prog='tcex', description='ThreatConnect App developer tools.')
    parser.add_argument('--version', action='version', version='tcex {}'.format(__version__))
    subparsers = parser.add_subparsers(dest='command', metavar='COMMAND')
    for name in COMMANDS:
        module = importlib.import_module('tcex.cli.{}'.format(name))
        module.add_parser(subparsers)
    return parser


def main(argv=None):
    """Run the ``tcex`` command and return its exit code.

    Args:
        argv (list): Arguments without the program name (default ``sys.argv[1:]``).
    """
    parser = build_parser()
    args = parser.parse_args(sys.argv[1:] if argv is None else argv)
    if not getattr(args, 'func', None):
        parser.print_help(sys.stderr)
        return 2
    try:
        return int(args.func(args) or 0)
    except TcExError as error:
        echo('tcex {}: error: {}'.format(args.command, error), sys.stderr)
        return error.exit_code
    except KeyboardInterrupt:
        echo('tcex {}: interrupted'.format(args.command), sys.stderr)
        return 130


if __name__ == '__main__':  # pragma: no cover
    sys.exit(main())
