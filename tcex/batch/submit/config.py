# -*- coding: utf-8 -*-
"""The job config a batch sends with ``POST /v2/batch``: owner, action, write modes.

:class:`JobConfig` is owned by a :class:`tcex.batch.Batch` (its ``config``); the batch's
``owner``, ``action``, ``attribute_write_type``, ``halt_on_error`` and
``playbook_triggers_enabled`` read and write it, and ``batch.job_config()`` is
:meth:`JobConfig.as_dict`.
"""
from __future__ import absolute_import, division, print_function, unicode_literals

import six

from tcex.batch.entity.encoder import identity_text
from tcex.batch.types.text import show
from tcex.errors import BatchError

ACTIONS = ('Create', 'Delete')
ATTRIBUTE_WRITE_TYPES = ('Append', 'Replace', 'Singleton', 'Static')
#: Optional job config keys, in the order of the keywords of :class:`JobConfig`.
WRITE_MODE_KEYS = ('tagWriteType', 'securityLabelWriteType', 'fileMergeMode', 'hashCollisionMode')


def canonical(value, options, what):
    """Return the spelling in ``options`` of ``value`` (compared case-insensitively).

    Args:
        value (str): The value given.
        options (tuple): The accepted spellings.
        what (str): The setting's name, for the message.

    Returns:
        str: The option.

    Raises:
        BatchError: ``value`` is none of the options.
    """
    for option in options:
        if six.text_type(value).lower() == option.lower():
            return option
    raise BatchError('{} must be one of {}, not {}'.format(what, ', '.join(options), show(value)), value=value)


class JobConfig(object):
    """The settings of a batch job (``action`` is checked whenever it is set).

    Args:
        owner (str): The owner (organization, community or source).
        action (str): ``Create`` or ``Delete`` (any case).
        attribute_write_type (str): ``Append``, ``Replace``, ``Singleton`` or ``Static`` (any case).
        halt_on_error (bool): The job stops at its first error.
        playbook_triggers_enabled (bool): Sent only when not None.
        tag_write_type, security_label_write_type, file_merge_mode, hash_collision_mode (str):
            Sent only when given.

    Raises:
        BatchError: No owner, or an unknown action or attribute write type.
    """

    def __init__(self, owner, action='Create', attribute_write_type='Replace', halt_on_error=True,
                 playbook_triggers_enabled=None, tag_write_type=None, security_label_write_type=None,
                 file_merge_mode=None, hash_collision_mode=None):
        if not owner:
            raise BatchError('a batch needs an owner', value=owner)
        self.owner = owner
        self.action = action
        #: str: ``Append``, ``Replace``, ``Singleton`` or ``Static`` (checked here, as given when set later).
        self.attribute_write_type = canonical(attribute_write_type, ATTRIBUTE_WRITE_TYPES, 'attribute_write_type')
        self.halt_on_error = bool(halt_on_error)
        self.playbook_triggers_enabled = playbook_triggers_enabled
        modes = (tag_write_type, security_label_write_type, file_merge_mode, hash_collision_mode)
        #: dict: The optional write modes given (API key -> value).
        self.write_modes = dict((key, val) for key, val in zip(WRITE_MODE_KEYS, modes) if val is not None)

    @property
    def action(self):
        """str: ``Create`` or ``Delete``."""
        return self._action

    @action.setter
    def action(self, value):
        self._action = canonical(value, ACTIONS, 'action')

    @property
    def identity_only(self):
        """bool: A Delete job: payloads carry each entity's identity keys only, and no Create rule applies."""
        return self._action == 'Delete'

    def payload_view(self):
        """Return what a payload applies to each stored entity JSON text, or None (sent as stored).

        The store keeps every entity's full JSON whatever the action; a Delete job's payloads
        carry the identity keys only (:func:`tcex.batch.entity.encoder.identity_text`), however
        the action changed while the batch was built.
        """
        return identity_text if self.identity_only else None

    def as_dict(self):
        """Return the job config dict for ``POST /v2/batch``.

        Returns:
            dict: version, owner, haltOnError, action, attributeWriteType (and
            playbookTriggersEnabled and the optional write modes when set).
        """
        config = {'version': 'V2', 'owner': self.owner, 'haltOnError': self.halt_on_error,
                  'action': self.action, 'attributeWriteType': self.attribute_write_type}
        if self.playbook_triggers_enabled is not None:
            config['playbookTriggersEnabled'] = bool(self.playbook_triggers_enabled)
        config.update(self.write_modes)
        return config
