"""A portable setup started without its USB stick (or a folder the app cannot write) gets a clear
message before anything is written, and the user chooses: this computer's folders, or quit."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from desktop_app.user_folders import usable_paths
from model_backend.core.paths import AppPaths

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture()
def computer_folders(tmp_path, monkeypatch) -> Path:
    """This computer's usual folders (platformdirs follows the XDG variables on Linux), in tmp_path."""
    for variable in ("XDG_DATA_HOME", "XDG_CACHE_HOME", "XDG_CONFIG_HOME"):
        monkeypatch.setenv(variable, str(tmp_path / "computer" / variable.lower()))
    return tmp_path / "computer"


def answer_with(qtbot, button_text: str) -> list[str]:
    """Click the message box's button labelled ``button_text`` once it shows; returns what it said."""
    seen = []
    tries = iter(range(500))  # 10 s: a box that never shows must not leave a timer clicking into later tests

    def click() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            if next(tries, None) is not None:
                QTimer.singleShot(20, click)
            return
        seen.append(box.text())
        seen.extend(button.text() for button in box.buttons())
        matching = [b for b in box.buttons() if b.text() == button_text]
        (matching or box.buttons())[-1].click()  # without the expected button: close it, the test fails

    QTimer.singleShot(0, click)
    return seen


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the fake usual folders use XDG variables")
def test_missing_stick_offers_this_computers_folders(qtbot, tmp_path, computer_folders, monkeypatch):
    stick = tmp_path / "media" / "STICK" / "classroom"
    monkeypatch.setenv("GENAI_CLASSROOM_HOME", str(stick))
    seen = answer_with(qtbot, "Use this computer's folders this time")

    paths = usable_paths(AppPaths.default(), interactive=True)

    assert "is not there" in seen[0] and str(stick) in seen[0] and "USB stick" in seen[0]
    assert paths is not None and paths.portable_root is None
    assert paths.data_dir.is_relative_to(computer_folders) and paths.data_dir.is_dir()
    assert not (tmp_path / "media").exists()  # no empty copy of the stick's folder on the computer


def test_quit_when_the_folder_cannot_be_written(qtbot, tmp_path, computer_folders, monkeypatch):
    home = tmp_path / "home"
    home.mkdir()
    (home / "data").write_text("a file where the data folder should be")
    monkeypatch.setenv("GENAI_CLASSROOM_HOME", str(home))
    seen = answer_with(qtbot, "Quit")

    assert usable_paths(AppPaths.default(), interactive=True) is None
    assert "cannot be saved in" in seen[0] and str(home / "data") in seen[0]
    assert seen[1:] == ["Use this computer's folders this time", "Quit"]
    assert (home / "data").read_text() == "a file where the data folder should be"


def test_command_line_modes_say_why_and_exit_with_2(tmp_path):
    stick = tmp_path / "gone"
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "GENAI_CLASSROOM_HOME": str(stick)}
    completed = subprocess.run([sys.executable, "-m", "desktop_app", "--quit-after-show"], cwd=ROOT, env=env,
                               capture_output=True, text=True, timeout=120)
    assert completed.returncode == 2
    assert f"The folder for your work, {stick}, is not there" in completed.stderr
    assert not stick.exists()


def test_usable_folders_pass_without_a_question(tmp_path):
    paths = AppPaths(tmp_path / "d", tmp_path / "c", tmp_path / "s")
    assert usable_paths(paths, interactive=True) is paths
    assert all(folder.is_dir() and not list(folder.iterdir()) for folder in (paths.data_dir, paths.cache_dir,
                                                                             paths.config_dir))
