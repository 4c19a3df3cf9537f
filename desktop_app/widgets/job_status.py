"""A progress bar and a notice line for one job at a time (the audio pages, the Image tab)."""
from __future__ import annotations

from PySide6.QtWidgets import QLabel, QProgressBar, QVBoxLayout, QWidget

from model_backend.core.jobs import Cancelled, Failed, Partial, Progress, Result, is_terminal


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

    def started(self) -> None:
        self.progress.setRange(0, 100)
        self.progress.setValue(0)
        self.progress.setFormat("%p%")

    def finished(self, done: bool = False) -> None:
        self.progress.setRange(0, 100)
        if done:
            self.progress.setValue(100)

    def show_notice(self, text: str, error: bool = False) -> None:
        self.notice.setStyleSheet("color: #b71c1c;" if error else "")
        self.notice.setText(text)

    def text(self) -> str:
        return self.notice.text()


class SingleJobMixin:
    """One job at a time for a page that has ``controller``, ``status`` (JobStatus) and
    ``_update_buttons``: submit, Stop, and events routed to ``on_partial`` / ``on_result`` /
    ``on_cancelled``; failures are shown in the notice line."""

    job_id = ""

    def submit_job(self, request, working_text: str) -> None:
        self.job_id = self.controller.submit(request, self._route_events)
        self.status.started()
        self.status.show_notice(working_text)
        self._update_buttons()

    def stop(self) -> None:
        if self.job_id:
            self.controller.cancel(self.job_id)

    def on_partial(self, payload) -> None:
        pass

    def on_result(self, value) -> None:
        raise NotImplementedError

    def on_cancelled(self, partial) -> None:
        raise NotImplementedError

    def _route_events(self, events: list) -> None:
        for event in events:
            if isinstance(event, Progress):
                self.status.show_progress(event)
            elif isinstance(event, Partial):
                self.on_partial(event.payload)
            elif isinstance(event, Result):
                self.on_result(event.value)
            elif isinstance(event, Cancelled):
                self.on_cancelled(event.partial)
            elif isinstance(event, Failed):
                self.status.show_notice(event.message, error=True)
            if is_terminal(event):
                self.job_id = ""
                self.status.finished(done=isinstance(event, Result))
                self._update_buttons()
