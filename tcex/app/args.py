# -*- coding: utf-8 -*-
"""Command line arguments: the platform's standard arguments and install.conf params.

ThreatConnect runs a Job App as ``python <program.main> --tc_log_path ... --<param> value``.
This module builds the :mod:`argparse` parser for that command line:

* the standard arguments every Job gets (:func:`add_standard_arguments`);
* one argument per ``param.X`` of install.conf (:func:`add_install_conf_params`):
  ``.list`` params collect repeated values and split each on ``list.delimiter``,
  ``.flag`` params are booleans, ``.encrypt`` params are secrets;
* argparse's own error exit turned into :class:`tcex.errors.ArgumentError`.
"""
from __future__ import absolute_import, division, print_function, unicode_literals

import argparse
import logging

import six

from tcex.app.argv import decode_argv, join_dash_values, option_names, secret_values  # noqa: F401
from tcex.app.logger import LOG_LEVELS, mask_text
from tcex.errors import ArgumentError
from tcex.utils import booleans

_LOG = logging.getLogger('tcex.app.args')

#: Standard arguments whose values are secrets (masked in logs).
STANDARD_SECRETS = ('api_secret_key', 'tc_token', 'tc_proxy_password')


def to_bool(value):
    """Read a boolean argument value (:mod:`tcex.utils.booleans` words; empty is false).

    Args:
        value: Text or a bool.

    Returns:
        bool: The value.

    Raises:
        ValueError: The text is not a boolean (argparse reports it).
    """
    return booleans.to_bool(value, empty=False)


to_bool.__name__ = str('boolean')  # argparse names the type in its error message


def to_level(value):
    """Read a logging level name (case-insensitive)."""
    text = six.text_type(value).strip().lower()
    if text not in LOG_LEVELS:
        raise ValueError(text)
    return text


to_level.__name__ = str('logging level')


def to_epoch(value):
    """Read epoch seconds (an integer; a decimal value is truncated)."""
    text = six.text_type(value).strip()
    try:
        return int(text)
    except ValueError:
        pass
    try:
        return int(float(text))
    except OverflowError:  # 1e400 is inf, which int() refuses with OverflowError
        raise ValueError('out of range: {}'.format(text))


to_epoch.__name__ = str('epoch seconds')


def is_truthy(value):
    """True when an install.conf default means "on" (a true word of :mod:`tcex.utils.booleans`)."""
    return booleans.is_true(value)


def split_list(values, delimiter):
    """Split each value on ``delimiter`` and drop empty items.

    Args:
        values: An iterable of text values (None counts as empty).
        delimiter (str): The install.conf ``list.delimiter``; None or empty
            means no splitting.

    Returns:
        list: The items, in order.
    """
    items = []
    for value in values or []:
        if value is None:
            continue
        parts = value.split(delimiter) if delimiter else [value]
        items.extend(part for part in parts if part != '')
    return items


class Namespace(argparse.Namespace):
    """The parsed arguments; ``repr()`` shows every secret value as ``***``.

    Attributes:
        secrets: The set of secret strings to mask (shared with
            :attr:`tcex.TcEx.secrets`, so secrets added later are masked too).
    """

    __slots__ = ('secrets',)

    def __init__(self, **kwargs):
        super(Namespace, self).__init__(**kwargs)
        self.secrets = frozenset()

    def __repr__(self):
        parts = []
        for name, value in sorted(vars(self).items()):
            if isinstance(value, (list, tuple)):
                value = [self._masked(item) for item in value]
            else:
                value = self._masked(value)
            parts.append('{}={!r}'.format(name, value))
        return 'Namespace({})'.format(', '.join(parts))

    def _masked(self, value):
        if isinstance(value, six.string_types) and value:
            return mask_text(value, self.secrets)
        return value


class ListAction(argparse.Action):
    """``append`` that also splits each value on the list delimiter.

    A local run passing ``--tags 'APT|Crimeware'`` gives the same list as the
    platform passing ``--tags APT --tags Crimeware``. When the argument is
    absent the value stays None; :func:`apply_list_defaults` then fills in
    :attr:`list_default`.

    Args:
        delimiter (str): The list delimiter (None: no splitting).
        list_default (list): The value when the argument is absent.
    """

    def __init__(self, option_strings, dest, delimiter=None, list_default=None, **kwargs):
        kwargs.setdefault('default', None)
        super(ListAction, self).__init__(option_strings, dest, **kwargs)
        self.delimiter = delimiter
        self.list_default = list(list_default or [])

    def __call__(self, parser, namespace, values, option_string=None):
        current = getattr(namespace, self.dest, None)
        items = list(current) if isinstance(current, list) else []
        items.extend(split_list([values], self.delimiter))
        setattr(namespace, self.dest, items)


