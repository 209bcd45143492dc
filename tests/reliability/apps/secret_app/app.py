# -*- coding: utf-8 -*-
"""An App that handles secrets carelessly on purpose: tcex must keep them out of every output.

It logs its arguments and every encoded form of its secrets (JSON, repr, URL-encoded,
base64, hex, basic auth), talks to the API (the emulator) with its credentials, submits a
batch, tries a request with a wrong secret, writes results.tc, dumps the ``repr()`` of its
runtime objects to ``<tc_out_path>/reprs.txt`` and ends with an error quoting secrets in
several forms.
"""
from __future__ import absolute_import, division, print_function, unicode_literals

import base64
import binascii
import io
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(
    os.path.abspath(__file__)))))))

from tcex import JobApp  # noqa: E402
from tcex.errors import ApiError, TcExError  # noqa: E402
from tcex.session import HmacAuth, TcSession, TokenAuth  # noqa: E402
from six.moves.urllib.parse import quote, quote_plus  # noqa: E402

SECRET_ARGS = ('api_secret_key', 'tc_token', 'tc_proxy_password', 'feed_key', 'feed_password', 'feed_token')


def encoded_forms(value):
    """The ways careless code writes a secret: JSON, repr, URL-encoded, base64, hex, basic auth."""
    raw = value.encode('utf-8')
    b64 = lambda data: base64.b64encode(data).decode('ascii')  # noqa: E731
    return ('json {} repr {!r} bytes {!r} list {!r} quote {} quote/ {} plus {} b64 {} urlsafe {} hex {} HEX {} '
            'basic {} dict {}').format(
        json.dumps(value), value, raw, [value], quote(raw, safe=str('')), quote(raw), quote_plus(raw),
        b64(raw), base64.urlsafe_b64encode(raw).decode('ascii'), binascii.hexlify(raw).decode('ascii'),
        binascii.hexlify(raw).decode('ascii').upper(), b64(b'proxyuser:' + raw), json.dumps({'k': value}))


class SecretApp(JobApp):
    """See the module docstring."""

    def add_arguments(self, parser):
        """A secret of the App's own with a type: a bad value must be masked in the error."""
        parser.add_argument('--feed_level', type=int, default=0, secret=True)

    def run(self):
        args = self.args
        self.log.info('arguments: %s', vars(args))
        self.log.info('a tab1e of results follows')  # the short secret ab1 must not mangle it
        for name in SECRET_ARGS:
            value = getattr(args, name)
            if value:
                self.log.debug('%s forms: %s', name, encoded_forms(value))
        print('stdout: {}'.format(self.tcex.mask(json.dumps(dict((n, getattr(args, n)) for n in SECRET_ARGS)))))
        self.log.debug('feed key %s, password %s, proxy password %s', args.feed_key, args.feed_password,
                       args.tc_proxy_password)
        print('stdout: the App starts with key {}'.format(self.tcex.mask(args.feed_key)))
        session = self.tcex.session
        batch = self.tcex.batch(args.api_default_org, poll_interval=0.01, poll_max_interval=0.01)
        batch.host('secrets.example.com').attribute('Description', 'fetched with a key')
        result = batch.submit_all()
        self.log.info('batch result: %s', result)
        messages = []
        wrong = TcSession(args.tc_api_path, retries=0,
                          auth=TokenAuth(args.tc_token + 'x') if args.tc_token else
                          HmacAuth(args.api_access_id, args.api_secret_key[::-1]))
        try:
            wrong.get_json('/v2/owners', action='list owners')
        except TcExError as exc:
            messages.append(str(exc))
            self.log.warning('expected failure: %s', exc)
        reprs = [('tcex', self.tcex), ('args', args), ('session', session), ('auth', session.auth),
                 ('proxies', session.proxies), ('batch', batch), ('wrong auth', wrong.auth)]
        if not os.path.isdir(args.tc_out_path):
            os.makedirs(args.tc_out_path)
        with io.open(os.path.join(args.tc_out_path, 'reprs.txt'), 'w', encoding='utf-8') as handle:
            handle.write(''.join('{}\t{!r}\n'.format(name, obj) for name, obj in reprs))
        with io.open(os.path.join(args.tc_out_path, 'errors.txt'), 'w', encoding='utf-8') as handle:
            handle.write(''.join(line + '\n' for line in messages))
        batch.close()
        self.tcex.results_tc('last_run', '2024-01-01T00:00:00Z')
        raise ApiError('feed refused key {} (password {}) {!r} {}'.format(
            args.feed_key, args.feed_password, args.feed_token, quote_plus(args.feed_password.encode('utf-8'))),
            status_code=401)


if __name__ == '__main__':
    SecretApp.main()
