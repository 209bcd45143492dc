# -*- coding: utf-8 -*-
"""A base class for Job Apps.

An App's main script subclasses :class:`JobApp` and calls ``main()``::

    from tcex import JobApp


    class MyApp(JobApp):
        def add_arguments(self, parser):
            parser.add_argument('--feed_url')

        def run(self):
            self.log.info('reading %s', self.args.feed_url)
            self.tcex.results_tc('last_run', self.tcex.clock())


    if __name__ == '__main__':
        MyApp.main()
"""
from __future__ import absolute_import, division, print_function, unicode_literals

import sys

import six

from tcex.app.exit import ExitCode, to_exit_code
from tcex.app.logger import to_text
from tcex.app.terminal import write_stderr_line
from tcex.errors import TcExError
from tcex.tcex import TcEx


class JobApp(object):
    """The lifecycle of a Job App: ``add_arguments`` -> ``setup`` -> ``run`` -> ``teardown``.

    :meth:`main` builds the :class:`TcEx` (``tcex_class``), calls
    :meth:`add_arguments` before the arguments are parsed, then :meth:`setup`
    and :meth:`run`, and always :meth:`teardown`. The exit code is, in order:
    the value :meth:`run` returns (an :class:`ExitCode` or int), else
    :attr:`exit_code` if the App set it, else ``tcex.exit_code``. The process
    then ends through :meth:`TcEx.exit` with :attr:`exit_message`.

    Failures never show a traceback on stderr, and each is shown once on the
    terminal and logged once (:meth:`TcEx.report_error`):

    * a :class:`TcExError` (bad argument, unwritable ``tc_out_path``, API
      error ...) prints ``error: <message>`` and exits with the error's
      ``exit_code`` (1 unless the error says otherwise);
    * any other exception is logged with its traceback to the log file, prints
      ``error: unexpected <Type>: <message>`` and exits 1;
    * Ctrl-C prints ``error: interrupted`` and exits 1.

    Attributes:
        tcex (TcEx): The runtime.
        exit_code: Set by the App to choose the exit code (None: not chosen).
        exit_message (str): Set by the App to choose the platform message.
    """

    #: The :class:`TcEx` class :meth:`main` instantiates.
    tcex_class = TcEx

    def __init__(self, tcex):
        self.tcex = tcex
        self.exit_code = None
        self.exit_message = None

    @property
    def args(self):
        """argparse.Namespace: The parsed arguments (``self.tcex.args``)."""
        return self.tcex.args

    @property
    def log(self):
        """logging.Logger: The App logger (``self.tcex.log``)."""
        return self.tcex.log

    # ------------------------------------------------------------------ hooks
    def add_arguments(self, parser):
        """Add the App's own arguments (called before the arguments are parsed).

        Args:
            parser (tcex.app.args.TcArgumentParser): The parser; already has the
                standard arguments and the install.conf params.
        """

    def setup(self):
        """Prepare the run (open connections, read state). Called after parsing."""

    def run(self):
        """Do the work.

        Returns:
            An :class:`ExitCode` or int to exit with, or None to use
            :attr:`exit_code` / ``tcex.exit_code``.
        """
        raise NotImplementedError('{} must implement run()'.format(type(self).__name__))

    def teardown(self):
        """Release resources. Always called, even when ``setup`` or ``run`` failed."""

    # -------------------------------------------------------------- lifecycle
    def execute(self):
        """Run the lifecycle and return the outcome instead of exiting.

        Returns:
            tuple: ``(ExitCode, message or None)``.
        """
        code, message = None, None
        try:
            try:
                self.add_arguments(self.tcex.parser)
                self.tcex.args  # pylint: disable=pointless-statement
                self.setup()
                result = self.run()
                chosen = result if result is not None else self.exit_code
                code = to_exit_code(chosen, default=self.tcex.exit_code, logger=self.tcex.log)
                message = self.exit_message
            finally:
                teardown_failure = self._teardown()
        except TcExError as exc:
            code, message = self._report(exc, to_exit_code(exc.exit_code, logger=self.tcex.log))
        except KeyboardInterrupt:
            code, message = self._report_line('interrupted')
        except SystemExit as exc:  # sys.exit() in a hook: its code (0, 1, 3) or message goes through tcex.exit
            if isinstance(exc.code, six.string_types):
                code, message = ExitCode.FAILURE, exc.code  # masked and written to message.tc by tcex.exit
            else:
                code = to_exit_code(0 if exc.code is None else exc.code, logger=self.tcex.log)
        except Exception as exc:  # pylint: disable=broad-except
            code, message = self._report_unexpected(exc)
        else:
            if teardown_failure is not None and code != ExitCode.FAILURE:
                code, message = teardown_failure
        return code, message

    @classmethod
    def main(cls, argv=None):
        """Build the runtime, run the App and exit with the outcome's code.

        Args:
            argv (list): The arguments (default ``sys.argv[1:]``).

        Raises:
            SystemExit: Always.
        """
        try:
            tcex = cls.tcex_class(argv=argv)
        except TcExError as exc:
            write_stderr_line('error: {}'.format(exc))
            sys.exit(int(to_exit_code(exc.exit_code)))
        app = cls(tcex)
        code, message = app.execute()
        tcex.exit(code, message)

    # ---------------------------------------------------------------- private
    def _teardown(self):
        try:
            self.teardown()
        except TcExError as exc:
            return self._report(exc, ExitCode.FAILURE)
        except Exception as exc:  # pylint: disable=broad-except
            return self._report_unexpected(exc)
        return None

    def _report(self, exc, code):
        return code, self.tcex.report_error(exc, exc_info=True)

    def _report_line(self, text):
        return ExitCode.FAILURE, self.tcex.report_error(text)

    def _report_unexpected(self, exc):
        text = 'unexpected {}: {}'.format(type(exc).__name__, to_text(exc))
        return ExitCode.FAILURE, self.tcex.report_error(text, exc_info=True)
