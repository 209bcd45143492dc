# -*- coding: utf-8 -*-
"""Finding and loading the App's install.conf (or install.json) for :class:`tcex.TcEx`."""
from __future__ import absolute_import, division, print_function, unicode_literals

import os
import sys

import six

from tcex.errors import ConfigError
from tcex.utils.text import fs_text

INSTALL_CONF_FILENAME = 'install.conf'
INSTALL_JSON_FILENAME = 'install.json'


def find_install_conf(folders=None):
    """Return the path of the App's install.conf (or install.json), or None.

    Args:
        folders (list): The folders to look in (default: the main script's
            (``sys.argv[0]``), then the current one). An ``install.conf`` in any
            of them wins over an ``install.json``.

    Returns:
        str: The path, or None when there is none.
    """
    if folders is None:
        folders = []
        script = fs_text(sys.argv[0]) if sys.argv else None
        if script and script != '-c':
            folders.append(os.path.dirname(os.path.abspath(script)))
        folders.append(fs_text(os.getcwd()))
    for name in (INSTALL_CONF_FILENAME, INSTALL_JSON_FILENAME):
        for folder in folders:
            path = os.path.join(folder, name)
            if os.path.isfile(path):
                return path
    return None


def resolve_install_conf(install_conf, find):
    """Return the install.conf object ``TcEx(install_conf=...)`` asks for, or None.

    Args:
        install_conf: An ``InstallConf``/``InstallJson``, a path, False for none,
            or None to call ``find()`` for a path.
        find: A zero-argument callable returning a path or None.

    Returns:
        The loaded object, or None.

    Raises:
        ConfigError: The file cannot be read, has an error-level problem, or
            ``install_conf`` is not an install.conf.
    """
    if install_conf is False:
        return None
    if install_conf is None:
        install_conf = find()
        if install_conf is None:
            return None
    if isinstance(install_conf, six.string_types):
        from tcex.app.install_json import load_app_config  # pylint: disable=import-outside-toplevel

        conf = load_app_config(install_conf)
    else:
        conf = install_conf
    raise_on_errors = getattr(conf, 'raise_on_errors', None)
    if raise_on_errors is not None:
        raise_on_errors()
    elif not hasattr(conf, 'params'):
        raise ConfigError('not an install.conf: {!r}'.format(conf), value=conf)
    return conf
