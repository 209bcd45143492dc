# -*- coding: utf-8 -*-
"""Files: owner-only store and saved batch, safe packaging, temp files cleaned or kept for resume."""
from __future__ import absolute_import, division, print_function, unicode_literals

import glob
import io
import os
import shutil
import stat
import subprocess
import sys
import zipfile

import pytest

from tcex.app.install_conf import InstallConf
from tcex.batch import Batch
from tcex.cli.main import main as tcex_main
from tcex.cli.package import build_package
from tcex.errors import PackageError
from tcex.testing import ThreatConnectEmulator
from tests.reliability.feed import OWNER, build_feed

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
FAULT_APP = os.path.join(HERE, 'apps', 'fault_app.py')
SECRET_APP = os.path.join(HERE, 'apps', 'secret_app')


def mode(path):
    return stat.S_IMODE(os.stat(path).st_mode)


@pytest.fixture
def loose_umask():
    """Run with the permissive umask many hosts have (files would be 0644 by default)."""
    old = os.umask(0o022)
    try:
        yield
    finally:
        os.umask(old)


# ---- owner-only files ---------------------------------------------------------------------------
@pytest.mark.parametrize('store_path', [None, 'named.db', 'sub/dir/named.db'], ids=['temporary', 'named', 'nested'])
def test_store_files_are_owner_only(store_path, tmpdir, loose_umask):
    batch = Batch(OWNER, temp_path=str(tmpdir.join('tmp')), store_path=store_path)
    build_feed(batch)
    assert len(batch) == 9
    batch.store.connection.execute('SELECT COUNT(*) FROM entity').fetchone()  # rows reach the file (and journal)
    paths = [p for p in glob.glob(batch.store.path + '*') if os.path.isfile(p)]
    assert batch.store.path in paths and batch.store.path + '-journal' in paths
    for path in paths:
        assert mode(path) == 0o600, '{} is {:o}'.format(path, mode(path))
    batch.close()


def test_saved_batch_file_is_owner_only_and_complete(tmpdir, loose_umask):
    batch = Batch(OWNER, temp_path=str(tmpdir))
    expected = build_feed(batch)
    path = str(tmpdir.join('batch.json'))
    written = batch.write_json(path)
    assert mode(path) == 0o600 and os.path.getsize(path) == written
    import json
    with io.open(path, encoding='utf-8') as handle:
        data = json.load(handle)
    xids = set(x['xid'] for x in data['group'] + data['indicator'])
    assert set(expected) <= xids
    batch.close()


def test_save_over_an_existing_readable_file_makes_it_owner_only(tmpdir, loose_umask):
    path = str(tmpdir.join('batch.json'))
    with io.open(path, 'w', encoding='utf-8') as handle:
        handle.write('old')
    os.chmod(path, 0o644)
    batch = Batch(OWNER, temp_path=str(tmpdir))
    build_feed(batch)
    batch.save(path)
    batch.close()
    assert mode(path) == 0o600, '{:o}'.format(mode(path))


# ---- packaging ----------------------------------------------------------------------------------
@pytest.fixture
def app_dir(tmpdir):
    folder = str(tmpdir.join('secret_app'))
    shutil.copytree(SECRET_APP, folder)
    with io.open(os.path.join(folder, 'tc.conf'), 'w', encoding='utf-8') as handle:
        handle.write('[threatconnect]\napi_secret_key = do-not-ship-me\n')
    os.makedirs(os.path.join(folder, 'conf'))
    with io.open(os.path.join(folder, 'conf', 'tc.conf'), 'w', encoding='utf-8') as handle:
        handle.write('[threatconnect]\napi_secret_key = do-not-ship-me-either\n')
    return folder


def _zip_text(path):
    with zipfile.ZipFile(path) as archive:
        return archive.namelist(), b''.join(archive.read(n) for n in archive.namelist())


