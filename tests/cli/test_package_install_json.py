# -*- coding: utf-8 -*-
"""``tcex package`` for a tcex 0.8+ App that declares its params in install.json (no install.conf)."""
from __future__ import absolute_import, division, print_function, unicode_literals

import io
import json
import os
import zipfile
from collections import OrderedDict

import pytest

from tcex.app.results import read_results_tc
from tcex.cli.main import main
from tcex.cli.package_zip import install_json_with_bootstrap
from tcex.testing import ThreatConnectEmulator
from tests.cli.helpers import tcex_subprocess
from tests.helpers import copy_template_app
from tests.helpers import read_text as read
from tests.reliability.test_files import _requests_only_path, _run_requests_only


@pytest.fixture
def app(tmpdir):
    """A copy of the tcex 0.8 template-style App (install.json, ``"programMain": "run"``)."""
    return copy_template_app(tmpdir, 'install.json', name='feed_app')


def write(path, text):
    with io.open(path, 'w', encoding='utf-8') as handle:
        handle.write(text)


def edit_install_json(app, change):
    """Load the App's install.json, let ``change`` edit the dict, write it back (indent 2)."""
    path = os.path.join(app, 'install.json')
    data = json.loads(read(path), object_pairs_hook=OrderedDict)
    change(data)
    write(path, json.dumps(data, indent=2, separators=(',', ': ')) + '\n')
    return path


def packaged(app):
    zip_path = os.path.join(app, 'target', 'feed_app-v1.0.0.zip')
    with zipfile.ZipFile(zip_path) as archive:
        return zip_path, archive.namelist(), archive.read('install.json').decode('utf-8')


def test_install_json_app_is_packaged(app, capsys):
    original = read(os.path.join(app, 'install.json'))
    assert main(['package', app]) == 0
    zip_path, names, packaged_json = packaged(app)
    out, err = capsys.readouterr()
    assert out == '{} ({} files)\n'.format(zip_path, len(names))
    assert err.splitlines() == ['left out tc.conf: may hold credentials (a .conf file other than install.conf)']
    assert [name for name in names if not name.startswith('lib/')] == [
        'install.json', 'app.py', 'args.py', 'job_app.py', 'run.py', 'tcex_main.py']
    assert 'lib/tcex/__init__.py' in names and 'lib/six.py' in names
    # only programMain changed, in place: same keys in the same order, same layout
    assert packaged_json == original.replace('"programMain": "run"', '"programMain": "tcex_main"')
    data = json.loads(packaged_json, object_pairs_hook=OrderedDict)
    assert data['programMain'] == 'tcex_main'
    assert list(data) == list(json.loads(original, object_pairs_hook=OrderedDict))


def test_program_main_with_extension_names_the_bootstrap_with_one(app):
    def change(data):
        data['programMain'] = 'run.py'

    edit_install_json(app, change)
    assert main(['package', app]) == 0
    data = json.loads(packaged(app)[2], object_pairs_hook=OrderedDict)
    assert data['programMain'] == 'tcex_main.py'


def test_param_named_like_a_secret_is_not_a_credential_file(app):
    def change(data):
        data['params'].append(OrderedDict([('encrypt', True), ('label', 'API secret'),
                                           ('name', 'api_secret_key'), ('type', 'String')]))

    edit_install_json(app, change)
    assert main(['package', app]) == 0
    names = packaged(app)[1]
    assert names[0] == 'install.json'
    assert 'api_secret_key' in packaged(app)[2]


def test_default_for_an_encrypted_param_is_refused(app, capsys):
    def change(data):
        data['params'][3]['default'] = 'key-0123456789abcdef'  # feed_key, "encrypt": true

    edit_install_json(app, change)
    assert main(['package', app]) == 1
    err = capsys.readouterr()[1]
    assert err == ('tcex package: error: install.json gives secret param feed_key a default value; '
                   'remove it (it would be in the zip)\n')
    assert not os.path.isdir(os.path.join(app, 'target'))


