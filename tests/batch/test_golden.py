# -*- coding: utf-8 -*-
"""Every Group and Indicator type against hand-written golden JSON (keys sorted)."""
from __future__ import absolute_import, division, print_function, unicode_literals

import pytest

from tests.batch.helpers import batch, canonical, golden  # noqa: F401


def build_adversary(b):
    a = b.adversary('APT Example', xid='golden-adversary')
    a.attribute('Description', 'An adversary', displayed=True, source='feed')
    a.security_label('TLP Green')
    a.tag('APT')
    a.tag('APT')
    a.association('golden-campaign')


def build_campaign(b):
    b.campaign('Campaign Example', '2024-08-04', xid='golden-campaign')


def build_document(b):
    d = b.document('Document Example', 'sample.zip', b'PK\x03\x04zip', True, 'infected', 'golden-document')
    d.tag('Malware')


def build_email(b):
    b.email('Phish Example', 'Invoice', 'Received: from x', 'Please pay', to_addr='victim@example.com',
            from_addr='attacker@example.com', score='42', xid='golden-email')


def build_event(b):
    b.event('Event Example', '2017-02-02 01:02:03', 'needs review', xid='golden-event')


def build_incident(b):
    i = b.incident('Incident Example', xid='golden-incident')
    i.event_date = '2024-08-04T10:30:00+05:30'
    i.status = 'Containment Achieved'


def build_intrusion_set(b):
    b.intrusion_set('Intrusion Set Example', 'golden-intrusion-set')


def build_report(b):
    b.report('Report Example', 'report.pdf', lambda xid: b'%PDF', '2024-08-04T00:00:00Z', 'golden-report')


def build_signature(b):
    b.signature('Signature Example', 'rule.yar', 'YARA', 'rule x { condition: true }', xid='golden-signature')


def build_threat(b):
    b.threat('threat-001')


def build_address(b):
    a = b.address('123.124.125.126', 5, '100', xid='golden-address', active=True, private_flag='false',
                  date_added='2017-02-02 01:02:03')
    a.last_modified = '2017-02-03'
    a.association('golden-incident')
    a.attribute('Description', 'Example Description', True)
    label = a.security_label('TLP Green', 'Share with peers')
    label.color = '#00ff00'
    a.tag('Example Tag')


def build_asn(b):
    b.asn('ASN12345', confidence=50, xid='golden-asn')


def build_cidr(b):
    b.cidr('10.0.0.0/8', 1, xid='golden-cidr')


def build_email_address(b):
    b.email_address('bad@example.com', xid='golden-email-address')


def build_file(b):
    f = b.file('43c3609411c83f363e051d455ade78a6', 'da39a3ee5e6b4b0d3255bfef95601890afd80709',
               'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855', 1024, 5.0, 100, 'golden-file')
    f.occurrence('drop1.exe', 'C:\\test\\', '2017-02-02 01:02:03')
    f.occurrence()  # left empty: not sent


def build_host(b):
    h = b.host('www.badguys2.com', True, rating='5.0', confidence='100', xid='golden-host')
    h.whois_active = False


def build_mutex(b):
    b.mutex('Global\\evil-mutex', xid='golden-mutex')


def build_registry_key(b):
    k = b.registry_key('HKEY_LOCAL_MACHINE\\system', 'TRUE', 'REG_DWORD', xid='golden-registry-key')
    k.association('my-xid-001')


def build_url(b):
    u = b.url('http://bad.example.com/path?q=1', xid='golden-url')
    u.active = False


def build_user_agent(b):
    b.user_agent('Mozilla/5.0 (Evil)', xid='golden-user-agent', description='seen in logs')


CASES = [name[len('build_'):] for name in sorted(globals()) if name.startswith('build_')]
GROUPS = ('adversary', 'campaign', 'document', 'email', 'event', 'incident', 'intrusion_set', 'report',
          'signature', 'threat')


@pytest.mark.parametrize('name', CASES)
def test_golden(batch, name):  # noqa: F811
    globals()['build_' + name](batch)
    data = batch.data
    kind = 'group' if name in GROUPS else 'indicator'
    other = 'indicator' if kind == 'group' else 'group'
    assert data[other] == []
    assert canonical(data[kind]) == canonical([golden(name)])


def test_every_type_has_a_golden_case():
    from tcex.batch.fields import GROUP_SPECS, INDICATOR_SPECS
    assert sorted(CASES) == sorted(s.method for s in GROUP_SPECS + INDICATOR_SPECS)
