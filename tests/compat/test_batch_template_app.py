# -*- coding: utf-8 -*-
"""The tcex 0.8 job App template's batch code style, run as an App (install.conf) with ``tcex run --emulator``.

The App (``tests/fixtures/apps/tcex08_job``) declares its arguments with ``tcex.parser.add_argument``,
builds ``tcex.batch(owner)``, calls ``batch.save()`` after each object, reads ``batch.submit_all()[0]``
and writes ``results_tc``. Its ``playbook.exit`` error path is tested in test_tcex_template_app.py.
"""
from __future__ import absolute_import, division, print_function, unicode_literals

import os

from tcex.app.results import read_results_tc
from tests.cli.helpers import tcex_subprocess
from tests.helpers import copy_template_app, read_text, run_template_app


def test_template_app_builds_saves_submits_and_writes_results(tmpdir, emulator):
    folder = copy_template_app(tmpdir, 'install.conf')
    code, output = run_template_app(folder, emulator, '--tc_owner', emulator.owner, '--max_items', '5')
    assert code == 0, output
    addresses = emulator.indicators(type='Address')
    assert sorted(a['summary'] for a in addresses) == ['10.0.0.{}'.format(n) for n in range(1, 6)]
    for address in addresses:
        assert [(a['type'], a['displayed']) for a in address['attribute']] == [('Description', True)]
        assert sorted(t['name'] for t in address['tag']) == ['automated', 'feed']
    assert [g['name'] for g in emulator.groups()] == ['tcex 0.8 template adversary']
    assert read_results_tc(os.path.join(folder, 'out'))['success_count'] == '6'
    assert read_text(os.path.join(folder, 'out', 'message.tc')) == 'sent 6 entities to Demo%20Organization in 1 job(s)'


def test_template_app_through_the_tcex_run_command(tmpdir):
    """The real ``tcex run --emulator run.py`` command, with its own emulator."""
    folder = copy_template_app(tmpdir, 'install.conf')
    code, out, err = tcex_subprocess(['run', '--emulator', os.path.join(folder, 'run.py'),
                                      '--max_items', '2'], cwd=folder)
    assert code == 0, out + err
    assert read_text(os.path.join(folder, 'out', 'message.tc')) == 'sent 3 entities to Demo%20Organization in 1 job(s)'
