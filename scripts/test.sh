#!/usr/bin/env bash
# Run the whole test suite: every tox environment (Python 2.7 and 3, and the docs).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$ROOT/scripts/bootstrap.sh"
cd "$ROOT"
exec "$TOOLS/bin/tox" "$@"