def test_package_never_includes_tc_conf(app_dir, tmpdir, capsys):
    assert tcex_main(['package', app_dir, '--output', str(tmpdir.join('dist'))]) == 0
    (zip_path,) = glob.glob(str(tmpdir.join('dist', '*.zip')))
    names, blob = _zip_text(zip_path)
    assert 'app.py' in names and 'install.conf' in names
    assert not [n for n in names if n.split('/')[-1] == 'tc.conf'], names
    assert b'do-not-ship-me' not in blob


@pytest.mark.skipif(not hasattr(os, 'symlink'), reason='needs symlinks')
@pytest.mark.parametrize('kind', ['file inside', 'file outside', 'folder outside', 'dangling'])
def test_package_refuses_symlinks(kind, app_dir, tmpdir):
    outside = str(tmpdir.join('outside'))
    os.makedirs(outside)
    with io.open(os.path.join(outside, 'id_rsa'), 'w', encoding='utf-8') as handle:
        handle.write('PRIVATE KEY')
    link = os.path.join(app_dir, 'linked')
    if kind == 'file inside':
        os.symlink(os.path.join(app_dir, 'app.py'), link)
    elif kind == 'file outside':
        os.symlink(os.path.join(outside, 'id_rsa'), link)
    elif kind == 'folder outside':
        os.symlink(outside, link)
    else:
        os.symlink(os.path.join(outside, 'missing'), link)
    conf = InstallConf.load(os.path.join(app_dir, 'install.conf'))
    output = str(tmpdir.join('dist'))
    with pytest.raises(PackageError) as info:
        build_package(app_dir, conf, output=output)
    text = str(info.value)
    assert 'symlink' in text and 'linked' in text and '\n' not in text
    assert not glob.glob(os.path.join(output, '*.zip')), 'a zip was written anyway'


@pytest.mark.skipif(not hasattr(os, 'symlink'), reason='needs symlinks')
def test_package_command_reports_symlink_in_one_line(app_dir, tmpdir):
    os.symlink(str(tmpdir), os.path.join(app_dir, 'escape'))
    env = dict(os.environ, PYTHONPATH=ROOT)
    proc = subprocess.Popen([sys.executable, '-m', 'tcex', 'package', app_dir, '--output', str(tmpdir.join('d'))],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, cwd=str(tmpdir))
    out, err = proc.communicate()
    err = err.decode('utf-8')
    assert proc.returncode != 0 and 'symlink' in err and 'Traceback' not in err, err


# ---- temp files: cleaned on success, kept (and said where) on failure ----------------------------
def _run_fault_app(tc, folder, extra=()):
    env = dict(os.environ)
    env['PYTHONPATH'] = ROOT + os.pathsep + env.get('PYTHONPATH', '')
    env.pop('FAULT_APP_KILL_AFTER', None)
    argv = [sys.executable, FAULT_APP] + tc.app_args() + [
        '--tc_temp_path', os.path.join(folder, 'tmp'), '--tc_log_path', os.path.join(folder, 'log'),
        '--tc_out_path', os.path.join(folder, 'out'), '--batch_poll_interval', '0.01',
        '--batch_poll_max_interval', '0.01', '--batch_chunk_size', '4'] + list(extra)
    proc = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, cwd=folder)
    out, err = proc.communicate()
    with io.open(os.path.join(folder, 'log', 'app.log'), encoding='utf-8') as handle:
        log = handle.read()
    return proc.returncode, err.decode('utf-8', 'replace'), log


def _leftovers(folder):
    tmp = os.path.join(folder, 'tmp')
    return sorted(os.listdir(tmp)) if os.path.isdir(tmp) else []


def test_temp_store_removed_after_success(tmpdir):
    with ThreatConnectEmulator(polls_until_complete=0) as tc:
        code, err, _ = _run_fault_app(tc, str(tmpdir))
    assert code in (0, 3), err
    assert _leftovers(str(tmpdir)) == []


def test_temp_store_removed_after_success_without_close(tmpdir):
    with ThreatConnectEmulator(polls_until_complete=0) as tc:
        code, err, _ = _run_fault_app(tc, str(tmpdir), ['--leave_open'])
    assert code in (0, 3), err
    assert _leftovers(str(tmpdir)) == []


