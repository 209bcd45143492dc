"""Tests for tcex.utils."""
