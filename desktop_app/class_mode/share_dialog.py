"""File › Share this model with the class…: the teacher's side of class mode.

Choose a GGUF chat model, the network address to listen on (this computer only by default; the room's
network to let students in), the port and how many students are answered at once. Start runs llama.cpp's
server in the backend (never on the window's thread); the dialog then shows the address and the access code
large enough for a projector, a QR code of the address, the students being answered and the load, and Stop
sharing ends it. Closing the dialog keeps the share running; the menu opens it again.
"""
from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Slot
from PySide6.QtGui import QFont, QPixmap
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from desktop_app.i18n.retranslate import keep_translated, say
from desktop_app.widgets.event_dispatch import dispatch
from desktop_app.widgets.notice import Notice
from model_backend.chat.class_mode_jobs import ShareModelRequest, ShareStatusRequest, StopSharingRequest
from model_backend.chat.class_server import DEFAULT_PARALLEL, DEFAULT_PORT, MAX_PARALLEL, network_addresses
from model_backend.core.jobs import Failed
from model_backend.core.model_inspection import ModelFormat, ModelKind
from model_backend.core.registry import ModelRegistry

STATUS_EVERY_MS = 2000
QR_SCALE = 5


def qr_pixmap(text: str) -> QPixmap:
    """A QR code of ``text`` (segno: pure Python, no network)."""
    import io

    import segno

    data = io.BytesIO()
    segno.make(text, error="m").save(data, kind="png", scale=QR_SCALE, border=2)
    pixmap = QPixmap()
    pixmap.loadFromData(data.getvalue(), "PNG")
    return pixmap


