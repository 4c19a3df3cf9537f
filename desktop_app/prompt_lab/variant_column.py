"""One column of a side-by-side run: the variant, its streaming reply, and its numbers.

The numbers line is said again from the cell's stats after a language switch; the title is the
variant's and the model's name, which stay as they are."""
from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPlainTextEdit, QPushButton, QVBoxLayout, QWidget

from desktop_app.i18n.retranslate import keep_translated, say
from model_backend.chat.chat_types import StopReason
from model_backend.prompt_lab.experiment import CellStatus


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
        self.stop_button = QPushButton(self)
        self.stop_button.setEnabled(False)
        self.remove_button = QPushButton(self)
        # what the numbers line reports: "" (nothing yet), "waiting", "failed" or "finished"
        self.state = ""
        self.cell_stats: dict = {}
        self.cell_status = ""
        self.error = ""  # a failed cell's reason, shown in place of the reply
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
        keep_translated(self, self._retranslate)

    def _retranslate(self) -> None:
        self.stop_button.setText(self.tr("Stop"))
        self.stop_button.setToolTip(self.tr("Stop this variant only; the others go on"))
        self.remove_button.setText(self.tr("Remove"))
        self.remove_button.setToolTip(self.tr("Take this variant out of the comparison"))
        self.stats.setText(self._stats_text())
        if self.state == "failed":
            self.reply.setPlainText(say(self.error))

    def _status_words(self, status: str) -> str:
        return {CellStatus.DONE: self.tr("done"), CellStatus.STOPPED: self.tr("stopped"),
                CellStatus.FAILED: self.tr("failed")}.get(status, status)

    def _reason_words(self, reason: str) -> str:
        return {StopReason.END_OF_REPLY: self.tr("end of reply"), StopReason.MAX_NEW_TOKENS: self.tr("max new tokens"),
                StopReason.STOP_SEQUENCE: self.tr("stop sequence"), StopReason.STOPPED: self.tr("stopped"),
                StopReason.CONNECTION_LOST: self.tr("connection lost")}.get(
            reason, str(reason))

    def _stats_text(self) -> str:
        if self.state == "waiting":
            return self.tr("waiting…")
        if self.state == "failed":
            return self.tr("failed")
        if self.state != "finished":
            return ""
        stats, status = self.cell_stats, self._status_words(self.cell_status)
        reason = stats.get("stop_reason")
        return self.tr("{status} · first token {ttft} s · {speed} tok/s · {tokens} tokens "
                       "(prompt {prompt}) · {reason}").format(
            status=status, ttft=stats.get("time_to_first_token", "–"), speed=stats.get("tokens_per_second", "–"),
            tokens=stats.get("tokens", 0), prompt=stats.get("prompt_tokens", "–"),
            reason=self._reason_words(reason) if reason else status)

    def start(self) -> None:
        self.reply.clear()
        self.state, self.error = "waiting", ""
        self.stats.setText(self._stats_text())
        self.stop_button.setEnabled(True)

    def append(self, text: str) -> None:
        self.reply.moveCursor(self.reply.textCursor().MoveOperation.End)
        self.reply.insertPlainText(text)

    def finish(self, text: str, stats: dict, status: str, error: str = "") -> None:
        """``error``: a backend Message (said in the UI's language) or plain text."""
        self.reply.setPlainText(text if not error else say(error))
        self.stop_button.setEnabled(False)
        self.state, self.cell_stats, self.cell_status = ("failed" if error else "finished"), dict(stats), status
        self.error = error
        self.stats.setText(self._stats_text())
