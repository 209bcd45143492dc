# -*- coding: utf-8 -*-
"""Fuzz suite (hypothesis): parsers, arguments and every builder get arbitrary text and values.

The only outcomes allowed are a correct result or a :class:`~tcex.errors.TcExError` with a
non-empty one-line message; any other exception fails. Entities the builders accept are
collected and submitted to the emulator at the end of each builder test: the emulator must
accept every one of them (no error entry).

Budget: ``TCEX_FUZZ_EXAMPLES`` examples per target (default 60, CI-sized); the number of
cases tried per target is printed at the end of the run. Only hypothesis APIs present in
both 4.57 (Python 2.7) and 6.x are used.
"""
from __future__ import absolute_import, division, print_function, unicode_literals

import io
import json
import os
import shutil
import sys
import tempfile

import pytest
import six
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tcex.app import logger as app_logger
from tcex.app.install_conf import InstallConf
from tcex.app.tc_conf import build_argv, read_tc_conf
from tcex.batch import Batch
from tcex.batch.types import fields as f
from tcex.errors import ConfigError, TcExError
from tcex.tcex import TcEx
from tests.reliability import figures

EXAMPLES = figures.fuzz_examples()
SETTINGS = settings(max_examples=EXAMPLES, deadline=None, database=None,
                    suppress_health_check=list(HealthCheck))
OWNER = 'Demo Organization'

TEXT = st.text(max_size=40)
SCALARS = st.one_of(st.none(), st.booleans(), st.integers(min_value=-10 ** 12, max_value=10 ** 12),
                    st.floats(allow_nan=True, allow_infinity=True), TEXT, st.binary(max_size=20))
# Values that look like what a field wants, mixed with junk, so acceptance paths are reached too.
PLAUSIBLE = st.sampled_from([
    '1.2.3.4', '::1', '10.0.0.0/8', 'ASN12345', 'AS12345', 'bad@example.com', 'example.com', 'EXAMPLE.com',
    'https://example.com/a', 'http://Ex.com', 'HKEY_LOCAL_MACHINE\\Software', 'REG_SZ', 'REG_NONE', 'value',
    'd41d8cd98f00b204e9800998ecf8427e', 'da39a3ee5e6b4b0d3255bfef95601890afd80709', 'a' * 64, '0' * 63,
    '2024-08-04T00:00:00Z', '2017-02-02 01:02:03', 'yesterday', '2 days ago', '1500000000', 'New', 'Open',
    'Needs Review', 'YARA', 'Snort', 'true', 'false', '3', '5.5', '-1', '100', '101', 'FF0000', '#FF0000',
    'TLP:RED', 'x' * 300, '\x00', 'caf\u00e9', '\u202e', ' padded ', ''])
VALUES = st.one_of(SCALARS, PLAUSIBLE, PLAUSIBLE, st.lists(st.one_of(TEXT, PLAUSIBLE), max_size=3))


def _good_error(exc):
    """Assert an exception is a TcExError with a non-empty one-line message."""
    assert isinstance(exc, TcExError), 'not a TcExError: {}: {}'.format(type(exc).__name__, exc)
    text = six.text_type(exc)
    assert text.strip(), 'empty message from {}'.format(type(exc).__name__)
    assert '\n' not in text, 'multi-line message: {!r}'.format(text)
    return text


def _attempt(call, *args, **kwargs):
    """Run ``call``; return ``(result, None)`` or ``(None, TcExError)``; anything else propagates."""
    try:
        return call(*args, **kwargs), None
    except TcExError as exc:
        _good_error(exc)
        return None, exc


# ---- install.conf -----------------------------------------------------------------------------
CONF_KEYS = ['program.version', 'program.language', 'language.version', 'program.main', 'allow.onDemand',
             'repeating.minutes', 'list.delimiter', 'param.a', 'param.a.label', 'param.a.encrypt', 'param.a.list',
             'param.a.flag', 'param.b', 'param.b.flag', 'param.b.list', 'param.', 'param..x', 'bogus', '#comment',
             '', 'program.version.extra']
