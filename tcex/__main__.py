"""``python -m tcex`` runs the ``tcex`` command."""
import sys

from tcex.cli.main import main

sys.exit(main())
