"""Find PortAudio for sounddevice: the system's copy first, else the one the Linux app bundle carries.

sounddevice looks for PortAudio with ``ctypes.util.find_library``, which on Linux searches only the
system (ldconfig); its wheels carry a copy of the library only for Windows and macOS. The frozen Linux
app carries the build machine's ``libportaudio.so.2`` (PyInstaller collects it), so a classroom PC
without the libportaudio2 package can still record and play.
"""
from __future__ import annotations

import ctypes.util
import sys
from pathlib import Path

from model_backend.core.messages import msg

BUNDLED_NAME = "libportaudio.so.2"


def bundled_portaudio() -> str | None:
    """The frozen Linux app's own PortAudio, if this is one and it has it."""
    bundle = getattr(sys, "_MEIPASS", None)
    if not bundle or not sys.platform.startswith("linux"):
        return None
    path = Path(bundle) / BUNDLED_NAME
    return str(path) if path.is_file() else None


def import_sounddevice():
    """``import sounddevice``, falling back to the bundled PortAudio; raises OSError without any."""
    try:
        import sounddevice

        return sounddevice
    except OSError:
        bundled = bundled_portaudio()
        if bundled is None:
            raise
    system_find_library = ctypes.util.find_library
    # sounddevice binds find_library when it is imported, so the fallback is only seen by that import.
    ctypes.util.find_library = lambda name: bundled if name == "portaudio" else system_find_library(name)
    try:
        import sounddevice
    finally:
        ctypes.util.find_library = system_find_library
    return sounddevice


def describe_portaudio(sounddevice) -> str:
    """Which PortAudio is in use, for the self-test and the device panel; "" if it cannot be told."""
    try:
        version = str(sounddevice.get_portaudio_version()[1]).split(",")[0]
    except Exception:  # noqa: BLE001 - a description must never break the probe
        return ""
    if getattr(sounddevice, "_libname", None) == bundled_portaudio():
        return msg("{version} (the app's own copy)", version=version)
    return msg("{version} (the system's)", version=version)
