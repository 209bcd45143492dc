"""Sphinx configuration for the tcex documentation."""
import os
import sys

sys.path.insert(0, os.path.abspath('..'))

from tcex.__version__ import __version__  # noqa: E402

project = 'tcex'
author = 'tcex maintainers'
copyright = '2026, tcex maintainers'  # pylint: disable=redefined-builtin
version = release = __version__
extensions = ['sphinx.ext.autodoc', 'sphinx.ext.napoleon', 'sphinx.ext.viewcode']
napoleon_google_docstring = True
napoleon_numpy_docstring = False
autodoc_member_order = 'bysource'
exclude_patterns = ['_build']
html_theme = 'alabaster'
master_doc = 'index'
napoleon_use_ivar = True
