# -*- coding: utf-8 -*-
"""Parsing an App's command line for :class:`tcex.TcEx` and logging what the run starts with."""
from __future__ import absolute_import, division, print_function, unicode_literals

import os

import six

from tcex.app import args as app_args
from tcex.app.param_checks import check_params


def parse_app_args(parser, argv, install_conf, secrets):
    """Parse ``argv``, apply list defaults and param aliases, check ``required``/``validValues``.

    Args:
        parser (tcex.app.args.TcArgumentParser): The App's parser.
        argv (list): The arguments.
        install_conf: The App's install.conf object, or None.
        secrets (set): The run's secrets, set as ``args.secrets``.

    Returns:
        tuple: ``(args, unknown)``: the namespace and the arguments the parser did not know.

    Raises:
        ArgumentError: A value is missing or invalid (install.json's ``required`` and
            ``validValues`` included, see :mod:`tcex.app.param_checks`).
    """
    args, unknown = parser.parse_known_args(argv, namespace=app_args.Namespace())
    args.secrets = secrets
    app_args.apply_list_defaults(parser, args)
    if install_conf is not None:
        app_args.apply_param_aliases(parser, args, list(install_conf.params))
        check_params(parser, args, install_conf)
    return args, unknown


def secret_values(parser, args):
    """Return the secret strings in ``args``.

    They are the values of the standard secret arguments, of every ``.encrypt``
    param and of every argument added with ``secret=True``.

    Returns:
        set: The values as text (empty values and flags left out).
    """
    values = set()
    for dest in set(app_args.STANDARD_SECRETS) | set(getattr(parser, 'secret_dests', ())):
        value = getattr(args, dest, None)
        if isinstance(value, (list, tuple)):
            values.update(six.text_type(item) for item in value if item)
        elif value not in (None, '', True, False):
            values.add(six.text_type(value))
    return values


def log_startup(log, install_conf, args, unknown):
    """Log the install.conf used and its problems, unknown arguments, TLS off, the log level.

    Args:
        log (logging.Logger): The App's logger.
        install_conf: The App's install.conf object, or None.
        args (argparse.Namespace): The parsed arguments.
        unknown (list): The arguments the parser did not know.
    """
    if install_conf is not None:
        path = getattr(install_conf, 'path', '?')
        log.debug('%s: %s', os.path.basename(path) if path != '?' else 'install.conf', path)
        for problem in getattr(install_conf, 'problems', []):
            log.warning('%s', problem)
    names = app_args.option_names(unknown)
    if unknown:
        log.warning('unknown arguments ignored: %s',
                    ', '.join(names) if names else '{} value(s)'.format(len(unknown)))
    if args.tc_verify is False:
        log.warning('TLS certificate verification is off (--tc_verify false)')
    log.debug('log level %s', args.tc_log_level)
