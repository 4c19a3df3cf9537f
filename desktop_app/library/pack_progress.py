"""A classroom-pack job (export or import) and its progress line: which model and file, how far, Stop.

Both pack dialogs run one backend job at a time through this panel: it submits the job, shows its
``PackProgress`` partials, stops it on Stop and puts a failure on the dialog's notice line, so each
dialog only says what its result and a stop mean. The bytes are counted over all files, since hashing
and copying a 1 GB file is most of the wait.
"""
from __future__ import annotations

from typing import Callable

from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QPushButton, QVBoxLayout, QWidget

from desktop_app.i18n.retranslate import keep_translated
from desktop_app.library.sizes import human_size
from desktop_app.widgets.event_dispatch import dispatch
from desktop_app.widgets.notice import Notice
from model_backend.core.jobs import Failed
from model_backend.library.packs import PackProgress

BAR_STEPS = 1000


class PackProgressPanel(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.progress = None  # the last PackProgress
        self.controller = None
        self.job_id = ""  # the running job's, "" when none runs
        self.notice: Notice | None = None
        self._on_result: Callable[[object], None] = lambda _: None
        self._on_cancelled: Callable[[object], None] = lambda _: None
        self._on_end: Callable[[], None] = lambda: None
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
        self.stop_button.clicked.connect(self.stop)
        keep_translated(self, self._retranslate)

    def _retranslate(self) -> None:
        self.stop_button.setText(self.tr("Stop"))
        self._show_words()

    def run(self, controller, request, notice: Notice, on_result: Callable[[object], None],
            on_cancelled: Callable[[object], None], on_end: Callable[[], None]) -> None:
        """Submit ``request`` and show its progress; a failure goes to ``notice``. After the result or the
        stop, the panel hides and ``on_end()`` runs, with ``job_id`` already cleared."""
        self.controller, self.notice = controller, notice
        self._on_result, self._on_cancelled, self._on_end = on_result, on_cancelled, on_end
        self.job_id = controller.submit(request, self._on_events)
        self.start()

    def stop(self) -> None:
        if self.job_id:
            self.controller.cancel(self.job_id)

    def _on_events(self, events: list) -> None:
        dispatch(events, on_partial=self._on_partial, on_result=self._on_result, on_cancelled=self._on_cancelled,
                 on_failed=self._on_failed, on_end=self._on_job_end)

    def _on_partial(self, payload) -> None:
        if isinstance(payload, PackProgress):
            self.show_progress(payload)

    def _on_failed(self, event: Failed) -> None:
        self.notice.show_message(event.message, error=True)

    def _on_job_end(self, _event) -> None:
        self.job_id = ""
        self.hide()
        self._on_end()

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
