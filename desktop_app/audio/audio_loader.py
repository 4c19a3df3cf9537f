"""Decode an audio file and compute its pictures off the GUI thread.

Opening a one-hour MP3 takes seconds; it is not model work, so it does not queue behind a long
job on the backend thread either: a task on Qt's global thread pool does it and reports back by signal.

Quitting never waits for a decode: the signal carrier has no parent and each task keeps it alive, so
a task that finishes after the tab is gone emits into a connection Qt has already dropped.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from model_backend.audio.analysis import spectrogram
from model_backend.audio.audio_io import AudioClip, duration_of, read_audio
from model_backend.core.errors import BackendError

LONG_SECONDS = 20 * 60  # longer files are shown and played at 16 kHz: an hour is then 230 MB, not 600 MB
LONG_RATE = 16000


@dataclass(frozen=True)
class LoadedSound:
    clip: AudioClip
    spectrogram_db: np.ndarray
    token: int  # which request this answers, so a slow old load never replaces a newer one


class _Signals(QObject):
    loaded = Signal(object)  # LoadedSound
    failed = Signal(int, object)  # token, a backend Message (a str would lose what the UI needs to translate it)


class _LoadTask(QRunnable):
    def __init__(self, path: str, token: int, signals: _Signals) -> None:
        super().__init__()
        self.path, self.token, self.signals = path, token, signals

    def run(self) -> None:
        try:
            long = (duration_of(self.path) or 0) > LONG_SECONDS
            clip = read_audio(self.path, LONG_RATE if long else None)
            db, _ = spectrogram(clip.samples, clip.sample_rate)
        except BackendError as exc:
            self.signals.failed.emit(self.token, exc.message)
            return
        except Exception as exc:  # noqa: BLE001 - reported to the user, never raised into Qt
            self.signals.failed.emit(self.token, f"{type(exc).__name__}: {exc}")
            return
        self.signals.loaded.emit(LoadedSound(clip, db, self.token))


class AudioLoader(QObject):
    loaded = Signal(object)  # LoadedSound
    failed = Signal(object)  # a Message or a library's own words: shown with say()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._signals = _Signals()  # no parent: running tasks keep it alive after this loader is deleted
        self._signals.loaded.connect(self._on_loaded)
        self._signals.failed.connect(self._on_failed)
        self._token = 0
        self._pending = 0  # loads started and not yet answered
        self.pool = QThreadPool.globalInstance()

    def load(self, path: str) -> int:
        self._token += 1
        self._pending += 1
        self.pool.start(_LoadTask(path, self._token, self._signals))
        return self._token

    @property
    def busy(self) -> bool:
        return self._pending > 0

    def discard_pending(self) -> None:
        """Whatever is still loading will not be reported: something newer is on stage."""
        self._token += 1

    def _on_loaded(self, sound: LoadedSound) -> None:
        self._pending -= 1
        if sound.token == self._token:
            self.loaded.emit(sound)

    def _on_failed(self, token: int, message) -> None:
        self._pending -= 1
        if token == self._token:
            self.failed.emit(message)

