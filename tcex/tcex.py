# -*- coding: utf-8 -*-
"""The :class:`TcEx` object: one per App run.

Typical use at the top of an App's main script::

    from tcex import TcEx

    tcex = TcEx()
    tcex.parser.add_argument('--feed_url')      # optional, before args are read
    tcex.log.info('owner: %s', tcex.args.api_default_org)
    tcex.results_tc('last_run', 1430619556)
    tcex.exit(0, 'done')
"""
from __future__ import absolute_import, division, print_function, unicode_literals

import hashlib
import logging
import os
import re
import sys
import time

import six

from tcex.app import args as app_args
from tcex.app import logger as app_logger
from tcex.app.compat import TcExMembers
from tcex.app.exit import ExitCode, log_level_for, to_exit_code, write_message_tc
from tcex.app.results import write_results_tc
from tcex.app.terminal import SHOWN_ON_TERMINAL, ShownOnTerminal, stderr_handlers, write_stderr_line
from tcex.errors import ConfigError, TcExError

INSTALL_CONF_FILENAME = 'install.conf'
INSTALL_JSON_FILENAME = 'install.json'


class TcEx(TcExMembers):
    """The App runtime: arguments, logging, secrets, results.tc, exit codes, session, batch.

    Nothing is parsed when the object is built: the App may add arguments to
    :attr:`parser` first. The command line is parsed on first use of
    :attr:`args` (or :attr:`log`, :attr:`unknown_args`, :attr:`session`,
    :meth:`batch`, :meth:`results_tc`, :meth:`exit`); logging is configured
    right after.

    Subclassing: override the public hooks :meth:`build_parser`,
    :meth:`find_install_conf`, :meth:`process_args` and :meth:`setup_logging`
    (call ``super()``); the class attributes :attr:`logger_name`,
    :attr:`parser_class` and :attr:`install_excepthook` are meant to be set on
    subclasses.

    tcex 0.8's members are here with its names and signatures: :attr:`utils`,
    :meth:`s`, :meth:`safetag`, :meth:`safeurl`, :meth:`safe_indicator`,
    :meth:`safe_group_name`, :attr:`indicator_types`, :attr:`indicator_types_data`,
    :attr:`group_types`, :meth:`message_tc`, :attr:`install_json`, :attr:`playbook` ...

    Args:
        argv (list): The arguments (default ``sys.argv[1:]``).
        install_conf: An :class:`~tcex.app.install_conf.InstallConf` or
            :class:`~tcex.app.install_json.InstallJson`, a path to an install.conf or
            install.json, False for none, or None to look for ``install.conf`` (then
            ``install.json``) next to the main script (``sys.argv[0]``) and then in
            the current folder.
        clock: A zero-argument callable returning epoch seconds (default ``time.time``).

    Raises:
        ConfigError: The install.conf cannot be read or has an error-level problem.
    """

    #: The logger App code logs to (:attr:`log`).
    logger_name = 'tcex.app'
    #: The parser class :meth:`build_parser` instantiates.
    parser_class = app_args.TcArgumentParser
    #: Install :meth:`excepthook` so an uncaught :class:`TcExError` ends with one line.
    install_excepthook = True

    def __init__(self, argv=None, install_conf=None, clock=None):
        self.clock = clock or time.time
        self._secrets = set()
        self._parsing = False
        self._args = None
        self._args_error = None
        try:
            self._argv = app_args.decode_argv(sys.argv[1:] if argv is None else list(argv))
        except TcExError as exc:  # reported in one line when the arguments are first used
            self._argv, self._args_error = [], exc
        self._unknown_args = []
        self._exit_code = ExitCode.SUCCESS
        self._session = None
        self._indicator_types = None
        self._utils = None
        self._playbook = None
        self._reported = None
        self._batch_counts = {}
        self._batches = []
        self._log = logging.getLogger(self.logger_name)
        if self.install_excepthook:
            self._install_excepthook()
        self._install_conf = self._resolve_install_conf(install_conf)
        self._parser = self.build_parser()

    # ------------------------------------------------------------------ hooks
    def build_parser(self):
        """Build the argument parser: standard arguments plus install.conf params.

        Override to add arguments every instance of a subclass needs (call
        ``super().build_parser()`` and add to the parser it returns).

        Returns:
            tcex.app.args.TcArgumentParser: The parser.
        """
        prog = os.path.basename(sys.argv[0]) if sys.argv and sys.argv[0] else 'app'
        parser = self.parser_class(prog=prog, description='A ThreatConnect Job App')
        app_args.add_standard_arguments(parser)
        app_args.add_install_conf_params(parser, self._install_conf)
        return parser

    def find_install_conf(self):
        """Return the path of the App's install.conf (or install.json), or None.

        Looks next to the main script (``sys.argv[0]``), then in the current
        folder; an ``install.conf`` wins over an ``install.json``.

        Returns:
            str: The path, or None when there is none.
        """
        folders = []
        if sys.argv and sys.argv[0] and sys.argv[0] != '-c':
            folders.append(os.path.dirname(os.path.abspath(sys.argv[0])))
        folders.append(os.getcwd())
        for name in (INSTALL_CONF_FILENAME, INSTALL_JSON_FILENAME):
            for folder in folders:
                path = os.path.join(folder, name)
                if os.path.isfile(path):
                    return path
        return None

    def process_args(self, args):
        """Post-process freshly parsed arguments (before logging is configured).

        The default registers secrets: the standard secret arguments, every
        ``.encrypt`` param and every argument added with ``secret=True``.

        Args:
            args (argparse.Namespace): The parsed arguments (may be changed in place).
        """
        dests = set(app_args.STANDARD_SECRETS) | set(getattr(self._parser, 'secret_dests', ()))
        for dest in dests:
            value = getattr(args, dest, None)
            if isinstance(value, (list, tuple)):
                self._secrets.update(six.text_type(item) for item in value if item)
            elif value not in (None, '', True, False):
                self._secrets.add(six.text_type(value))

    def setup_logging(self, args):
        """Configure logging from the parsed arguments.

        Args:
            args (argparse.Namespace): The parsed arguments.

        Returns:
            str: The log file's path.
        """
        path = app_logger.configure_logging(
            args.tc_log_path, args.tc_log_file, args.tc_log_level, secrets=self._secrets
        )
        for handler in stderr_handlers(logging.getLogger('tcex')):
            if not any(isinstance(item, ShownOnTerminal) for item in handler.filters):
                handler.addFilter(ShownOnTerminal())
        return path

    # ------------------------------------------------------------- properties
    @property
    def parser(self):
        """tcex.app.args.TcArgumentParser: Add App arguments here before :attr:`args` is read."""
        return self._parser

    @property
    def install_conf(self):
        """The App's :class:`~tcex.app.install_conf.InstallConf` (or ``InstallJson``), or None."""
        return self._install_conf

    @property
    def args(self):
        """argparse.Namespace: The parsed arguments (parsed on first use).

        Raises:
            ArgumentError: A value is missing or invalid (raised again on later use).
        """
        self._parse()
        if self._args_error is not None:
            raise self._args_error
        return self._args

    @property
    def secrets(self):
        """set: Strings masked as ``***`` in every log record and message (add your own).

        Filled when the arguments are parsed (first use of this property
        included): ``api_secret_key``, ``tc_token``, ``tc_proxy_password``, every
        ``.encrypt`` param and every argument added with ``secret=True``.
        """
        self._parse()
        return self._secrets

    @property
    def unknown_args(self):
        """list: Arguments the parser did not know (kept, logged by name, not fatal)."""
        self._parse()
        return list(self._unknown_args)

    @property
    def log(self):
        """logging.Logger: The App's logger (``tcex.app``); using it parses the arguments.

        If the arguments are invalid the logger is still returned (without the
        log file), so error handling can log.
        """
        self._parse()
        return self._log

    @property
    def exit_code(self):
        """ExitCode: The code :meth:`exit` uses when given none (default SUCCESS); settable."""
        return self._exit_code

    @exit_code.setter
    def exit_code(self, value):
        self._exit_code = to_exit_code(value, logger=self._log)

    @property
    def session(self):
        """tcex.session.TcSession: An authenticated API session built from :attr:`args` (lazy).

        Built with ``TcSession.from_args(args, clock=tcex.clock)`` on first use.
        """
        if self._session is None:
            from tcex.session import TcSession  # pylint: disable=import-outside-toplevel

            self._session = TcSession.from_args(self.args, clock=self.clock)
        return self._session

    @property
    def session_external(self):
        """tcex.session.ExternalSession: A ``requests`` session for third-party APIs (lazy).

        Same retries, timeouts, deadline and secret masking as :attr:`session`, the proxy
        when ``tc_proxy_external`` is on, no ThreatConnect credentials::

            response = tcex.session_external.get(url, params={...})   # requests.Response
        """
        if getattr(self, '_session_external', None) is None:
            from tcex.session import ExternalSession  # pylint: disable=import-outside-toplevel

            self._session_external = ExternalSession.from_args(self.args, secrets=self.secrets, clock=self.clock)
        return self._session_external

    def request(self, session=None):
        """Return a tcex 0.8 style request builder (``r.url = ...; r.send()``).

        Args:
            session (requests.Session): The session to send with (default :attr:`session_external`).

        Returns:
            tcex.session.ExternalRequest: The builder; ``send()`` returns a ``requests.Response``.
        """
        from tcex.session import ExternalRequest  # pylint: disable=import-outside-toplevel

        return ExternalRequest(session if session is not None else self.session_external)

    # ---------------------------------------------------------------- methods
    def mask(self, text):
        """Return ``text`` with every known secret replaced by ``***``."""
        return app_logger.mask_text(text, self._secrets)

    def batch(self, owner, action='Create', attribute_write_type='Replace', halt_on_error=True,
              playbook_triggers_enabled=None, **options):
        """Return a new :class:`tcex.batch.Batch` wired to this run.

        Args:
            owner (str): The owner the batch writes to.
            action (str): ``Create`` or ``Delete``.
            attribute_write_type (str): ``Append``, ``Replace``, ``Singleton`` or ``Static``.
            halt_on_error (bool): Stop the job at the first error.
            playbook_triggers_enabled (bool): Sent only when not None.
            **options: Override any keyword passed to ``Batch`` (e.g. ``chunk_size``).

        Returns:
            tcex.batch.Batch: The batch (temp path, session, chunking and polling
            settings taken from :attr:`args`).
        """
        from tcex.batch import Batch  # pylint: disable=import-outside-toplevel

        args = self.args
        kwargs = {
            'temp_path': args.tc_temp_path,
            'store_path': self._batch_store_name(owner, action),
            'session': lambda: self.session,
            'indicator_types': self._indicator_type_records,
            'chunk_size': args.batch_chunk_size,
            'max_bytes': args.batch_max_bytes,
            'poll_interval': args.batch_poll_interval,
            'poll_max_interval': args.batch_poll_max_interval,
            'poll_timeout': args.batch_poll_timeout,
        }
        kwargs.update(options)
        batch = Batch(owner, action=action, attribute_write_type=attribute_write_type,
                      halt_on_error=halt_on_error,
                      playbook_triggers_enabled=playbook_triggers_enabled, **kwargs)
        self._batches.append(batch)
        return batch

    def close_batches(self):
        """Close every batch :meth:`batch` made (called by :meth:`exit`).

        A batch whose data was all submitted removes its store file; one with data
        left keeps it for the next run and logs where it is.
        """
        while self._batches:
            batch = self._batches.pop()
            try:
                batch.close()
            except Exception as exc:  # pylint: disable=broad-except
                self._log.error('could not close %r: %s', batch, exc)

    @property
    def ti(self):
        """tcex.ti.ThreatIntel: Reads indicators and groups (lazy; owner ``api_default_org``)."""
        if self.__dict__.get('_ti') is None:
            from tcex.ti import ThreatIntel  # pylint: disable=import-outside-toplevel

            self.__dict__['_ti'] = ThreatIntel(lambda: self.session,
                                               owner=getattr(self.args, 'api_default_org', None),
                                               indicator_types=self._indicator_type_records,
                                               clock=self.clock)
        return self.__dict__['_ti']

    def resource(self, name):
        """Return a tcex 0.8 style resource (``'Indicator'``, ``'Host'``, ``'Group'``...).

        See :class:`tcex.ti.Resource`.
        """
        from tcex.ti import Resource  # pylint: disable=import-outside-toplevel

        return Resource(self.ti, name)

    def _batch_store_name(self, owner, action):
        """Name the store file of the n-th batch this run makes for ``owner`` and ``action``.

        The name is the same on every run of the App, so a run that died mid-submit
        is resumed by the next one that uses the same ``tc_temp_path``.
        """
        from tcex.batch.batch import store_in_use  # pylint: disable=import-outside-toplevel

        key = (six.text_type(owner), six.text_type(action))
        slug = re.sub(r'[^A-Za-z0-9]+', '-', key[0]).strip('-').lower()[:40] or 'owner'
        digest = hashlib.sha256(key[0].encode('utf-8')).hexdigest()[:8]
        while True:  # a name another open batch of this process (another TcEx) uses is skipped
            self._batch_counts[key] = number = self._batch_counts.get(key, 0) + 1
            name = 'tcex-batch-{}-{}-{}-{}.db'.format(slug, digest, key[1].lower(), number)
            if not store_in_use(os.path.join(self.args.tc_temp_path or '', name)):
                return name

    def results_tc(self, key, value):
        """Set ``param.<key> = <value>`` in ``<tc_out_path>/results.tc`` (atomic, key replaced).

        Args:
            key (str): The param name; a name not in install.conf gets a warning.
            value: Text, number, bool, None, or a list (joined with ``list.delimiter``).

        Returns:
            str: The path of ``results.tc``.

        Raises:
            TcExError: ``tc_out_path`` cannot be written.
            ValidationError: The key or value cannot be written.
        """
        conf = self._install_conf
        params = list(conf.params) if conf is not None else None
        delimiter = conf.list_delimiter if conf is not None else None
        return write_results_tc(self.args.tc_out_path, key, value, params=params,
                                list_delimiter=delimiter, logger=self.log)

    def report_error(self, message, exc_info=None):
        """Report a fatal error once on the terminal and once in the log file.

        The error is logged (with ``exc_info`` for the traceback, which only the
        log file shows) and written to stderr as one ``error: <message>`` line;
        a log handler showing records on stderr leaves this record out, so the
        terminal shows it once. :meth:`exit` with the same message does not log
        it again.

        Args:
            message: The message (secrets masked).
            exc_info: An exception tuple, or True for the current one.

        Returns:
            str: The masked message.
        """
        text = self.mask(message)
        self._log.error('%s', text, exc_info=exc_info, extra={SHOWN_ON_TERMINAL: True})
        app_logger.flush_handlers()
        write_stderr_line('error: {}'.format(text))
        self._reported = text
        return text

    def exit(self, code=None, msg=None):
        """End the App: log ``msg``, write it to ``message.tc``, flush logs, ``sys.exit(code)``.

        Args:
            code: An :class:`ExitCode` or int (0, 1, 3; others mean 1 with a
                warning); None uses :attr:`exit_code`.
            msg (str): A message for the platform (``<tc_out_path>/message.tc``,
                first 255 characters) and the log.

        Raises:
            SystemExit: Always, with the code.
        """
        self._parse()
        code = to_exit_code(code, default=self._exit_code, logger=self._log)
        self.close_batches()
        if msg is not None:
            text = self.mask(msg)
            if text != self._reported:  # report_error has shown and logged it already
                self._log.log(log_level_for(code), text)
            if self._args is not None:
                try:
                    write_message_tc(self._args.tc_out_path, text)
                except TcExError as exc:
                    self._log.error('%s', exc)
                    code = ExitCode.FAILURE
        self._log.info('exit code %d (%s)', int(code), code.name)
        app_logger.flush_handlers()
        sys.exit(int(code))

    def excepthook(self, exc_type, exc_value, exc_traceback):
        """Report an uncaught :class:`TcExError` as one line on stderr (exit status 1).

        The traceback goes to the log file only. Other exceptions go to the
        previous ``sys.excepthook``.
        """
        previous = getattr(self, '_previous_excepthook', None) or sys.__excepthook__
        if not (isinstance(exc_value, TcExError)):
            if previous is sys.__excepthook__:  # the default hook would print secrets unmasked
                app_logger.write_masked_traceback(exc_type, exc_value, exc_traceback, self._secrets)
            else:
                previous(exc_type, exc_value, exc_traceback)
            return
        try:
            text = self.report_error(exc_value, exc_info=(exc_type, exc_value, exc_traceback))
            if self._args is not None:
                try:
                    write_message_tc(self._args.tc_out_path, text)
                except TcExError as exc:
                    self._log.error('%s', exc)
            app_logger.flush_handlers()
        except Exception:  # pylint: disable=broad-except
            previous(exc_type, exc_value, exc_traceback)

    # ---------------------------------------------------------------- private
    def _install_excepthook(self):
        current = sys.excepthook
        if getattr(current, '_tcex_hook', False):
            current = getattr(current, '_tcex_previous', sys.__excepthook__)
        self._previous_excepthook = current

        def hook(exc_type, exc_value, exc_traceback):
            self.excepthook(exc_type, exc_value, exc_traceback)

        hook._tcex_hook = True  # pylint: disable=protected-access
        hook._tcex_previous = current  # pylint: disable=protected-access
        sys.excepthook = hook

    def _resolve_install_conf(self, install_conf):
        if install_conf is False:
            return None
        if install_conf is None:
            install_conf = self.find_install_conf()
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

    def _parse(self):
        if self._args is not None or self._args_error is not None or self._parsing:
            return
        self._parsing = True
        try:
            args, unknown = self._parser.parse_known_args(self._argv, namespace=app_args.Namespace())
            args.secrets = self._secrets
            app_args.apply_list_defaults(self._parser, args)
            if self._install_conf is not None:
                app_args.apply_param_aliases(self._parser, args, list(self._install_conf.params))
            self.process_args(args)
            self._unknown_args = unknown
            self.setup_logging(args)
        except TcExError as exc:
            self._args_error = exc
            return
        finally:
            self._parsing = False
        self._args = args
        self._log_startup(args, unknown)

    def _log_startup(self, args, unknown):
        log = self._log
        conf = self._install_conf
        if conf is not None:
            path = getattr(conf, 'path', '?')
            log.debug('%s: %s', os.path.basename(path) if path != '?' else 'install.conf', path)
            for problem in getattr(conf, 'problems', []):
                log.warning('%s', problem)
        names = app_args.option_names(unknown)
        if unknown:
            log.warning('unknown arguments ignored: %s',
                        ', '.join(names) if names else '{} value(s)'.format(len(unknown)))
        if args.tc_verify is False:
            log.warning('TLS certificate verification is off (--tc_verify false)')
        log.debug('log level %s', args.tc_log_level)
