# -*- coding: utf-8 -*-
"""Batch entities: Groups, Indicators, their metadata handles, the classes generated per type and
the compact JSON of their payloads (:mod:`~tcex.batch.entity.encoder`).

Entities talk to their batch only through :class:`~tcex.batch.entity.sink.EntitySink`.
"""
from __future__ import absolute_import, division, print_function, unicode_literals

from tcex.batch.entity.base import Entity  # noqa: F401
from tcex.batch.entity.classes import BUILTIN_CLASSES, CLASSES, entity_class  # noqa: F401
from tcex.batch.entity.entities import Group, Indicator  # noqa: F401
from tcex.batch.entity.metadata import Attribute, FileOccurrence, SecurityLabel, Tag  # noqa: F401
from tcex.batch.entity.sink import EntitySink  # noqa: F401
from tcex.batch.types.text import show  # noqa: F401
