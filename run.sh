#!/usr/bin/env bash
# Set up whatever is missing, then start GenAI Classroom.
set -euo pipefail
cd "$(dirname "$0")"
scripts/bootstrap.sh app
exec .venv/bin/python -m desktop_app "$@"
