"""One column of a side-by-side run: the variant, its streaming reply, and its numbers."""
from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPlainTextEdit, QPushButton, QVBoxLayout, QWidget


class VariantColumn(QWidget):
    stop_requested = Signal(int)
    remove_requested = Signal(int)

    def __init__(self, index: int, title: str, model_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.index = index
        self.title = QLabel(f"<b>{title}</b><br><small>{model_name}</small>", self)
        self.title.setWordWrap(True)
        self.title.setToolTip(f"{title} — {model_name}")
        self.reply = QPlainTextEdit(self)
        self.reply.setReadOnly(True)
        self.stats = QLabel(self)
        self.stats.setWordWrap(True)
        self.stop_button = QPushButton(self.tr("Stop"), self)
        self.stop_button.setEnabled(False)
        self.remove_button = QPushButton(self.tr("Remove"), self)
        buttons = QHBoxLayout()
        buttons.addWidget(self.stop_button)
        buttons.addWidget(self.remove_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(2, 2, 2, 2)
        layout.addWidget(self.title)
        layout.addWidget(self.reply, 1)
        layout.addWidget(self.stats)
        layout.addLayout(buttons)
        self.setMinimumWidth(180)
        self.stop_button.clicked.connect(lambda: self.stop_requested.emit(self.index))
        self.remove_button.clicked.connect(lambda: self.remove_requested.emit(self.index))

    def start(self) -> None:
        self.reply.clear()
        self.stats.setText(self.tr("waiting…"))
        self.stop_button.setEnabled(True)

    def append(self, text: str) -> None:
        self.reply.moveCursor(self.reply.textCursor().MoveOperation.End)
        self.reply.insertPlainText(text)

    def finish(self, text: str, stats: dict, status: str, error: str = "") -> None:
        self.reply.setPlainText(text if not error else error)
        self.stop_button.setEnabled(False)
        if error:
            self.stats.setText(self.tr("failed"))
            return
        self.stats.setText(self.tr("{status} · first token {ttft} s · {speed} tok/s · {tokens} tokens "
                                   "(prompt {prompt}) · {reason}").format(
            status=status, ttft=stats.get("time_to_first_token", "–"), speed=stats.get("tokens_per_second", "–"),
            tokens=stats.get("tokens", 0), prompt=stats.get("prompt_tokens", "–"),
            reason=stats.get("stop_reason", status)))
