"""Nothing reaches the network and nothing is written outside the app's folders, seen from outside the
process: the self-test runs under strace (native code such as ONNX Runtime's telemetry uploader never
passes through Python's socket module, which tests/conftest.py guards) with a fresh, empty HOME.

Measured before ORT_DISABLE_TELEMETRY was set (onnxruntime 1.32): importing ONNX Runtime wrote a device id
and an event database to ~/.cache/Microsoft/DeveloperTools/.onnxruntime at once, and about 9 s later
started resolving mobile.events.data.microsoft.com (DNS to port 53), again every few seconds.
"""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from model_backend.core.paths import AppPaths
from scripts.network_audit import (
    audit_environment,
    network_contacts,
    strace_prefix,
    strace_unusable_reason,
    written_outside,
)

pytestmark = [pytest.mark.slow, pytest.mark.e2e,
              pytest.mark.skipif(not sys.platform.startswith("linux"), reason="strace is Linux's")]
ROOT = Path(__file__).resolve().parents[2]


def _traced(tmp_path: Path) -> tuple[list[str], Path]:
    trace = tmp_path / "strace.log"
    prefix = strace_prefix(trace)
    if prefix is None:
        pytest.skip(strace_unusable_reason())
    return prefix, trace


def _home_folders(home: Path, monkeypatch) -> AppPaths:
    """The app's own folders when nothing but HOME says where they go: platformdirs' under HOME
    (~/.local/share, ~/.cache and ~/.config on Linux), as the app computes them."""
    monkeypatch.setenv("HOME", str(home))
    for name in ("XDG_DATA_HOME", "XDG_CACHE_HOME", "XDG_CONFIG_HOME", "XDG_STATE_HOME"):
        monkeypatch.delenv(name, raising=False)
    return AppPaths.usual()


def _report(contacts) -> str:
    return "\n".join(contact.describe() + "\n    " + contact.line for contact in contacts[:10])


def test_self_test_reaches_no_network_and_writes_only_the_apps_folders(tmp_path, e2e_paths, monkeypatch):
    prefix, trace = _traced(tmp_path)
    home = tmp_path / "home"
    home.mkdir()
    # No GENAI_CLASSROOM_HOME: the app uses its usual folders under this HOME, the classroom set-up.
    # The environment holds none of the switches the app must set itself (tests/conftest.py sets them).
    env = audit_environment(os.environ, home, QT_QPA_PLATFORM="offscreen")
    app = _home_folders(home, monkeypatch)
    # Reuse the session's converted SmolLM2 (if an earlier test made it) instead of converting again.
    app.cache_dir.mkdir(parents=True)
    e2e_paths.converted_models_dir.mkdir(parents=True, exist_ok=True)
    app.converted_models_dir.symlink_to(e2e_paths.converted_models_dir, target_is_directory=True)

    completed = subprocess.run([*prefix, sys.executable, "-m", "desktop_app", "--self-test"], cwd=ROOT, env=env,
                               capture_output=True, text=True, timeout=900)
    assert completed.returncode == 0, completed.stdout + completed.stderr[-2000:]
    lines = [line for line in completed.stdout.splitlines() if line.startswith("self-test")]
    assert any(line.startswith("self-test text-to-speech: ok") for line in lines)  # Piper ran (ONNX Runtime)
    assert any(line.startswith("self-test embeddings: ok") for line in lines)  # the embeddings map's model ran
    assert lines[-1] == "self-test: passed"

    contacts = network_contacts(trace.read_text(encoding="utf-8", errors="replace"))
    assert not contacts, "the self-test reached for the network:\n" + _report(contacts)
    # Only the app's data, cache and config folders (and the folders holding them) may appear in HOME,
    # besides the sound system's own state (see scripts/network_audit.py).
    stray = written_outside(home, [app.data_dir, app.cache_dir, app.config_dir])
    assert not stray, f"written in HOME outside the app's folders: {stray}"
    assert app.log_file.is_file()  # the run did use these folders


# The self-test ends a second or two after loading the voice, before ONNX Runtime's first upload: this
# keeps a process alive past it, with the voice loaded as the backend loads it (no enable_offline_mode()
# beforehand: the loader itself switches the telemetry off, for any user of the backend).
LOAD_VOICE_AND_WAIT = """
import threading, time
from model_backend.audio.audio_models import AudioModelCache
from model_backend.core.model_inspection import ModelKind
from model_backend.core.paths import AppPaths
from model_backend.core.registry import ModelRegistry, ModelSource

paths = AppPaths.default()
voice = next(e for e in ModelRegistry(paths).models(ModelKind.TEXT_TO_SPEECH) if e.source is ModelSource.PACKAGE)
AudioModelCache(paths.converted_models_dir).get(voice, ModelKind.TEXT_TO_SPEECH, "cpu", lambda *a: None,
                                                threading.Event())
print("voice loaded", flush=True)
time.sleep(20)
"""


def test_a_loaded_piper_voice_stays_quiet_past_onnx_runtimes_upload_delay(tmp_path):
    prefix, trace = _traced(tmp_path)
    home, app_home = tmp_path / "home", tmp_path / "app"
    home.mkdir()
    app_home.mkdir()
    env = audit_environment(os.environ, home, GENAI_CLASSROOM_HOME=str(app_home))
    completed = subprocess.run([*prefix, sys.executable, "-c", LOAD_VOICE_AND_WAIT], cwd=ROOT, env=env,
                               capture_output=True, text=True, timeout=300)
    assert completed.returncode == 0 and "voice loaded" in completed.stdout, completed.stderr[-2000:]
    contacts = network_contacts(trace.read_text(encoding="utf-8", errors="replace"))
    assert not contacts, "loading the Piper voice reached for the network:\n" + _report(contacts)
    # The app's folders are beside HOME here, so HOME must hold nothing (ONNX Runtime kept its device id
    # and event database in ~/.cache/Microsoft).
    assert written_outside(home) == []
