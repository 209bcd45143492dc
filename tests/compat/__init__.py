# -*- coding: utf-8 -*-
"""Compatibility tests: tcex 0.8 Apps and calls run unchanged."""
