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

import logging
import os
import sys
import time

import six

from tcex.app import args as app_args
from tcex.app import config_files, fatal, startup
from tcex.app import logger as app_logger
from tcex.app.batches import BatchRegistry
from tcex.app.compat import TcExMembers
from tcex.app.config_files import INSTALL_CONF_FILENAME, INSTALL_JSON_FILENAME  # noqa: F401
from tcex.app.exit import ExitCode, log_level_for, to_exit_code
from tcex.app.terminal import hide_shown_records
from tcex.errors import TcExError
from tcex.utils.text import fs_text


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
    :attr:`group_types`, :meth:`message_tc`, :attr:`install_json`, :attr:`playbook`,
    :meth:`request`, :meth:`resource`, :attr:`ti` ... (from :class:`~tcex.app.compat.TcExMembers`).

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
        self._args_error_raised = False  # the App got the argument error from :attr:`args`
        try:
            self._argv = app_args.decode_argv(sys.argv[1:] if argv is None else list(argv))
        except TcExError as exc:  # reported in one line when the arguments are first used
            self._argv, self._args_error = [], exc
        self._unknown_args = []
        self._exit_code = ExitCode.SUCCESS
        self._session = None
        self._reported = None
        self._batches = BatchRegistry()
        self._log = logging.getLogger(self.logger_name)
        self._previous_excepthook = None
        if self.install_excepthook:
            self._previous_excepthook = fatal.install_excepthook(
                lambda *exc_info: self.excepthook(*exc_info))
        self._install_conf = config_files.resolve_install_conf(install_conf, self.find_install_conf)
        self._parser = self.build_parser()

    # ------------------------------------------------------------------ hooks
    def build_parser(self):
        """Build the argument parser: standard arguments plus install.conf params.

        Override to add arguments every instance of a subclass needs (call
        ``super().build_parser()`` and add to the parser it returns).

        Returns:
            tcex.app.args.TcArgumentParser: The parser.
        """
        prog = os.path.basename(fs_text(sys.argv[0])) if sys.argv and sys.argv[0] else 'app'
        parser = self.parser_class(prog=prog, description='A ThreatConnect Job App')
        app_args.add_standard_arguments(parser)
        app_args.add_install_conf_params(parser, self._install_conf)
        return parser

    def find_install_conf(self):
        """Return the path of the App's install.conf (or install.json), or None.

        Looks next to the main script, then in the current folder (see
        :func:`tcex.app.config_files.find_install_conf`).
        """
        return config_files.find_install_conf()

    def process_args(self, args):
        """Post-process freshly parsed arguments (before logging is configured).

        The default registers secrets: the standard secret arguments, every
        ``.encrypt`` param and every argument added with ``secret=True``.

        Args:
            args (argparse.Namespace): The parsed arguments (may be changed in place).
        """
        self._secrets.update(startup.secret_values(self._parser, args))

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
        hide_shown_records(logging.getLogger('tcex'))
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
            self._args_error_raised = True
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
            'store_path': self._batches.store_name(owner, action, args.tc_temp_path),
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
        self._batches.add(batch)
        return batch

    def close_batches(self):
        """Close every batch :meth:`batch` made (called by :meth:`exit`).

        A batch whose data was all submitted removes its store file; one with data
        left keeps it for the next run and logs where it is.
        """
        self._batches.close_all(self._log)

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
        fatal.report_fatal(self._log, text, exc_info)
        self._reported = text
        return text

    def exit(self, code=None, msg=None):
        """End the App: log ``msg``, write it to ``message.tc``, flush logs, ``sys.exit(code)``.

        Invalid arguments (an unknown ``--logging`` level, an unwritable ``tc_log_path``)
        end the run with code 1 and their error as the message when the App never read
        :attr:`args` (an App that got the error from it decides itself).

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
        if self._args_error is not None and not self._args_error_raised:  # an App that never read tcex.args
            if msg is not None:
                self._log.info('%s', self.mask(msg))
            code, msg = ExitCode.FAILURE, six.text_type(self._args_error)
        self.close_batches()
        if msg is not None:
            text = self.mask(msg)
            if text != self._reported:  # report_error has shown and logged it already
                self._log.log(log_level_for(code), text)
            if not fatal.write_message_or_log(self._message_args(), text, self._log):
                code = ExitCode.FAILURE
        self._log.info('exit code %d (%s)', int(code), code.name)
        app_logger.flush_handlers()
        sys.exit(int(code))

    def excepthook(self, exc_type, exc_value, exc_traceback):
        """Report an uncaught :class:`TcExError` as one line on stderr (exit status 1).

        The traceback goes to the log file only. Other exceptions go to the
        previous ``sys.excepthook`` (their traceback on stderr). Either way the
        error is written to ``message.tc`` (``<Type>: <message>`` for others).
        """
        fatal.handle_uncaught((exc_type, exc_value, exc_traceback), self.report_error,
                              previous=self._previous_excepthook, secrets=self._secrets,
                              args=self._message_args(), logger=self._log)

    def _message_args(self):
        """The parsed arguments, or ``tc_out_path`` alone when they could not be parsed."""
        return self._args if self._args is not None else fatal.message_args(self._argv)

    # ---------------------------------------------------------------- private
    def _parse(self):
        if self._args is not None or self._args_error is not None or self._parsing:
            return
        self._parsing = True
        try:
            args, unknown = startup.parse_app_args(self._parser, self._argv, self._install_conf,
                                                   self._secrets)
            self.process_args(args)
            self._unknown_args = unknown
            self.setup_logging(args)
        except TcExError as exc:
            self._args_error = exc
            return
        finally:
            self._parsing = False
        self._args = args
        startup.log_startup(self._log, self._install_conf, args, unknown)
