"""Where the app keeps user data, caches and settings (never inside the install folder).

``GENAI_CLASSROOM_HOME`` puts everything under one folder: tests use it, and so can a
classroom that wants a portable setup on a USB stick.
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

APP_NAME = "GenAI Classroom"
APP_AUTHOR = "GenAIClassroom"
HOME_ENV = "GENAI_CLASSROOM_HOME"


@dataclass(frozen=True)
class AppPaths:
    data_dir: Path
    cache_dir: Path
    config_dir: Path

    @property
    def chats_dir(self) -> Path:
        return self.data_dir / "chats"

    @property
    def images_dir(self) -> Path:
        return self.data_dir / "images"

    @property
    def audio_dir(self) -> Path:
        """Recordings, synthesised speech, music and transcripts."""
        return self.data_dir / "audio"

    @property
    def models_dir(self) -> Path:
        """The user's own models folder: anything put here is found on the next scan."""
        return self.data_dir / "models"

    @property
    def converted_models_dir(self) -> Path:
        return self.cache_dir / "converted-models"

    @property
    def settings_file(self) -> Path:
        return self.config_dir / "settings.json"

    @property
    def log_file(self) -> Path:
        return self.cache_dir / "logs" / "genai-classroom.log"

    @classmethod
    def default(cls) -> "AppPaths":
        home = os.environ.get(HOME_ENV)
        if home:
            root = Path(home).expanduser().resolve()
            return cls(root / "data", root / "cache", root / "config")
        import platformdirs

        return cls(
            Path(platformdirs.user_data_dir(APP_NAME, APP_AUTHOR)),
            Path(platformdirs.user_cache_dir(APP_NAME, APP_AUTHOR)),
            Path(platformdirs.user_config_dir(APP_NAME, APP_AUTHOR)),
        )


def resources_dir() -> Path:
    """The shipped ``resources/`` folder, from a source checkout or a PyInstaller bundle."""
    import sys

    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        return Path(bundle) / "resources"
    return Path(__file__).resolve().parent.parent / "resources"
