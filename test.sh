#!/usr/bin/env bash
# Set up whatever is missing, then run the whole test suite (slow end-to-end tests included).
set -euo pipefail
cd "$(dirname "$0")"
scripts/bootstrap.sh test
export QT_QPA_PLATFORM=offscreen
exec .venv/bin/python -m pytest "$@"
