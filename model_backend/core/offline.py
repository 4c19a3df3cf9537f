"""Offline and no-telemetry switches for the bundled libraries, set before they are imported.

Without the offline ones an unreachable hub makes transformers retry for half a minute; with them a
missing file fails at once with a clear error. A download the user asks for can lift them per call.

The telemetry ones are forced, whatever the environment says. ONNX Runtime (Piper voices; the Kokoro Japanese
voice and the reading model pyopenjtalk-plus loads on import; faster-whisper's voice filter) sends usage
events (a device id, the OS, the CPU) to mobile.events.data.microsoft.com from native code, which Python's
socket module never sees, and keeps a device id and an event database in
``~/.cache/Microsoft`` (``$XDG_CACHE_HOME/Microsoft``), outside the app's folders. Only
``ORT_DISABLE_TELEMETRY=1`` set before ONNX Runtime starts stops both (measured with onnxruntime 1.32
under strace); its API switch, ``disable_telemetry_events()``, comes too late for the first event and the
database. The Hugging Face libraries honour ``HF_HUB_DISABLE_TELEMETRY`` (``DO_NOT_TRACK`` too).
tests/e2e/test_offline_self_test.py and ``scripts/build_app.py --self-test`` check it under strace
(tests/e2e/test_japanese_voice.py for the Japanese voice, whose loader calls ``quiet_onnxruntime`` before
pyopenjtalk-plus imports ONNX Runtime).
"""
from __future__ import annotations

import os

OFFLINE_ENV = {
    "HF_HUB_OFFLINE": "1",
    "TRANSFORMERS_OFFLINE": "1",
    "HF_DATASETS_OFFLINE": "1",
    "HF_HUB_DISABLE_PROGRESS_BARS": "1",
    "TOKENIZERS_PARALLELISM": "false",
}
NO_TELEMETRY_ENV = {
    "ORT_DISABLE_TELEMETRY": "1",  # ONNX Runtime's 1DS uploader, its device id and its event database
    "HF_HUB_DISABLE_TELEMETRY": "1",  # huggingface_hub, transformers, diffusers
    "DO_NOT_TRACK": "1",  # the common convention (https://donottrack.sh), for any library that honours it
}


def enable_offline_mode() -> None:
    """Call before the model libraries are imported (the app does it first thing, the backend again)."""
    for key, value in OFFLINE_ENV.items():
        os.environ.setdefault(key, value)
    os.environ.update(NO_TELEMETRY_ENV)


def quiet_onnxruntime():
    """Import ONNX Runtime with its telemetry off: the environment switch, which it reads when it is
    first imported (in case nothing set it yet, e.g. the backend used as a library), then its API switch."""
    enable_offline_mode()
    import onnxruntime

    onnxruntime.disable_telemetry_events()
    return onnxruntime
