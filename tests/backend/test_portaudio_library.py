"""The frozen Linux app uses its own PortAudio when the computer has none (portaudio_library.py)."""
from __future__ import annotations

import ctypes.util
import shutil
import sys
from pathlib import Path

import pytest

from model_backend.audio import portaudio_library

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the fallback is for Linux bundles")


def _system_portaudio_file() -> Path:
    name = ctypes.util.find_library("portaudio")
    assert name, "PortAudio is needed to copy it into the fake bundle (scripts/bootstrap.sh installs it)"
    for folder in ("/usr/lib/x86_64-linux-gnu", "/usr/lib/aarch64-linux-gnu", "/usr/lib64", "/usr/lib",
                   "/usr/local/lib"):
        if (Path(folder) / name).exists():
            return Path(folder) / name
    pytest.fail(f"{name} is known to ldconfig but not in the usual folders")


@pytest.fixture()
def computer_without_portaudio(tmp_path, monkeypatch):
    """A frozen app whose bundle holds a PortAudio copy, on a computer where find_library finds none."""
    shutil.copy2(_system_portaudio_file(), tmp_path / portaudio_library.BUNDLED_NAME)
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)
    real_find_library = ctypes.util.find_library
    monkeypatch.setattr(ctypes.util, "find_library",
                        lambda name: None if name == "portaudio" else real_find_library(name))
    monkeypatch.delitem(sys.modules, "sounddevice", raising=False)  # restored afterwards
    return tmp_path / portaudio_library.BUNDLED_NAME


def test_bundled_copy_is_used_when_the_system_has_none(computer_without_portaudio):
    sounddevice = portaudio_library.import_sounddevice()
    assert sounddevice._libname == str(computer_without_portaudio)
    assert "the app's own copy" in portaudio_library.describe_portaudio(sounddevice)
    assert ctypes.util.find_library("portaudio") is None  # the fallback did not stay patched in


def test_without_any_copy_the_import_error_is_kept(computer_without_portaudio):
    computer_without_portaudio.unlink()
    with pytest.raises(OSError, match="PortAudio library not found"):
        portaudio_library.import_sounddevice()


def test_source_checkout_has_no_bundled_copy(monkeypatch):
    monkeypatch.delattr(sys, "_MEIPASS", raising=False)
    assert portaudio_library.bundled_portaudio() is None
