# -*- coding: utf-8 -*-
"""Submitting a batch: the job API, the submitter and its resume logic, the journal, the outcome.

Modules: :mod:`~tcex.batch.submit.api` (HTTP calls of batch v2),
:mod:`~tcex.batch.submit.submitter` (:class:`~tcex.batch.submit.submitter.BatchSubmitter`),
:mod:`~tcex.batch.submit.resume` (finishing what an earlier run left),
:mod:`~tcex.batch.submit.journal` (chunk states; its tables are in :mod:`tcex.batch.store.journal`),
:mod:`~tcex.batch.submit.outcome` (aggregate result, exit code),
:mod:`~tcex.batch.submit.files` (Document/Report uploads), :mod:`~tcex.batch.submit.states`,
:mod:`~tcex.batch.submit.config` (the job config) and :mod:`~tcex.batch.submit.steps` (tcex 0.8's
submit methods over the submitter, owned by each batch).

Nothing is imported here: ``tcex.batch`` uses the outcome without importing ``requests``.
"""
from __future__ import absolute_import, division, print_function, unicode_literals
