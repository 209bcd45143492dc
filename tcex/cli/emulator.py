# -*- coding: utf-8 -*-
"""``tcex emulator``: run the offline ThreatConnect API emulator in the foreground.

Prints the URL and credentials (one ``key: value`` per line), then serves until
Ctrl-C or SIGTERM and exits 0.
"""
from __future__ import absolute_import, division, print_function, unicode_literals

import signal
import sys
import threading


def add_parser(subparsers):
    """Register the sub-command."""
    parser = subparsers.add_parser(
        'emulator', help='run the offline ThreatConnect API emulator',
        description='Serve an offline ThreatConnect v2 API emulator until interrupted.')
    parser.add_argument('--host', default='127.0.0.1', help='interface to bind (default: %(default)s)')
    parser.add_argument('--port', type=int, default=0, help='port to bind (default: a free port)')
    parser.add_argument('--owner', default='Demo Organization',
                        help='default owner (default: %(default)s)')
    parser.add_argument('--polls', type=int, default=2,
                        help='status polls before a batch job completes (default: %(default)s)')
    parser.set_defaults(func=_run)


def _run(args):
    from tcex.testing import ThreatConnectEmulator

    stop = threading.Event()

    def _signal(signum, frame):  # pylint: disable=unused-argument
        stop.set()

    previous = signal.signal(signal.SIGTERM, _signal)
    emulator = ThreatConnectEmulator(owner=args.owner, host=args.host, port=args.port,
                                     polls_until_complete=args.polls)
    emulator.start()
    try:
        out = sys.stdout
        out.write('tc_api_path: {}\n'.format(emulator.url))
        out.write('api_access_id: {}\n'.format(emulator.api_access_id))
        out.write('api_secret_key: {}\n'.format(emulator.api_secret_key))
        out.write('tc_token: {}\n'.format(emulator.token))
        out.write('tc_token_expires: {}\n'.format(emulator.token_expires))
        out.write('api_default_org: {}\n'.format(emulator.owner))
        out.write('Serving; press Ctrl-C to stop.\n')
        out.flush()
        while not stop.is_set():
            stop.wait(0.2)
    except KeyboardInterrupt:
        pass
    finally:
        emulator.stop()
        signal.signal(signal.SIGTERM, previous)
    sys.stdout.write('Emulator stopped.\n')
    sys.stdout.flush()
    return 0
