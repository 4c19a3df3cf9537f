"""Before anything is written: check that the user's work can be kept where it should be, and say
plainly when not. The usual cause is a portable setup (GENAI_CLASSROOM_HOME on a USB stick) started
with the stick removed; the user may then use this computer's own folders for the session, or quit.
"""
from __future__ import annotations

import sys

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget

from model_backend.core.paths import HOME_ENV, AppPaths, FolderProblem

translate = QCoreApplication.translate  # lupdate reads translate("Context", "literal") calls


def describe(problem: FolderProblem) -> str:
    if problem.portable and not problem.reason:
        return translate("UserFolders", "The folder for your work, {folder}, is not there. It was chosen with "
                         "{variable}, usually a folder on a USB stick: plug the stick in and start the app "
                         "again.").format(folder=problem.folder, variable=HOME_ENV)
    text = translate("UserFolders", "Your work cannot be saved in {folder}: {reason}.").format(
        folder=problem.folder, reason=problem.reason)
    if problem.portable:
        text += " " + translate("UserFolders", "The folder was chosen with {variable}.").format(variable=HOME_ENV)
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
    box = QMessageBox(QMessageBox.Icon.Warning, translate("UserFolders", "GenAI Classroom"), message, parent=parent)
    use_usual = None
    if usual is not None:
        use_usual = box.addButton(translate("UserFolders", "Use this computer's folders this time"),
                                  QMessageBox.ButtonRole.AcceptRole)
        box.setInformativeText(translate("UserFolders", "This computer's folders: {folder}").format(
            folder=usual.data_dir))
    box.addButton(translate("UserFolders", "Quit"), QMessageBox.ButtonRole.RejectRole)
    box.exec()
    return usual if use_usual is not None and box.clickedButton() is use_usual else None
