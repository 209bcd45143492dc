# -*- coding: utf-8 -*-
"""Batch types: the :class:`Kind` enum, the field tables (:mod:`~tcex.batch.types.fields`), the
:class:`~tcex.batch.types.spec.TypeSpec` of each type, the per-batch :class:`TypeRegistry`, the
value validators (:mod:`~tcex.batch.types.validators`), the free-text helpers
(:mod:`~tcex.batch.types.text`) and the xid rules (:mod:`~tcex.batch.types.xid`)."""
from __future__ import absolute_import, division, print_function, unicode_literals

from tcex.batch.types.kind import Kind  # noqa: F401
from tcex.batch.types.spec import Field, Rule, TypeSpec  # noqa: F401
from tcex.batch.types.registry import TypeRegistry  # noqa: F401
