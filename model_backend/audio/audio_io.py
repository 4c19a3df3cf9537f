"""Read any audio file into mono float32 samples, and write WAV files atomically.

WAV/FLAC/OGG/MP3 are read with libsndfile (exact, fast); everything else, and every resampling,
goes through FFmpeg (PyAV, which faster-whisper already needs). Every failure becomes a
``BackendError`` with a sentence a student can act on, never a decoder traceback.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np

from model_backend.core.atomic import atomic_target
from model_backend.core.errors import BackendError, ErrorKind

MAX_SECONDS = 4 * 3600  # longer than any lesson; beyond this the samples alone would fill a laptop's memory
CLIP_LEVEL = 0.999
AUDIO_EXTENSIONS = (".wav", ".flac", ".mp3", ".ogg", ".oga", ".opus", ".m4a", ".aac", ".wma", ".aiff", ".aif",
                    ".webm", ".mp4", ".mkv", ".mov")


@dataclass(frozen=True)
class AudioClip:
    samples: np.ndarray  # float32 mono in [-1, 1]
    sample_rate: int
    source_rate: int
    source_channels: int
    path: str = ""

    @property
    def duration(self) -> float:
        return len(self.samples) / self.sample_rate if self.sample_rate else 0.0

    @property
    def clipped_fraction(self) -> float:
        """Share of samples at full scale: above ~0.1 % the recording was too loud and is distorted."""
        if not len(self.samples):
            return 0.0
        return float(np.count_nonzero(np.abs(self.samples) >= CLIP_LEVEL)) / len(self.samples)

    def notes(self) -> tuple[str, ...]:
        found = []
        if self.source_channels > 1:
            found.append(f"The file has {self.source_channels} channels; they were mixed to one (mono).")
        if self.source_rate != self.sample_rate:
            found.append(f"Resampled from {self.source_rate} Hz to {self.sample_rate} Hz.")
        if self.clipped_fraction > 0.001:
            found.append(f"{self.clipped_fraction:.1%} of the samples are clipped (the input was too loud); "
                         "words there may be misheard.")
        return tuple(found)


def _unreadable(path: Path, exc: BaseException | None = None) -> BackendError:
    return BackendError(
        ErrorKind.INVALID_INPUT,
        f"{path.name} could not be read as audio. Choose a sound file such as WAV, FLAC, MP3 or OGG "
        "(the file may also be damaged or still downloading).",
        details=repr(exc) if exc else "",
    )


def _read_with_soundfile(path: Path) -> tuple[np.ndarray, int, int] | None:
    import soundfile

    try:
        with soundfile.SoundFile(str(path)) as handle:
            if handle.frames > MAX_SECONDS * handle.samplerate:
                raise _too_long(path, handle.frames / handle.samplerate)
            data = handle.read(dtype="float32", always_2d=True)
            return data, handle.samplerate, handle.channels
    except BackendError:
        raise
    except Exception:  # noqa: BLE001 - libsndfile does not know the format: let FFmpeg try
        return None


def _read_with_av(path: Path, sample_rate: int | None) -> tuple[np.ndarray, int, int]:
    import av

    try:
        with av.open(str(path), mode="r", metadata_errors="ignore") as container:
            if not container.streams.audio:
                raise _unreadable(path)
            stream = container.streams.audio[0]
            source_rate = int(stream.rate or stream.codec_context.sample_rate or 0)
            channels = int(getattr(stream.codec_context, "channels", 0) or 1)
            if container.duration and container.duration / 1e6 > MAX_SECONDS:
                raise _too_long(path, container.duration / 1e6)
            resampler = av.AudioResampler(format="flt", layout="mono", rate=sample_rate or source_rate or None)
            pieces = []
            for frame in container.decode(stream):
                for out in resampler.resample(frame):
                    pieces.append(out.to_ndarray().reshape(-1))
            for out in resampler.resample(None):
                pieces.append(out.to_ndarray().reshape(-1))
    except BackendError:
        raise
    except Exception as exc:  # noqa: BLE001 - any decoder error means "not audio we can read"
        raise _unreadable(path, exc) from exc
    samples = np.concatenate(pieces).astype(np.float32) if pieces else np.zeros(0, np.float32)
    return samples.reshape(-1, 1), source_rate or sample_rate or 0, channels


def _too_long(path: Path, seconds: float) -> BackendError:
    return BackendError(ErrorKind.INVALID_INPUT,
                        f"{path.name} is {seconds / 3600:.1f} hours long; the app handles up to "
                        f"{MAX_SECONDS // 3600} hours. Cut it into shorter parts first.")


def read_audio(path: str | Path, sample_rate: int | None = None) -> AudioClip:
    """Decode ``path`` to mono float32, resampled to ``sample_rate`` when given (16 kHz for Whisper)."""
    path = Path(path)
    if not path.exists():
        raise BackendError(ErrorKind.INVALID_INPUT,
                           f"{path} does not exist (was it moved, deleted, or on a removed USB stick?).")
    if path.is_dir():
        raise BackendError(ErrorKind.INVALID_INPUT, f"{path.name} is a folder; choose a sound file.")
    if path.stat().st_size == 0:
        raise BackendError(ErrorKind.INVALID_INPUT, f"{path.name} is empty (0 bytes): there is no sound in it.")
    read = _read_with_soundfile(path)
    if read is None:
        data, source_rate, channels = _read_with_av(path, sample_rate)
        rate = sample_rate or source_rate
    else:
        data, source_rate, channels = read
        rate = source_rate
    mono = data.mean(axis=1).astype(np.float32) if data.shape[1] > 1 else data[:, 0].astype(np.float32)
    if read is not None and sample_rate and sample_rate != source_rate:
        mono = resample(mono, source_rate, sample_rate)
        rate = sample_rate
    if len(mono) == 0:
        raise BackendError(ErrorKind.INVALID_INPUT, f"{path.name} contains no sound (it is 0 seconds long).")
    if not np.all(np.isfinite(mono)):
        mono = np.nan_to_num(mono, nan=0.0, posinf=1.0, neginf=-1.0)
    return AudioClip(np.clip(mono, -1.0, 1.0), int(rate), int(source_rate), int(channels), str(path))


def duration_of(path: str | Path) -> float | None:
    """Seconds of audio in ``path`` from its header (no decoding), or None if it cannot tell."""
    import soundfile

    try:
        return float(soundfile.info(str(path)).duration)
    except Exception:  # noqa: BLE001 - not a libsndfile format: ask FFmpeg
        pass
    try:
        import av

        with av.open(str(path), mode="r", metadata_errors="ignore") as container:
            return container.duration / 1e6 if container.duration else None
    except Exception:  # noqa: BLE001 - unreadable files are reported when they are decoded
        return None


def resample(samples: np.ndarray, source_rate: int, target_rate: int) -> np.ndarray:
    """Band-limited resampling through FFmpeg's resampler (no aliasing, unlike interpolation)."""
    if source_rate == target_rate or not len(samples):
        return samples.astype(np.float32)
    import av

    resampler = av.AudioResampler(format="flt", layout="mono", rate=target_rate)
    pieces = []
    block = 1 << 16
    for start in range(0, len(samples), block):
        chunk = np.ascontiguousarray(samples[start:start + block], dtype=np.float32).reshape(1, -1)
        frame = av.AudioFrame.from_ndarray(chunk, format="flt", layout="mono")
        frame.sample_rate = source_rate
        frame.pts = start
        pieces.extend(out.to_ndarray().reshape(-1) for out in resampler.resample(frame))
    pieces.extend(out.to_ndarray().reshape(-1) for out in resampler.resample(None))
    return np.concatenate(pieces).astype(np.float32) if pieces else np.zeros(0, np.float32)


def unique_file_name(prefix: str, suffix: str = ".wav") -> str:
    """Time-stamped and unique even when two copies of the app save in the same second."""
    import time
    import uuid

    return f"{prefix}-{time.strftime('%Y%m%d-%H%M%S')}-{uuid.uuid4().hex[:6]}{suffix}"


def write_wav_atomic(path: str | Path, samples: np.ndarray, sample_rate: int) -> Path:
    """Write 16-bit PCM WAV via a temp file and ``os.replace``: a crash never leaves half a file."""
    import soundfile

    path = Path(path)
    with atomic_target(path, suffix=".wav") as tmp:
        soundfile.write(str(tmp), np.clip(np.asarray(samples, dtype=np.float32), -1, 1), int(sample_rate),
                        subtype="PCM_16", format="WAV")
    return path
