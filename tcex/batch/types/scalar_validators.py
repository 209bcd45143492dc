# -*- coding: utf-8 -*-
"""Generic scalar validators: text, choices, numbers, flags, colors and dates.

These are the building blocks of :mod:`tcex.batch.types.validators` (which re-exports every
public name); the indicator-value validators in :mod:`tcex.batch.types.indicator_validators`
use the private text helpers defined here. Every validator is ``fn(value) -> normalised
value`` and raises ``ValueError`` with a short reason.
"""
from __future__ import absolute_import, division, print_function, unicode_literals

import decimal
import math
import numbers
import re
import sys

import six

from tcex.utils.text import LONE_SURROGATE, surrogate_reason, to_text

from tcex.utils.dates import to_iso8601

__all__ = [
    'boolean', 'bounded_integer', 'choice', 'color', 'confidence', 'date', 'integer', 'rating', 'text',
]

_COLOR = re.compile(r'#?([0-9a-fA-F]{6}|[0-9a-fA-F]{3})\Z')
_CONTROL = re.compile(r'[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]')
# One scan for what free text may not hold: control characters and lone surrogates (one character
# class where every surrogate is a lone one: several times faster than an alternation on Python 2).
_NOT_TEXT = re.compile('[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff]' if sys.maxunicode > 0xFFFF else
                       '[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]|' + LONE_SURROGATE.pattern)
_TRUE = frozenset(['true', 't', 'yes', 'y', 'on', '1'])
_FALSE = frozenset(['false', 'f', 'no', 'n', 'off', '0'])
_INTEGER_TEXT = re.compile(r'[+-]?[0-9]+\Z')
_FLOAT_TEXT = re.compile(r'[+-]?(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?\Z')


_text = to_text  # the one text coercion (tcex.utils.text): UTF-8 bytes decoded, lone surrogates refused


_is_ascii = getattr(six.text_type, 'isascii', None)


def _stripped(value):
    """Text with surrounding whitespace removed; empty raises ValueError."""
    if type(value) is not six.text_type or _is_ascii is None or not _is_ascii(value):
        value = to_text(value)  # ASCII text (the common case on Python 3.7+) needs no check
    value = value.strip()
    if not value:
        raise ValueError('empty value')
    return value


def _number(value):
    if isinstance(value, (six.text_type, six.binary_type)):  # first: cheaper than the numbers ABC test
        text_value = _stripped(value)
        if _INTEGER_TEXT.match(text_value):
            number = int(text_value)
        elif _FLOAT_TEXT.match(text_value):
            number = float(text_value)
        else:
            raise ValueError('not a number')
    elif isinstance(value, bool):
        raise ValueError('expected a number, got a boolean')
    elif isinstance(value, numbers.Real):
        number = value
    elif isinstance(value, decimal.Decimal):
        if not value.is_finite():
            raise ValueError('not a finite number')
        number = int(value) if value == value.to_integral_value() else float(value)
    else:
        to_text(value)  # raises ValueError('expected text, got <type>')
        raise ValueError('not a number')  # pragma: no cover - to_text raised
    if isinstance(number, float) and (math.isnan(number) or math.isinf(number)):
        raise ValueError('not a finite number')
    return number


def rating(value):
    """A threat rating: a number 0-5 returned as float (``'5.0'``, ``3``, ``2.5``)."""
    kind = type(value)
    if (kind is int or kind is float) and 0 <= value <= 5:  # the common case (NaN fails the test)
        return float(value)
    number = _number(value)
    if not 0 <= number <= 5:
        raise ValueError('rating must be between 0 and 5')
    return float(number)


def integer(value):
    """An integer: ``int``, an integral float (``100.0``) or digit text (``'-7'``, ``'100.0'``)."""
    if type(value) is int:  # the common case (a bool is not an int here: _number refuses it)
        return value
    number = _number(value)
    if isinstance(number, six.integer_types):
        return int(number)
    if number != int(number):
        raise ValueError('not a whole number')
    return int(number)