def test_install_json_setting_a_secret_is_refused_not_left_out(app, capsys):
    def change(data):
        data['api_secret_key'] = 's3cr3t-value'

    edit_install_json(app, change)
    assert main(['package', app]) == 1
    err = capsys.readouterr()[1]
    assert err.splitlines()[-1] == (
        'tcex package: error: install.json sets a secret (api_secret_key, tc_token, an encrypt param...) '
        'to a value; remove it (it would be in the zip)')


def test_bad_param_type_is_a_one_line_error(app):
    def change(data):
        data['params'][2]['type'] = 'Bool'  # dry_run

    path = edit_install_json(app, change)
    line = [number for number, text in enumerate(read(path).splitlines(), 1) if '"dry_run"' in text][0]
    code, out, err = tcex_subprocess(['package'], cwd=app)
    assert code == 1
    assert out == ''
    assert 'Traceback' not in err
    assert err.splitlines() == [
        "./install.json:{}: error: params[2].type 'Bool' of param 'dry_run' is not one of "
        "Boolean, Choice, KeyValueList, MultiChoice, String, StringMixed".format(line),
        './install.json: 1 error, 0 warnings',
        'tcex package: error: ./install.json has 1 error; not packaging',
    ]
    assert not os.path.isdir(os.path.join(app, 'target'))


def test_invalid_json_is_a_one_line_error(app):
    write(os.path.join(app, 'install.json'), '{\n  "programMain": "run"\n  "params": []\n}\n')
    code, out, err = tcex_subprocess(['package'], cwd=app)
    assert code == 1
    assert 'Traceback' not in err
    assert len(err.splitlines()) == 1
    assert err.startswith('tcex package: error: ./install.json:3: not valid JSON (Expecting ')


@pytest.mark.skipif(not hasattr(os, 'symlink'), reason='needs symlinks')
def test_packaged_install_json_app_runs_unzipped_with_only_requests(app, tmpdir):
    assert main(['package', app, '--output', str(tmpdir.join('dist'))]) == 0
    deployed = str(tmpdir.join('deployed'))
    os.makedirs(deployed)
    with zipfile.ZipFile(str(tmpdir.join('dist', 'feed_app-v1.0.0.zip'))) as archive:
        archive.extractall(deployed)
    main_script = json.loads(read(os.path.join(deployed, 'install.json')))['programMain'] + '.py'
    assert main_script == 'tcex_main.py'
    site = _requests_only_path(str(tmpdir.join('site')))
    code, out, err = _run_requests_only(deployed, '-c', ['import tcex'], site)
    assert code != 0 and 'tcex' in err, 'tcex is importable without the zip: the test would prove nothing'
    with ThreatConnectEmulator(owner='Demo Organization', polls_until_complete=0) as tc:
        argv = tc.app_args() + ['--tc_log_path', 'log', '--tc_out_path', 'out', '--tc_temp_path', 'tmp',
                                '--tc_owner', tc.owner, '--feed_key', 'k3y-for-the-feed',
                                '--feed_tags', 'zipped', '--max_items', '2']
        code, out, err = _run_requests_only(deployed, main_script, argv, site)
        indicators = tc.indicators()
    assert code == 0, (out, err)
    assert sorted(item['summary'] for item in indicators) == ['10.0.0.1', '10.0.0.2']
    assert all([tag['name'] for tag in item['tag']] == ['zipped'] for item in indicators)
    assert read(os.path.join(deployed, 'out', 'message.tc')) == 'sent 3 entities to Demo%20Organization in 1 job(s)'
    assert read_results_tc(os.path.join(deployed, 'out'))['last_run'] == '2017-11-14T19:10:17Z'


def test_rewrite_falls_back_to_a_dump_when_the_in_place_edit_is_wrong():
    text = '{"sub": {"programMain": "other"}, "programMain": "run", "params": []}'
    rewritten = install_json_with_bootstrap(text)
    assert rewritten == ('{\n  "sub": {\n    "programMain": "other"\n  },\n  "programMain": "tcex_main",\n'
                         '  "params": []\n}\n')
    assert install_json_with_bootstrap('{"programMain" :\t"app.py", "x": "\\u00e9"}') == \
        '{"programMain" :\t"tcex_main.py", "x": "\\u00e9"}'
