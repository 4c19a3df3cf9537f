"""Before anything is written: check that the user's work can be kept where it should be, and say
plainly when not. The usual cause is a portable setup (GENAI_CLASSROOM_HOME on a USB stick) started
with the stick removed; the user may then use this computer's own folders for the session, or quit.
"""
from __future__ import annotations

import sys

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget

from model_backend.paths import HOME_ENV, AppPaths, FolderProblem


def tr(text: str) -> str:
    return QCoreApplication.translate("UserFolders", text)


def describe(problem: FolderProblem) -> str:
    if problem.portable and not problem.reason:
        return tr("The folder for your work, {folder}, is not there. It was chosen with {variable}, usually "
                  "a folder on a USB stick: plug the stick in and start the app again.").format(
            folder=problem.folder, variable=HOME_ENV)
    text = tr("Your work cannot be saved in {folder}: {reason}.").format(folder=problem.folder,
                                                                        reason=problem.reason)
    if problem.portable:
        text += " " + tr("The folder was chosen with {variable}.").format(variable=HOME_ENV)
    return text


def usable_paths(paths: AppPaths, interactive: bool, parent: QWidget | None = None) -> AppPaths | None:
    """``paths`` when they work; otherwise the user's choice (``None``: quit). Without a user to ask
    (``--self-test`` and other command-line modes) the reason goes to standard error."""
    problem = paths.problem()
    if problem is None:
        return paths
    message = describe(problem)
    if not interactive:
        if sys.stderr is not None:
            print(message, file=sys.stderr)
        return None
    usual = AppPaths.usual() if problem.portable else None
    if usual is not None and usual.problem() is not None:
        usual = None
    box = QMessageBox(QMessageBox.Icon.Warning, tr("GenAI Classroom"), message, parent=parent)
    use_usual = box.addButton(tr("Use this computer's folders this time"), QMessageBox.ButtonRole.AcceptRole) \
        if usual is not None else None
    box.addButton(tr("Quit"), QMessageBox.ButtonRole.RejectRole)
    if usual is not None:
        box.setInformativeText(tr("This computer's folders: {folder}").format(folder=usual.data_dir))
    box.exec()
    return usual if use_usual is not None and box.clickedButton() is use_usual else None
