# -*- coding: utf-8 -*-
"""A Job App in tcex 0.8's template style (install.json, run.py, Args, playbook.exit), run with
``tcex run --emulator`` as its author would."""
from __future__ import absolute_import, division, print_function, unicode_literals

import io
import os
import shutil

import six

from tcex.cli.emulated import run_with_emulator
from tcex.testing import ThreatConnectEmulator

HERE = os.path.dirname(os.path.abspath(__file__))
APP = os.path.join(os.path.dirname(HERE), 'fixtures', 'apps', 'tcex08_job')


def copy_app(tmpdir):
    folder = os.path.join(str(tmpdir), 'app')
    shutil.copytree(APP, folder)
    return folder


def read(path):
    with io.open(path, encoding='utf-8') as handle:
        return handle.read()


def run(folder, *extra):
    out = six.StringIO()
    with ThreatConnectEmulator(owner='Demo Organization', polls_until_complete=1) as emulator:
        code = run_with_emulator(os.path.join(folder, 'run.py'), extra_args=list(extra), out=out,
                                 emulator=emulator)
        indicators = emulator.indicators()
    return code, out.getvalue(), indicators


def test_template_app_runs_against_the_emulator(tmpdir):
    folder = copy_app(tmpdir)
    code, output, indicators = run(folder)
    assert code == 0, output
    assert sorted(item['summary'] for item in indicators) == ['10.0.0.1', '10.0.0.2', '10.0.0.3']
    assert all(sorted(tag['name'] for tag in item['tag']) == ['automated', 'feed'] for item in indicators)
    # install.json params: list default split, Boolean flag, encrypt masked, `logging` by its own name
    assert "tags ['feed', 'automated'], dry run False, logging debug, max 3" in output or \
        "tags [u'feed', u'automated'], dry run False, logging debug, max 3" in output
    assert 'key-0123456789abcdef' not in output
    assert read(os.path.join(folder, 'out', 'results.tc')) == 'param.last_run = 2017-11-14T19:10:17Z\n'
    assert read(os.path.join(folder, 'out', 'message.tc')) == 'sent 3 indicators to Demo%20Organization'
    assert 'not a param' not in output  # last_run is declared in install.json


def test_template_error_path_is_playbook_exit(tmpdir):
    folder = copy_app(tmpdir)
    code, output, indicators = run(folder, '--mode', 'fail')
    assert code == 1
    assert indicators == []
    message = 'Generic Error.  See logs for more details (feed unavailable).'
    assert read(os.path.join(folder, 'out', 'message.tc')) == message
    assert output.count(message) == 1
