"""Where the app keeps user data, caches and settings (never inside the install folder).

``GENAI_CLASSROOM_HOME`` puts everything under one folder: tests use it, and so can a
classroom that wants a portable setup on a USB stick.
"""
from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

APP_NAME = "GenAI Classroom"
APP_AUTHOR = "GenAIClassroom"
HOME_ENV = "GENAI_CLASSROOM_HOME"


@dataclass(frozen=True)
class FolderProblem:
    """Why the user's work cannot be kept where it should be (checked before anything is written)."""

    folder: Path
    reason: str  # the system's words, empty when the folder is simply not there
    portable: bool  # the folder was chosen with GENAI_CLASSROOM_HOME (typically on a USB stick)


@dataclass(frozen=True)
class AppPaths:
    data_dir: Path
    cache_dir: Path
    config_dir: Path
    # The GENAI_CLASSROOM_HOME folder when it chose these folders. It must already exist: a portable
    # setup started without its USB stick must not quietly create an empty copy on the computer.
    portable_root: Path | None = None

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

    def problem(self) -> FolderProblem | None:
        """Create the folders and try writing in each; the first thing that fails, in plain words."""
        portable = self.portable_root is not None
        if portable and not self.portable_root.is_dir():
            return FolderProblem(self.portable_root, "", portable=True)
        for folder in (self.data_dir, self.cache_dir, self.config_dir):
            try:
                folder.mkdir(parents=True, exist_ok=True)
                with tempfile.NamedTemporaryFile(dir=folder, prefix=".write-check-"):
                    pass
            except OSError as exc:
                return FolderProblem(folder, exc.strerror or str(exc), portable=portable)
        return None

    @classmethod
    def default(cls) -> "AppPaths":
        home = os.environ.get(HOME_ENV)
        if home:
            root = Path(home).expanduser().resolve()
            return cls(root / "data", root / "cache", root / "config", portable_root=root)
        return cls.usual()

    @classmethod
    def usual(cls) -> "AppPaths":
        """This computer's folders for the user (platformdirs), whatever GENAI_CLASSROOM_HOME says."""
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
    return Path(__file__).resolve().parents[2] / "resources"
