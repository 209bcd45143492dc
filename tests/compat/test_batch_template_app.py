# -*- coding: utf-8 -*-
"""The tcex 0.8 job App template's code style, run as an App with ``tcex run --emulator``.

The App (``apps/tcex08_job``) declares its arguments with ``tcex.parser.add_argument``, builds
``tcex.batch(owner)``, calls ``batch.save()`` after each object, reads ``batch.submit_all()[0]``,
writes ``results_tc`` and ends through the template's ``tcex.playbook.exit(1, msg)`` error path.
"""
from __future__ import absolute_import, division, print_function, unicode_literals

import io
import os
import shutil

from tcex.app.results import read_results_tc
from tcex.cli.emulated import run_with_emulator
from tests.cli.helpers import tcex_subprocess

HERE = os.path.dirname(os.path.abspath(__file__))
APP = os.path.join(HERE, 'apps', 'tcex08_job')


def _copy_app(tmpdir):
    folder = os.path.join(str(tmpdir), 'app')
    shutil.copytree(APP, folder)
    return folder


def _run(folder, emulator, extra_args=None):
    out = io.StringIO()
    code = run_with_emulator(os.path.join(folder, 'run.py'), extra_args=extra_args, out=out, emulator=emulator)
    return code, out.getvalue()


def _message(folder):
    with io.open(os.path.join(folder, 'out', 'message.tc'), encoding='utf-8') as handle:
        return handle.read()


def test_template_app_builds_saves_submits_and_writes_results(tmpdir, emulator):
    folder = _copy_app(tmpdir)
    code, output = _run(folder, emulator)
    assert code == 0, output
    addresses = emulator.indicators(type='Address')
    assert sorted(a['summary'] for a in addresses) == ['10.8.0.{}'.format(n) for n in range(1, 6)]
    for address in addresses:
        assert [(a['type'], a['displayed']) for a in address['attribute']] == [('Description', True)]
        assert [t['name'] for t in address['tag']] == ['tcex-0.8-template']
    assert [g['name'] for g in emulator.groups()] == ['tcex 0.8 template adversary']
    assert read_results_tc(os.path.join(folder, 'out'))['success_count'] == '6'
    assert _message(folder) == 'Sent 6 entities in 1 job(s).'


def test_template_app_error_path_exits_1_through_playbook_exit(tmpdir, emulator):
    folder = _copy_app(tmpdir)
    code, output = _run(folder, emulator, extra_args=['--fail_with', 'feed unreachable'])
    assert code == 1, output
    message = _message(folder)
    assert message.startswith('Generic Error.') and 'feed unreachable' in message
    assert emulator.batch_jobs == []


def test_template_app_through_the_tcex_run_command(tmpdir):
    """The real ``tcex run --emulator run.py`` command, with its own emulator."""
    folder = _copy_app(tmpdir)
    code, out, err = tcex_subprocess(['run', '--emulator', os.path.join(folder, 'run.py'),
                                      '--indicator_count', '3'], cwd=folder)
    assert code == 0, out + err
    assert _message(folder) == 'Sent 4 entities in 1 job(s).'