class ShareModelDialog(QDialog):
    def __init__(self, controller, registry: ModelRegistry, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self.registry = registry
        self.job_id = ""  # start or stop in flight
        self.status_job_id = ""
        self.info = None  # ShareInfo of the running share
        self._qr_address = ""  # the address the QR code shows (made again only when it changes)
        self._build_parts()
        self._lay_out()
        self._connect()
        keep_translated(self, self._retranslate)
        self.refresh_models()
        self._update()

    def _build_parts(self) -> None:
        self.intro = QLabel(self)
        self.intro.setWordWrap(True)
        self.model_label, self.host_label, self.port_label, self.parallel_label = (QLabel(self) for _ in range(4))
        self.model_combo = QComboBox(self)
        self.host_combo = QComboBox(self)
        for address in network_addresses():
            self.host_combo.addItem(address, address)
        self.port_spin = QSpinBox(self)
        self.port_spin.setRange(1024, 65535)
        self.port_spin.setValue(DEFAULT_PORT)
        self.parallel_spin = QSpinBox(self)
        self.parallel_spin.setRange(1, MAX_PARALLEL)
        self.parallel_spin.setValue(DEFAULT_PARALLEL)
        big = QFont(self.font())
        big.setPointSizeF(big.pointSizeF() * 1.8)
        big.setBold(True)
        self.address_value = QLabel(self)
        self.code_value = QLabel(self)
        for value in (self.address_value, self.code_value):
            value.setFont(big)
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.address_caption, self.code_caption = QLabel(self), QLabel(self)
        self.qr_label = QLabel(self)
        self.load_label = QLabel(self)
        self.notice = Notice(self)
        self.start_button = QPushButton(self)
        self.stop_button = QPushButton(self)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.status_timer = QTimer(self)
        self.status_timer.setInterval(STATUS_EVERY_MS)

    def _lay_out(self) -> None:
        form = QFormLayout()
        form.addRow(self.model_label, self.model_combo)
        form.addRow(self.host_label, self.host_combo)
        form.addRow(self.port_label, self.port_spin)
        form.addRow(self.parallel_label, self.parallel_spin)
        shown = QFormLayout()
        shown.addRow(self.address_caption, self.address_value)
        shown.addRow(self.code_caption, self.code_value)
        running = QHBoxLayout()
        running.addLayout(shown, 1)
        running.addWidget(self.qr_label)
        actions = QHBoxLayout()
        actions.addWidget(self.start_button)
        actions.addWidget(self.stop_button)
        actions.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addLayout(form)
        layout.addLayout(actions)
        layout.addLayout(running)
        layout.addWidget(self.load_label)
        layout.addWidget(self.notice)
        layout.addWidget(self.buttons)

    def _connect(self) -> None:
        self.start_button.clicked.connect(self.start)
        self.stop_button.clicked.connect(self.stop)
        self.buttons.rejected.connect(self.reject)
        self.status_timer.timeout.connect(self._ask_status)

    def _retranslate(self) -> None:
        self.setWindowTitle(self.tr("Share this model with the class"))
        self.intro.setText(self.tr("Students connect with Add… › Connect to a class server… in their Chat tab. "
                                   "Choose the room's network to let them in; 127.0.0.1 is this computer only."))
        self.model_label.setText(self.tr("Model:"))
        self.host_label.setText(self.tr("Network address:"))
        self.port_label.setText(self.tr("Port:"))
        self.parallel_label.setText(self.tr("Students answered at once:"))
        self.parallel_spin.setToolTip(self.tr("More students at once share the computer's speed; the others wait "
                                              "their turn."))
        self.address_caption.setText(self.tr("Address:"))
        self.code_caption.setText(self.tr("Access code:"))
        self.start_button.setText(self.tr("Start sharing"))
        self.stop_button.setText(self.tr("Stop sharing"))
        self._show_load()

    def refresh_models(self) -> None:
        self.model_combo.clear()
        for entry in self.registry.models(ModelKind.CHAT):
            if entry.format is ModelFormat.GGUF:  # llama.cpp's server runs GGUF files
                self.model_combo.addItem(entry.name, entry.model_id)

    def _update(self) -> None:
        running = self.info is not None and self.info.running
        idle = not self.job_id
        self.start_button.setEnabled(idle and not running and self.model_combo.count() > 0)
        self.stop_button.setEnabled(idle and running)
        for field in (self.model_combo, self.host_combo, self.port_spin, self.parallel_spin):
            field.setEnabled(idle and not running)
        self.address_value.setText(self.info.address if running else "—")
        self.code_value.setText(self.info.code if running else "—")
        qr_address = self.info.address if running else ""
        if qr_address != self._qr_address:  # the status poll calls this every 2 s; the address rarely changes
            self._qr_address = qr_address
            if qr_address:
                self.qr_label.setPixmap(qr_pixmap(qr_address))
            else:
                self.qr_label.clear()
        self._show_load()

    def _show_load(self) -> None:
        load = self.info.load if self.info is not None and self.info.running else None
        if load is None:
            self.load_label.setText(self.tr("Not sharing."))
            return
        self.load_label.setText(self.tr("Students being answered: {busy} of {slots} · waiting: {waiting} · "
                                        "{speed:.0f} tokens/s").format(busy=load.busy_slots, slots=load.parallel,
                                                                       waiting=load.waiting,
                                                                       speed=load.tokens_per_second))

    # ---- jobs ------------------------------------------------------------------------------------------------
    @Slot()
    def start(self) -> None:
        model_id = str(self.model_combo.currentData() or "")
        if self.job_id or not model_id:
            return
        request = ShareModelRequest(model_id, host=str(self.host_combo.currentData()), port=self.port_spin.value(),
                                    parallel=self.parallel_spin.value())
        self.notice.show_message(lambda: self.tr("Starting the server…"))
        self.job_id = self.controller.submit(request, self._on_events)
        self._update()

    @Slot()
    def stop(self) -> None:
        if self.job_id:
            return
        self.job_id = self.controller.submit(StopSharingRequest(), self._on_events)
        self._update()

    def _on_events(self, events) -> None:
        dispatch(events, on_result=self._on_info, on_failed=self._on_failed, on_end=self._on_end)

    def _on_info(self, info) -> None:
        self.info = info
        self.notice.clear_message()
        if info.running:
            self.status_timer.start()
        else:
            self.status_timer.stop()

    def _on_failed(self, event: Failed) -> None:
        self.notice.show_message(say(event.message), error=True)

    def _on_end(self, _event) -> None:
        self.job_id = ""
        self._update()

    def showEvent(self, event) -> None:  # noqa: N802 - Qt's name
        super().showEvent(event)
        if self.info is not None and self.info.running:
            self.status_timer.start()
            self._ask_status()

    def hideEvent(self, event) -> None:  # noqa: N802 - Qt's name
        self.status_timer.stop()  # the load is asked only while someone looks at it
        super().hideEvent(event)

    @Slot()
    def _ask_status(self) -> None:
        if self.status_job_id or self.job_id:
            return
        self.status_job_id = self.controller.submit(ShareStatusRequest(), self._on_status)

    def _on_status(self, events) -> None:
        def ended(_event) -> None:
            self.status_job_id = ""

        def seen(info) -> None:
            self.info = info
            self._update()

        dispatch(events, on_result=seen, on_end=ended)
