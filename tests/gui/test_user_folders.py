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

from desktop_app.user_folders import describe, usable_paths
from model_backend.core.paths import HOME_ENV, AppPaths, FolderProblem

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture()
def computer_folders(tmp_path, monkeypatch) -> Path:
    """This computer's usual folders (platformdirs follows the XDG variables on Linux), in tmp_path."""
    for variable in ("XDG_DATA_HOME", "XDG_CACHE_HOME", "XDG_CONFIG_HOME"):
        monkeypatch.setenv(variable, str(tmp_path / "computer" / variable.lower()))
    return tmp_path / "computer"


def answer_with(qtbot, role: QMessageBox.ButtonRole) -> dict:
    """Click the message box's button with ``role`` once it shows; returns what it showed: its text, its
    informative text and its buttons' roles (not their labels, which a translation changes)."""
    seen = {}
    tries = iter(range(500))  # 10 s: a box that never shows must not leave a timer clicking into later tests

    def click() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            if next(tries, None) is not None:
                QTimer.singleShot(20, click)
            return
        seen.update(text=box.text(), informative=box.informativeText(),
                    roles=[box.buttonRole(button) for button in box.buttons()])
        matching = [b for b in box.buttons() if box.buttonRole(b) == role]
        (matching or box.buttons())[-1].click()  # without the expected button: close it, the test fails

    QTimer.singleShot(0, click)
    return seen


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the fake usual folders use XDG variables")
def test_missing_stick_offers_this_computers_folders(qtbot, tmp_path, computer_folders, monkeypatch):
    stick = tmp_path / "media" / "STICK" / "classroom"
    monkeypatch.setenv("GENAI_CLASSROOM_HOME", str(stick))
    seen = answer_with(qtbot, QMessageBox.ButtonRole.AcceptRole)  # "use this computer's folders"

    paths = usable_paths(AppPaths.default(), interactive=True)

    assert str(stick) in seen["text"] and HOME_ENV in seen["text"]  # the missing folder, and what chose it
    assert seen["text"] == describe(FolderProblem(stick, "", portable=True))  # "not there", not "cannot write"
    assert seen["roles"] == [QMessageBox.ButtonRole.AcceptRole, QMessageBox.ButtonRole.RejectRole]
    assert paths is not None and paths.portable_root is None
    assert str(paths.data_dir) in seen["informative"]  # the folders offered instead
    assert paths.data_dir.is_relative_to(computer_folders) and paths.data_dir.is_dir()
    assert not (tmp_path / "media").exists()  # no empty copy of the stick's folder on the computer


def test_quit_when_the_folder_cannot_be_written(qtbot, tmp_path, computer_folders, monkeypatch):
    home = tmp_path / "home"
    home.mkdir()
    (home / "data").write_text("a file where the data folder should be")
    monkeypatch.setenv("GENAI_CLASSROOM_HOME", str(home))
    try:
        (home / "data").mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        system_reason = exc.strerror  # the system's words, which the message quotes
    else:
        pytest.fail("a file where the data folder should be did not stop mkdir")
    seen = answer_with(qtbot, QMessageBox.ButtonRole.RejectRole)  # "quit"

    assert usable_paths(AppPaths.default(), interactive=True) is None
    assert str(home / "data") in seen["text"] and system_reason in seen["text"]
    assert seen["roles"] == [QMessageBox.ButtonRole.AcceptRole, QMessageBox.ButtonRole.RejectRole]
    assert (home / "data").read_text() == "a file where the data folder should be"


def test_command_line_modes_say_why_and_exit_with_2(tmp_path):
    stick = tmp_path / "gone"
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "GENAI_CLASSROOM_HOME": str(stick)}
    completed = subprocess.run([sys.executable, "-m", "desktop_app", "--quit-after-show"], cwd=ROOT, env=env,
                               capture_output=True, text=True, timeout=120)
    assert completed.returncode == 2
    assert any(str(stick) in line and HOME_ENV in line for line in completed.stderr.splitlines())
    assert not stick.exists()


def test_usable_folders_pass_without_a_question(tmp_path):
    paths = AppPaths(tmp_path / "d", tmp_path / "c", tmp_path / "s")
    assert usable_paths(paths, interactive=True) is paths
    assert all(folder.is_dir() and not list(folder.iterdir()) for folder in (paths.data_dir, paths.cache_dir,
                                                                             paths.config_dir))
