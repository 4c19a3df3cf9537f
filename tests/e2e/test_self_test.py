"""``python -m desktop_app --self-test`` runs every built tab's embedded model and reports."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = [pytest.mark.slow, pytest.mark.e2e]
ROOT = Path(__file__).resolve().parents[2]


def test_self_test_passes_on_the_embedded_models(tmp_path, e2e_paths):
    home = tmp_path / "home"
    (home / "cache").mkdir(parents=True)
    # Reuse the session's converted SmolLM2 (if an earlier test made it) instead of converting again.
    (home / "cache" / "converted-models").symlink_to(e2e_paths.converted_models_dir, target_is_directory=True)
    e2e_paths.converted_models_dir.mkdir(parents=True, exist_ok=True)
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "GENAI_CLASSROOM_HOME": str(home)}
    completed = subprocess.run([sys.executable, "-m", "desktop_app", "--self-test"], cwd=ROOT, env=env,
                               capture_output=True, text=True, timeout=900)
    lines = [line for line in completed.stdout.splitlines() if line.startswith("self-test")]
    assert completed.returncode == 0, completed.stdout + completed.stderr[-2000:]
    assert any(line.startswith("self-test chat: ok") and "Paris" in line for line in lines)
    assert any(line.startswith("self-test image: ok") for line in lines)
    assert any(line.startswith("self-test text-to-speech: ok") for line in lines)
    assert any(line.startswith("self-test speech-to-text: ok") and "fox" in line for line in lines)
    assert any(line.startswith("self-test music: skipped") for line in lines)  # no music weights exist offline
    # Which PortAudio and devices the Audio tab will use; a computer without sound devices is not a failure.
    assert any(line.startswith(("self-test sound: ok (PortAudio", "self-test sound: skipped (Recording"))
               for line in lines)
    assert any(line.startswith("self-test japanese: ok ('Chat' is チャット") for line in lines)
    assert any(line.startswith("self-test japanese-voice: ok") for line in lines)
    assert lines[-1] == "self-test: passed"
    # A windowed build (Windows) may have no console: the summary is in the log file too.
    log = (home / "cache" / "logs" / "genai-classroom.log").read_text(encoding="utf-8")
    assert "self-test: passed" in log and "self-test chat: ok" in log
