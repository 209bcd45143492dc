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
    from tcex.batch.types.fields import GROUP_SPECS, INDICATOR_SPECS
    assert sorted(CASES) == sorted(s.method for s in GROUP_SPECS + INDICATOR_SPECS)


# -- tcex 0.8 behaviour (issue 12 items 3, 4, 6, 7): each of these failed before -------------------
def test_golden_metadata_with_tcex_signatures(batch):  # noqa: F811
    """attribute(attr_type, attr_value, displayed, source, unique, formatter), tag(name, formatter)."""
    h = batch.host('meta.example.com', xid='golden-metadata')
    h.attribute('Description', 'first', True, 'feed')
    h.attribute('Description', 'first', False)  # unique=True (default): the existing one, unchanged
    h.attribute('Description', 'second')
    h.attribute('Source', 'earlier', unique='Type')
    h.attribute('Source', 'later', unique='Type')  # one Source: the later value
    h.attribute('Comment', 'again', unique=False)
    h.attribute('Comment', 'again', unique=False)
    h.attribute('Comment', 'formatted', formatter=lambda value: value.upper())
    h.attribute('Comment', '')  # empty: not added (tcex marked it invalid)
    h.tag('apt')
    h.tag('apt 28', formatter=lambda name: name.upper().replace(' ', '-'))
    h.tag('')
    h.security_label('TLP Amber', 'amber', 'ffc000')
    h.security_label('TLP Amber')  # the same label: returned, unchanged
    assert canonical(batch.data['indicator']) == canonical([golden('compat_metadata')])


def _first_wins(b):
    first = b.address('1.1.1.1', 5, 90, xid='golden-first')
    first.attribute('Description', 'from the first handle')
    first.tag('one')
    second = b.address('1.1.1.1', 1, 10, xid='golden-first')  # a later constructor: its fields are ignored
    second.attribute('Description', 'from the second handle')
    second.tag('two')
    b.indicator('Address', '1.1.1.1', 2, 20, xid='golden-first').association('golden-doc')
    assert first is second
    return first


def test_golden_same_xid_first_object_wins(batch):  # noqa: F811
    _first_wins(batch)
    assert canonical(batch.data['indicator']) == canonical(golden('compat_first_wins'))


def test_golden_interface3_accepts_what_the_rest_api_returns(batch):  # noqa: F811
    """REST keys are left out of the payload; a Document needs no fileName."""
    _first_wins(batch)
    batch.add_group({'id': 7, 'name': 'Report from the API', 'type': 'Document', 'xid': 'golden-doc',
                     'owner': {'id': 1, 'name': 'MyOrg', 'type': 'Organization'}, 'dateAdded': '2024-01-01T00:00:00Z',
                     'webLink': 'https://app.example/auth/document/document.xhtml?document=7', 'fileSize': 1024,
                     'fileType': 'PDF', 'malware': False, 'tag': [{'name': 'read back'}]})
    batch.add_indicator({'id': 123, 'ownerName': 'MyOrg', 'type': 'Host', 'summary': 'api.example.com',
                         'xid': 'golden-rest-host', 'dateAdded': '2024-01-01T00:00:00Z',
                         'lastModified': '2024-01-02T00:00:00Z', 'rating': 3.0, 'confidence': 60,
                         'threatAssessRating': 3.5, 'threatAssessConfidence': 40.2, 'threatAssessScore': 300,
                         'webLink': 'https://app.example/auth/indicators/details/host.xhtml?host=api.example.com',
                         'dnsActive': 'true', 'whoisActive': 'false', 'active': True, 'observationCount': 2})
    assert canonical(batch.data) == canonical(golden('compat_rest_keys'))


def test_golden_delete_needs_only_type_and_xid(tmpdir):
    from tcex.batch import Batch
    delete = Batch('MyOrg', action='Delete', temp_path=str(tmpdir))
    delete.document('doc to delete', xid='del-doc')  # no file_name
    delete.email('mail to delete', xid='del-mail')  # no subject, header, body
    delete.group('Signature', 'sig to delete', 'del-sig')
    delete.address('9.9.9.9', 5, xid='del-addr')
    assert canonical(delete.data) == canonical(golden('compat_delete'))
    delete.close()
