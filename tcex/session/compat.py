# -*- coding: utf-8 -*-
"""urllib3 as the installed ``requests`` ships it.

The platform's Python 2.7 has ``requests`` 2.6.0, which bundles its own urllib3 as
``requests.packages.urllib3`` and installs no ``urllib3`` package. Newer ``requests``
depend on a separate ``urllib3`` (and keep ``requests.packages.urllib3`` as an alias).
Import urllib3 pieces from here, never from ``urllib3`` directly.
"""
from __future__ import absolute_import, division, print_function, unicode_literals

try:
    from requests.packages.urllib3.util.retry import Retry  # noqa: F401
except ImportError:  # pragma: no cover - requests without the packages alias
    from urllib3.util.retry import Retry  # noqa: F401

__all__ = ['Retry']
