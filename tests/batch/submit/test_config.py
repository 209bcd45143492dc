# -*- coding: utf-8 -*-
"""Tests of tcex/batch/submit/config.py: the job config sent with POST /v2/batch."""
from __future__ import absolute_import, division, print_function, unicode_literals

import pytest

from tcex.batch.submit.config import JobConfig, canonical
from tcex.errors import BatchError


def test_defaults_and_canonical_spelling():
    config = JobConfig('MyOrg', action='delete', attribute_write_type='APPEND')
    assert config.as_dict() == {'version': 'V2', 'owner': 'MyOrg', 'haltOnError': True, 'action': 'Delete',
                                'attributeWriteType': 'Append'}


def test_optional_values_only_when_given():
    config = JobConfig('MyOrg', halt_on_error=0, playbook_triggers_enabled=1, tag_write_type='Replace',
                       hash_collision_mode='nullify')
    data = config.as_dict()
    assert data['haltOnError'] is False and data['playbookTriggersEnabled'] is True
    assert data['tagWriteType'] == 'Replace' and data['hashCollisionMode'] == 'nullify'
    assert 'securityLabelWriteType' not in data and 'fileMergeMode' not in data
    config.playbook_triggers_enabled = None
    assert 'playbookTriggersEnabled' not in config.as_dict()


def test_bad_values_are_one_line_errors():
    with pytest.raises(BatchError) as info:
        JobConfig('')
    assert 'owner' in str(info.value)
    with pytest.raises(BatchError) as info:
        JobConfig('MyOrg', action='Update')
    assert str(info.value).startswith('action must be one of Create, Delete, not ') and 'Update' in str(info.value)
    with pytest.raises(BatchError):
        JobConfig('MyOrg', attribute_write_type='Merge')
    config = JobConfig('MyOrg')
    with pytest.raises(BatchError):
        config.action = 'Upsert'
    assert config.action == 'Create'
    config.action = 'DELETE'
    assert config.action == 'Delete'


def test_canonical_names_the_setting():
    assert canonical('static', ('Append', 'Static'), 'x') == 'Static'
    with pytest.raises(BatchError) as info:
        canonical(3, ('Append',), 'attribute_write_type')
    assert 'attribute_write_type must be one of Append, not 3' in str(info.value)
