"""Loads the chosen chat model ahead of time, so the first reply does not wait for it."""
from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from desktop_app.controller import BackendController
from desktop_app.i18n.sentences import join_sentences
from desktop_app.widgets.event_dispatch import dispatch
from model_backend.chat.chat_types import LoadModelRequest
from model_backend.core.jobs import Failed


class ModelPreloader(QObject):
    progressed = Signal(object)  # Progress
    finished = Signal(object, bool)  # what to tell the user (a Text: said again after a language switch), error?
    loaded = Signal(object)  # the load job's result (dict): name, device, sampling_defaults…

    def __init__(self, controller: BackendController, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self.enabled = False  # set once the window is on screen (and preloading is wanted)
        self.job_id: str | None = None
        self.loaded_key: tuple[str, str] | None = None

    def mark_loaded(self, model_id: str, device: str) -> None:
        """A chat job loads its model too: remember it so no second load is queued."""
        self.loaded_key = (model_id, device)

    def request(self, model_id: str, device: str) -> bool:
        if not self.enabled or not model_id or self.job_id is not None or self.loaded_key == (model_id, device):
            return False
        request = LoadModelRequest(model_id=model_id, device=device)
        self.job_id = request.job_id
        self.loaded_key = (model_id, device)
        self.controller.submit(request, self._on_events)
        return True

    def cancel(self) -> None:
        if self.job_id is not None:
            self.controller.cancel(self.job_id)

    def _on_events(self, events: list) -> None:
        dispatch(events, on_progress=self.progressed.emit, on_result=self._on_loaded,
                 on_cancelled=self._on_cancelled, on_failed=self._on_failed)

    def _on_loaded(self, info: dict) -> None:
        self.job_id = None
        self.loaded.emit(info)
        self.finished.emit(lambda: self.ready_note(info), False)

    def ready_note(self, info: dict) -> str:
        """What a finished load tells the user, in the current language."""
        if info["converted_now"]:
            ready = self.tr("{name} is ready on {device} (converted once in {s:.0f} s; next time it loads in "
                            "seconds).").format(name=info["name"], device=info["device"], s=info["load_seconds"])
        else:
            ready = self.tr("{name} is ready on {device}.").format(name=info["name"], device=info["device"])
        no_template = "" if info["has_chat_template"] else self.tr(
            "This model has no chat template: a plain prompt will be used.")
        return join_sentences(ready, no_template)

    def _on_failed(self, event: Failed) -> None:
        self.job_id = None
        self.loaded_key = None
        self.finished.emit(event.message, True)

    def _on_cancelled(self, _partial) -> None:
        self.job_id = None
        self.loaded_key = None
        self.finished.emit(lambda: self.tr("Loading stopped. The model will load when you send a message."), False)
