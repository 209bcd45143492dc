#!/usr/bin/env bash
# Prepare the developer tools in .tools/ (tox and a virtualenv that can still make
# Python 2.7 environments) and put every pyenv interpreter on PATH. Sourced by the
# other scripts; safe to run again.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
TOOLS="$ROOT/.tools"
# tox finds an interpreter only through its own bin folder (pyenv's shims are not enough).
PYENV_DIR="${PYENV_ROOT:-$HOME/.pyenv}"
if command -v pyenv >/dev/null 2>&1; then
    PYENV_DIR="$(pyenv root)"
fi
for dir in "$PYENV_DIR"/versions/*/bin; do
    [ -d "$dir" ] && PATH="$dir:$PATH"
done
export PATH
HOST_PYTHON="${TCEX_HOST_PYTHON:-$(command -v python3.11 || command -v python3)}"
if [ ! -x "$TOOLS/bin/tox" ]; then
    "$HOST_PYTHON" -m venv "$TOOLS"
    "$TOOLS/bin/pip" install -q --disable-pip-version-check 'tox>=3.28,<4' 'virtualenv<20.22'
fi
if [ ! -x "$TOOLS/bin/tcex" ]; then
    "$TOOLS/bin/pip" install -q --disable-pip-version-check -e "$ROOT"
fi