class TcArgumentParser(argparse.ArgumentParser):
    """An :class:`argparse.ArgumentParser` for Apps.

    Differences from argparse:

    * errors raise :class:`ArgumentError` (one line) instead of printing usage
      and exiting;
    * a later ``add_argument`` with the same option replaces the earlier one
      (``conflict_handler='resolve'``), so an App can redefine an install.conf
      param, e.g. to give it ``type=int``;
    * ``add_argument(..., secret=True)`` marks the value as a secret that
      :class:`tcex.TcEx` masks in logs.

    Attributes:
        secret_dests (set): Namespace attributes whose values are secrets.
    """

    def __init__(self, *args, **kwargs):
        kwargs.setdefault('conflict_handler', 'resolve')
        super(TcArgumentParser, self).__init__(*args, **kwargs)
        self.secret_dests = set()
        self.argv_secrets = set()

    def parse_known_args(self, args=None, namespace=None):
        """Parse like argparse, with two differences for the platform's ``--key value`` pairs.

        * The secret values on the command line are registered before parsing,
          so an error about one of them (a bad value) shows ``***``.
        * A value starting with ``-`` given as a separate argument
          (``--api_secret_key -abc``) is taken as the option's value.
        """
        args = list(args) if args is not None else None
        if args is not None:
            self.argv_secrets = secret_values(self, args)
            args = join_dash_values(self, args)
        return super(TcArgumentParser, self).parse_known_args(args, namespace)

    def add_argument(self, *args, **kwargs):
        """Add an argument; ``secret=True`` marks its value as a secret."""
        secret = kwargs.pop('secret', False)
        action = super(TcArgumentParser, self).add_argument(*args, **kwargs)
        if secret:
            self.secret_dests.add(action.dest)
        return action

    def error(self, message):
        """Raise :class:`ArgumentError` instead of printing usage and exiting."""
        # masked first: a secret holding two spaces, a tab or a newline must match before the text is made one line
        raise ArgumentError(' '.join(mask_text(six.text_type(message), self.argv_secrets).split()))

    def has_option(self, option_string):
        """True when an argument answers to ``option_string`` (e.g. ``--logging``)."""
        return option_string in self._option_string_actions

    def list_actions(self):
        """Return the :class:`ListAction` arguments currently defined."""
        return [action for action in self._actions if isinstance(action, ListAction)]


def add_standard_arguments(parser):
    """Add the arguments ThreatConnect passes to every Job App.

    Args:
        parser (argparse.ArgumentParser): The parser.

    Returns:
        argparse.ArgumentParser: The same parser.
    """
    if hasattr(parser, 'secret_dests'):
        parser.secret_dests.update(STANDARD_SECRETS)
    group = parser.add_argument_group('ThreatConnect')
    add = group.add_argument
    add('--tc_log_path', default='log', metavar='PATH', help='folder for the log file')
    add('--tc_temp_path', '--tc_tmp_path', dest='tc_temp_path', default='tmp', metavar='PATH',
        help='folder for temporary files')
    add('--tc_out_path', default='out', metavar='PATH', help='folder for results.tc and message.tc')
    add('--tc_api_path', default=None, metavar='URL', help='ThreatConnect API root, e.g. https://host/api')
    add('--api_access_id', default=None, help='API access id (HMAC)')
    add('--api_secret_key', default=None, help='API secret key (HMAC; masked in logs)')
    add('--api_default_org', default=None, help='the default owner (organization)')
    add('--tc_token', default=None, help='API token (masked in logs)')
    add('--tc_token_expires', default=None, type=to_epoch, metavar='EPOCH',
        help='token expiry, epoch seconds')
    add('--tc_proxy_host', default=None, help='proxy host')
    add('--tc_proxy_port', default=None, type=int, help='proxy port')
    add('--tc_proxy_username', default=None, help='proxy user')
    add('--tc_proxy_password', default=None, help='proxy password (masked in logs)')
    add('--tc_proxy_tc', default=False, type=to_bool, nargs='?', const=True, metavar='BOOL',
        help='use the proxy for the ThreatConnect API ("false" leaves it off)')
    add('--tc_proxy_external', default=False, type=to_bool, nargs='?', const=True, metavar='BOOL',
        help='use the proxy for external (feed) requests ("false" leaves it off)')
    add('--tc_verify', default=True, type=to_bool, nargs='?', const=True, metavar='BOOL',
        help='verify TLS certificates (default true; "false" turns it off)')
    add('--logging', '--tc_log_level', dest='tc_log_level', default='info', type=to_level,
        metavar='LEVEL', help='log level: {}'.format(', '.join(sorted(LOG_LEVELS))))
    add('--tc_log_file', default='app.log', metavar='NAME', help='log file name inside tc_log_path')
    from tcex.batch import defaults  # pylint: disable=import-outside-toplevel  # not at `import tcex`

    batch = parser.add_argument_group('batch tuning')
    add = batch.add_argument
    add('--batch_chunk_size', default=defaults.CHUNK_SIZE, type=int, metavar='N', help='entities per batch job')
    add('--batch_max_bytes', default=defaults.MAX_BYTES, type=int, metavar='N', help='bytes per batch upload')
    add('--batch_poll_interval', default=defaults.POLL_INTERVAL, type=float, metavar='SECONDS',
        help='first wait before polling a batch job')
    add('--batch_poll_max_interval', default=defaults.POLL_MAX_INTERVAL, type=float, metavar='SECONDS',
        help='longest wait between polls')
    add('--batch_poll_timeout', default=defaults.POLL_TIMEOUT, type=float, metavar='SECONDS',
        help='give up polling after this long')
    return parser


