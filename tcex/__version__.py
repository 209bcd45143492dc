"""The package version, read by setup.py and the docs."""
__version__ = '1.0.0'
