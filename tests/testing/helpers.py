# -*- coding: utf-8 -*-
"""A plain ``requests`` client that signs HMAC itself (independent of tcex.session)."""
from __future__ import absolute_import, division, print_function, unicode_literals

import base64
import hashlib
import hmac
import json
import time

import requests
from six.moves.urllib.parse import urlencode


def sign(secret_key, path_and_query, method, timestamp):
    """HMAC signature written independently of tcex.testing.auth (so each checks the other)."""
    message = '{}:{}:{}'.format(path_and_query, method, timestamp).encode('utf-8')
    digest = hmac.new(secret_key.encode('utf-8'), message, hashlib.sha256).digest()
    return base64.b64encode(digest).decode('ascii')


class Api(object):
    """Signs and sends requests to an emulator with plain ``requests``."""

    def __init__(self, tc):
        self.tc = tc
        self.clock = time.time

    def headers(self, method, path, query=None, mode='hmac'):
        target = '/api' + path + ('?' + urlencode(query) if query else '')
        if mode == 'token':
            return target, {'Authorization': 'TC-Token {}'.format(self.tc.token)}
        stamp = int(self.clock())
        signature = sign(self.tc.api_secret_key, target, method, stamp)
        return target, {'Timestamp': str(stamp),
                        'Authorization': 'TC {}:{}'.format(self.tc.api_access_id, signature)}

    def request(self, method, path, query=None, mode='hmac', headers=None, timeout=10, **kwargs):
        target, auth = self.headers(method, path, query, mode)
        auth.update(headers or {})
        url = self.tc.url[:-len('/api')] + target
        return requests.request(method, url, headers=auth, timeout=timeout, **kwargs)

    def get(self, path, **kwargs):
        return self.request('GET', path, **kwargs)

    def post(self, path, **kwargs):
        return self.request('POST', path, **kwargs)

    def put(self, path, **kwargs):
        return self.request('PUT', path, **kwargs)

    # ---- batch helpers ---------------------------------------------------------------------
    def config(self, **overrides):
        config = {'version': 'V2', 'owner': self.tc.owner, 'haltOnError': False,
                  'action': 'Create', 'attributeWriteType': 'Replace'}
        config.update(overrides)
        return config

    def create_job(self, **overrides):
        response = self.post('/v2/batch', data=json.dumps(self.config(**overrides)),
                             headers={'Content-Type': 'application/json; charset=utf-8'})
        assert response.status_code == 201, response.text
        return response.json()['data']['batchId']

    def upload(self, batch_id, data):
        if not isinstance(data, bytes):
            data = json.dumps(data).encode('utf-8')
        return self.post('/v2/batch/{}'.format(batch_id), data=data,
                         headers={'Content-Type': 'application/octet-stream'})

    def status(self, batch_id, additional=True):
        query = {'includeAdditional': 'true'} if additional else None
        response = self.get('/v2/batch/{}'.format(batch_id), query=query)
        assert response.status_code == 200, response.text
        return response.json()['data']['batchStatus']

    def run(self, data, **overrides):
        """Create, upload and poll a job to completion; return (status, errors list)."""
        batch_id = self.create_job(**overrides)
        response = self.upload(batch_id, data)
        assert response.status_code == 202, response.text
        for _ in range(10):
            status = self.status(batch_id)
            if status['status'] == 'Completed':
                break
        errors = self.get('/v2/batch/{}/errors'.format(batch_id))
        return status, (errors.json() if errors.status_code == 200 else [])

