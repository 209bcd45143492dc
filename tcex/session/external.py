# -*- coding: utf-8 -*-
"""The session for third-party APIs (feeds, block lists): ``tcex.session_external``.

:class:`ExternalSession` is a ``requests.Session`` with what the ThreatConnect session
has, minus ThreatConnect's authentication: a timeout and an overall deadline on every
request, the same retries (capped, jittered backoff; ``Retry-After`` honoured within
bounds; a POST that reached the server is never repeated unless ``idempotent=True``),
the proxy arguments when ``tc_proxy_external`` is on, TLS verification on by default,
and log lines and error messages with the App's secrets masked::

    response = tcex.session_external.get('https://feed.example.com/v1/items',
                                         params={'since': last_run})
    response.raise_for_status()
    for item in response.json()['items']:
        ...
    tcex.session_external.post('https://blocklist.example.com/domains', json=[...])

Every call returns a plain ``requests.Response`` (any status: check it). No answer at
all raises :class:`~tcex.session.ApiConnectionError`, one line naming the host.
"""
from __future__ import absolute_import, division, print_function, unicode_literals

import logging
import time

import six

from tcex.__version__ import __version__
from tcex.session.base import DEFAULT_DEADLINE, DEFAULT_TIMEOUT, RetryingSession, path_for_log
from tcex.session.session import proxies_from_args

logger = logging.getLogger('tcex.session')

USER_AGENT = 'tcex/{} (ThreatConnect Job App)'.format(__version__)


def _mask(text, secrets):
    """Replace each secret, raw or URL-encoded, in ``text`` with ``***``."""
    from six.moves.urllib.parse import quote, quote_plus  # pylint: disable=import-outside-toplevel

    forms = set()
    for secret in secrets or ():
        if not secret:
            continue
        secret = six.text_type(secret)
        raw = secret.encode('utf-8')
        forms.update([secret, quote(raw, safe=''), quote_plus(raw, safe='')])
    for form in sorted((f for f in forms if f), key=len, reverse=True):
        text = text.replace(form, '***')
    return text


class ExternalSession(RetryingSession):
    """A ``requests.Session`` for third-party APIs with the SDK's retries and safety.

    Args:
        base_url (str): Optional root joined to relative paths (``session.get('/items')``).
        proxies (dict): ``requests`` proxies mapping (see :meth:`from_args`).
        verify (bool or str): TLS verification or a CA bundle path (default True); False
            logs a warning.
        timeout (float or tuple): ``(connect, read)`` timeout of each attempt (default (10, 60)).
        retries: A :class:`~tcex.session.RetryPolicy`, a number of retries, or None/False.
        deadline (float): Seconds one request may take in all (default 600).
        secrets (set): Strings masked in log lines and error messages (a live set, e.g.
            ``tcex.secrets``: secrets added later are masked too).
        clock (callable): Current Unix time (injectable).
        sleep (callable): Waits between retries (injectable).
        trust_env (bool): Read proxies and CA bundles from the environment (default False).
        pool_size (int): Connections kept per host (default 10).
    """

    def __init__(self, base_url=None, proxies=None, verify=True, timeout=DEFAULT_TIMEOUT, retries=True,
                 deadline=DEFAULT_DEADLINE, secrets=None, clock=time.time, sleep=time.sleep, trust_env=False,
                 pool_size=10):
        super(ExternalSession, self).__init__(proxies=proxies, verify=verify, timeout=timeout, retries=retries,
                                              deadline=deadline, clock=clock, sleep=sleep, trust_env=trust_env,
                                              pool_size=pool_size, label='HTTP')
        self.base_url = six.text_type(base_url).rstrip('/') if base_url else None
        self.secrets = secrets if secrets is not None else set()
        self.headers['User-Agent'] = USER_AGENT
        if verify is False:
            logger.warning('TLS certificate verification is OFF for external requests')

    @classmethod
    def from_args(cls, args, **kwargs):
        """Build the session from the App's arguments.

        The proxy arguments (``tc_proxy_host``, ``tc_proxy_port``, ``tc_proxy_username``,
        ``tc_proxy_password``) are used when ``tc_proxy_external`` is on. ``tc_verify``
        is about the ThreatConnect server's certificate and does not apply here: pass
        ``verify=`` to change TLS verification.

        Args:
            args (argparse.Namespace): The App's arguments.
            **kwargs: Other :class:`ExternalSession` arguments.

        Returns:
            ExternalSession: The session.
        """
        proxies = proxies_from_args(args, 'tc_proxy_external')
        if proxies:
            logger.info('using proxy %s:%s for external requests', args.tc_proxy_host, args.tc_proxy_port)
        kwargs.setdefault('proxies', proxies)
        return cls(**kwargs)

    def url(self, path):
        """Join ``path`` to :attr:`base_url` unless it is absolute (or there is no base URL)."""
        path = six.text_type(path)
        if self.base_url is None or path.startswith('http://') or path.startswith('https://'):
            return path
        return '{}/{}'.format(self.base_url, path.lstrip('/'))

    def log_path(self, url):
        """Return ``url``'s path and query for a log line, secrets and sensitive keys masked."""
        return _mask(path_for_log(url, self.masked_query_keys), self.secrets)

    def _log_host(self, url):
        from six.moves.urllib.parse import urlsplit  # pylint: disable=import-outside-toplevel

        parts = urlsplit(url)
        return '{}://{}'.format(parts.scheme, parts.netloc.rpartition('@')[2])


__all__ = ['ExternalSession', 'USER_AGENT']
