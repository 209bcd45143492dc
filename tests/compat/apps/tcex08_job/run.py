# -*- coding: utf-8 -*-
"""Entry point written the way tcex 0.8's job template wrote it (test App of tests/compat)."""
import os
import sys
import traceback


def _app_path():
    """Put the App folder first on sys.path, as the template did."""
    here = os.path.dirname(os.path.abspath(__file__))
    if here in sys.path:
        sys.path.remove(here)
    sys.path.insert(0, here)


if __name__ == '__main__':
    _app_path()

    from tcex import TcEx
    from app import App

    tcex = TcEx()

    try:
        app = App(tcex)
        app.parse_args()
        app.start()
        app.run()
        app.done()
        tcex.exit(msg=app.exit_message)
    except Exception as e:  # the template's catch-all error path
        main_err = 'Generic Error.  See logs for more details ({}).'.format(e)
        tcex.log.error(traceback.format_exc())
        tcex.playbook.exit(1, main_err)