def _failed_run(tmpdir):
    folder = str(tmpdir)
    with ThreatConnectEmulator(polls_until_complete=0) as tc:
        tc.inject('batch.upload', status=500, count=5)
        code, err, log = _run_fault_app(tc, folder)
    return folder, code, err, log


def test_temp_store_kept_after_failure(tmpdir):
    folder, code, err, _ = _failed_run(tmpdir)
    assert code == 1 and 'error: ' in err and 'Traceback' not in err, err
    kept = [name for name in _leftovers(folder) if name.endswith('.db')]
    assert len(kept) == 1, _leftovers(folder)


def test_failure_log_says_where_the_store_was_kept(tmpdir):
    folder, code, _, log = _failed_run(tmpdir)
    kept = [name for name in _leftovers(folder) if name.endswith('.db')]
    assert kept and any(kept[0] in line for line in log.splitlines()), log


# ---- app.log, message.tc and results.tc are owner-only ------------------------------------------
def test_app_outputs_are_owner_only(tmpdir, loose_umask):
    from tcex import TcEx

    log, out = str(tmpdir.join('log')), str(tmpdir.join('out'))
    os.makedirs(out)
    with io.open(os.path.join(out, 'message.tc'), 'w', encoding='utf-8') as handle:
        handle.write('an old message')
    os.chmod(os.path.join(out, 'message.tc'), 0o644)  # left readable by an earlier run
    tcex = TcEx(argv=['--tc_log_path', log, '--tc_out_path', out], install_conf=False)
    tcex.log.info('hello')
    tcex.results_tc('last_run', '1')
    with pytest.raises(SystemExit):
        tcex.exit(0, 'done')
    for path in (os.path.join(log, 'app.log'), os.path.join(out, 'message.tc'), os.path.join(out, 'results.tc')):
        assert mode(path) == 0o600, '{} is {:o}'.format(path, mode(path))


# ---- packaging: no credentials, streaming, odd files ---------------------------------------------
def _package(app_dir, tmpdir):
    left_out = []
    conf = InstallConf.load(os.path.join(app_dir, 'install.conf'))
    zip_path, _ = build_package(app_dir, conf, output=str(tmpdir.join('dist')), left_out=left_out)
    return zip_path, dict(left_out)


CREDENTIAL_FILES = {
    'tc_dev.conf': '[threatconnect]\napi_secret_key = leak-1\n',
    'settings.conf': 'token=leak-2\n',
    'app.py.bak': 'old code with leak-3\n',
    '.env': 'TC_TOKEN=leak-4\n',
    'prod.env': 'X=leak-5\n',
    'data/creds.json': '{"tc_token": "leak-6"}\n',
    'data/notes.txt': 'api_secret_key: leak-7\n',
    'helpers/config.py': "feed_key = 'leak-8'\n",  # feed_key is an .encrypt param of the App
    'helpers/tc.py': "tc_proxy_password = \"leak-9\"\n",
}


def test_package_leaves_out_and_lists_every_credential_file(app_dir, tmpdir):
    for name, text in CREDENTIAL_FILES.items():
        path = os.path.join(app_dir, name)
        if not os.path.isdir(os.path.dirname(path)):
            os.makedirs(os.path.dirname(path))
        with io.open(path, 'w', encoding='utf-8') as handle:
            handle.write(text)
    with io.open(os.path.join(app_dir, 'helpers', 'code.py'), 'w', encoding='utf-8') as handle:
        handle.write('token = args.tc_token\napi_secret_key = self.args.api_secret_key\n')  # code, not secrets
    zip_path, left_out = _package(app_dir, tmpdir)
    names, blob = _zip_text(zip_path)
    assert b'leak-' not in blob and b'do-not-ship-me' not in blob
    assert sorted(left_out) == sorted(list(CREDENTIAL_FILES) + ['tc.conf', 'conf/tc.conf']), left_out
    assert 'helpers/code.py' in names and 'install.conf' in names and 'app.py' in names


