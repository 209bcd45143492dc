#!/usr/bin/env bash
# `make demo`: run the feed example App end to end against the embedded ThreatConnect
# emulator (no account needed), showing the App's progress and ending with a summary
# of what the emulator stored. Extra arguments are passed to the App.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$ROOT/scripts/bootstrap.sh"
cd "$ROOT"
if "$TOOLS/bin/tcex" run --help 2>/dev/null | grep -q -- '--emulator'; then
    exec "$TOOLS/bin/tcex" run --emulator examples/feed_app/app.py "$@"
fi
# Until `tcex run --emulator` is wired in, call the same code directly.
exec "$TOOLS/bin/python" -m tcex.cli.emulated examples/feed_app/app.py "$@"
