# -*- coding: utf-8 -*-
"""Tests of tcex/batch/batch.py: the façade keeps every public name and delegates to the parts it owns."""
from __future__ import absolute_import, division, print_function, unicode_literals

import inspect

import pytest

from tcex.batch import Batch
from tcex.batch.export import BatchExport
from tcex.batch.lifecycle import StoreLease
from tcex.batch.submit.config import JobConfig
from tcex.batch.submit.steps import SubmitSteps
from tcex.errors import BatchError
from tests.batch.helpers import batch  # noqa: F401  (fixture)

_argspec = getattr(inspect, 'getfullargspec', None) or inspect.getargspec  # pylint: disable=deprecated-method

#: The public members of Batch before it became a façade (tcex 0.8's and this SDK's).
PUBLIC = (
    'action add_group add_indicator address adversary asn attribute_write_type builder campaign chunk_size cidr '
    'close data debug document email email_address errors event file file_len files flush generate_xid group '
    'group_len halt_on_batch_error halt_on_error halt_on_file_error halt_on_poll_error host incident indicator '
    'indicator_len intrusion_set iter_chunks iter_files job_config max_bytes mutex outcome owner '
    'playbook_triggers_enabled poll poll_timeout pool registry_key report save session settings signature store '
    'submit submit_all submit_create_and_upload submit_data submit_files submit_job submit_options summary '
    'temp_path threat types url user_agent write_batch_json write_json').split()

SUBMIT_METHODS = ('submit_job', 'submit_data', 'submit_create_and_upload', 'poll', 'errors', 'submit_files',
                  'submit', 'submit_all', 'outcome')


def test_every_public_name_is_kept(batch):  # noqa: F811
    missing = [name for name in PUBLIC if not hasattr(batch, name)]
    assert missing == []


@pytest.mark.parametrize('name', SUBMIT_METHODS)
def test_submit_methods_have_the_signature_of_their_implementation(name):
    facade, part = _argspec(getattr(Batch, name)), _argspec(getattr(SubmitSteps, name))
    assert (facade.args, facade.defaults) == (part.args, part.defaults)


@pytest.mark.parametrize('name', ('write_json', 'write_batch_json'))
def test_export_methods_have_the_signature_of_their_implementation(name):
    facade, part = _argspec(getattr(Batch, name)), _argspec(getattr(BatchExport, name))
    assert (facade.args, facade.defaults) == (part.args, part.defaults)


def test_the_parts_are_owned_and_shared(batch):  # noqa: F811
    assert isinstance(batch.config, JobConfig) and isinstance(batch.export, BatchExport)
    assert isinstance(batch.submit_steps, SubmitSteps) and isinstance(batch.lease, StoreLease)
    assert batch.export.store is batch.store and batch.submit_steps.store is batch.store
    assert batch.export.pool is batch.pool and batch.lease.store is batch.store


def test_settings_go_to_the_part_that_uses_them(batch):  # noqa: F811
    batch.owner, batch.halt_on_error, batch.attribute_write_type = 'Other', False, 'Append'
    batch.playbook_triggers_enabled = True
    assert batch.job_config() == batch.config.as_dict() == batch.settings
    assert batch.settings['owner'] == 'Other' and batch.settings['haltOnError'] is False
    assert batch.settings['playbookTriggersEnabled'] is True
    for name in ('halt_on_batch_error', 'halt_on_file_error', 'halt_on_poll_error', 'debug', 'summary'):
        setattr(batch, name, {'set': name})
        assert getattr(batch.submit_steps, name) == {'set': name} == getattr(batch, name)
    batch.poll_timeout = 5
    assert batch.submit_steps.poll_timeout == 5.0 and batch.submit_options['poll_timeout'] == 5.0
    batch.submit_options = {'poll_interval': 2}
    assert batch.submit_steps.options == {'poll_interval': 2} and batch.poll_timeout == 3600


def test_action_delete_makes_the_payload_minimal(batch):  # noqa: F811
    batch.action = 'delete'
    batch.address('1.2.3.4', rating=3, confidence=50).tag('t')
    assert batch.action == 'Delete' and batch.config.action == 'Delete'
    (indicator,) = batch.data['indicator']
    assert 'tag' not in indicator and 'rating' not in indicator and indicator['summary'] == '1.2.3.4'
    with pytest.raises(BatchError):
        batch.action = 'Upsert'
    assert batch.action == 'Delete'


def test_counts_and_str_read_through_the_export(batch):  # noqa: F811
    batch.adversary('adv')
    batch.report('rep', 'r.pdf', b'pdf')
    batch.host('example.com')
    assert (len(batch), batch.group_len, batch.indicator_len, batch.file_len) == (3, 2, 1, 1)
    assert sorted(batch.files) == [batch.data['group'][1]['xid']]
    assert '"example.com"' in str(batch)
