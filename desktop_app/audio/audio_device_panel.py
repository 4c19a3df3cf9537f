"""Microphone and speaker pickers; says plainly why recording or playback is unavailable.

Probing PortAudio usually takes milliseconds, so it runs on the GUI thread: the first time the Audio
tab is shown, and on Refresh (a newly plugged headset appears after Refresh).
"""
from __future__ import annotations

from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import QComboBox, QFormLayout, QHBoxLayout, QLabel, QToolButton, QWidget

from desktop_app.widgets import palette
from model_backend.audio.sound_devices import AudioAvailability, probe


class AudioDevicePanel(QWidget):
    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.availability: AudioAvailability | None = None
        self.input_combo = QComboBox(self)
        self.output_combo = QComboBox(self)
        self.refresh_button = QToolButton(self)
        self.refresh_button.setText(self.tr("Refresh devices"))
        self.reason = QLabel(self)
        self.reason.setWordWrap(True)
        self.reason.setStyleSheet(f"color: {palette.WARNING};")
        row = QHBoxLayout()
        row.addWidget(self.output_combo, 1)
        row.addWidget(self.refresh_button)
        form = QFormLayout(self)
        form.setContentsMargins(0, 0, 0, 0)
        form.addRow(self.tr("Microphone"), self.input_combo)
        form.addRow(self.tr("Speakers"), row)
        form.addRow(self.reason)
        self.refresh_button.clicked.connect(lambda: self.refresh(True))
        self.input_combo.currentIndexChanged.connect(lambda _: self.changed.emit())
        self.output_combo.currentIndexChanged.connect(lambda _: self.changed.emit())

    @Slot()
    def refresh(self, rescan: bool = False) -> None:
        self.availability = found = probe(refresh=rescan)
        for combo, devices, default in ((self.input_combo, found.inputs, found.default_input),
                                        (self.output_combo, found.outputs, found.default_output)):
            combo.blockSignals(True)
            combo.clear()
            for device in devices:
                combo.addItem(f"{device.name} ({device.host_api})", device.index)
            if not devices:
                combo.addItem(self.tr("none found"), None)
            index = combo.findData(default) if default is not None else 0
            combo.setCurrentIndex(max(0, index))
            combo.setEnabled(bool(devices))
            combo.blockSignals(False)
        reasons = [r for r in (found.record_reason, found.play_reason) if r] if found.available else [found.reason]
        unique = list(dict.fromkeys(reasons))
        self.reason.setText(" ".join(unique) + (" " + self.tr("Files still work.") if unique else ""))
        self.reason.setVisible(bool(unique))
        self.refresh_button.setToolTip(self.tr("Look for microphones and speakers again")
                                       + (f" — {found.library}" if found.library else ""))
        self.changed.emit()

    @Slot()
    def refresh_if_unchecked(self) -> None:
        if self.availability is None:
            self.refresh()

    def input_device(self) -> int | None:
        return self.input_combo.currentData()

    def output_device(self) -> int | None:
        return self.output_combo.currentData()

    def record_unavailable_reason(self) -> str:
        found = self.availability
        if found is None:
            return self.tr("Audio devices have not been checked yet.")
        return "" if found.can_record else (found.record_reason or found.reason)

    def play_unavailable_reason(self) -> str:
        found = self.availability
        if found is None:
            return self.tr("Audio devices have not been checked yet.")
        return "" if found.can_play else (found.play_reason or found.reason)
