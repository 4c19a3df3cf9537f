"""What the main window holds for class mode: the Connect and Share dialogs, and the class servers it
remembers.

A server connected to once is remembered in Settings (address and code, like added model folders) and asked
again for its models when the app starts, in the backend, so the window never waits for the network. Its
models are put in the registry, so every chat model picker (Chat, Prompt engineering) lists them.
"""
from __future__ import annotations

from PySide6.QtCore import QObject, Slot
from PySide6.QtWidgets import QMainWindow

from desktop_app.class_mode.connect_dialog import ConnectServerDialog
from desktop_app.class_mode.share_dialog import ShareModelDialog
from desktop_app.widgets.event_dispatch import dispatch
from desktop_app.widgets.model_picker import ModelPicker
from model_backend.chat.class_mode_jobs import ConnectServerRequest
from model_backend.core.model_inspection import ModelKind


def remembered(entry: str) -> tuple[str, str]:
    """A Settings entry "<url> <code>" as (url, code)."""
    url, _, code = entry.partition(" ")
    return url, code


class ClassMode(QObject):
    def __init__(self, window: QMainWindow) -> None:
        super().__init__(window)
        self.window_ = window
        self.connect_dialog: ConnectServerDialog | None = None
        self.share_dialog: ShareModelDialog | None = None
        self._asking: ModelPicker | None = None  # the picker whose menu opened the Connect dialog

    def connect_pickers(self) -> None:
        for picker in self.window_.findChildren(ModelPicker):
            if picker.kind is ModelKind.CHAT:
                picker.class_server_wanted.connect(lambda p=picker: self.open_connect_dialog(p))

    def reconnect_remembered(self) -> None:
        """Ask every remembered server for its models again (quietly: one that is off now is simply not listed)."""
        for entry in self.window_.settings.class_servers:
            url, code = remembered(entry)
            self.window_.controller.submit(ConnectServerRequest(url, code), lambda events, c=code: dispatch(
                events, on_result=lambda value: self._add_models(value["address"], c, value["models"], "")))

    @Slot()
    def open_connect_dialog(self, picker: ModelPicker | None = None) -> ConnectServerDialog:
        self._asking = picker
        if self.connect_dialog is None:
            last = self.window_.settings.class_servers[-1:] or [""]
            url, code = remembered(last[0])
            self.connect_dialog = ConnectServerDialog(self.window_.controller, self.window_, url, code)
            self.connect_dialog.connected.connect(self._on_connected)
        self.connect_dialog.show()
        self.connect_dialog.raise_()
        self.connect_dialog.activateWindow()
        return self.connect_dialog

    @Slot()
    def open_share_dialog(self) -> ShareModelDialog:
        if self.share_dialog is None:
            self.share_dialog = ShareModelDialog(self.window_.controller, self.window_.registry, self.window_)
        elif not (self.share_dialog.info and self.share_dialog.info.running):
            self.share_dialog.refresh_models()
        self.share_dialog.show()
        self.share_dialog.raise_()
        self.share_dialog.activateWindow()
        return self.share_dialog

    @Slot(str, str, list)
    def _on_connected(self, url: str, code: str, models: list) -> None:
        servers = [e for e in self.window_.settings.class_servers if remembered(e)[0] != url]
        self.window_.settings.class_servers = servers + [f"{url} {code}"]
        self.window_.save_settings()
        first = models[0]["model_id"] if models else ""
        self._add_models(url, code, models, first)

    def _add_models(self, url: str, code: str, models: list, select_id: str) -> None:
        host = url.split("://", 1)[-1]
        self.window_.registry.set_server_models(url, [(m["model_id"], f"{m['name']} ({host})") for m in models])
        for picker in self.window_.findChildren(ModelPicker):
            if picker.kind is ModelKind.CHAT:
                wanted = select_id if picker is self._asking and select_id else picker.current_model_id()
                picker.refresh(wanted)
