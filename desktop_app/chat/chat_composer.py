"""Where the student writes: the message box with Send, Stop and Cancel edit.

A widget of its own so the Chat tab only hears *what* the student asked for (send, stop, stop
editing) and tells it *what is possible now* (can send, can stop, editing); the buttons and the
keyboard rules (Enter sends, Shift+Enter adds a line) live here.
"""
from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from desktop_app.chat.message_input import MessageInput
from desktop_app.i18n.retranslate import keep_translated


class ChatComposer(QWidget):
    send_requested = Signal()
    stop_requested = Signal()
    cancel_edit_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.input = MessageInput(self)
        self.input.setMaximumHeight(110)
        self.send_button = QPushButton(self)
        self.stop_button = QPushButton(self)
        self.stop_button.setEnabled(False)
        self.cancel_edit_button = QPushButton(self)
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
        keep_translated(self, self._retranslate)

    def _retranslate(self) -> None:
        self.input.setPlaceholderText(self.tr("Type a message. Enter sends, Shift+Enter adds a line."))
        self.send_button.setText(self.tr("Send"))
        self.send_button.setToolTip(self.tr("Send the message (Enter)"))
        self.stop_button.setText(self.tr("Stop"))
        self.stop_button.setToolTip(self.tr("Stop the reply or the model loading (Esc)"))
        self.cancel_edit_button.setText(self.tr("Cancel edit"))
        self.cancel_edit_button.setToolTip(self.tr("Keep the earlier message as it was"))

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
