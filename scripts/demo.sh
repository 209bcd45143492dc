#!/usr/bin/env bash
# `make demo`: run the feed example App end to end against the embedded ThreatConnect
# emulator (no account needed), showing the App's progress and ending with a summary
# of what the emulator stored. Extra arguments are passed to the App.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$ROOT/scripts/bootstrap.sh"
cd "$ROOT"
exec "$TOOLS/bin/tcex" run --emulator examples/feed_app/app.py "$@"