CONF_LINE = st.one_of(
    st.tuples(st.sampled_from(CONF_KEYS), st.sampled_from([' = ', '=', ' ', '']), st.one_of(TEXT, PLAUSIBLE))
    .map(lambda t: ''.join(t)),
    TEXT)


@SETTINGS
@given(st.one_of(st.lists(CONF_LINE, max_size=12).map('\n'.join), st.text(max_size=300)))
def test_install_conf_parse(text):
    figures.count_case('InstallConf.parse')
    conf, error = _attempt(InstallConf.parse, text, path='install.conf')
    assert error is None, 'InstallConf.parse must not raise for content: {}'.format(error)
    assert isinstance(conf.repeating_minutes, list) and all(isinstance(x, int) for x in conf.repeating_minutes)
    for problem in conf.problems:
        line = six.text_type(problem)
        assert line.startswith('install.conf:{}: {}: '.format(problem.line, problem.severity))
        assert problem.severity in ('error', 'warning') and '\n' not in line
    for name, param in conf.params.items():
        assert name == param.name and name in text
    _attempt(conf.raise_on_errors)
    errors = [p for p in conf.problems if p.severity == 'error']
    if errors:
        with pytest.raises(ConfigError):
            conf.raise_on_errors()


@SETTINGS
@given(st.binary(max_size=200))
def test_install_conf_parse_bytes(data):
    figures.count_case('InstallConf.parse (bytes)')
    conf, error = _attempt(InstallConf.parse, data)
    assert error is None and isinstance(conf, InstallConf)


# ---- tc.conf ----------------------------------------------------------------------------------
TC_LINE = st.one_of(
    st.tuples(st.sampled_from(['api_access_id', 'api_secret_key', 'tc_api_path', 'tc_log_level', 'a', 'A', '',
                               'tags', 'dry_run', '[threatconnect]', '[other]', ' indented', ';c', '#c']),
              st.sampled_from([' = ', '=', ': ', ' ', '']), st.one_of(TEXT, PLAUSIBLE)).map(''.join),
    TEXT)
FLAG_CONF = InstallConf.parse('program.main = app.py\nlist.delimiter = |\nparam.tags =\nparam.tags.list\n'
                              'param.dry_run.flag\n')


@SETTINGS
@given(st.lists(TC_LINE, max_size=10).map('\n'.join), st.booleans(), st.binary(max_size=30))
def test_read_tc_conf(text, header, junk):
    figures.count_case('read_tc_conf')
    folder = tempfile.mkdtemp(prefix='tcex-fuzz-')
    try:
        path = os.path.join(folder, 'tc.conf')
        data = (('[threatconnect]\n' if header else '') + text).encode('utf-8')
        if junk and not header:
            data += junk  # possibly invalid UTF-8
        with io.open(path, 'wb') as handle:
            handle.write(data)
        values, error = _attempt(read_tc_conf, path)
        if error is not None:
            return
        assert hasattr(values, 'items')
        for key, value in values.items():
            assert isinstance(key, six.text_type) and isinstance(value, six.text_type)
        argv, error = _attempt(build_argv, values, FLAG_CONF)
        if error is None:
            assert all(isinstance(x, six.text_type) for x in argv)
            assert all(x.startswith('--') for x in argv[::2] if x != '--dry_run') or '--dry_run' in argv
    finally:
        shutil.rmtree(folder, ignore_errors=True)


# ---- the argument layer -----------------------------------------------------------------------
OPTIONS = ['--tc_api_path', '--api_access_id', '--api_secret_key', '--api_default_org', '--tc_token',
           '--tc_token_expires', '--tc_proxy_host', '--tc_proxy_port', '--tc_proxy_username',
           '--tc_proxy_password', '--tc_proxy_tc', '--tc_proxy_external', '--tc_verify', '--logging',
           '--tc_log_level', '--batch_chunk_size', '--batch_max_bytes', '--batch_poll_interval',
           '--batch_poll_max_interval', '--batch_poll_timeout', '--a', '--tags', '--dry_run', '--unknown', '-x',
           '--']
