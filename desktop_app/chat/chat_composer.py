"""Where the student writes: the message box with Send, Stop and Cancel edit.

A widget of its own so the Chat tab only hears *what* the student asked for (send, stop, stop
editing) and tells it *what is possible now* (can send, can stop, editing); the buttons and the
keyboard rules (Enter sends, Shift+Enter adds a line) live here.
"""
from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from desktop_app.chat.message_input import MessageInput


class ChatComposer(QWidget):
    send_requested = Signal()
    stop_requested = Signal()
    cancel_edit_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.input = MessageInput(self)
        self.input.setPlaceholderText(self.tr("Type a message. Enter sends, Shift+Enter adds a line."))
        self.input.setMaximumHeight(110)
        self.send_button = QPushButton(self.tr("Send"), self)
        self.stop_button = QPushButton(self.tr("Stop"), self)
        self.stop_button.setEnabled(False)
        self.cancel_edit_button = QPushButton(self.tr("Cancel edit"), self)
        self.cancel_edit_button.hide()

        buttons = QVBoxLayout()
        buttons.addWidget(self.send_button)
        buttons.addWidget(self.stop_button)
        buttons.addWidget(self.cancel_edit_button)
        buttons.addStretch(1)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.input, 1)
        layout.addLayout(buttons)

        self.send_button.clicked.connect(self.send_requested)
        self.input.submitted.connect(self.send_requested)
        self.stop_button.clicked.connect(self.stop_requested)
        self.cancel_edit_button.clicked.connect(self.cancel_edit_requested)

    def text(self) -> str:
        return self.input.toPlainText()

    def set_text(self, text: str) -> None:
        self.input.setPlainText(text)
        self.input.setFocus()

    def clear(self) -> None:
        self.input.clear()

    def set_possible(self, can_send: bool, can_stop: bool) -> None:
        self.send_button.setEnabled(can_send)
        self.stop_button.setEnabled(can_stop)

    def set_editing(self, editing: bool) -> None:
        self.cancel_edit_button.setVisible(editing)
