"""Microphone and speaker pickers; says plainly why recording or playback is unavailable.

Probing PortAudio usually takes milliseconds, so it runs on the GUI thread: the first time the Audio
tab is shown, and on Refresh (a newly plugged headset appears after Refresh).
"""
from __future__ import annotations

from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import QComboBox, QFormLayout, QHBoxLayout, QLabel, QToolButton, QWidget

from desktop_app.i18n.retranslate import keep_translated, say
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
        self.reason = QLabel(self)
        self.reason.setWordWrap(True)
        palette.set_text_colour(self.reason, palette.WARNING)
        self.reason.hide()
        self.input_label = QLabel(self)
        self.output_label = QLabel(self)
        row = QHBoxLayout()
        row.addWidget(self.output_combo, 1)
        row.addWidget(self.refresh_button)
        form = QFormLayout(self)
        form.setContentsMargins(0, 0, 0, 0)
        form.addRow(self.input_label, self.input_combo)
        form.addRow(self.output_label, row)
        form.addRow(self.reason)
        self.refresh_button.clicked.connect(lambda: self.refresh(True))
        self.input_combo.currentIndexChanged.connect(lambda _: self.changed.emit())
        self.output_combo.currentIndexChanged.connect(lambda _: self.changed.emit())
        keep_translated(self, self._retranslate)

    def _retranslate(self) -> None:
        self.refresh_button.setText(self.tr("Refresh devices"))
        self.input_label.setText(self.tr("Microphone"))
        self.output_label.setText(self.tr("Speakers"))
        for combo in (self.input_combo, self.output_combo):
            if combo.count() == 1 and combo.itemData(0) is None:  # the "none found" entry
                combo.setItemText(0, self.tr("none found"))
        found = self.availability
        library = found.library if found is not None else ""
        self.refresh_button.setToolTip(self.tr("Look for microphones and speakers again — {library}").format(
            library=say(library)) if library else self.tr("Look for microphones and speakers again"))
        if found is None:
            return
        reasons = [r for r in (found.record_reason, found.play_reason) if r] if found.available else [found.reason]
        unique = list(dict.fromkeys(say(reason) for reason in reasons if reason))
        self.reason.setText(self.tr("{reasons} Files still work.").format(reasons=" ".join(unique)) if unique else "")
        self.reason.setVisible(bool(unique))

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
                combo.addItem("", None)  # named "none found" by _retranslate
            index = combo.findData(default) if default is not None else 0
            combo.setCurrentIndex(max(0, index))
            combo.setEnabled(bool(devices))
            combo.blockSignals(False)
        self._retranslate()
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
        """Why recording is impossible, in the current language ("" when it works)."""
        found = self.availability
        if found is None:
            return self.tr("Audio devices have not been checked yet.")
        return "" if found.can_record else say(found.record_reason or found.reason)

    def play_unavailable_reason(self) -> str:
        """Why playing is impossible, in the current language ("" when it works)."""
        found = self.availability
        if found is None:
            return self.tr("Audio devices have not been checked yet.")
        return "" if found.can_play else say(found.play_reason or found.reason)