ARG_CONF = InstallConf.parse('program.main = app.py\nlist.delimiter = |\nparam.a =\nparam.a.encrypt\n'
                             'param.tags = x|y\nparam.tags.list\nparam.dry_run.flag\n')


@SETTINGS
@given(st.lists(st.one_of(st.sampled_from(OPTIONS), PLAUSIBLE, TEXT), max_size=10))
def test_tcex_argument_parsing(argv):
    figures.count_case('TcEx arguments')
    folder = tempfile.mkdtemp(prefix='tcex-fuzz-')
    hook = sys.excepthook
    cwd = os.getcwd()
    try:
        os.chdir(folder)  # a default path (log, out, tmp) lands in the temp folder
        # the path arguments come first (the fuzzed part names no path option), so they always apply
        full = ['--tc_log_path', os.path.join(folder, 'log'), '--tc_out_path', os.path.join(folder, 'out'),
                '--tc_temp_path', os.path.join(folder, 'tmp')] + list(argv)
        tcex = TcEx(argv=full, install_conf=ARG_CONF)
        args, error = _attempt(getattr, tcex, 'args')
        if error is None:
            assert isinstance(args.tc_verify, bool)
            assert isinstance(args.batch_chunk_size, int)
            assert args.tc_log_path == os.path.join(folder, 'log')
            assert isinstance(args.tags, list)
            assert isinstance(args.dry_run, bool)
            for secret in (args.api_secret_key, args.tc_token, args.tc_proxy_password, args.a):
                if secret:
                    assert secret in tcex.secrets
    finally:
        os.chdir(cwd)
        sys.excepthook = hook
        app_logger.remove_handlers()
        shutil.rmtree(folder, ignore_errors=True)


# ---- builders ---------------------------------------------------------------------------------
class Accepted(object):
    """Entities the builders accepted, to be submitted to the emulator in one job."""

    def __init__(self):
        self.items = {'group': {}, 'indicator': {}}

    def add(self, batch):
        data = batch.data
        for kind in ('group', 'indicator'):
            for item in data[kind]:
                # one entity per xid and per summary, the first kept (later ones may merge differently)
                key = item.get('xid') if kind == 'group' else (item.get('type'), item.get('summary'))
                if key not in self.items[kind] and item.get('xid') not in self._xids():
                    self.items[kind][key] = item

    def _xids(self):
        return set(x.get('xid') for kind in self.items.values() for x in kind.values())

    def count(self):
        return sum(len(x) for x in self.items.values())

    def check_emulator_accepts(self, tc, target):
        """Submit everything in one job (haltOnError false) and assert there is no error entry."""
        from tests.testing.helpers import Api

        if not self.count():
            return
        data = {'group': list(self.items['group'].values()),
                'indicator': list(self.items['indicator'].values())}
        status, errors = Api(tc).run(json.dumps(data).encode('utf-8'))
        # The rules that depend on the owner's state, not on the entity: a security label the
        # owner does not have yet needs a description and a color (API reference, section 3),
        # and an attribute type must be one the owner has. A builder cannot know which labels
        # and attribute types exist, so these are the only errors allowed.
        state_errors = [e for e in errors if _owner_state_error(e.get('errorReason', ''))]
        errors = [e for e in errors if e not in state_errors]
        key = 'entities the builders accepted, sent to the emulator (all targets)'
        figures.FUZZ[key] = figures.FUZZ.get(key, 0) + self.count()
        assert status['status'] == 'Completed'
        assert errors == [], 'the emulator refused entities a builder accepted: {}'.format(errors[:5])
        assert status['errorCount'] == len(state_errors)
        assert status['successCount'] == self.count() - len(state_errors)


def _owner_state_error(reason):
    return (('new security label' in reason and 'without description and color' in reason) or
            reason.endswith('(invalid attribute type).'))


