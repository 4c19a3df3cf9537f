"""Status bar: device and why, model, memory in use, live generation speed.

Several models can be loaded at once (a chat model, the sentence model of the Embeddings page, an image
model); the bar shows the one the user is looking at: each model picker says when it comes into view
(``ModelPicker.model_in_view``), and a model's status is kept until it is wanted again."""
from __future__ import annotations

import os

from PySide6.QtCore import QTimer, Slot
from PySide6.QtWidgets import QLabel, QStatusBar, QWidget

from desktop_app.i18n.retranslate import keep_translated, say
from desktop_app.widgets.elided_label import ElidedLabel
from model_backend.core.jobs import DeviceStatus


def process_memory_bytes() -> int:
    try:
        import psutil

        return int(psutil.Process(os.getpid()).memory_info().rss)
    except Exception:
        return 0


class AppStatusBar(QStatusBar):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.device_label = QLabel(self)
        self.model_label = ElidedLabel("", self)
        self.memory_label = QLabel(self)
        self.speed_label = QLabel(self)
        for label in (self.device_label, self.model_label, self.memory_label, self.speed_label):
            self.addPermanentWidget(label)
        self.accelerator_bytes: int | None = None
        self.device_status: DeviceStatus | None = None  # the one shown
        self.statuses: dict[str, DeviceStatus] = {}  # the last status of every model loaded, by model id
        self.model_in_view = ""  # the model chosen by the picker in view
        self.tokens_per_second: float | None = None
        self._timer = QTimer(self)
        self._timer.setInterval(2000)
        self._timer.timeout.connect(self.update_memory)
        self._timer.start()
        keep_translated(self, self._retranslate)

    def _retranslate(self) -> None:
        status = self.device_status
        if status is None:
            self.device_label.setText(self.tr("Device: chosen when the first model loads"))
            self.model_label.setText(self.tr("Model: none loaded"))
        else:
            self.device_label.setText(self.tr("Device: {device} ({dtype}) · {engine}").format(
                device=status.device.upper(), dtype=status.dtype, engine=status.engine) if status.engine else
                self.tr("Device: {device} ({dtype})").format(device=status.device.upper(), dtype=status.dtype))
            self.device_label.setToolTip(say(status.reason))
            self.model_label.setText(self.tr("Model: {name}").format(name=status.model_name))
        self.speed_label.setText(self.tr("Speed: –") if self.tokens_per_second is None else
                                 self.tr("Speed: {speed:.1f} tokens/s").format(speed=self.tokens_per_second))
        self.update_memory()

    @Slot(object)
    def show_device(self, status: DeviceStatus) -> None:
        """A model was loaded: shown unless another loaded model is the one in view (a job of a tab
        the user has left, or a page's second model loading in the background)."""
        self.statuses[status.model_id] = status
        if status.model_id == self.model_in_view or self.model_in_view not in self.statuses:
            self._show(status)

    @Slot(str)
    def follow_model(self, model_id: str) -> None:
        """The picker in view has ``model_id``: show its status if it has been loaded (else keep the last)."""
        self.model_in_view = model_id
        if model_id in self.statuses:
            self._show(self.statuses[model_id])

    def _show(self, status: DeviceStatus) -> None:
        self.device_status = status
        self.accelerator_bytes = status.accelerator_memory_bytes
        self._retranslate()

    @Slot()
    def update_memory(self) -> None:
        text = self.tr("Memory: {mb:.0f} MB").format(mb=process_memory_bytes() / 1e6)
        if self.accelerator_bytes is not None:
            text += self.tr(" (+{mb:.0f} MB on the GPU)").format(mb=self.accelerator_bytes / 1e6)
        self.memory_label.setText(text)

    @Slot(float)
    def show_speed(self, tokens_per_second: float) -> None:
        self.tokens_per_second = tokens_per_second
        self._retranslate()
