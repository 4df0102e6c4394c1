#!/usr/bin/env bash
# Set up and run the main job on the bundled sample data: load, classify, build, then serve the dashboard.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
exec .venv/bin/tyndau demo "$@"
