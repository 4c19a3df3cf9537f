"""The sound on stage: whatever was opened, recorded or generated, drawn as a waveform and a
spectrogram with a moving playhead, with Play / Stop / Save as.

Playback goes through ``sounddevice`` on PortAudio's own thread; a timer only reads the playhead,
so the window never waits on the sound card. Without a usable output device the Play button is
disabled and says why.
"""
from __future__ import annotations

import shutil
from pathlib import Path

import numpy as np
from PySide6.QtCore import QTimer, Signal, Slot
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from desktop_app.audio.audio_views import HeatmapView, WaveformView
from desktop_app.i18n.retranslate import Text, keep_translated, say
from desktop_app.widgets import palette
from desktop_app.widgets.file_dialogs import choose_file_to_save
from model_backend.audio.analysis import spectrogram
from model_backend.audio.sound_devices import AudioDeviceError, Player

PLAYHEAD_MS = 40
MAX_DB_FLOOR = -90.0


class SoundStage(QWidget):
    transcribe_requested = Signal(str)  # the sound's file: made or opened here, turned back into text

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.samples: np.ndarray | None = None
        self.sample_rate = 0
        self.path = ""
        self.output_device: int | None = None
        self.play_unavailable_reason = ""
        self.player = Player()
        self.title_text: Text = self._empty_title
        self.problem_text: Text = ""  # why playing or saving failed; the title keeps describing the sound
        self.title = QLabel(self)
        self.title.setWordWrap(True)
        self.waveform = WaveformView("", self)
        self.spectrogram = HeatmapView("", self)
        self.play_button = QPushButton(self)
        self.stop_button = QPushButton(self)
        self.save_button = QPushButton(self)
        self.transcribe_button = QPushButton(self)
        self.time_label = QLabel(self)
        self.problem = QLabel(self)
        self.problem.setWordWrap(True)
        palette.set_text_colour(self.problem, palette.ERROR)
        buttons = QHBoxLayout()
        for widget in (self.play_button, self.stop_button, self.save_button, self.transcribe_button):
            buttons.addWidget(widget)
        buttons.addWidget(self.time_label, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.waveform, 1)
        layout.addWidget(self.spectrogram, 2)
        layout.addLayout(buttons)
        layout.addWidget(self.problem)
        self.timer = QTimer(self)
        self.timer.setInterval(PLAYHEAD_MS)
        self.timer.timeout.connect(self._tick)
        self.play_button.clicked.connect(lambda: self.play_from(0.0))
        self.stop_button.clicked.connect(self.stop)
        self.save_button.clicked.connect(self._save_as)
        self.transcribe_button.clicked.connect(lambda: self.transcribe_requested.emit(self.path))
        for view in (self.waveform, self.spectrogram):
            view.seek_requested.connect(self.play_from)
        self._update_buttons()
        keep_translated(self, self._retranslate)

    def _retranslate(self) -> None:
        self.title.setText(say(self.title_text))
        self.problem.setText(say(self.problem_text))
        self.waveform.set_placeholder(self.tr("Waveform"))
        self.spectrogram.set_placeholder(self.tr("Spectrogram (time → , pitch ↑)"))
        self.spectrogram.setToolTip(self.tr("Spectrogram: time from left to right, frequency from bottom to top, "
                                            "brightness is loudness."))
        self.play_button.setText(self.tr("Play"))
        self.stop_button.setText(self.tr("Stop playing"))
        self.save_button.setText(self.tr("Save as…"))
        self.transcribe_button.setText(self.tr("Transcribe this sound"))
        self.transcribe_button.setToolTip(self.tr("Turn this sound into text with the speech-to-text model"))
        self._show_time()

    def _empty_title(self) -> str:
        return self.tr("No sound loaded yet: open a file, record, or generate speech or music.")

    def set_title(self, text: Text) -> None:
        """What the stage says about its sound: kept as a ``Text``, so a language switch says it again."""
        self.title_text = text
        self.title.setText(say(text))

    def show_problem(self, text: Text) -> None:
        self.problem_text = text
        self.problem.setText(say(text))

    # ---- content ----------------------------------------------------------------------
    def set_sound(self, samples: np.ndarray, sample_rate: int, title: Text, path: str = "",
                  spectrogram_db: np.ndarray | None = None) -> None:
        self.stop()
        self.samples = np.asarray(samples, dtype=np.float32)
        self.sample_rate = int(sample_rate)
        self.path = path
        duration = self.duration
        self.set_title(title)
        self.show_problem("")
        self.waveform.set_samples(self.samples, self.sample_rate)
        if spectrogram_db is None:
            spectrogram_db, _ = spectrogram(self.samples, self.sample_rate)
        self.spectrogram.set_values(spectrogram_db, duration, low=max(MAX_DB_FLOOR, float(spectrogram_db.max()) - 80))
        self._show_time()
        self._update_buttons()

    def clear(self) -> None:
        """Nothing on stage (the next group of students starts afresh); the sound's file stays on disk."""
        self.stop()
        self.samples, self.sample_rate, self.path = None, 0, ""
        self.set_title(self._empty_title)
        self.show_problem("")
        self.waveform.set_samples(None)
        self.spectrogram.set_values(None)
        self._show_time()
        self._update_buttons()

    def _show_time(self) -> None:
        self.time_label.setText(self.tr("{d:.1f} s · {rate} Hz").format(d=self.duration, rate=self.sample_rate)
                                if self.samples is not None else "")

    @property
    def duration(self) -> float:
        return len(self.samples) / self.sample_rate if self.samples is not None and self.sample_rate else 0.0

    def set_output(self, device: int | None, unavailable_reason: str = "") -> None:
        self.output_device = device
        self.play_unavailable_reason = unavailable_reason
        self.problem.setText(say(self.problem_text))  # a problem that quotes the reason says it in its new words
        self._update_buttons()

    def _update_buttons(self) -> None:
        has_sound = self.samples is not None and len(self.samples) > 0
        can_play = has_sound and not self.play_unavailable_reason
        self.play_button.setEnabled(can_play)
        self.play_button.setToolTip(self.play_unavailable_reason)
        self.stop_button.setEnabled(self.player.is_playing)
        self.save_button.setEnabled(has_sound and bool(self.path))
        self.transcribe_button.setEnabled(has_sound and bool(self.path))

    # ---- playback ---------------------------------------------------------------------
    @Slot(float)
    def play_from(self, seconds: float) -> bool:
        if self.samples is None or self.play_unavailable_reason:
            if self.play_unavailable_reason:
                self.show_problem(lambda: self.play_unavailable_reason)  # set_output brings the new language
            return False
        try:
            self.player.play(self.samples, self.sample_rate, device=self.output_device,
                             start_seconds=max(0.0, min(seconds, self.duration)))
        except AudioDeviceError as exc:
            self.show_problem(exc.message)
            return False
        self.show_problem("")
        self.timer.start()
        self._update_buttons()
        return True

    @Slot()
    def stop(self) -> None:
        self.player.stop()
        self.timer.stop()
        self._show_playhead(None)
        self._update_buttons()

    def _tick(self) -> None:
        if not self.player.is_playing:
            self.stop()
            return
        self._show_playhead(self.player.position_seconds)

    def _show_playhead(self, seconds: float | None) -> None:
        self.waveform.set_playhead(seconds)
        self.spectrogram.set_playhead(seconds)

    # ---- saving -------------------------------------------------------------------------
    @Slot()
    def _save_as(self) -> None:
        target, _ = choose_file_to_save(self, self.tr("Save sound"), Path(self.path).name, self.tr("WAV audio (*.wav)"))
        if target:
            self.save_copy(target)

    def save_copy(self, target: str) -> str:
        """Copy the saved WAV (already in the user's audio folder) where the user wants it."""
        try:
            shutil.copyfile(self.path, target)
        except OSError as exc:
            self.show_problem(lambda error=exc: self.tr("Could not save: {error}").format(error=error))
            return self.problem.text()
        self.show_problem("")
        return ""
