# -*- coding: utf-8 -*-
"""Run an App as a subprocess and relay its output line by line with its secrets masked.

``tcex run`` knows the App's secrets (the tc.conf and command line values of
``api_secret_key``, ``tc_token``, ``tc_proxy_password`` and every ``.encrypt``
param); what the App prints itself passes through :class:`tcex.app.masking.Masker`
(raw, URL-encoded and base64 forms) before it reaches the terminal. Each line is
written as soon as it is read; nothing is buffered beyond the current line.
"""
from __future__ import absolute_import, division, print_function, unicode_literals

import os
import subprocess
import sys
import threading

import six

from tcex.app.masking import Masker
from tcex.cli.console import echo


def secret_values(values, keys, extra=None, more=(), delimiter=None):
    """Return the secret values among tc.conf values and command line arguments.

    Args:
        values (dict): tc.conf key -> value.
        keys (set): The names of the secret arguments (e.g. from ``tc_conf.secret_keys``).
        extra (list): Extra command line arguments (``--key value`` or ``--key=value``; an
            abbreviation of a secret option, which argparse accepts, counts too).
        more (iterable): Further secret values (e.g. the emulator's key).
        delimiter (str): The App's ``list.delimiter``: each item of a secret list is a secret too.

    Returns:
        set: The non-empty secret values.
    """
    found = set(six.text_type(v) for k, v in values.items() if k in keys and v)
    hide = False
    for arg in extra or []:
        if hide:
            found.add(arg)
            hide = False
            continue
        option, equals, value = arg.partition('=')
        name = option[2:]
        if option.startswith('--') and name and any(key.startswith(name) for key in keys):
            if equals:
                found.add(value)
            else:
                hide = True
    found.update(x for x in more if x)
    if delimiter:
        found.update([item.strip() for value in list(found) for item in value.split(delimiter)])
    found.discard('')
    return found


def child_env(env=None):
    """Return the environment for the child: unbuffered UTF-8 output (so lines stream).

    Args:
        env (dict): The base environment (default ``os.environ``).

    Returns:
        dict: The environment (native strings on Python 2).
    """
    env = dict(os.environ if env is None else env)
    env.setdefault('PYTHONIOENCODING', 'utf-8')
    env['PYTHONUNBUFFERED'] = '1'
    if six.PY2:  # pragma: no cover - Python 2 wants a bytes environment
        env = dict((native(k), native(v)) for k, v in env.items())
    return env


def native(value):
    """Return ``value`` as the native string type subprocess wants (bytes on Python 2)."""
    if six.PY2 and isinstance(value, six.text_type):  # pragma: no cover
        return value.encode(sys.getfilesystemencoding() or 'utf-8')
    return value


def _pump(pipe, stream, masker):
    try:
        for line in iter(pipe.readline, b''):
            echo(masker.mask(line.decode('utf-8', 'replace').rstrip('\r\n')), stream)
            flush = getattr(stream, 'flush', None)
            if flush is not None:
                flush()
    finally:
        pipe.close()


def run_masked(command, cwd, secrets, out=None, err=None, env=None):
    """Run ``command`` in ``cwd``; relay its output line by line with ``secrets`` masked.

    Args:
        command (list): The command.
        cwd (str): The folder to run in.
        secrets (set): Values to mask in every form.
        out: Text stream for the child's stdout (default ``sys.stdout``).
        err: Text stream for the child's stderr (default ``sys.stderr``); pass the
            same stream as ``out`` to merge both (in order) into it.
        env (dict): The child's environment (default: :func:`child_env`).

    Returns:
        int: The exit code (128 + N when killed by signal N).
    """
    out = out or sys.stdout
    err = err or sys.stderr
    masker = Masker(set(secrets))
    merged = err is out
    process = subprocess.Popen([native(arg) for arg in command], cwd=native(cwd),
                               env=env if env is not None else child_env(),
                               stdout=subprocess.PIPE,
                               stderr=subprocess.STDOUT if merged else subprocess.PIPE)
    thread = None
    if not merged:
        thread = threading.Thread(target=_pump, args=(process.stderr, err, masker))
        thread.daemon = True
        thread.start()
    try:
        _pump(process.stdout, out, masker)
        if thread is not None:
            thread.join()
    except KeyboardInterrupt:  # pragma: no cover - interactive only
        process.terminate()
    code = process.wait()
    return 128 - code if code < 0 else code