def _new_batch(folder):
    return Batch(OWNER, temp_path=folder, halt_on_error=False)


SPECS = f.GROUP_SPECS + f.INDICATOR_SPECS


#: Valid identity values per Interface-1 argument, mixed into the draws so acceptance paths are reached.
GOOD = {'ip': ['1.2.3.4', '2001:db8::1'], 'as_number': ['ASN12345'], 'block': ['10.0.0.0/8', '192.168.1.0/24'],
        'address': ['someone@example.com'], 'md5': ['d41d8cd98f00b204e9800998ecf8427e'],
        'hostname': ['fuzz.example.com'], 'mutex': ['Global\\fuzz'], 'text': ['https://example.com/fuzz'],
        'key_name': ['HKEY_LOCAL_MACHINE\\Software\\Fuzz'], 'value_name': ['Run'], 'value_type': ['REG_SZ'],
        'name': ['fuzz name'], 'file_name': ['fuzz.txt'], 'subject': ['s'], 'header': ['h'], 'body': ['b'],
        'file_type': ['YARA'], 'file_text': ['rule x {condition: true}']}


def _draw_args(data, spec):
    """Draw positional and keyword arguments for an Interface-1 builder."""
    args = []
    for attr in spec.positional:
        if attr == 'xid':
            break
        if attr == 'file_content':
            strategy = st.one_of(st.none(), st.binary(max_size=20), TEXT)
        elif attr in GOOD:
            strategy = st.one_of(st.sampled_from(GOOD[attr]), VALUES)
        else:
            strategy = VALUES
        args.append(data.draw(strategy, label=attr))
    kwargs = {}
    for field in spec.fields:
        if field.attr not in spec.positional and data.draw(st.booleans(), label='use ' + field.attr):
            kwargs[field.attr] = data.draw(VALUES, label=field.attr)
    if data.draw(st.booleans(), label='bad kwarg'):
        kwargs[data.draw(st.sampled_from(['nope', 'summary', 'type', 'xid']), label='kw')] = data.draw(VALUES)
    return args, kwargs


def _check_entity(entity, spec):
    assert entity.type == spec.name
    assert isinstance(entity.xid, six.string_types) and entity.xid.strip()


@pytest.mark.parametrize('spec', SPECS, ids=[s.name for s in SPECS])
def test_interface1_builders(spec, emulator):
    """Every Interface-1 builder with arbitrary positional and keyword values."""
    folder = tempfile.mkdtemp(prefix='tcex-fuzz-')
    accepted = Accepted()
    target = 'Interface 1: batch.{}()'.format(spec.method)

    @SETTINGS
    @given(st.data())
    def run(data):
        figures.count_case(target)
        args, kwargs = _draw_args(data, spec)
        batch = _new_batch(folder)
        try:
            entity, error = _attempt(getattr(batch, spec.method), *args, **kwargs)
            if error is None:
                _check_entity(entity, spec)
                if _attempt(batch.flush)[1] is None:
                    accepted.add(batch)
        finally:
            batch.close()

    try:
        run()
        accepted.check_emulator_accepts(emulator, target)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


GROUP_NAMES = [s.name for s in f.GROUP_SPECS]
INDICATOR_NAMES = [s.name for s in f.INDICATOR_SPECS]
JSON_KEYS = sorted(set(fl.key for s in SPECS for fl in s.fields)) + [
    'attribute', 'tag', 'securityLabel', 'fileOccurrence', 'size', 'dnsActive', 'flag1', 'intValue1', 'bogus']


def _metadata_value(data):
    return data.draw(st.one_of(
        VALUES,
        st.lists(st.fixed_dictionaries({'type': st.one_of(TEXT, PLAUSIBLE), 'value': VALUES}), max_size=2),
        st.lists(st.dictionaries(st.sampled_from(['name', 'type', 'value', 'color', 'description',
                                                  'fileName', 'path', 'date', 'displayed']), VALUES,
                                 max_size=3), max_size=2)), label='metadata')


