"""Typed settings: each declared once with its default, saved as JSON, checked on load.

A value of the wrong type in the file falls back to the default instead of crashing the app.
One ``Settings`` instance is passed around; there is no module-level singleton.
"""
from __future__ import annotations

import json
import logging
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path

from model_backend.core.atomic import atomic_write_json

log = logging.getLogger(__name__)

DEVICE_CHOICES = ("auto", "cuda", "mps", "cpu")


@dataclass
class Settings:
    device: str = "auto"
    chat_model_id: str = ""
    added_model_paths: list[str] = field(default_factory=list)
    class_servers: list[str] = field(default_factory=list)  # class mode: "<url> <access code>" per server connected to
    system_prompt: str = "You are a helpful assistant."
    temperature: float = 0.7
    top_p: float = 0.9
    top_k: int = 50
    max_new_tokens: int = 256
    # Temperature, top-p and top-k follow the loaded model's recommendation (the Chat tab's Settings page); off
    # once the student sets one of them, and then the values above are the student's own.
    use_model_sampling: bool = True
    last_conversation_id: str = ""
    image_previews: str = "auto"  # the Image tab's preview mode: auto, exact or fast (PreviewMode's values)
    language: str = ""  # the UI's language ("en", "ja"); "" follows the computer's language
    zoom: float = 1.0  # the UI's text size (View › Zoom): 1.0–2.5

    @classmethod
    def load(cls, path: Path) -> "Settings":
        defaults = cls()
        try:
            raw = json.loads(Path(path).read_text(encoding="utf-8"))
        except FileNotFoundError:
            return defaults
        except (OSError, ValueError) as exc:
            log.warning("settings file %s unreadable (%s); using defaults", path, exc)
            return defaults
        if not isinstance(raw, dict):
            return defaults
        values = {}
        for f in fields(cls):
            default = getattr(defaults, f.name)
            value = raw.get(f.name, default)
            if isinstance(default, float) and isinstance(value, int) and not isinstance(value, bool):
                value = float(value)
            if type(value) is not type(default):
                log.warning("setting %s has the wrong type; using the default", f.name)
                value = default
            if isinstance(default, list) and not all(isinstance(item, str) for item in value):
                value = default
            values[f.name] = value
        if "use_model_sampling" not in raw and any(values[name] != getattr(defaults, name)
                                                   for name in ("temperature", "top_p", "top_k")):
            values["use_model_sampling"] = False  # saved before the choice existed, with the student's own values
        if values["device"] not in DEVICE_CHOICES:
            values["device"] = "auto"
        return cls(**values)

    def save(self, path: Path) -> None:
        atomic_write_json(path, asdict(self))
