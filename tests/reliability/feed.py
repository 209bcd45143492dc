# -*- coding: utf-8 -*-
"""The small feed the fault suite submits, and the read-back checks that count what survived.

Used in-process by ``test_faults.py`` and by the subprocess App ``apps/fault_app.py``, so
both build exactly the same entities.
"""
from __future__ import absolute_import, division, print_function, unicode_literals

import collections

OWNER = 'Demo Organization'
DOC_XID = 'fault-doc-1'
DOC_CONTENT = b'fault suite document body\n' * 8
BAD_XID = 'fault-bad-host'
MISSING_GROUP = 'fault-no-such-group'
NOTE = 'Description'
TAG = 'fault suite'
LABEL = 'TLP Amber'


def _note(entity, text):
    """Add the Description attribute unless the entity (reloaded from a resumed store) has it.

    The guarded style an App careful about reruns writes; ``build_feed(guarded=False)``
    covers Apps that are not.
    """
    if not any(a.type == NOTE and a.value == text for a in entity.attributes):
        entity.attribute(NOTE, text)


def _unguarded(entity, text):
    """Add the metadata as an App that never checks what a reloaded entity already has."""
    entity.attribute(NOTE, text)
    entity.tag(TAG)
    entity.security_label(LABEL, 'label of the fault suite', 'FFC000')


def build_feed(batch, guarded=True):
    """Add the feed to ``batch``; return ``{xid: 'group'|'indicator'}`` of the entities that must be stored.

    ``guarded=False`` adds the metadata unguarded on every run (``attribute()``, ``tag()`` and
    ``security_label()`` called whatever the entity already holds): a rerun reloading the
    entities from the kept store must still send nothing twice and add no attribute.

    Three groups (one a Document with content), five indicators associated with a group,
    each carrying one ``Description`` attribute (the job uses ``attributeWriteType``
    ``Append``, so data processed twice shows up as a repeated attribute), plus one Host
    associated with a group that does not exist: the API reports it as an error, which
    makes the submitter fetch the job's errors.
    """
    expected = collections.OrderedDict()
    adversary = batch.adversary('fault adversary', xid='fault-adv-1')
    incident = batch.incident('fault incident', event_date='2024-01-02T00:00:00Z', status='Open',
                              xid='fault-inc-1')
    document = batch.document('fault document', 'fault.txt', file_content=DOC_CONTENT, xid=DOC_XID)
    note = _note if guarded else _unguarded
    for group in (adversary, incident, document):
        note(group, 'note for {}'.format(group.xid))
        expected[group.xid] = 'group'
    indicators = [batch.address('10.20.30.40'), batch.host('fault.example.com'),
                  batch.url('https://fault.example.com/x'), batch.email_address('fault@example.com'),
                  batch.file('d41d8cd98f00b204e9800998ecf8427e')]
    for number, indicator in enumerate(indicators):
        note(indicator, 'note {}'.format(number))
        indicator.association(adversary if number % 2 else incident)
        expected[indicator.xid] = 'indicator'
    bad = batch.host('bad.fault.example.com', xid=BAD_XID)
    bad.association(MISSING_GROUP)
    return expected


def census(tc, expected):
    """Count what the emulator holds of ``expected``.

    Returns:
        dict: ``sent``, ``stored``, ``lost``, ``duplicated`` (entities whose data the
        platform processed more than once, seen as a repeated attribute or as the xid in
        more than one job's data), ``processed`` (xid -> jobs that carried it),
        ``bad_stored`` (the invalid Host got in), ``file`` (the Document's content).
    """
    processed = collections.Counter()
    for job in tc.batch_jobs:
        data = job.get('data')
        if not isinstance(data, dict) or job.get('status') != 'Completed':
            continue
        for item in list(data.get('group') or []) + list(data.get('indicator') or []):
            if isinstance(item, dict) and item.get('xid'):
                processed[item['xid']] += 1
    stored = 0
    duplicated = set()
    for xid, kind in expected.items():
        record = tc.group(xid) if kind == 'group' else tc.indicator(xid)
        if record is None:
            continue
        stored += 1
        notes = [a for a in record.get('attribute') or [] if a.get('type') == NOTE]
        tags = [t for t in record.get('tag') or [] if t.get('name') == TAG]
        labels = [x for x in record.get('securityLabel') or [] if x.get('name') == LABEL]
        if len(notes) != 1 or processed[xid] > 1 or len(tags) > 1 or len(labels) > 1:
            duplicated.add(xid)
    return {'sent': len(expected), 'stored': stored, 'lost': len(expected) - stored,
            'duplicated': len(duplicated), 'duplicated_xids': sorted(duplicated), 'processed': processed,
            'bad_stored': tc.indicator(BAD_XID) is not None, 'file': tc.file(DOC_XID)}