def test_interface2_builders(emulator):
    """``batch.group()`` / ``batch.indicator()`` then ``add_key_value``, attribute, tag, label."""
    folder = tempfile.mkdtemp(prefix='tcex-fuzz-')
    accepted = Accepted()
    target = 'Interface 2: group()/indicator()/add_key_value()'

    @SETTINGS
    @given(st.data())
    def run(data):
        figures.count_case(target)
        batch = _new_batch(folder)
        try:
            if data.draw(st.booleans(), label='group?'):
                type_name = data.draw(st.one_of(st.sampled_from(GROUP_NAMES), TEXT), label='type')
                entity, error = _attempt(batch.group, type_name, data.draw(VALUES, label='name'),
                                         xid=data.draw(st.one_of(st.booleans(), TEXT), label='xid'))
            else:
                type_name = data.draw(st.one_of(st.sampled_from(INDICATOR_NAMES), TEXT), label='type')
                entity, error = _attempt(batch.indicator, type_name, data.draw(VALUES, label='summary'),
                                         rating=data.draw(VALUES, label='rating'),
                                         confidence=data.draw(VALUES, label='confidence'),
                                         xid=data.draw(st.one_of(st.booleans(), TEXT), label='xid'))
            if error is not None:
                return
            for _ in range(data.draw(st.integers(0, 4), label='steps')):
                action = data.draw(st.sampled_from(['kv', 'attribute', 'tag', 'label']), label='action')
                if action == 'kv':
                    _attempt(entity.add_key_value, data.draw(st.sampled_from(JSON_KEYS), label='key'),
                             _metadata_value(data))
                elif action == 'attribute':
                    _attempt(entity.attribute, data.draw(VALUES, label='attr type'),
                             data.draw(VALUES, label='attr value'), displayed=data.draw(VALUES, label='d'))
                elif action == 'tag':
                    _attempt(entity.tag, data.draw(VALUES, label='tag'))
                else:
                    _attempt(entity.security_label, data.draw(VALUES, label='label'),
                             description=data.draw(VALUES, label='desc'), color=data.draw(VALUES, label='color'))
            if _attempt(batch.flush)[1] is None:
                accepted.add(batch)
        finally:
            batch.close()

    try:
        run()
        accepted.check_emulator_accepts(emulator, target)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def test_interface3_builders(emulator):
    """``batch.add_group(dict)`` / ``batch.add_indicator(dict)`` with arbitrary dicts."""
    folder = tempfile.mkdtemp(prefix='tcex-fuzz-')
    accepted = Accepted()
    target = 'Interface 3: add_group()/add_indicator()'

    @SETTINGS
    @given(st.data())
    def run(data):
        figures.count_case(target)
        group = data.draw(st.booleans(), label='group?')
        names = GROUP_NAMES if group else INDICATOR_NAMES
        item = {'type': data.draw(st.one_of(st.sampled_from(names), SCALARS), label='type'),
                'xid': data.draw(st.one_of(TEXT, SCALARS), label='xid')}
        item['name' if group else 'summary'] = data.draw(VALUES, label='identity')
        for _ in range(data.draw(st.integers(0, 4), label='keys')):
            item[data.draw(st.sampled_from(JSON_KEYS), label='key')] = _metadata_value(data)
        batch = _new_batch(folder)
        try:
            entity, error = _attempt(batch.add_group if group else batch.add_indicator, item)
            if error is None and _attempt(batch.flush)[1] is None:
                accepted.add(batch)
        finally:
            batch.close()

    try:
        run()
        accepted.check_emulator_accepts(emulator, target)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def test_fuzz_budget_comes_from_the_environment(monkeypatch):
    monkeypatch.setenv(str('TCEX_FUZZ_EXAMPLES'), str('5000'))
    assert figures.fuzz_examples() == 5000
    monkeypatch.setenv(str('TCEX_FUZZ_EXAMPLES'), str('lots'))
    assert figures.fuzz_examples(60) == 60

