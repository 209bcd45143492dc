# -*- coding: utf-8 -*-
"""A Job App in tcex 0.8's template style (install.json or install.conf, run.py, Args, playbook.exit),
run with ``tcex run --emulator`` as its author would."""
from __future__ import absolute_import, division, print_function, unicode_literals

import os

import pytest

from tcex.app.results import read_results_tc
from tests.helpers import DESCRIPTORS, copy_template_app, read_text, run_template_app


@pytest.mark.parametrize('descriptor', DESCRIPTORS)
def test_template_app_runs_against_the_emulator(tmpdir, emulator, descriptor):
    folder = copy_template_app(tmpdir, descriptor)
    code, output = run_template_app(folder, emulator)
    indicators = emulator.indicators()
    assert code == 0, output
    assert sorted(item['summary'] for item in indicators) == ['10.0.0.1', '10.0.0.2', '10.0.0.3']
    assert all(sorted(tag['name'] for tag in item['tag']) == ['automated', 'feed'] for item in indicators)
    # descriptor params: list default split, Boolean flag, encrypt masked, `logging` by its own name
    assert "tags ['feed', 'automated'], dry run False, logging debug, max 3" in output or \
        "tags [u'feed', u'automated'], dry run False, logging debug, max 3" in output
    assert 'key-0123456789abcdef' not in output
    assert read_results_tc(os.path.join(folder, 'out')) == {'success_count': '4', 'last_run': '2017-11-14T19:10:17Z'}
    assert read_text(os.path.join(folder, 'out', 'message.tc')) == 'sent 4 entities to Demo%20Organization in 1 job(s)'
    assert 'not a param' not in output  # last_run and success_count are declared in the descriptor


def test_template_error_path_is_playbook_exit(tmpdir, emulator):
    folder = copy_template_app(tmpdir, 'install.json')
    code, output = run_template_app(folder, emulator, '--mode', 'fail')
    assert code == 1, output
    assert emulator.indicators() == [] and emulator.batch_jobs == []
    message = 'Generic Error.  See logs for more details (feed unavailable).'
    assert read_text(os.path.join(folder, 'out', 'message.tc')) == message
    assert output.count(message) == 1
