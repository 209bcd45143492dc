# -*- coding: utf-8 -*-
"""``NamedInt``: an ``int`` with a name, like an ``IntEnum``.

Not :class:`enum.IntEnum`: the platform's Python 2.7 has no ``enum`` module and a
deployment zip must run there with ``requests`` alone.
"""
from __future__ import absolute_import, division, print_function, unicode_literals


class NamedInt(int):
    """Base of the SDK's small enums (:class:`~tcex.app.exit.ExitCode`, :class:`~tcex.batch.types.Kind`).

    A subclass sets ``NAMES`` (value -> name) and calls :meth:`define`, which makes one member
    per value, reachable as a class attribute (``ExitCode.SUCCESS``) and as ``Cls(value)``.
    """

    __slots__ = ()
    NAMES = {}
    MEMBERS = ()

    def __new__(cls, value):
        """Return the member for ``value``; raise ValueError for any other value (and for a bool)."""
        if not isinstance(value, bool):
            for member in cls.MEMBERS:
                if value == int(member):
                    return member
        raise ValueError('{!r} is not a valid {} ({})'.format(value, cls.__name__, ', '.join(
            '{} {}'.format(number, name.lower()) for number, name in sorted(cls.NAMES.items()))))

    @classmethod
    def define(cls):
        """Make the members of ``NAMES`` (call once, after the class body)."""
        cls.MEMBERS = tuple(int.__new__(cls, number) for number in sorted(cls.NAMES))
        for member in cls.MEMBERS:
            setattr(cls, cls.NAMES[int(member)], member)

    @property
    def name(self):
        """str: The member's name."""
        return self.NAMES[int(self)]

    @property
    def value(self):
        """int: The number."""
        return int(self)

    def __repr__(self):
        return '<{}.{}: {}>'.format(type(self).__name__, self.name, int(self))

    def __str__(self):
        return '{}.{}'.format(type(self).__name__, self.name)
