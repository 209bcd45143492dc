# -*- coding: utf-8 -*-
"""``tcex run``: command line values replace tc.conf's, the App's output is masked, errors name path:line."""
from __future__ import absolute_import, division, print_function, unicode_literals

import io
import os

import pytest

from tcex.app.masking import secret_forms
from tcex.cli.main import main
from tests.cli.helpers import tcex_subprocess

SECRET = 'feed-Key/4711+s3cret=value'
API_SECRET = 'api-secret-0123456789abcdef'

#: An App printing its secrets itself, in raw, URL-encoded and base64 forms, on stdout and stderr.
PRINTER = '''\
import base64, sys
try:
    from urllib.parse import quote
except ImportError:
    from urllib import quote
args = dict(zip(sys.argv[1::2], sys.argv[2::2]))
for name in ('--feed_key', '--api_secret_key', '--cli_key'):
    value = args[name]
    raw = value.encode('utf-8')
    sys.stdout.write('stdout ' + value + '\\n')
    b64 = base64.b64encode(raw).decode('ascii')
    sys.stdout.write('url ' + quote(value, safe='') + ' b64 ' + b64 + '\\n')
    sys.stderr.write('stderr ' + value + ' ' + base64.urlsafe_b64encode(raw).decode('ascii') + '\\n')
sys.stdout.write('owners ' + repr([v for k, v in zip(sys.argv[1::2], sys.argv[2::2]) if k == '--owners']) + '\\n')
sys.exit(3)
'''

INSTALL_CONF = ('list.delimiter = |\n'
                'param.feed_key =\nparam.feed_key.encrypt\nparam.cli_key =\nparam.cli_key.encrypt\n'
                'param.owners =\nparam.owners.list\nparam.n.flag\n')


def write(path, text):
    with io.open(path, 'w', encoding='utf-8') as handle:
        handle.write(text)


@pytest.fixture
def printer(tmp_path):
    folder = str(tmp_path / 'printer')
    os.mkdir(folder)
    write(os.path.join(folder, 'app.py'), PRINTER)
    write(os.path.join(folder, 'install.conf'), INSTALL_CONF)
    write(os.path.join(folder, 'tc.conf'), (
        '[threatconnect]\nfeed_key = {}\napi_secret_key = {}\nowners = Subscriber Community|Test & Org\n'
        .format(SECRET, API_SECRET)))
    return folder


def forms(*secrets):
    found = set()
    for secret in secrets:
        found.update(secret_forms(secret))
    return found


def test_secrets_the_app_prints_are_masked_in_every_form(printer):
    cli_secret = 'given-on-the-command-line-42'
    code, out, err = tcex_subprocess(['run', 'app.py', '--cli_key', cli_secret], cwd=printer)
    assert code == 3, err
    assert out.count('stdout ***') == 3 and out.count('url *** b64 ***') == 3, out
    assert err.count('stderr *** ***') == 3, err
    leaked = [form for form in forms(SECRET, API_SECRET, cli_secret) if form in out or form in err]
    assert leaked == []


def test_output_is_relayed_in_process_with_the_exit_code(printer, capfd):
    assert main(['run', os.path.join(printer, 'app.py'), '--cli_key', 'another-cli-secret-77']) == 3
    out, err = capfd.readouterr()
    assert 'stdout ***' in out and 'stderr ***' in err
    assert SECRET not in out + err and 'another-cli-secret-77' not in out + err


def test_a_list_param_on_the_command_line_replaces_tc_conf_list(printer):
    code, out, err = tcex_subprocess(['run', 'app.py', '--cli_key', 'x' * 12, '--owners', 'Test & Org'],
                                     cwd=printer)
    assert code == 3, err
    assert "owners ['Test & Org']" in out


def test_tc_conf_list_is_passed_when_not_overridden(printer):
    code, out, err = tcex_subprocess(['run', 'app.py', '--cli_key', 'x' * 12], cwd=printer)
    assert code == 3, err
    assert "owners ['Subscriber Community', 'Test & Org']" in out


def test_a_scalar_on_the_command_line_replaces_tc_conf_value(printer, capsys):
    assert main(['run', '--dry-run', os.path.join(printer, 'app.py'), '--feed_key', 'other-value-123']) == 0
    line = capsys.readouterr()[0].splitlines()[1]
    assert line.count('--feed_key') == 1
    assert line.endswith("--feed_key '***'")


def test_bad_flag_value_names_path_and_line(printer, capsys):
    conf = os.path.join(printer, 'tc.conf')
    with io.open(conf, 'a', encoding='utf-8') as handle:
        handle.write('n = maybe\n')
    assert main(['run', os.path.join(printer, 'app.py')]) == 1
    assert capsys.readouterr()[1] == (
        "tcex run: error: {}:5: flag param 'n' must be true or false, not 'maybe'\n".format(conf))


def test_add_owner_and_load_need_the_emulator(printer, capsys):
    assert main(['run', '--add-owner', 'Other', os.path.join(printer, 'app.py')]) == 1
    assert capsys.readouterr()[1] == 'tcex run: error: --add-owner and --load need --emulator\n'


def test_secret_list_items_and_abbreviated_secret_options_are_masked(tmp_path):
    from tcex.cli.relay import secret_values
    found = secret_values({'keys': 'aaaaSecret1|bbbbSecret2', 'owner': 'Org'}, {'keys', 'api_secret_key'},
                          ['--api_secret', 'abbreviated-secret-9', '--owner', 'x'], delimiter='|')
    assert found == {'aaaaSecret1|bbbbSecret2', 'aaaaSecret1', 'bbbbSecret2', 'abbreviated-secret-9'}
    folder = str(tmp_path / 'lister')
    os.mkdir(folder)
    write(os.path.join(folder, 'app.py'), 'import sys\nargs = sys.argv[1:]\n'  # each item: --keys item
          'for name, value in zip(args, args[1:]):\n    if name == "--keys":\n        print(value)\n')
    write(os.path.join(folder, 'install.conf'), 'list.delimiter = |\nparam.keys =\nparam.keys.list\n'
                                                'param.keys.encrypt\n')
    write(os.path.join(folder, 'tc.conf'), '[threatconnect]\nkeys = aaaaSecret1|bbbbSecret2\n')
    code, out, err = tcex_subprocess(['run', 'app.py'], cwd=folder)
    assert code == 0, err
    assert 'Secret1' not in out + err and 'Secret2' not in out + err and out.count('***') == 2