def add_install_conf_params(parser, install_conf):
    """Add one argument per ``param.X`` of install.conf.

    * ``.list`` params: a :class:`ListAction` (repeated values collected, each
      split on ``list.delimiter``); the default is split too; absent and no
      default gives ``[]``.
    * ``.flag`` params: a bare ``--X`` is true, ``--X false`` is false (any
      :mod:`tcex.utils.booleans` word); default True when the install.conf
      value is a true word.
    * other params: a text value, the install.conf default (empty -> None).
    * ``.encrypt`` params are added to ``parser.secret_dests``.

    A param whose option already exists (e.g. the seed's ``param.logging`` or
    ``param.api_access_id``) reuses the existing argument; a non-empty default
    from install.conf becomes that argument's default.

    Args:
        parser (TcArgumentParser): The parser (with the standard arguments).
        install_conf: A :class:`tcex.app.install_conf.InstallConf` or None.

    Returns:
        list: The names of the params added as new arguments.
    """
    added = []
    if install_conf is None:
        return added
    delimiter = getattr(install_conf, 'list_delimiter', None)
    group = parser.add_argument_group('install.conf params')
    for name, param in install_conf.params.items():
        option = '--{}'.format(name)
        default = param.default if param.default not in (None, '') else None
        if parser.has_option(option):
            action = parser._option_string_actions[option]  # pylint: disable=protected-access
            if param.is_encrypt:
                parser.secret_dests.add(action.dest)
            if default is not None:
                _reuse_default(parser, action, default)
            continue
        help_text = param.label or None
        if param.is_list:
            group.add_argument(option, dest=name, action=ListAction, delimiter=delimiter,
                               list_default=split_list([default], delimiter), metavar='VALUE',
                               help=help_text)
        elif param.is_flag:
            group.add_argument(option, dest=name, default=is_truthy(default), type=to_bool, nargs='?',
                               const=True, metavar='BOOL', help=help_text)
        else:
            group.add_argument(option, dest=name, default=default, metavar='VALUE', help=help_text)
        if param.is_encrypt:
            parser.secret_dests.add(name)
        added.append(name)
    return added


def _reuse_default(parser, action, default):
    """Apply an install.conf default to an existing (standard) argument."""
    if action.nargs == 0:  # store_true style: only a truthy default turns it on
        if is_truthy(default):
            action.default = True
        return
    value = default
    if action.type is not None and callable(action.type):
        try:
            value = action.type(default)
        except (TypeError, ValueError):
            _LOG.warning('install.conf default %r for --%s is not valid; ignored', default, action.dest)
            return
    action.default = value


def apply_list_defaults(parser, namespace):
    """Give absent ``.list`` params their (split) install.conf default, or ``[]``.

    Args:
        parser (TcArgumentParser): The parser that produced ``namespace``.
        namespace (argparse.Namespace): The parsed arguments (updated in place).
    """
    for action in parser.list_actions():
        if getattr(namespace, action.dest, None) is None:
            setattr(namespace, action.dest, list(action.list_default))


def apply_param_aliases(parser, namespace, names):
    """Make each declared param readable under its own name.

    A param whose option the SDK already uses under another name (the seed's
    ``param.logging`` is ``--logging``, whose value the SDK keeps as
    ``tc_log_level``) gets ``namespace.<param>`` set to that value too, so
    ``args.logging == 'debug'`` for ``--logging debug``.

    Args:
        parser (TcArgumentParser): The parser that produced ``namespace``.
        namespace (argparse.Namespace): The parsed arguments (updated in place).
        names: The params the App declares (install.conf/install.json).
    """
    for name in names or ():
        action = parser._option_string_actions.get('--{}'.format(name))  # pylint: disable=protected-access
        if action is not None and action.dest != name and hasattr(namespace, action.dest):
            setattr(namespace, name, getattr(namespace, action.dest))