SPELLED_CREDENTIAL_FILES = {
    'creds.json': '{"apiSecretKey": "ZZTOPSECRET123456"}\n',
    'data/kebab.yaml': 'api-secret-key: leak-a\n',
    'data/upper.txt': 'API_SECRET_KEY=leak-b\n',
    'data/camel.json': '{"tcToken": "leak-c"}\n',
    'data/shout.ini': 'TC_TOKEN = leak-d\n',
    'helpers/camel.py': "tcProxyPassword = 'leak-e'\n",
    'helpers/feed.py': "FEED_KEY = 'leak-f'\n",  # the .encrypt param feed_key, upper-case
    'data/aws.json': '{"secretKey": "leak-g-0123456789"}\n',
    'data/token.json': '{"token": "leak-h-0123456789"}\n',
    'helpers/client.py': "api_key = 'leak-i-0123456789'\nPASSWORD = \"leak-j-0123456789\"\n",
}

#: Ordinary code and data that name credentials without holding one: packaged.
NOT_CREDENTIAL_FILES = {
    'helpers/parser.py': "token = 'IDENTIFIER'\nsecret = 'placeholder-text'\nnext_token = 'EOF-MARKER-1'\n",
    'helpers/args.py': 'tc_token = args.tc_token\napiSecretKey = self.args.api_secret_key\npassword = ""\n',
    'data/fields.json': '{"token": "id", "password": "none", "secret_key": null, "tokens": "many-words-here"}\n',
    'data/readme.txt': 'Set your tc token and API secret key in tc.conf.\n',
}


def _write(app_dir, files):
    for name, text in files.items():
        path = os.path.join(app_dir, name)
        if not os.path.isdir(os.path.dirname(path)):
            os.makedirs(os.path.dirname(path))
        with io.open(path, 'w', encoding='utf-8') as handle:
            handle.write(text)


def test_package_leaves_out_credentials_in_any_spelling(app_dir, tmpdir):
    _write(app_dir, SPELLED_CREDENTIAL_FILES)
    _write(app_dir, NOT_CREDENTIAL_FILES)
    zip_path, left_out = _package(app_dir, tmpdir)
    names, blob = _zip_text(zip_path)
    assert b'leak-' not in blob and b'ZZTOPSECRET' not in blob
    assert sorted(left_out) == sorted(list(SPELLED_CREDENTIAL_FILES) + ['tc.conf', 'conf/tc.conf']), left_out
    assert all('sets a secret' in left_out[name] for name in SPELLED_CREDENTIAL_FILES), left_out
    assert set(NOT_CREDENTIAL_FILES) <= set(names), names


def test_package_command_says_what_it_left_out(app_dir, tmpdir):
    env = dict(os.environ, PYTHONPATH=ROOT)
    proc = subprocess.Popen([sys.executable, '-m', 'tcex', 'package', app_dir, '--output', str(tmpdir.join('d'))],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, cwd=str(tmpdir))
    out, err = proc.communicate()
    err = err.decode('utf-8')
    assert proc.returncode == 0, err
    assert 'left out tc.conf: may hold credentials' in err and 'left out conf/tc.conf' in err, err


def test_package_refuses_a_secret_default_in_install_conf(app_dir, tmpdir):
    with io.open(os.path.join(app_dir, 'install.conf'), 'a', encoding='utf-8') as handle:
        handle.write('param.feed_password = hunter2-default\n')
    with pytest.raises(PackageError) as info:
        _package(app_dir, tmpdir)
    assert 'feed_password' in str(info.value) and '\n' not in str(info.value)
    assert not os.listdir(str(tmpdir.join('dist'))) if os.path.isdir(str(tmpdir.join('dist'))) else True


@pytest.mark.skipif(not hasattr(os, 'mkfifo'), reason='needs FIFOs')
def test_package_skips_fifos(app_dir, tmpdir):
    os.mkfifo(os.path.join(app_dir, 'pipe'))  # reading it would block forever
    zip_path, left_out = _package(app_dir, tmpdir)
    assert 'pipe' not in _zip_text(zip_path)[0]
    assert 'FIFO' in left_out['pipe']


