"""One button that starts a page's job and, while that job runs, stops it.

The Look-inside pages (attention, layer by layer, sampling lab) each run one job at a time through a
``SingleJob``; the first run of a GGUF model converts it, which can take a while, so the same button
must end that at once. The button follows the job's ``busy_changed`` and the language itself, so a
page only says what the idle button reads and what running means.
"""
from __future__ import annotations

from typing import Callable

from PySide6.QtCore import Slot
from PySide6.QtWidgets import QPushButton, QWidget

from desktop_app.i18n.retranslate import keep_translated
from desktop_app.widgets.job_status import SingleJob


class RunStopButton(QPushButton):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.job: SingleJob | None = None
        self._run: Callable[[], None] = lambda: None
        self._idle_text: Callable[[], str] = lambda: ""
        self.clicked.connect(self._run_or_stop)
        keep_translated(self, self._show_text)

    def drive(self, job: SingleJob, run: Callable[[], None], idle_text: Callable[[], str]) -> None:
        """Run ``run()`` on a click while ``job`` is idle, stop it while busy; idle, the button reads ``idle_text()``."""
        self.job, self._run, self._idle_text = job, run, idle_text
        job.busy_changed.connect(self._show_text)
        self._show_text()

    @Slot()
    def _run_or_stop(self) -> None:
        if self.job is not None and self.job.busy:
            self.job.stop()
        else:
            self._run()

    def _show_text(self) -> None:
        self.setText(self.tr("Stop") if self.job is not None and self.job.busy else self._idle_text())
