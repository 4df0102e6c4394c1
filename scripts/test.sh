#!/usr/bin/env bash
# Set up and run the whole test suite (the command the README and .ci/run use).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
export TYNDAU_ARTIFACTS="${TYNDAU_ARTIFACTS:-$PWD/artifacts}"
mkdir -p "$TYNDAU_ARTIFACTS"
echo "==> test artefacts (screenshots) in $TYNDAU_ARTIFACTS"
.venv/bin/python -m pytest -q "$@"