@pytest.mark.skipif(sys.platform == 'darwin', reason='macOS file systems refuse non-UTF-8 names')
def test_package_reports_an_undecodable_file_name_in_one_line(app_dir, tmpdir):
    with open(os.path.join(app_dir.encode('utf-8'), b'caf\xe9.txt'), 'wb') as handle:
        handle.write(b'x')
    env = dict(os.environ, PYTHONPATH=ROOT, LC_ALL='C.UTF-8', LANG='C.UTF-8')
    output = str(tmpdir.join('dist'))
    proc = subprocess.Popen([sys.executable, '-m', 'tcex', 'package', app_dir, '--output', output],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, cwd=str(tmpdir))
    err = proc.communicate()[1].decode('utf-8', 'replace')
    assert proc.returncode != 0 and 'Traceback' not in err, err
    assert err.count('\n') == 1 and 'not valid UTF-8' in err and 'caf' in err, err
    assert not os.path.isdir(output) or not os.listdir(output), os.listdir(output)


def test_package_leaves_no_partial_file_on_failure(app_dir, tmpdir):
    """The zip is written in full, then cannot replace what is at its path: no ``.partial`` is left."""
    output = str(tmpdir.join('dist'))
    blocker = os.path.join(output, 'secret_app-v1.0.0.zip')
    os.makedirs(os.path.join(blocker, 'occupied'))
    with pytest.raises(PackageError) as info:
        _package(app_dir, tmpdir)
    assert 'cannot write' in str(info.value) and '\n' not in str(info.value)
    assert os.listdir(output) == ['secret_app-v1.0.0.zip'], os.listdir(output)


BIG_MB = int(os.environ.get('TCEX_PACKAGE_BIG_MB', '512'))


def test_package_streams_big_files(app_dir, tmpdir):
    """A sparse file of BIG_MB MB (set TCEX_PACKAGE_BIG_MB=3072 for the 3 GB case) is packaged
    with a peak RSS far below its size."""
    with open(os.path.join(app_dir, 'big.bin'), 'wb') as handle:
        handle.truncate(BIG_MB << 20)
    output = str(tmpdir.join('dist'))
    probe = ('import resource, subprocess, sys\n'
             'code = subprocess.call([sys.executable, "-m", "tcex", "package", sys.argv[1], "--output", sys.argv[2]])\n'
             'sys.stdout.write("%d %d\\n" % (code, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss))\n')
    env = dict(os.environ, PYTHONPATH=ROOT)
    proc = subprocess.Popen([sys.executable, '-c', probe, app_dir, output], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, env=env, cwd=str(tmpdir))
    out, err = proc.communicate()
    code, peak_kb = out.decode('ascii').split()[-2:]
    assert code == '0', err
    peak_mb = int(peak_kb) / 1024.0
    from tests.reliability import figures
    figures.LIMITS.append({'case': 'tcex package, {} MB sparse file: peak RSS'.format(BIG_MB),
                           'outcome': 'packaged', 'rss_growth_mb': peak_mb})
    assert peak_mb < 100, peak_mb
    (zip_path,) = glob.glob(os.path.join(output, '*.zip'))
    with zipfile.ZipFile(zip_path) as archive:
        assert archive.getinfo('big.bin').file_size == BIG_MB << 20


# ---- the packaged zip runs as it is, with a Python that has only requests -------------------------
REQUESTS_ONLY_PROBE = (
    'import json, sys, requests\n'
    'roots = set()\n'
    'for name, module in list(sys.modules.items()):\n'
    '    path = getattr(module, "__file__", None) or ""\n'
    '    if "site-packages" in path and not name.startswith("_"):\n'
    '        roots.add((name.split(".")[0], path))\n'
    'print(json.dumps(sorted(roots)))\n'
)


def _requests_only_path(folder):
    """A folder holding only ``requests`` and what it imports (links into this Python's site-packages)."""
    import json

    out = subprocess.check_output([sys.executable, '-c', REQUESTS_ONLY_PROBE])
    os.makedirs(folder)
    for name, path in json.loads(out.decode('utf-8')):
        assert name not in ('six', 'tcex'), 'requests imports {} here'.format(name)
        parts = path.split(os.sep)
        site = max(i for i, part in enumerate(parts) if part == 'site-packages')
        source = os.sep.join(parts[:site + 2])  # the package folder or the module file
        target = os.path.join(folder, parts[site + 1])
        if not os.path.exists(target):
            os.symlink(source, target)
    return folder


