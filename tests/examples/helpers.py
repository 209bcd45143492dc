# -*- coding: utf-8 -*-
"""Helpers for the example tests: run an example App against an emulator, in a temp folder."""
from __future__ import absolute_import, division, print_function, unicode_literals

import io
import os

from tcex.app.results import read_results_tc
from tcex.app.tc_conf import read_tc_conf
from tcex.cli.emulated import run_with_emulator

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
EXAMPLES = os.path.join(ROOT, 'examples')


class Run(object):
    """The outcome of one example run.

    Attributes:
        code (int): The exit code.
        output (str): What the App printed (its log records) plus the summary.
        out_path (str): The App's ``tc_out_path``.
    """

    def __init__(self, code, output, out_path):
        self.code = code
        self.output = output
        self.out_path = out_path

    def results(self):
        """Return the App's ``results.tc`` as a dict."""
        return read_results_tc(self.out_path)

    def message(self):
        """Return the App's ``message.tc``."""
        with io.open(os.path.join(self.out_path, 'message.tc'), encoding='utf-8') as handle:
            return handle.read()


def write_tc_conf(example, folder, **overrides):
    """Write a copy of an example's tc.conf into ``folder`` with its paths moved there.

    Args:
        example (str): The example folder name (``feed_app``).
        folder (str): A temporary folder.
        **overrides: Values to set; None removes the key.

    Returns:
        str: The new tc.conf's path.
    """
    values = read_tc_conf(os.path.join(EXAMPLES, example, 'tc.conf'))
    for key in ('tc_log_path', 'tc_temp_path', 'tc_out_path'):
        values[key] = os.path.join(folder, key[3:-5])
    for key, value in overrides.items():
        if value is None:
            values.pop(key, None)
        else:
            values[key] = value
    path = os.path.join(folder, 'tc.conf')
    with io.open(path, 'w', encoding='utf-8') as handle:
        handle.write('[threatconnect]\n')
        for key, value in values.items():
            handle.write('{} = {}\n'.format(key, value))
    return path


def run_example(example, emulator, folder, extra_args=None, **overrides):
    """Run ``examples/<example>/app.py`` against ``emulator`` with its folders under ``folder``.

    Returns:
        Run: The outcome.
    """
    config = write_tc_conf(example, folder, **overrides)
    out = io.StringIO()
    code = run_with_emulator(os.path.join(EXAMPLES, example, 'app.py'), config=config,
                             extra_args=extra_args, out=out, emulator=emulator)
    return Run(code, out.getvalue(), os.path.join(folder, 'out'))
