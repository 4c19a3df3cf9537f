"""A progress bar and a notice line for one job at a time, shared by the audio pages."""
from __future__ import annotations

from PySide6.QtWidgets import QLabel, QProgressBar, QVBoxLayout, QWidget

from model_backend.jobs import Progress


class JobStatus(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.progress = QProgressBar(self)
        self.notice = QLabel(self)
        self.notice.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.progress)
        layout.addWidget(self.notice)

    def show_progress(self, event: Progress) -> None:
        self.progress.setRange(0, 0 if event.fraction is None else 100)  # unknown length: a busy bar
        self.progress.setValue(int((event.fraction or 0) * 100))
        self.progress.setFormat(event.message)

    def finished(self) -> None:
        self.progress.setRange(0, 100)

    def show_notice(self, text: str, error: bool = False) -> None:
        self.notice.setStyleSheet("color: #b71c1c;" if error else "")
        self.notice.setText(text)

    def text(self) -> str:
        return self.notice.text()
