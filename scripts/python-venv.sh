#!/usr/bin/env bash
# Makes (or reuses) a virtual environment with the whosaid Python package built from python/
# in release mode, plus the PyPI packages named on the command line.
#
# Usage: scripts/python-venv.sh VENV [PACKAGE...]      e.g. scripts/python-venv.sh target/pyvenv pytest
# Then:  VENV/bin/python -c 'import whosaid'
set -euo pipefail
cd "$(dirname "$0")/.."
VENV=${1:?usage: scripts/python-venv.sh VENV [PACKAGE...]}
shift
if [ ! -x "$VENV/bin/python" ]; then
    python3 -m venv "$VENV"
fi
VENV=$(cd "$VENV" && pwd)
# maturin builds the extension; pip is quiet unless something goes wrong.
"$VENV/bin/pip" install --quiet --disable-pip-version-check maturin "$@"
# `maturin develop` installs into the active environment: name it. --locked: Cargo.lock as committed.
(cd python && VIRTUAL_ENV="$VENV" PATH="$VENV/bin:$PATH" maturin develop --release --locked --quiet)
