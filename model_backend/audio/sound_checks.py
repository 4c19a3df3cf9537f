"""Is there sound to transcribe? Files of NaN samples or digital silence are refused in a plain sentence.

Whisper given nothing but zeros does not say "silence": it "hears" a word it saw often in training
("You", "Thank you."). Decoders turn NaN samples into zeros, so a damaged float WAV ends the same way.
Both are found here from the file's raw samples, before a model is loaded.

Only files libsndfile reads (WAV, FLAC, OGG, MP3: the formats that can hold such samples) and of at most
``SCAN_MAX_SECONDS`` are scanned, block by block, so the check costs a fraction of a second; longer files
are left to the transcription itself.
"""
from __future__ import annotations

from pathlib import Path

import numpy as np

from model_backend.core.errors import BackendError, ErrorKind
from model_backend.core.messages import msg

SCAN_MAX_SECONDS = 20 * 60
SCAN_BLOCK_FRAMES = 1 << 18
SILENCE_PEAK = 1.0 / 32768  # one step of 16-bit audio: anything quieter is digital silence
MAX_NON_FINITE_SHARE = 0.01  # a few bad samples are repaired (set to silence); more means a damaged file


class SoundCheck:
    """Accumulates what the raw samples of a file hold, block by block."""

    def __init__(self) -> None:
        self.samples = 0
        self.non_finite = 0
        self.peak = 0.0

    def add(self, block: np.ndarray) -> None:
        block = np.asarray(block)
        finite = np.isfinite(block)
        self.samples += block.size
        self.non_finite += int(block.size - np.count_nonzero(finite))
        if finite.any():
            self.peak = max(self.peak, float(np.max(np.abs(block[finite]))))

    def problem(self, name: str) -> BackendError | None:
        """Why these samples cannot be transcribed, or None."""
        if not self.samples:
            return None
        if self.non_finite and self.non_finite >= MAX_NON_FINITE_SHARE * self.samples:
            if self.non_finite == self.samples:
                return BackendError(ErrorKind.INVALID_INPUT,
                                    msg("{name} is damaged: all of its samples are not numbers (NaN or infinity), so "
                                        "there is no sound to transcribe. Record or export the audio again.", name=name))
            return BackendError(ErrorKind.INVALID_INPUT,
                                msg("{name} is damaged: {share:.0%} of its samples are not numbers (NaN or infinity), "
                                    "so there is no sound to transcribe. Record or export the audio again.", name=name,
                                    share=self.non_finite / self.samples))
        if self.peak <= SILENCE_PEAK:
            return BackendError(ErrorKind.INVALID_INPUT,
                                msg("{name} is silent: every sample is zero, so there is no speech to transcribe. If it "
                                    "is a recording, check that the microphone was not muted and that the right "
                                    "microphone was chosen.", name=name))
        return None


def check_sound(samples: np.ndarray, name: str) -> None:
    """Raise when an array of samples is NaN-damaged or digitally silent."""
    check = SoundCheck()
    check.add(samples)
    problem = check.problem(name)
    if problem is not None:
        raise problem


def check_sound_file(path: str | Path) -> None:
    """Raise when ``path`` holds no usable sound (see the module's docstring for which files are scanned).

    Files that cannot be opened here are not judged: reading them later gives the proper message."""
    import soundfile

    path = Path(path)
    try:
        handle = soundfile.SoundFile(str(path))
    except Exception:  # noqa: BLE001 - not a libsndfile format, or not audio: read_audio will say
        return
    check = SoundCheck()
    with handle:
        if not handle.samplerate or handle.frames > SCAN_MAX_SECONDS * handle.samplerate:
            return
        try:
            while True:
                block = handle.read(SCAN_BLOCK_FRAMES, dtype="float32", always_2d=True)
                if not len(block):
                    break
                check.add(block)
        except Exception:  # noqa: BLE001 - a damaged file: read_audio reports it in its own words
            return
    problem = check.problem(path.name)
    if problem is not None:
        raise problem
