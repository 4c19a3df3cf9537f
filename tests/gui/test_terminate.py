"""A logout or ``kill`` (SIGTERM) closes the app the normal way: settings saved, exit code 0."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.skipif(sys.platform == "win32", reason="Windows has no SIGTERM to send")
def test_sigterm_closes_the_window_and_saves(tmp_path):
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "GENAI_CLASSROOM_HOME": str(tmp_path)}
    app = subprocess.Popen([sys.executable, "-m", "desktop_app"], cwd=ROOT, env=env, stderr=subprocess.PIPE,
                           text=True)
    try:
        for line in app.stderr:
            if "window shown after" in line:
                break
        settings = tmp_path / "config" / "settings.json"
        assert not settings.exists()  # written when the window closes
        app.send_signal(signal.SIGTERM)
        assert app.wait(timeout=30) == 0
        assert settings.exists()
    finally:
        app.kill()