def bounded_integer(minimum=None, maximum=None):
    """Make an :func:`integer` validator that also checks an inclusive range.

    Args:
        minimum (int): The smallest allowed value (None: no lower bound).
        maximum (int): The largest allowed value (None: no upper bound).

    Returns:
        callable: ``fn(value) -> int``.
    """
    if minimum is None or maximum is None:
        message = ('must be at most {}'.format(maximum) if minimum is None
                   else 'must be at least {}'.format(minimum))
    else:
        message = 'must be between {} and {}'.format(minimum, maximum)

    def validate(value):
        number = integer(value)
        if (minimum is not None and number < minimum) or (
                maximum is not None and number > maximum):
            raise ValueError(message)
        return number
    validate.__name__ = str('bounded_integer')
    return validate


_confidence = bounded_integer(0, 100)


def confidence(value):
    """A confidence: a whole number 0-100 (``'100'``, ``100.0``; not ``50.5``, ``101``)."""
    if type(value) is int and 0 <= value <= 100:  # the common case
        return value
    return _confidence(value)


def boolean(value):
    """A flag: ``True``/``False``, ``1``/``0`` or the text ``true/false``, ``yes/no``,
    ``t/f``, ``y/n``, ``on/off``, ``1/0`` (any case)."""
    if value is True or value is False:
        return value
    if isinstance(value, six.integer_types) and value in (0, 1):
        return bool(value)
    if isinstance(value, (six.text_type, six.binary_type)):
        lower = _text(value).strip().lower()
        if lower in _TRUE:
            return True
        if lower in _FALSE:
            return False
    raise ValueError('not a boolean (expected true or false)')


def color(value):
    """A label color as six upper-case hex digits (``#ff0000``, ``f00`` -> ``FF0000``)."""
    match = _COLOR.match(_stripped(value))
    if match is None:
        raise ValueError('not a hex color (expected RRGGBB)')
    digits = match.group(1).upper()
    if len(digits) == 3:
        digits = ''.join(digit * 2 for digit in digits)
    return digits


def choice(options):
    """Make a validator accepting one of ``options`` case-insensitively.

    Surrounding whitespace is ignored and runs of inner whitespace count as one space;
    the canonical spelling from ``options`` is returned (``'needs review'`` ->
    ``'Needs Review'``).

    Args:
        options (iterable of str): The allowed values, canonically spelled.

    Returns:
        callable: ``fn(value) -> str``.
    """
    options = tuple(options)
    lookup = dict((' '.join(option.split()).lower(), option) for option in options)
    message = 'must be one of: {}'.format(', '.join(options))

    def validate(value):
        key = ' '.join(_text(value).split()).lower()
        try:
            return lookup[key]
        except KeyError:
            raise ValueError(message)
    validate.options = options
    validate.__name__ = str('choice')
    return validate


def text(max_length=None, strip=False):
    """Make a validator for free text (names, descriptions, attribute values, tags).

    The text must not be empty or only whitespace and must not contain control characters
    other than tab, newline and carriage return, nor lone surrogates. Everything is decided
    when the validator is made; a call is one type test, one scan and one strip.

    Args:
        max_length (int): The most characters allowed (None: no limit).
        strip (bool): Remove surrounding whitespace from the returned text.

    Returns:
        callable: ``fn(value) -> str``.
    """
    text_type = six.text_type
    search = _NOT_TEXT.search
    printable = getattr(text_type, 'isprintable', None)  # Python 3: one C pass, no control/surrogate

    def validate(value):
        if type(value) is not text_type:
            value = to_text(value)  # bytes (decoded), a text subclass, or a ValueError
        stripped = value.strip()
        if not stripped:
            raise ValueError('empty text')
        if strip:
            value = stripped
        if (printable is None or not printable(value)) and search(value) is not None:
            raise ValueError(surrogate_reason(value) or 'control characters are not allowed')
        if max_length is not None and len(value) > max_length:
            raise ValueError('longer than {} characters'.format(max_length))
        return value
    validate.__name__ = str('text')
    return validate


def date(value):
    """A date/time in any common form as ISO-8601 (:func:`tcex.utils.dates.to_iso8601`)."""
    return to_iso8601(value)
