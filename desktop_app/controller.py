"""Owns the backend thread and routes job events to whoever submitted the job.

Events are batched on the GUI side (every ``BATCH_MS``) so a fast model cannot flood the event
loop; terminal events flush at once. Handlers receive a list of events for their job.
"""
from __future__ import annotations

import logging
from typing import Callable

from PySide6.QtCore import QObject, QThread, QTimer, Signal, Slot

from model_backend.core.jobs import DeviceStatus, Started, is_terminal
from model_backend.worker import BackendWorker

log = logging.getLogger(__name__)

BATCH_MS = 40
Handler = Callable[[list], None]


class BackendController(QObject):
    submit_requested = Signal(object)
    release_requested = Signal()
    device_status_changed = Signal(object)  # DeviceStatus
    busy_changed = Signal(bool)
    stopped = Signal()  # the backend thread has finished

    def __init__(self, backend_factory, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._handlers: dict[str, Handler] = {}
        self._pending: dict[str, list] = {}
        self._active_jobs: set[str] = set()
        self._shutting_down = False
        self.thread = QThread()
        self.thread.setObjectName("model-backend")
        self.worker = BackendWorker(backend_factory)
        self.worker.moveToThread(self.thread)
        self.submit_requested.connect(self.worker.run_request)
        self.release_requested.connect(self.worker.release)
        self.worker.event_emitted.connect(self._on_event)
        self.thread.finished.connect(self._on_thread_finished)
        self._flush_timer = QTimer(self)
        self._flush_timer.setInterval(BATCH_MS)
        self._flush_timer.setSingleShot(True)
        self._flush_timer.timeout.connect(self._flush)
        self.thread.start()

    # ---- jobs --------------------------------------------------------------------------
    def submit(self, request, handler: Handler) -> str:
        if self._shutting_down:
            raise RuntimeError("the backend is shutting down")
        self._handlers[request.job_id] = handler
        self._active_jobs.add(request.job_id)
        self.busy_changed.emit(True)
        self.submit_requested.emit(request)
        return request.job_id

    def cancel(self, job_id: str) -> None:
        self.worker.cancel(job_id)

    @Slot(object)
    def _on_event(self, event) -> None:
        if isinstance(event, DeviceStatus):
            self.device_status_changed.emit(event)
            return
        self._pending.setdefault(event.job_id, []).append(event)
        if is_terminal(event) or isinstance(event, Started):
            self._flush()
        elif not self._flush_timer.isActive():
            self._flush_timer.start()

    @Slot()
    def _flush(self) -> None:
        pending, self._pending = self._pending, {}
        for job_id, events in pending.items():
            handler = self._handlers.get(job_id)
            finished = any(is_terminal(e) for e in events)
            if finished:
                self._handlers.pop(job_id, None)
                self._active_jobs.discard(job_id)
            if handler is not None:
                try:
                    handler(events)
                except Exception:  # a broken view must not stop other jobs' events
                    log.exception("handler for %s failed", job_id)
        if not self._active_jobs:
            self.busy_changed.emit(False)

    # ---- shutdown ----------------------------------------------------------------------
    def shutdown(self) -> None:
        """Cancel everything, free models on the backend thread, then stop it. Never blocks."""
        if self._shutting_down:
            return
        self._shutting_down = True
        self.worker.cancel_all()
        self.release_requested.emit()  # the worker quits its thread once queued jobs have been cancelled

    def is_stopped(self) -> bool:
        return self.thread.isFinished() or not self.thread.isRunning()

    @Slot()
    def _on_thread_finished(self) -> None:
        self._flush()
        self.stopped.emit()
