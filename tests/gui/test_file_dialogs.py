"""File dialogs open in the user's own folders, never the app's working folder, and remember the last one."""
from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QWidget

from desktop_app.widgets import file_dialogs


def test_dialogs_start_in_the_users_folders_and_follow_the_last_choice(qtbot, tmp_path, monkeypatch):
    monkeypatch.setattr(file_dialogs, "_last_folder", None)
    work = tmp_path / "app-install"
    work.mkdir()
    monkeypatch.chdir(work)
    asked = []
    chosen = tmp_path / "lesson" / "recording.wav"
    chosen.parent.mkdir()
    monkeypatch.setattr(QFileDialog, "getOpenFileName",
                        lambda parent, title, folder, file_filter: asked.append(folder) or (str(chosen), ""))
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        lambda parent, title, suggested, file_filter: asked.append(suggested) or ("", ""))
    parent = QWidget()
    qtbot.addWidget(parent)
    assert file_dialogs.choose_file_to_open(parent, "open", "*.wav") == str(chosen)
    assert Path(asked[0]) != Path(os.getcwd()) and Path(asked[0]).is_dir()
    assert file_dialogs.choose_file_to_save(parent, "save", "notes.md", "*.md") == ("", "")
    assert Path(asked[1]) == chosen.parent / "notes.md"  # the next dialog starts where the user last was
