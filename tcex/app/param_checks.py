# -*- coding: utf-8 -*-
"""Enforcing install.json's ``required`` and ``validValues`` on the parsed arguments.

install.json params may say ``"required": true`` and, for ``Choice`` and
``MultiChoice``, list their ``validValues``. :func:`check_params` checks the
parsed values against them and raises a one-line :class:`ArgumentError`:

* a required param with no value (absent and no default, or empty) is missing;
  ``Boolean`` params are never missing;
* a value (each item of a list) not among ``validValues`` is refused, unless a
  valid value holds a ``${...}`` placeholder (``${OWNERS}``, ``${ATTRIBUTES}``)
  that the platform expands: such a list is not checked.

install.conf params have neither field, so nothing changes for install.conf Apps.
"""
from __future__ import absolute_import, division, print_function, unicode_literals

import six

from tcex.errors import ArgumentError

#: The start of a platform placeholder in ``validValues`` (``${OWNERS}``).
PLACEHOLDER = '${'


def _is_empty(value):
    return value is None or value == '' or (isinstance(value, (list, tuple)) and not value)


def _checked_values(param):
    """Return the param's valid values as text, or None when they are not checked."""
    valid = list(getattr(param, 'valid_values', None) or [])
    if not valid or any(PLACEHOLDER in six.text_type(item) for item in valid):
        return None
    return [six.text_type(item) for item in valid]


def _shown(value, param):
    return "'***'" if param.is_encrypt else "'{}'".format(six.text_type(value))


def _invalid_item(value, valid, fold_case):
    """Return the first item of ``value`` (a value or a list) not in ``valid``, or None."""
    items = value if isinstance(value, (list, tuple)) else [value]
    allowed = set(item.lower() for item in valid) if fold_case else set(valid)
    for item in items:
        if _is_empty(item):
            continue
        text = six.text_type(item)
        if (text.lower() if fold_case else text) not in allowed:
            return item
    return None


def check_params(parser, namespace, install_conf):
    """Raise :class:`ArgumentError` for a missing required param or a value not in ``validValues``.

    Args:
        parser (tcex.app.args.TcArgumentParser): The parser that produced ``namespace``.
        namespace (argparse.Namespace): The parsed arguments (param aliases applied).
        install_conf: The App's descriptor, or None (nothing checked).

    Raises:
        ArgumentError: One line naming the param, the value and the allowed values.
    """
    if install_conf is None:
        return
    missing = []
    for name, param in install_conf.params.items():
        if param.is_flag:  # a Boolean is false when absent, never missing
            continue
        value = getattr(namespace, name, None)
        if _is_empty(value):
            if getattr(param, 'required', False):
                missing.append('--{}'.format(name))
            continue
        valid = _checked_values(param)
        if valid is None:
            continue
        # an SDK option the param reuses (``--logging``) may have normalised the value's case
        action = parser._option_string_actions.get('--{}'.format(name))  # pylint: disable=protected-access
        fold_case = action is not None and action.dest != name
        bad = _invalid_item(value, valid, fold_case)
        if bad is not None:
            raise ArgumentError('argument --{}: invalid value {} (valid values: {})'.format(
                name, _shown(bad, param), ', '.join(valid)), value=None if param.is_encrypt else bad)
    if missing:
        raise ArgumentError('required argument{} missing: {} ({} declares {} required)'.format(
            's' if len(missing) > 1 else '', ', '.join(missing),
            getattr(install_conf, 'filename', 'install.json'), 'them' if len(missing) > 1 else 'it'),
            value=missing[0])
