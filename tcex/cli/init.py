"""``tcex init``: placeholder until its module lands."""
from tcex.errors import TcExError


def add_parser(subparsers):
    """Register the sub-command."""
    parser = subparsers.add_parser('init', help='(not yet available)')
    parser.set_defaults(func=_run)


def _run(args):
    raise TcExError('tcex init is not available yet')
