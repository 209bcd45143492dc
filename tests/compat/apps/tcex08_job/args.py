# -*- coding: utf-8 -*-
"""The App's arguments, declared on tcex.parser as tcex 0.8 Apps did."""


class Args(object):
    """Add the App's arguments to the TcEx parser."""

    def __init__(self, _tcex):
        self._tcex = _tcex
        self._tcex.parser.add_argument('--indicator_count', type=int, default=5, help='Addresses to send')
        self._tcex.parser.add_argument('--fail_with', default=None, help='Raise this error in run()')
