# -*- coding: utf-8 -*-
"""tcex 0.8's small :class:`TcEx` helpers, mixed into :class:`tcex.TcEx`.

Same names, parameters and return types as tcex 0.8: ``s``, ``safetag``/``safe_tag``,
``safeurl``/``safe_url``, ``safe_indicator``, ``safe_rt``, ``safe_group_name``,
``expand_indicators``, ``group_types``, ``group_types_data`` and the
``playbook.exit(code, msg)`` every tcex job template calls (:class:`TcExCompat`);
``utils``, ``install_json``, ``indicator_types``, ``indicator_types_data``, ``message_tc``,
``results_tc``, ``request``, ``resource``, ``ti`` ... (:class:`TcExMembers`, which uses the
``TcEx`` it is mixed into through its public members).
"""
from __future__ import absolute_import, division, print_function, unicode_literals

import six
from six.moves.urllib.parse import quote

from tcex.app.exit import write_message_tc
from tcex.app.results import write_results_tc

#: Group types and their REST API names, in tcex 0.8's order.
GROUP_TYPES_DATA = (
    ('Adversary', 'adversaries', 'adversary'),
    ('Campaign', 'campaigns', 'campaign'),
    ('Document', 'documents', 'document'),
    ('Email', 'emails', 'email'),
    ('Event', 'events', 'event'),
    ('Incident', 'incidents', 'incident'),
    ('Intrusion Set', 'intrusionSets', 'intrusionSet'),
    ('Signature', 'signatures', 'signature'),
    ('Report', 'reports', 'report'),
    ('Threat', 'threats', 'threat'),
    ('Task', 'tasks', 'task'),
)

#: The ThreatConnect limit on a tag's length.
TAG_MAX_LENGTH = 128


def to_text(data, errors='strict'):
    """Return bytes decoded as UTF-8; text, None, numbers, lists and dicts unchanged.

    Args:
        data: The value.
        errors (str): The codec error handler (``strict``, ``ignore``, ``replace``).

    Returns:
        The value, as text when it was bytes.

    Raises:
        UnicodeDecodeError: Bytes that are not UTF-8 with ``errors='strict'``.
    """
    if isinstance(data, six.binary_type):
        return data.decode('utf-8', errors)
    return data


def url_quote(text, errors='strict'):
    """Percent-encode text for a URL path segment (only ``~`` and unreserved characters kept)."""
    text = to_text(text, errors)
    if not isinstance(text, six.text_type):
        text = six.text_type(text)
    quoted = quote(text.encode('utf-8'), safe=str('~'))
    return quoted.decode('ascii') if isinstance(quoted, six.binary_type) else quoted


class JobPlaybook(object):
    """``tcex.playbook`` for a Job App: only :meth:`exit`, which is ``tcex.exit``.

    tcex 0.8's job template ends its error handler with ``tcex.playbook.exit(1, msg)``.

    Args:
        tcex: The :class:`tcex.TcEx`.
    """

    def __init__(self, tcex):
        self.tcex = tcex

    def exit(self, code=None, msg=None):
        """End the App as :meth:`tcex.TcEx.exit` does (a Job App keeps exit code 3)."""
        self.tcex.exit(code, msg)


class TcExCompat(object):
    """The tcex 0.8 helpers that need nothing but their arguments."""

    def s(self, data, errors='strict'):  # pylint: disable=invalid-name
        """Return ``data`` as text (bytes decoded as UTF-8); see :func:`to_text`."""
        return to_text(data, errors)

    def safe_tag(self, tag, errors='strict'):
        """Return a tag cut to 128 characters and percent-encoded (None stays None).

        The tag is cut before encoding, so an escape is never split.
        """
        if tag is None:
            return None
        text = to_text(tag, errors)
        return url_quote(six.text_type(text)[:TAG_MAX_LENGTH])

    def safetag(self, tag, errors='strict'):
        """Same as :meth:`safe_tag`."""
        return self.safe_tag(tag, errors)

    def safe_url(self, url, errors='strict'):
        """Return text percent-encoded for a URL (None stays None)."""
        return None if url is None else url_quote(url, errors)

    def safeurl(self, url, errors='strict'):
        """Same as :meth:`safe_url`."""
        return self.safe_url(url, errors)

    def safe_indicator(self, indicator, errors='strict'):
        """Return an indicator percent-encoded for a URL (None stays None)."""
        return None if indicator is None else url_quote(indicator, errors)

    @staticmethod
    def safe_rt(resource_type, lower=False):
        """Return a type name with spaces as ``_`` (``User Agent`` -> ``User_Agent``)."""
        if resource_type is None:
            return None
        resource_type = resource_type.replace(' ', '_')
        return resource_type.lower() if lower else resource_type

    @staticmethod
    def safe_group_name(group_name, group_max_length=100, ellipsis=True):
        """Shorten a group name to under ``group_max_length`` characters, on a word boundary.

        Args:
            group_name (str): The name.
            group_max_length (int): The limit (ThreatConnect's is 100).
            ellipsis (bool): End a shortened name with `` ...``.

        Returns:
            str: The name, unchanged when short enough.
        """
        if group_name is None or len(group_name) <= group_max_length:
            return group_name
        suffix = ' ...' if ellipsis else ''
        room = group_max_length - len(suffix)
        result = ''
        for word in group_name.split(' '):
            candidate = '{} {}'.format(result, word) if result else word
            if len(candidate) >= room:
                break
            result = candidate
        if not result:  # the first word alone is too long
            result = group_name[:max(room - 1, 0)]
        return (result + suffix).strip()

    @staticmethod
    def expand_indicators(indicator):
        """Split a multi-value summary (``md5 : sha1 : sha256``) into its values.

        Returns:
            list: ``[value]`` for a one-value indicator; three items (None for a
            missing value) for a multi-value one.
        """
        if ' : ' not in indicator:
            return [indicator]
        parts = [part.strip() or None for part in indicator.split(' : ', 2)]
        return parts + [None] * (3 - len(parts))

    @property
    def group_types(self):
        """list: The ThreatConnect group type names."""
        return [name for name, _, _ in GROUP_TYPES_DATA]

    @property
    def group_types_data(self):
        """dict: Group type name -> ``{'apiBranch': ..., 'apiEntity': ...}``."""
        return dict((name, {'apiBranch': branch, 'apiEntity': entity})
                    for name, branch, entity in GROUP_TYPES_DATA)


