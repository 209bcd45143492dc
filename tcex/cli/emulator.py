# -*- coding: utf-8 -*-
"""``tcex emulator``: run the offline ThreatConnect API emulator in the foreground.

Prints the URL and credentials (one ``key: value`` per line), then serves until
Ctrl-C or SIGTERM and exits 0.
"""
from __future__ import absolute_import, division, print_function, unicode_literals

import signal
import sys
import threading

from tcex.cli.console import text_arg


def add_parser(subparsers):
    """Register the sub-command."""
    parser = subparsers.add_parser(
        'emulator', help='run the offline ThreatConnect API emulator',
        description='Serve an offline ThreatConnect v2 API emulator until interrupted.')
    parser.add_argument('--host', default='127.0.0.1', help='interface to bind (default: %(default)s)')
    parser.add_argument('--port', type=int, default=0, help='port to bind (default: a free port)')
    parser.add_argument('--owner', default='Demo Organization', type=text_arg,
                        help='default owner (default: %(default)s)')
    parser.add_argument('--add-owner', metavar='NAME', type=text_arg, action='append', default=[],
                        help='another owner (community/source) that exists; repeatable')
    parser.add_argument('--load', metavar='FILE', type=text_arg, action='append', default=[],
                        help=('store the indicators of this JSON file ({"owner": [indicator, ...]}) '
                              'at start; its owners are added; repeatable'))
    parser.add_argument('--polls', type=int, default=2,
                        help='status polls before a batch job completes (default: %(default)s)')
    parser.set_defaults(func=_run)


def _run(args):
    from tcex.cli.emulated import load_seeds, read_seed
    from tcex.testing import ThreatConnectEmulator

    seeds = [pair for path in args.load for pair in read_seed(path)]
    owners = []
    for name in list(args.add_owner) + [owner for owner, _ in seeds]:
        if name not in owners:
            owners.append(name)
    stop = threading.Event()

    def _signal(signum, frame):  # pylint: disable=unused-argument
        stop.set()

    # Both stop it, also when it was started with SIGINT ignored (a background job of a script).
    previous = signal.signal(signal.SIGTERM, _signal), signal.signal(signal.SIGINT, _signal)
    emulator = ThreatConnectEmulator(owner=args.owner, owners=owners, host=args.host, port=args.port,
                                     polls_until_complete=args.polls)
    emulator.start()
    try:
        load_seeds(emulator, seeds)
        out = sys.stdout
        out.write('tc_api_path: {}\n'.format(emulator.url))
        out.write('api_access_id: {}\n'.format(emulator.api_access_id))
        out.write('api_secret_key: {}\n'.format(emulator.api_secret_key))
        out.write('tc_token: {}\n'.format(emulator.token))
        out.write('tc_token_expires: {}\n'.format(emulator.token_expires))
        out.write('api_default_org: {}\n'.format(emulator.owner))
        for owner in emulator.owners[1:]:
            out.write('owner: {} ({} indicators)\n'.format(owner, len(emulator.indicators(owner=owner))))
        out.write('Serving; press Ctrl-C to stop.\n')
        out.flush()
        while not stop.is_set():
            stop.wait(0.2)
    except KeyboardInterrupt:
        pass
    finally:
        emulator.stop()
        signal.signal(signal.SIGTERM, previous[0])
        signal.signal(signal.SIGINT, previous[1])
    sys.stdout.write('Emulator stopped.\n')
    sys.stdout.flush()
    return 0
