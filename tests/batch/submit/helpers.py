# -*- coding: utf-8 -*-
"""Helpers shared by the submit tests: sessions, batches, seed examples."""
from __future__ import absolute_import, division, print_function, unicode_literals

import json
import random

from tcex.batch.batch import Batch
from tcex.session import HmacAuth, RetryPolicy, TcSession, TokenAuth


class Sleeps(object):
    """Records waits instead of sleeping."""

    def __init__(self):
        self.calls = []

    def __call__(self, seconds):
        self.calls.append(seconds)


def hmac_session(tc, secret=None, sleep=None, timeout=(5, 10), retries=None):
    return TcSession(tc.url, auth=HmacAuth(tc.api_access_id, secret or tc.api_secret_key),
                     retries=retries or RetryPolicy(total=4, jitter=0, rng=random.Random(0)),
                     sleep=sleep or Sleeps(), timeout=timeout)


def token_session(tc, refresh=None, sleep=None):
    return TcSession(tc.url, auth=TokenAuth(tc.token, tc.token_expires, refresh=refresh),
                     retries=RetryPolicy(total=4, jitter=0), sleep=sleep or Sleeps())


def make_batch(tc, tmp_path, session=None, **options):
    options.setdefault('poll_interval', 1)
    options.setdefault('poll_max_interval', 2)
    options.setdefault('sleep', Sleeps())
    options.setdefault('temp_path', str(tmp_path))
    return Batch(tc.owner, session=session or hmac_session(tc), **options)


def check_seed_read_back(tc):
    """Assert the seed examples are in the emulator as sent."""
    names = sorted(g['name'] for g in tc.groups())
    assert names == ['adversary-001my-xid-000', 'adversary-002', 'document-001', 'document-002', 'event-001']
    event = tc.group('my-xid-0001')
    assert event['status'] == 'New'
    assert [t['name'] for t in event['tag']] == ['Example Tag']
    assert event['attribute'][0]['source'] == 'source'
    assert tc.group('my-xid-002')['associatedGroupXid'] == ['my-xid-001']
    address = tc.indicator('123.124.125.126')
    assert address['rating'] == 5.0 and address['confidence'] == 100
    assert [label['name'] for label in address['securityLabel']] == ['TLP Green']
    file_hash = tc.indicator('43c3609411c83f363e051d455ade78a6')
    occurrence = file_hash['fileOccurrence'][0]
    assert occurrence['fileName'] == 'drop1.exe' and occurrence['path'] == 'C:\\test\\'
    assert occurrence['date'].startswith('2017-02-02T01:02:03')
    host = tc.indicator('www.badguys2.com')
    assert host['dnsActive'] is True and host['whoisActive'] is True
    assert tc.file('doc-xid-001') == b'example file content'
    assert tc.file('my-xid-002') == b'example content 2'


def xids_per_job(tc):
    """Return {batch id: [xids in the data uploaded to it]} (jobs without data map to None)."""
    out = {}
    for job in tc.batch_jobs:
        if job['data'] is None:
            out[job['id']] = None
            continue
        payload = json.loads(job['data'].decode('utf-8'))
        out[job['id']] = [e['xid'] for e in payload.get('group', [])] + [e['xid'] for e in payload.get('indicator', [])]
    return out


def sent_xids(tc):
    """Return every xid uploaded across jobs (with repeats, if any)."""
    out = []
    for xids in xids_per_job(tc).values():
        out.extend(xids or [])
    return out


def add_addresses(batch, count, start=0, tag=None):
    for number in range(start, start + count):
        address = batch.address('10.{}.{}.{}'.format(number // 65536, (number // 256) % 256, number % 256))
        if tag:
            address.tag(tag)