def _base_python():
    """This Python, or for an old-style (Python 2) virtualenv its base one (``-S`` there loses the stdlib)."""
    real_prefix = getattr(sys, 'real_prefix', None)
    if real_prefix:
        return os.path.join(real_prefix, 'bin', 'python{}.{}'.format(*sys.version_info[:2]))
    return sys.executable


def _run_requests_only(folder, script, argv, site):
    """Run ``python -S script argv`` in ``folder``: no site-packages, only ``site`` on PYTHONPATH."""
    env = dict((k, v) for k, v in os.environ.items() if not k.startswith('PYTHON'))
    env.update(PYTHONPATH=site, TCEX_LOG_STDERR='0', LC_ALL='C.UTF-8', LANG='C.UTF-8')
    proc = subprocess.Popen([_base_python(), '-S', script] + argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            env=env, cwd=folder)
    out, err = proc.communicate()
    return proc.returncode, out.decode('utf-8', 'replace'), err.decode('utf-8', 'replace')


NO_SYS_PATH_APP = '''# -*- coding: utf-8 -*-
"""An App that never touches sys.path: tcex must come from the zip's lib/."""
import os
import six
from tcex import JobApp
import tcex


class App(JobApp):
    def run(self):
        batch = self.tcex.batch(self.args.api_default_org, poll_interval=0.01, poll_max_interval=0.01)
        batch.host('from-the-zip.example.com')
        batch.submit_all()
        here = os.path.dirname(os.path.abspath(__file__))
        self.log.info('tcex from %s, six from %s', tcex.__file__, six.__file__)
        assert tcex.__file__.startswith(os.path.join(here, 'lib')), tcex.__file__
        self.tcex.results_tc('last_run', 'ok')


if __name__ == '__main__':
    App.main()
'''


@pytest.mark.skipif(not hasattr(os, 'symlink'), reason='needs symlinks')
@pytest.mark.parametrize('variant', ['quickstart', 'no sys.path lines'])
def test_packaged_app_runs_unzipped_with_only_requests(variant, tmpdir):
    assert tcex_main(['init', 'my_feed', '--dir', str(tmpdir)]) == 0
    app = str(tmpdir.join('my_feed'))
    if variant != 'quickstart':
        with io.open(os.path.join(app, 'app.py'), 'w', encoding='utf-8') as handle:
            handle.write(NO_SYS_PATH_APP)
    assert tcex_main(['package', app, '--output', str(tmpdir.join('dist'))]) == 0
    (zip_path,) = glob.glob(str(tmpdir.join('dist', '*.zip')))
    deployed = str(tmpdir.join('deployed'))
    os.makedirs(deployed)
    with zipfile.ZipFile(zip_path) as archive:
        archive.extractall(deployed)
    conf = InstallConf.load(os.path.join(deployed, 'install.conf'))
    site = _requests_only_path(str(tmpdir.join('site')))
    code, out, err = _run_requests_only(deployed, '-c', ['import six'], site)
    assert code != 0 and 'six' in err, 'six is importable without the zip: the test would prove nothing'
    with ThreatConnectEmulator(polls_until_complete=0) as tc:
        argv = tc.app_args() + ['--tc_log_path', 'log', '--tc_out_path', 'out', '--tc_temp_path', 'tmp',
                                '--owner', tc.owner, '--feed_api_key', 'k3y-for-the-feed']
        code, out, err = _run_requests_only(deployed, conf.program_main, argv, site)
        stored = tc.indicator('from-the-zip.example.com')
    assert code == 0, (out, err)
    with io.open(os.path.join(deployed, 'out', 'results.tc'), encoding='utf-8') as handle:
        assert 'param.last_run = ' in handle.read()
    if variant != 'quickstart':
        assert stored is not None
