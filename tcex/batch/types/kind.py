# -*- coding: utf-8 -*-
"""The one kind enum of the batch: a type, an entity and a stored row are a Group or an Indicator."""
from __future__ import absolute_import, division, print_function, unicode_literals

_NAMES = ('GROUP', 'INDICATOR')


class Kind(int):
    """Group or Indicator: ``Kind.GROUP`` (0) or ``Kind.INDICATOR`` (1).

    An ``int`` with a ``name``, like an ``IntEnum`` (not one: the platform's Python 2.7 has no
    ``enum`` module and a deployment zip must run there with ``requests`` alone). The values are
    what the store keeps in its ``kind`` column; ``key`` is the batch JSON key
    (``group``/``indicator``), also the word in ``add_group``/``add_indicator``. ``Kind(0)``
    returns the member; ``Kind.ALL`` lists both.
    """

    __slots__ = ()
    GROUP = None
    INDICATOR = None
    ALL = ()

    def __new__(cls, value):
        for member in cls.ALL:
            if member == value:
                return member
        raise ValueError('{!r} is not a Kind (0 group, 1 indicator)'.format(value))

    @property
    def name(self):
        """str: ``GROUP`` or ``INDICATOR``."""
        return _NAMES[int(self)]

    @property
    def value(self):
        """int: 0 or 1 (the stored value)."""
        return int(self)

    @property
    def key(self):
        """str: ``group`` or ``indicator``."""
        return _NAMES[int(self)].lower()

    @property
    def title(self):
        """str: ``Group`` or ``Indicator``."""
        return _NAMES[int(self)].title()

    def __repr__(self):
        return '<Kind.{}: {}>'.format(self.name, int(self))

    __str__ = __repr__


Kind.GROUP = int.__new__(Kind, 0)
Kind.INDICATOR = int.__new__(Kind, 1)
Kind.ALL = (Kind.GROUP, Kind.INDICATOR)
