"""Write an export the user asked for, atomically, and word the outcome for the notice line."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication

from model_backend.core.atomic import atomic_write_text


def save_export(path: Path, text: str) -> tuple[bool, str]:
    try:
        atomic_write_text(path, text)
    except OSError as exc:
        return False, QCoreApplication.translate("Export", "Could not export: {error}").format(error=exc)
    return True, QCoreApplication.translate("Export", "Exported to {path}").format(path=path)
