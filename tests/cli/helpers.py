# -*- coding: utf-8 -*-
"""Helpers shared by the CLI tests: run ``python -m tcex`` as a real subprocess."""
from __future__ import absolute_import, division, print_function, unicode_literals

import os
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
FIXTURES = os.path.join(ROOT, 'tests', 'fixtures')


def tcex_subprocess(args, cwd=None):
    """Run ``python -m tcex ARGS``; return ``(exit code, stdout, stderr)`` as text."""
    env = dict(os.environ)
    env['PYTHONPATH'] = os.pathsep.join([ROOT] + ([env['PYTHONPATH']] if env.get('PYTHONPATH') else []))
    env['PYTHONIOENCODING'] = 'utf-8'
    process = subprocess.Popen(
        [sys.executable, '-m', 'tcex'] + list(args),
        cwd=cwd or ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
    )
    out, err = process.communicate()
    return process.returncode, out.decode('utf-8'), err.decode('utf-8')
