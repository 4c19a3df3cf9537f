"""The one QObject on the backend QThread: it moves requests in and events out, nothing more.

Requests arrive through a queued signal and run one at a time in arrival order. ``cancel`` is
the only method called from the GUI thread; it just sets a ``threading.Event``, so a job that has
not started yet is cancelled the moment it would start.
"""
from __future__ import annotations

import threading
from typing import Callable

from PySide6.QtCore import QObject, QThread, Signal, Slot

from model_backend.core.errors import ErrorKind
from model_backend.core.jobs import Failed
from model_backend.core.messages import msg
from model_backend.engine import Backend


class BackendWorker(QObject):
    event_emitted = Signal(object)

    def __init__(self, backend_factory: Callable[[], Backend]) -> None:
        super().__init__()
        self._backend_factory = backend_factory
        self._backend: Backend | None = None
        self._lock = threading.Lock()
        self._cancel_events: dict[str, threading.Event] = {}
        self._closing = False

    def _cancel_event(self, job_id: str) -> threading.Event:
        with self._lock:
            event = self._cancel_events.setdefault(job_id, threading.Event())
            if self._closing:
                event.set()
            return event

    def cancel(self, job_id: str) -> None:
        """Thread-safe: mark ``job_id`` cancelled, whether it is running or still queued."""
        self._cancel_event(job_id).set()

    def cancel_all(self) -> None:
        """Thread-safe: cancel every known job and every job that arrives after this call."""
        with self._lock:
            self._closing = True
            for event in self._cancel_events.values():
                event.set()

    @Slot(object)
    def run_request(self, request) -> None:
        cancel = self._cancel_event(request.job_id)
        try:
            if self._backend is None:
                try:
                    self._backend = self._backend_factory()
                except Exception as exc:  # the job still gets its one terminal event
                    self.event_emitted.emit(Failed(request.job_id, ErrorKind.INTERNAL,
                                                   msg("The backend could not start: {reason}", reason=str(exc))))
                    return
            self._backend.run(request, self.event_emitted.emit, cancel)
        finally:
            with self._lock:
                self._cancel_events.pop(request.job_id, None)

    @Slot()
    def release(self) -> None:
        """Free models, then end the thread's event loop (runs on the backend thread, after queued jobs)."""
        try:
            if self._backend is not None:
                self._backend.shutdown()
                self._backend = None
        finally:
            QThread.currentThread().quit()
