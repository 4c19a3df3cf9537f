"""What every tab shows about its work: a progress bar and a notice line, and a helper that runs one
job at a time and routes its events (the audio pages, the Image tab, the Chat tab's replies)."""
from __future__ import annotations

from typing import Callable

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QProgressBar, QVBoxLayout, QWidget

from desktop_app.i18n.retranslate import Text, keep_translated, say
from desktop_app.widgets.event_dispatch import dispatch
from desktop_app.widgets.notice import Notice
from model_backend.core.jobs import Failed, Progress, Result


class JobStatus(QWidget):
    """Progress (the bar's text says what the job is doing) above one notice line.

    ``progress_when_idle=False`` hides the bar between jobs (the Chat tab, where space is short)."""

    def __init__(self, parent: QWidget | None = None, progress_when_idle: bool = True) -> None:
        super().__init__(parent)
        self.progress_when_idle = progress_when_idle
        self.progress = QProgressBar(self)
        self.progress.setVisible(progress_when_idle)
        self.notice = Notice(self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.progress)
        layout.addWidget(self.notice)
        self._progress_text: Text = "%p%"
        keep_translated(self.progress, lambda: self.progress.setFormat(say(self._progress_text)))

    def show_progress(self, event: Progress) -> None:
        self.progress.setRange(0, 0 if event.fraction is None else 100)  # unknown length: a busy bar
        self.progress.setValue(int((event.fraction or 0) * 100))
        self._progress_text = event.message  # a backend Message: said in the UI's language
        self.progress.setFormat(say(event.message))
        self.progress.show()

    def started(self) -> None:
        self.progress.setRange(0, 100)
        self.progress.setValue(0)
        self._progress_text = "%p%"
        self.progress.setFormat("%p%")

    def finished(self, done: bool = False) -> None:
        """The job ended. Done: the bar says 100 %, not its last step ("Encoding the picture…"), which would
        read as if the work were still going on. Stopped or failed: the last step stays, to show how far it got."""
        self.progress.setRange(0, 100)
        if done:
            self.progress.setValue(100)
            self._progress_text = "%p%"
            self.progress.setFormat("%p%")
        self.progress.setVisible(self.progress_when_idle)

    def show_notice(self, text: Text, error: bool = False) -> None:
        self.notice.show_message(text, error)

    def clear_notice(self) -> None:
        self.notice.clear_message()

    def text(self) -> str:
        return self.notice.text()


class SingleJob(QObject):
    """One job at a time for a page: submit, Stop, and events routed to the page's handlers.

    Progress goes to the page's JobStatus and failures to its notice line, so pages only say what
    a partial, a result and a stop mean to them. ``busy_changed`` fires when a job starts or ends."""

    busy_changed = Signal()

    def __init__(self, controller, status: JobStatus, on_result: Callable[[object], None],
                 on_cancelled: Callable[[object], None], on_partial: Callable[[object], None] | None = None,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self.status = status
        self.job_id = ""
        self._on_result = on_result
        self._on_cancelled = on_cancelled
        self._on_partial = on_partial

    @property
    def busy(self) -> bool:
        return bool(self.job_id)

    def submit(self, request, working_text: Text) -> None:
        self.job_id = self.controller.submit(request, self._route_events)
        self.status.started()
        self.status.show_notice(working_text)
        self.busy_changed.emit()

    def stop(self) -> None:
        if self.job_id:
            self.controller.cancel(self.job_id)

    def _route_events(self, events: list) -> None:
        dispatch(events, on_progress=self.status.show_progress, on_partial=self._on_partial,
                 on_result=self._on_result, on_cancelled=self._on_cancelled, on_failed=self._on_failed,
                 on_end=self._on_end)

    def _on_failed(self, event: Failed) -> None:
        self.status.show_notice(event.message, error=True)

    def _on_end(self, event) -> None:
        self.job_id = ""
        self.status.finished(done=isinstance(event, Result))
        self.busy_changed.emit()
