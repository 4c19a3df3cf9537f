"""Connect to a class server…: the address and access code the teacher gave; the backend checks them and
lists the server's chat models, which then appear in the Chat and Prompt engineering tabs' pickers.

Only the address typed here is ever contacted (the backend's client reads no proxy settings and follows no
redirects). Nothing is sent until Connect is pressed.
"""
from __future__ import annotations

from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop_app.i18n.retranslate import keep_translated, say
from desktop_app.widgets.event_dispatch import dispatch
from desktop_app.widgets.notice import Notice
from model_backend.chat.class_mode_jobs import ConnectServerRequest
from model_backend.core.jobs import Failed


class ConnectServerDialog(QDialog):
    # (server url, access code, [{"model_id", "name", "context_length"}, …])
    connected = Signal(str, str, list)

    def __init__(self, controller, parent: QWidget | None = None, address: str = "", code: str = "") -> None:
        super().__init__(parent)
        self.controller = controller
        self.job_id = ""
        self.models: list[dict] = []
        self._build_parts()
        self._lay_out()
        self._connect()
        self.address_edit.setText(address)
        self.code_edit.setText(code)
        keep_translated(self, self._retranslate)
        self._update()

    def _build_parts(self) -> None:
        self.intro = QLabel(self)
        self.intro.setWordWrap(True)
        self.address_label, self.code_label = QLabel(self), QLabel(self)
        self.address_edit = QLineEdit(self)
        self.address_edit.setPlaceholderText("192.168.1.10:8080")
        self.code_edit = QLineEdit(self)
        self.address_label.setBuddy(self.address_edit)
        self.code_label.setBuddy(self.code_edit)
        self.notice = Notice(self)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.connect_button = QPushButton(self)
        self.connect_button.setDefault(True)
        self.buttons.addButton(self.connect_button, QDialogButtonBox.ButtonRole.ActionRole)

    def _lay_out(self) -> None:
        form = QFormLayout()
        form.addRow(self.address_label, self.address_edit)
        form.addRow(self.code_label, self.code_edit)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addLayout(form)
        layout.addWidget(self.notice)
        layout.addWidget(self.buttons)

    def _connect(self) -> None:
        self.connect_button.clicked.connect(self.start)
        self.buttons.rejected.connect(self.reject)
        self.address_edit.textChanged.connect(self._update)

    def _retranslate(self) -> None:
        self.setWindowTitle(self.tr("Connect to a class server"))
        self.intro.setText(self.tr("Type the address and the access code your teacher shows. The server's chat "
                                   "models then appear in the Chat and Prompt engineering tabs, and replies come "
                                   "from that computer."))
        self.address_label.setText(self.tr("&Address:"))
        self.code_label.setText(self.tr("Access &code:"))
        self.connect_button.setText(self.tr("Connect"))

    def _update(self) -> None:
        self.connect_button.setEnabled(not self.job_id and bool(self.address_edit.text().strip()))
        self.address_edit.setEnabled(not self.job_id)
        self.code_edit.setEnabled(not self.job_id)

    @Slot()
    def start(self) -> None:
        if self.job_id:
            return
        request = ConnectServerRequest(self.address_edit.text().strip(), self.code_edit.text().strip())
        self.notice.show_message(lambda: self.tr("Connecting…"))
        self.job_id = self.controller.submit(request, self._on_events)
        self._update()

    def _on_events(self, events) -> None:
        dispatch(events, on_result=self._on_result, on_failed=self._on_failed, on_end=self._on_end)

    def _on_result(self, value: dict) -> None:
        self.models = list(value["models"])
        count = len(self.models)
        self.notice.show_message(lambda: self.tr("Connected. Chat models on this server: {count}.").format(
            count=count))
        self.connected.emit(value["address"], self.code_edit.text().strip(), self.models)

    def _on_failed(self, event: Failed) -> None:
        self.notice.show_message(say(event.message), error=True)

    def _on_end(self, _event) -> None:
        self.job_id = ""
        self._update()

    def reject(self) -> None:
        if self.job_id:  # a server that does not answer takes up to 5 s: Close does not wait for it
            self.controller.cancel(self.job_id)
        super().reject()
