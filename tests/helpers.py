# -*- coding: utf-8 -*-
"""Helpers shared by tests in several packages: reading a text file, collecting log messages,
copying and running the tcex 0.8 template-style App."""
from __future__ import absolute_import, division, print_function, unicode_literals

import io
import logging
import os
import shutil

import six

#: The tcex 0.8 template-style App; it ships install.conf and install.json with the same params.
TEMPLATE_APP = os.path.join(os.path.dirname(os.path.abspath(__file__)), 'fixtures', 'apps', 'tcex08_job')
DESCRIPTORS = ('install.conf', 'install.json')


def read_text(path):
    """Return the whole text of a UTF-8 file."""
    with io.open(path, encoding='utf-8') as handle:
        return handle.read()


class LogCollector(logging.Handler):
    """A logging handler keeping the formatted message of every record in ``messages``."""

    def __init__(self):
        logging.Handler.__init__(self)
        self.messages = []

    def emit(self, record):
        self.messages.append(record.getMessage())


def copy_template_app(tmpdir, descriptor, name='app'):
    """Copy :data:`TEMPLATE_APP` to ``tmpdir/name`` keeping only one descriptor.

    The SDK reads install.conf when both exist, so the copy drops the other one.

    Args:
        tmpdir: The folder to copy into.
        descriptor (str): ``install.conf`` or ``install.json``.
        name (str): The App folder's name (``tcex package`` names the zip after it).

    Returns:
        str: The App folder.
    """
    folder = os.path.join(str(tmpdir), name)
    shutil.copytree(TEMPLATE_APP, folder)
    for other in DESCRIPTORS:
        if other != descriptor:
            os.remove(os.path.join(folder, other))
    return folder


def run_template_app(folder, emulator, *extra):
    """Run the App's ``run.py`` against ``emulator`` as ``tcex run --emulator`` does.

    Returns:
        tuple: ``(exit code, the run's output text)``.
    """
    from tcex.cli.emulated import run_with_emulator  # pylint: disable=import-outside-toplevel

    out = six.StringIO()
    code = run_with_emulator(os.path.join(folder, 'run.py'), extra_args=list(extra), out=out,
                             emulator=emulator)
    return code, out.getvalue()
