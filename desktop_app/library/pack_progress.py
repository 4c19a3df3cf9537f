"""The progress line of a classroom-pack job (export or import): which model and file, how far, Stop.

Both pack dialogs run one backend job at a time and show its ``PackProgress`` partials here; the
bytes are counted over all files, since hashing and copying a 1 GB file is most of the wait.
"""
from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QPushButton, QVBoxLayout, QWidget

from desktop_app.i18n.retranslate import keep_translated
from desktop_app.library.sizes import human_size

BAR_STEPS = 1000


class PackProgressPanel(QWidget):
    stop_clicked = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.progress = None  # the last PackProgress
        self.label = QLabel(self)
        self.label.setWordWrap(True)
        self.bar = QProgressBar(self)
        self.bar.setRange(0, BAR_STEPS)
        self.stop_button = QPushButton(self)
        row = QHBoxLayout()
        row.addWidget(self.bar, 1)
        row.addWidget(self.stop_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.label)
        layout.addLayout(row)
        self.stop_button.clicked.connect(self.stop_clicked)
        keep_translated(self, self._retranslate)

    def _retranslate(self) -> None:
        self.stop_button.setText(self.tr("Stop"))
        self._show_words()

    def start(self) -> None:
        self.progress = None
        self.bar.setValue(0)
        self.stop_button.setEnabled(True)
        self._show_words()
        self.show()

    def show_progress(self, progress) -> None:
        self.progress = progress
        self.bar.setValue(int(BAR_STEPS * progress.done / progress.total) if progress.total else 0)
        self._show_words()

    def _show_words(self) -> None:
        progress = self.progress
        if progress is None:
            self.label.setText(self.tr("Starting…"))
            return
        self.label.setText(self.tr("{model}: {file} — {done} of {total}").format(
            model=progress.model_name, file=progress.file_name, done=human_size(progress.done),
            total=human_size(progress.total)))
