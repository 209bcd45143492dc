# -*- coding: utf-8 -*-
"""The one kind enum of the batch: a type, an entity and a stored row are a Group or an Indicator."""
from __future__ import absolute_import, division, print_function, unicode_literals

import enum


class Kind(enum.IntEnum):
    """Group or Indicator.

    The int values are what the store keeps in its ``kind`` column (0 and 1); ``key`` is the
    batch JSON key (``group``/``indicator``), also the word in ``add_group``/``add_indicator``.
    """

    GROUP = 0
    INDICATOR = 1

    @property
    def key(self):
        """str: ``group`` or ``indicator``."""
        return 'group' if self is Kind.GROUP else 'indicator'

    @property
    def title(self):
        """str: ``Group`` or ``Indicator``."""
        return 'Group' if self is Kind.GROUP else 'Indicator'
