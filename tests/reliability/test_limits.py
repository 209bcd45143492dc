# -*- coding: utf-8 -*-
"""Input limits: oversized values, invalid UTF-8 and control characters.

Each must end in a clear one-line :class:`~tcex.errors.TcExError` (with no raw control
character in it) or be handled as the API documents, without exhausting memory: the
oversized cases run in a fresh interpreter (``limits_case.py``) whose peak RSS growth must
stay under 200 MB.
"""
from __future__ import absolute_import, division, print_function, unicode_literals

import json
import os
import re
import subprocess
import sys

import pytest
import six

from tcex.batch import Batch
from tcex.errors import BatchError, TcExError, ValidationError
from tests.reliability import figures
from tests.reliability.feed import OWNER

HERE = os.path.dirname(os.path.abspath(__file__))
CASE_SCRIPT = os.path.join(HERE, 'limits_case.py')
RSS_LIMIT_MB = 200
CONTROL = re.compile('[\x00-\x08\x0b-\x1f\x7f]')  # none may reach an error message
NON_SPACE_CONTROL = re.compile('[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]')  # C0 controls that are not whitespace


def _clear(exc):
    text = six.text_type(exc)
    assert isinstance(exc, TcExError) and text.strip()
    assert '\n' not in text and not CONTROL.search(text), repr(text)
    return text


def _run_case(case, tmpdir):
    proc = subprocess.Popen([sys.executable, CASE_SCRIPT, case, str(tmpdir)], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE)
    out, err = proc.communicate()
    assert proc.returncode == 0, err.decode('utf-8', 'replace')
    result = json.loads(out.decode('utf-8').strip().splitlines()[-1])
    figures.LIMITS.append({'case': case, 'outcome': result['outcome'], 'rss_growth_mb': result['rss_growth_mb']})
    return result


def test_10mb_attribute_is_a_clear_error_within_memory(tmpdir):
    result = _run_case('attribute_10mb', tmpdir)
    assert result['rss_growth_mb'] < RSS_LIMIT_MB, result
    # the API refuses uploads over its limit (2,000,000 bytes by default): the chunker says so up front
    assert result['outcome'] == 'BatchError', result
    assert 'limits-big-attribute' in result['message'] and 'chunk limit of 2000000 bytes' in result['message']


def test_oversized_entity_stops_submit_with_a_clear_error(emulator, tmpdir):
    from tcex.session import HmacAuth, TcSession

    session = TcSession(emulator.url, auth=HmacAuth(emulator.api_access_id, emulator.api_secret_key))
    batch = Batch(OWNER, temp_path=str(tmpdir), session=session, poll_interval=0.01, halt_on_error=False)
    batch.adversary('big one', xid='limits-big').attribute('Description', 'y' * (3 * 1000 * 1000))
    with pytest.raises(BatchError) as info:
        batch.submit_all()
    assert 'limits-big' in _clear(info.value)
    batch.close()


class Counted(six.text_type):
    """A tag name that counts the equality comparisons made against it."""

    calls = [0]

    def __eq__(self, other):
        Counted.calls[0] += 1
        return six.text_type.__eq__(self, other)

    def __ne__(self, other):
        return not self.__eq__(other)

    __hash__ = six.text_type.__hash__


def _tag_comparisons(count, tmpdir):
    batch = Batch(OWNER, temp_path=str(tmpdir))
    indicator = batch.address('10.9.8.6')
    Counted.calls[0] = 0
    for number in range(count):
        indicator.tag(Counted('tag-{:06d}'.format(number)))
    assert len(indicator.tags) == count
    batch.close()
    return Counted.calls[0]


def test_adding_tags_is_not_quadratic(tmpdir):
    count = 2000
    comparisons = _tag_comparisons(count, tmpdir)
    assert comparisons < 20 * count, '{} comparisons for {} tags'.format(comparisons, count)


def test_100000_tag_object_is_handled_within_memory(tmpdir):
    assert _tag_comparisons(2000, tmpdir.mkdir('probe')) < 20 * 2000, 'tag() is quadratic'
    result = _run_case('tags_100000', tmpdir)
    assert result['rss_growth_mb'] < RSS_LIMIT_MB, result
    if result['outcome'] == 'accepted':
        assert all(size <= 2000000 for size in result['sizes'])
    else:
        assert result['outcome'] == 'BatchError' and 'chunk limit' in result['message'], result


# ---- invalid UTF-8 and control characters --------------------------------------------------------
BAD_UTF8 = [b'\xff\xfe', b'abc\x80', b'\xc3\x28', b'\xed\xa0\x80']


def _builders(value):
    """Ways a feed value reaches a name, summary, tag, attribute or label."""
    return [
        ('group name', lambda b: b.adversary(value)),
        ('Interface 2 name', lambda b: b.group('Threat', value)),
        ('indicator summary', lambda b: b.host(value)),
        ('Interface 2 summary', lambda b: b.indicator('Mutex', value)),
        ('Interface 3 name', lambda b: b.add_group({'type': 'Incident', 'name': value, 'xid': 'limits-x'})),
        ('tag', lambda b: b.adversary('tagged').tag(value)),
        ('attribute value', lambda b: b.adversary('attributed').attribute('Description', value)),
        ('attribute type', lambda b: b.adversary('attributed2').attribute(value, 'v')),
        ('security label', lambda b: b.adversary('labelled').security_label(value, 'd', 'FF0000')),
        ('xid', lambda b: b.adversary('with xid', xid=value)),
    ]


@pytest.mark.parametrize('value', BAD_UTF8, ids=['ff-fe', 'abc-80', 'c3-28', 'surrogate-ed-a0-80'])
def test_invalid_utf8_bytes_are_clear_validation_errors(value, tmpdir):
    batch = Batch(OWNER, temp_path=str(tmpdir))
    for where, build in _builders(value):
        with pytest.raises(ValidationError) as info:
            build(batch)
        assert 'UTF-8' in _clear(info.value), where
    assert len(batch) == 0 or all(x['name'] in ('tagged', 'attributed', 'attributed2', 'labelled', 'with xid')
                                  for x in batch.data['group'])
    batch.close()


CONTROL_VALUES = ['nul\x00name', 'bell\x07', 'esc\x1b[31mred', 'del\x7f', 'cr\rlf', 'tab\there', 'new\nline',
                  '\u202eright-to-left', 'zero\u200bwidth', 'bom\ufeff']


@pytest.mark.parametrize('value', CONTROL_VALUES, ids=[repr(v) for v in CONTROL_VALUES])
def test_control_characters_are_refused_or_stored_unchanged(value, emulator, tmpdir):
    """Refused with a clear error, or accepted - and then the API stores exactly that name."""
    batch = Batch(OWNER, temp_path=str(tmpdir), halt_on_error=False)
    try:
        group = batch.adversary(value, xid='limits-control')
    except ValidationError as exc:
        _clear(exc)
        assert batch.data['group'] == []
        outcome = 'refused'
    else:
        from tests.testing.helpers import Api

        status, errors = Api(emulator).run(json.dumps(batch.data).encode('utf-8'))
        assert errors == [] and status['successCount'] == 1
        assert emulator.group('limits-control')['name'] == group.name
        outcome = 'accepted'
    batch.close()
    assert outcome in ('refused', 'accepted')
    if NON_SPACE_CONTROL.search(value):  # NUL, BEL, ESC, DEL...: never meaningful in a name
        assert outcome == 'refused', value
