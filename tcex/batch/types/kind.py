# -*- coding: utf-8 -*-
"""The one kind enum of the batch: a type, an entity and a stored row are a Group or an Indicator."""
from __future__ import absolute_import, division, print_function, unicode_literals

from tcex.utils.named_int import NamedInt


class Kind(NamedInt):
    """Group or Indicator: ``Kind.GROUP`` (0) or ``Kind.INDICATOR`` (1).

    The values are what the store keeps in its ``kind`` column; ``key`` is the batch JSON key
    (``group``/``indicator``), also the word in ``add_group``/``add_indicator``. ``Kind(0)``
    returns the member; ``Kind.ALL`` lists both.
    """

    __slots__ = ()
    NAMES = {0: 'GROUP', 1: 'INDICATOR'}
    GROUP = None
    INDICATOR = None
    ALL = ()

    @property
    def key(self):
        """str: ``group`` or ``indicator``."""
        return self.name.lower()

    @property
    def title(self):
        """str: ``Group`` or ``Indicator``."""
        return self.name.title()


Kind.define()
Kind.ALL = Kind.MEMBERS
