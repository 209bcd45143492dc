"""``python -m tcex`` runs the ``tcex`` command."""
from __future__ import absolute_import

import sys

from tcex.cli.main import main

sys.exit(main())
