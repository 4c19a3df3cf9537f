#!/usr/bin/env bash
# Linux: install what the build needs (the app's .venv, binutils for PyInstaller), then build the onedir
# app into dist/genai-classroom with scripts/build_app.py (same on macOS/Windows), passing its options:
#   scripts/build_app.sh [--self-test]
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/bootstrap.sh app
if ! command -v objdump >/dev/null 2>&1; then  # PyInstaller reads shared-library dependencies with it
  if [ "$(id -u)" -eq 0 ]; then apt-get update -qq && apt-get install -y -qq binutils >/dev/null
  else echo "[build] binutils (objdump) is needed: apt-get install binutils" >&2; exit 1; fi
fi
# --self-test traces the frozen app's sockets with strace (no network allowed); without it that part is skipped.
if [[ " $* " == *" --self-test "* ]] && ! command -v strace >/dev/null 2>&1 && [ "$(id -u)" -eq 0 ]; then
  apt-get update -qq && apt-get install -y -qq strace >/dev/null || echo "[build] strace could not be installed" >&2
fi
exec .venv/bin/python scripts/build_app.py "$@"
