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
    batch.store.connection.execute('SELECT COUNT(*) FROM entity').fetchone()  # rows reach the file (and WAL)
    paths = [p for p in glob.glob(batch.store.path + '*') if os.path.isfile(p)]
    assert batch.store.path in paths
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
