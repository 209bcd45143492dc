# -*- coding: utf-8 -*-
"""Bad text is a clear error, not a crash (issue 13 item 8, first half).

A feed in which one item carries a lone surrogate (in its summary, name, xid, attribute
value or tag): the App gets a ``ValidationError`` naming the field for that item, and the
valid entities of the same batch all reach the API (the emulator) and are stored.
"""
from __future__ import absolute_import, division, print_function, unicode_literals

import pytest
import six

from tcex.batch import Batch
from tcex.errors import ValidationError
from tests.reliability.feed import OWNER

S = '\udc80'  # what surrogateescape makes of an undecodable byte: a lone low surrogate

BAD_ITEMS = [
    ('summary', {'ip': '198.51.100.200' + S}),
    ('xid', {'ip': '198.51.100.201', 'xid': 'feed-' + S}),
    ('attribute.value', {'ip': '198.51.100.202', 'description': 'seen at ' + S}),
    ('tag', {'ip': '198.51.100.203', 'tag': 'bad ' + S}),
    ('name', {'group': 'Incident ' + S}),
]


def _add(batch, item, incident):
    """What a feed App does with one item."""
    if 'group' in item:
        return batch.incident(item['group'], status='Open')
    indicator = batch.address(item['ip'], rating=2.5, confidence=70, xid=item.get('xid', True))
    indicator.attribute('Description', item.get('description', 'feed item'))
    indicator.tag(item.get('tag', 'feed'))
    indicator.association(incident.xid)
    return indicator


@pytest.mark.parametrize('field, bad', BAD_ITEMS, ids=[case[0] for case in BAD_ITEMS])
def test_one_bad_item_is_refused_and_the_good_ones_are_stored(field, bad, emulator, tmpdir):
    from tcex.session import HmacAuth, TcSession

    session = TcSession(emulator.url, auth=HmacAuth(emulator.api_access_id, emulator.api_secret_key))
    batch = Batch(OWNER, temp_path=str(tmpdir), session=session, poll_interval=0.01, halt_on_error=False)
    incident = batch.incident('Bad text incident', status='Open')
    items = [{'ip': '198.51.100.{}'.format(n)} for n in range(1, 6)]
    items.insert(2, bad)
    refused = []
    for item in items:
        try:
            _add(batch, item, incident)
        except ValidationError as exc:
            text = six.text_type(exc)
            assert '\n' not in text and 'lone surrogate' in text
            text.encode('utf-8')
            refused.append(exc.field)
    # an attribute or tag refused on an otherwise valid indicator leaves the indicator itself
    result = batch.submit_all()
    batch.close()
    assert refused == [field]
    expected = set('198.51.100.{}'.format(n) for n in range(1, 6))
    if field in ('attribute.value', 'tag'):
        expected.add(bad['ip'])
    assert result['errors'] == [] and result['successCount'] == len(expected) + 1, result
    stored = dict((i['summary'], i) for i in emulator.indicators(owner=OWNER))
    assert set(stored) == expected
    for summary in expected:
        indicator = stored[summary]
        assert indicator['rating'] == 2.5 and indicator['confidence'] == 70
        if summary == bad.get('ip'):  # the App's calls after the refused one did not run
            assert all(S not in repr(a) for a in indicator.get('attribute', []) + indicator.get('tag', []))
            continue
        assert [g['groupXid'] for g in indicator['associatedGroups']] == [incident.xid]
        assert [a['value'] for a in indicator['attribute']] == ['feed item']
        assert [t['name'] for t in indicator['tag']] == ['feed']
    assert [g['name'] for g in emulator.groups(owner=OWNER)] == ['Bad text incident']