class TcExMembers(TcExCompat):
    """tcex 0.8 members that use the runtime: mixed into :class:`tcex.TcEx` only."""

    @property
    def install_json(self):
        """dict: The App's install.json content (an install.conf converted to that shape; ``{}``)."""
        from tcex.app.install_json import as_install_json  # pylint: disable=import-outside-toplevel

        return as_install_json(self.install_conf)

    @property
    def install_json_params(self):
        """dict: The ``params`` of :attr:`install_json` by name."""
        return dict((param.get('name'), param) for param in self.install_json.get('params') or [])

    @property
    def utils(self):
        """tcex.utils.app_utils.Utils: tcex 0.8's date helpers (``format_datetime`` ...)."""
        if self.__dict__.get('_utils') is None:
            from tcex.utils.app_utils import Utils  # pylint: disable=import-outside-toplevel

            self.__dict__['_utils'] = Utils(clock=self.clock)
        return self.__dict__['_utils']

    @property
    def playbook(self):
        """tcex.app.compat.JobPlaybook: ``tcex.playbook.exit(code, msg)`` is :meth:`exit`."""
        if self.__dict__.get('_playbook') is None:
            self.__dict__['_playbook'] = JobPlaybook(self)
        return self.__dict__['_playbook']

    @property
    def default_args(self):
        """argparse.Namespace: Same as :attr:`args` (tcex 0.8 name)."""
        return self.args

    @property
    def rargs(self):
        """argparse.Namespace: Same as :attr:`args` (a Job App has no playbook variables)."""
        return self.args


    @property
    def indicator_types(self):
        """list: The platform's indicator type names, standard and custom (fetched once)."""
        return [entry.get('name') for entry in self._indicator_type_records()]

    @property
    def indicator_types_data(self):
        """dict: Indicator type name -> its ``GET /v2/types/indicatorTypes`` dict.

        ``custom`` and ``parsable`` are booleans (the API may send text).
        """
        data = {}
        for entry in self._indicator_type_records():
            entry = dict(entry)
            for key in ('custom', 'parsable'):
                if key in entry:
                    entry[key] = six.text_type(entry[key]).strip().lower() in ('true', '1')
            data[entry.get('name')] = entry
        return data

    def get_type_from_api_entity(self, api_entity):
        """Return the group or indicator type name whose ``apiEntity`` is ``api_entity``, or None."""
        merged = dict(self.group_types_data)
        merged.update(self.indicator_types_data)
        for name, entry in merged.items():
            if entry.get('apiEntity') == api_entity:
                return name
        return None

    def request(self, session=None):
        """Return a tcex 0.8 style request builder (``r.url = ...; r.send()``).

        Args:
            session (requests.Session): The session to send with (default :attr:`session_external`).

        Returns:
            tcex.session.ExternalRequest: The builder; ``send()`` returns a ``requests.Response``.
        """
        from tcex.session import ExternalRequest  # pylint: disable=import-outside-toplevel

        return ExternalRequest(session if session is not None else self.session_external)

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

    def _indicator_type_records(self):
        """Return the ``indicatorType`` dicts of ``GET /v2/types/indicatorTypes`` (fetched once)."""
        if self.__dict__.get('_indicator_types') is None:
            from tcex.session import fetch_indicator_types  # pylint: disable=import-outside-toplevel

            self.__dict__['_indicator_types'] = fetch_indicator_types(self.session)
        return self.__dict__['_indicator_types']


    def message_tc(self, message, max_length=255):
        """Write the platform's message for this run to ``<tc_out_path>/message.tc``.

        Args:
            message (str): The message (secrets masked; one line).
            max_length (int): Keep at most this many characters (at most 255).

        Returns:
            str: The path written.

        Raises:
            TcExError: ``tc_out_path`` cannot be written.
        """
        text = self.mask(message)
        return write_message_tc(self.args.tc_out_path, text[:max(int(max_length), 0)])

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
        conf = self.install_conf
        params = list(conf.params) if conf is not None else None
        delimiter = conf.list_delimiter if conf is not None else None
        return write_results_tc(self.args.tc_out_path, key, value, params=params,
                                list_delimiter=delimiter, logger=self.log)

    def log_info(self):
        """Log the platform, the App (name, version, runtime level), Python, tcex and the proxy."""
        import platform  # pylint: disable=import-outside-toplevel

        from tcex.__version__ import __version__  # pylint: disable=import-outside-toplevel

        log = self.log
        data = self.install_json
        log.info('Platform: %s', platform.platform())
        if data:
            log.info('App Name: %s', data.get('displayName') or data.get('programMain'))
            log.info('App Version: %s', data.get('programVersion'))
            if data.get('runtimeLevel'):
                log.info('App Runtime Level: %s', data.get('runtimeLevel'))
        log.info('Python Version: %s', platform.python_version())
        log.info('TcEx Version: %s', __version__)
        if self.args.tc_proxy_tc and self.args.tc_proxy_host:
            log.info('Proxy Server (TC): %s:%s', self.args.tc_proxy_host, self.args.tc_proxy_port)
