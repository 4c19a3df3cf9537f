"""What a running download shows: the file in progress and the whole download, speed, time left, Stop.

Two bars because a model is several files of very different sizes (a 2 kB config, a 1 GB weights
file): the total alone would sit still for minutes, the file alone would restart at 0 % every file.
The panel only displays ``DownloadProgress`` payloads; the download itself is a backend job.
"""
from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QGridLayout, QLabel, QProgressBar, QPushButton, QWidget

from desktop_app.i18n.retranslate import keep_translated
from desktop_app.library.sizes import human_duration, human_size, human_speed

BAR_STEPS = 1000  # per mille: a 2 GB file moves the bar every 2 MB


def _fraction(done: int, total: int) -> int:
    return int(BAR_STEPS * done / total) if total > 0 else 0


class DownloadPanel(QWidget):
    stop_clicked = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.progress = None  # the last DownloadProgress shown, re-said after a language switch
        self._build_parts()
        self._lay_out()
        self._connect()
        keep_translated(self, self._retranslate)

    def _build_parts(self) -> None:
        self.title_label = QLabel(self)
        self.title_label.setWordWrap(True)
        # each bar says what it counts inside itself: two lines less at 150 % zoom on a 720-px screen
        self.file_bar = QProgressBar(self)
        self.total_bar = QProgressBar(self)
        for bar in (self.file_bar, self.total_bar):
            bar.setRange(0, BAR_STEPS)
        self.stop_button = QPushButton(self)

    def _lay_out(self) -> None:
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.addWidget(self.title_label, 0, 0)
        grid.addWidget(self.file_bar, 1, 0)
        grid.addWidget(self.total_bar, 2, 0)
        grid.addWidget(self.stop_button, 0, 1, 3, 1, Qt.AlignmentFlag.AlignVCenter)
        grid.setColumnStretch(0, 1)

    def _connect(self) -> None:
        self.stop_button.clicked.connect(self.stop_clicked)

    def _retranslate(self) -> None:
        self.stop_button.setText(self.tr("Stop"))
        self.stop_button.setToolTip(self.tr("Stop the download; what has arrived is kept and the next "
                                            "download of this model continues from there"))
        self._show_words()

    def start(self, title: str) -> None:
        self.title = title
        self.progress = None
        self.file_bar.setValue(0)
        self.total_bar.setValue(0)
        self.stop_button.setEnabled(True)
        self._show_words()
        self.show()

    def show_progress(self, progress) -> None:
        """``progress`` is a ``DownloadProgress`` (model_backend.library.downloads)."""
        self.progress = progress
        self.file_bar.setValue(_fraction(progress.file_done, progress.file_total))
        self.total_bar.setValue(_fraction(progress.done, progress.total))
        self._show_words()

    def stopping(self) -> None:
        self.stop_button.setEnabled(False)

    def _show_words(self) -> None:
        title = self.tr("Downloading {model}").format(model=getattr(self, "title", ""))
        progress = self.progress
        if progress is None:
            self.title_label.setText(title)
            self.file_bar.setFormat(self.tr("Asking the server for the file list…"))
            self.total_bar.setFormat(self.tr("All files"))
            return
        self.title_label.setText(self.tr("{title} · {speed} · about {time} left").format(
            title=title, speed=human_speed(progress.bytes_per_second), time=human_duration(progress.seconds_left)))
        # "%" is the bar's own placeholder character: a file name with one would be read as %p, %v…
        self.file_bar.setFormat(self.tr("{file}: {done} of {total}").format(
            file=progress.file_name.replace("%", "%%"), done=human_size(progress.file_done),
            total=human_size(progress.file_total)))
        self.total_bar.setFormat(self.tr("All files: {done} of {total}").format(
            done=human_size(progress.done), total=human_size(progress.total)))
