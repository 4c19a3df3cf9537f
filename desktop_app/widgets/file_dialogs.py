"""File dialogs that start in the user's own folders, and exports written atomically.

Qt's dialogs open in the process's working folder when given no folder — for a double-clicked app
that is its install folder, where a student's file never is. Every dialog here starts in the folder
the user last chose this session, else their Documents folder (else their home).
"""
from __future__ import annotations

from pathlib import Path
from typing import Callable

from PySide6.QtCore import QCoreApplication, QStandardPaths
from PySide6.QtWidgets import QFileDialog, QWidget

from model_backend.core.atomic import atomic_write_text

_last_folder: Path | None = None


def start_folder() -> Path:
    if _last_folder is not None and _last_folder.is_dir():
        return _last_folder
    documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    if documents and Path(documents).is_dir():
        return Path(documents)
    return Path.home()


def _remember(chosen: str, is_folder: bool = False) -> str:
    global _last_folder
    if chosen:
        _last_folder = Path(chosen) if is_folder else Path(chosen).parent
    return chosen


def choose_file_to_open(parent: QWidget, title: str, file_filter: str) -> str:
    path, _ = QFileDialog.getOpenFileName(parent, title, str(start_folder()), file_filter)
    return _remember(path)


def choose_file_to_save(parent: QWidget, title: str, suggested_name: str, file_filter: str) -> tuple[str, str]:
    """(the chosen path or "", the filter the user picked: it names the format when the name has no suffix)."""
    path, chosen_filter = QFileDialog.getSaveFileName(parent, title, str(start_folder() / suggested_name), file_filter)
    return _remember(path), chosen_filter


def choose_folder(parent: QWidget, title: str) -> str:
    return _remember(QFileDialog.getExistingDirectory(parent, title, str(start_folder())), is_folder=True)


def save_export(path: Path, text: str) -> tuple[bool, Callable[[], str]]:
    """Write an export atomically; the sentence to show is a ``Text``, said again after a language switch."""
    try:
        atomic_write_text(path, text)
    except OSError as exc:
        error = str(exc)  # ``exc`` itself is gone once the except block ends
        return False, lambda: QCoreApplication.translate("Export", "Could not export: {error}").format(error=error)
    return True, lambda: QCoreApplication.translate("Export", "Exported to {path}").format(path=path)


def choose_picture_to_open(parent: QWidget, title: str) -> str:
    """A picture to open (the formats the image pages read), or "" when the user cancels."""
    return choose_file_to_open(parent, title, QCoreApplication.translate(
        "FileDialogs", "Images (*.png *.jpg *.jpeg *.bmp *.webp);;All files (*)"))
