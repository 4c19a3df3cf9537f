"""The folder of a classroom pack, typed or chosen: "Pack folder: [………] [Choose…]".

The export and the import dialog both ask for it the same way (a USB stick is a folder); only what
choosing one means differs, so the row shows the chosen folder and says ``chosen``, and each dialog
decides what follows (the export enables its button, the import reads the pack's manifest).
"""
from __future__ import annotations

from typing import Callable

from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QPushButton, QWidget

from desktop_app.i18n.retranslate import keep_translated
from desktop_app.widgets.file_dialogs import choose_folder


class PackFolderRow(QWidget):
    chosen = Signal(str)  # a folder picked in the dialog (typing one changes ``edit`` only)

    def __init__(self, dialog_title: Callable[[], str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.dialog_title = dialog_title
        self.label = QLabel(self)
        self.edit = QLineEdit(self)
        self.label.setBuddy(self.edit)
        self.choose_button = QPushButton(self)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.label)
        row.addWidget(self.edit, 1)
        row.addWidget(self.choose_button)
        self.choose_button.clicked.connect(self._choose)
        keep_translated(self, self._retranslate)

    def _retranslate(self) -> None:
        self.label.setText(self.tr("Pack folder:"))
        self.choose_button.setText(self.tr("Choose…"))

    def folder(self) -> str:
        return self.edit.text().strip()

    @Slot()
    def _choose(self) -> None:
        folder = choose_folder(self, self.dialog_title())
        if folder:
            self.edit.setText(folder)
            self.chosen.emit(folder)
