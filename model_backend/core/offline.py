"""Offline switches for the Hugging Face libraries, set before they are imported.

Without them an unreachable hub makes transformers retry for half a minute; with them a missing
file fails at once with a clear error. A download the user asks for can lift them per call.
"""
from __future__ import annotations

import os

OFFLINE_ENV = {
    "HF_HUB_OFFLINE": "1",
    "TRANSFORMERS_OFFLINE": "1",
    "HF_DATASETS_OFFLINE": "1",
    "HF_HUB_DISABLE_TELEMETRY": "1",
    "HF_HUB_DISABLE_PROGRESS_BARS": "1",
    "TOKENIZERS_PARALLELISM": "false",
}


def enable_offline_mode() -> None:
    for key, value in OFFLINE_ENV.items():
        os.environ.setdefault(key, value)
