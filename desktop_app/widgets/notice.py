"""The one line every tab uses to tell the user what happened: plain text, red when it is a problem."""
from __future__ import annotations

from PySide6.QtWidgets import QLabel, QWidget

from desktop_app.widgets import palette


class Notice(QLabel):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWordWrap(True)
        self.is_error = False
        self.hide()

    def show_message(self, text: str, error: bool = False) -> None:
        self.is_error = error
        self.setStyleSheet(f"color: {palette.ERROR};" if error else "")
        self.setText(text)
        self.setVisible(bool(text))

    def clear_message(self) -> None:
        self.is_error = False
        self.setText("")
        self.hide()
