"""Read any audio file into mono float32 samples, and write WAV files atomically.

WAV/FLAC/OGG/MP3 are read with libsndfile (exact, fast); everything else, and every resampling,
goes through FFmpeg (PyAV, which faster-whisper already needs). Every failure becomes a
``BackendError`` with a sentence a student can act on, never a decoder traceback.

``AudioStream`` decodes a file a block at a time (one resampler for the whole stream, so block edges
leave no trace) and ``SampleWindows`` hands out forward-only windows of it: transcription holds one
window and one block, whatever the file's length. ``read_audio`` is the same stream joined whole.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from threading import Event
from typing import Iterable, Iterator

import numpy as np

from model_backend.core.atomic import atomic_target
from model_backend.core.errors import BackendError, ErrorKind, JobCancelled
from model_backend.core.messages import msg
from model_backend.core.provenance import with_wav_label

MAX_SECONDS = 4 * 3600  # longer than any lesson; beyond this the samples alone would fill a laptop's memory
CLIP_LEVEL = 0.999
BLOCK_SECONDS = 10.0  # decoded per step when streaming: a few MB, small next to a 30-s Whisper window
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
        return _notes(self.source_channels, self.source_rate, self.sample_rate, self.clipped_fraction)


def _notes(channels: int, source_rate: int, sample_rate: int, clipped_fraction: float) -> tuple[str, ...]:
    found = []
    if channels > 1:
        found.append(msg("The file has {channels} channels; they were mixed to one (mono).", channels=channels))
    if source_rate != sample_rate:
        found.append(msg("Resampled from {source_rate} Hz to {sample_rate} Hz.", source_rate=source_rate,
                         sample_rate=sample_rate))
    if clipped_fraction > 0.001:
        found.append(msg("{fraction:.1%} of the samples are clipped (the input was too loud); words there may be "
                         "misheard.", fraction=clipped_fraction))
    return tuple(found)


def _unreadable(path: Path, exc: BaseException | None = None) -> BackendError:
    return BackendError(
        ErrorKind.INVALID_INPUT,
        msg("{name} could not be read as audio. Choose a sound file such as WAV, FLAC, MP3 or OGG (the file may also "
            "be damaged or still downloading).", name=path.name),
        details=repr(exc) if exc else "",
    )


def _too_long(path: Path, seconds: float) -> BackendError:
    return BackendError(ErrorKind.INVALID_INPUT,
                        msg("{name} is {hours:.1f} hours long; the app handles up to {limit} hours. Cut it into shorter "
                            "parts first.", name=path.name, hours=seconds / 3600, limit=MAX_SECONDS // 3600))


def _checked_path(path: str | Path) -> Path:
    path = Path(path)
    if not path.exists():
        raise BackendError(ErrorKind.INVALID_INPUT,
                           msg("{path} does not exist (was it moved, deleted, or on a removed USB stick?).", path=str(path)))
    if path.is_dir():
        raise BackendError(ErrorKind.INVALID_INPUT, msg("{name} is a folder; choose a sound file.", name=path.name))
    if path.stat().st_size == 0:
        raise BackendError(ErrorKind.INVALID_INPUT, msg("{name} is empty (0 bytes): there is no sound in it.",
                                                        name=path.name))
    return path


def _no_sound(path: Path) -> BackendError:
    return BackendError(ErrorKind.INVALID_INPUT, msg("{name} contains no sound (it is 0 seconds long).", name=path.name))


def _joined(pieces: list[np.ndarray]) -> np.ndarray:
    if not pieces:
        return np.zeros(0, np.float32)
    return (pieces[0] if len(pieces) == 1 else np.concatenate(pieces)).astype(np.float32, copy=False)


class _StreamResampler:
    """FFmpeg's band-limited resampler fed block after block. One resampler keeps its filter history
    from block to block and is flushed once at the end, so the output is the same as resampling the
    whole signal at once: no clicks, gaps or repeated samples at block edges (a fresh resampler per
    block would pad and flush every block)."""

    STEP = 1 << 16  # samples per FFmpeg frame

    def __init__(self, source_rate: int, target_rate: int) -> None:
        import av

        self._av = av
        self._resampler = av.AudioResampler(format="flt", layout="mono", rate=target_rate)
        self._source_rate = int(source_rate)
        self._pts = 0

    def __call__(self, samples: np.ndarray) -> np.ndarray:
        pieces = []
        for start in range(0, len(samples), self.STEP):
            chunk = np.ascontiguousarray(samples[start:start + self.STEP], dtype=np.float32).reshape(1, -1)
            frame = self._av.AudioFrame.from_ndarray(chunk, format="flt", layout="mono")
            frame.sample_rate = self._source_rate
            frame.pts = self._pts
            self._pts += chunk.shape[1]
            pieces.extend(out.to_ndarray().reshape(-1) for out in self._resampler.resample(frame))
        return _joined(pieces)

    def flush(self) -> np.ndarray:
        return _joined([out.to_ndarray().reshape(-1) for out in self._resampler.resample(None)])


class AudioStream:
    """An audio file decoded from disk a block at a time: mono float32 in [-1, 1], resampled to
    ``sample_rate`` on the way (the file's own rate when None). Only the header is read on opening
    (missing, empty, over-long and unreadable files are refused then); ``blocks()`` decodes as it is
    iterated, so memory holds one block whatever the file's length. Use as a context manager."""

    def __init__(self, path: str | Path, sample_rate: int | None = None,
                 block_seconds: float = BLOCK_SECONDS) -> None:
        import soundfile

        self.path = _checked_path(path)
        self._block_seconds = float(block_seconds)
        self._handle = self._container = None
        self.samples_read = 0  # at ``sample_rate``, after the blocks handed out so far
        self._clipped = 0
        try:
            self._handle = soundfile.SoundFile(str(self.path))
        except Exception:  # noqa: BLE001 - libsndfile does not know the format: let FFmpeg try
            self._handle = None
        if self._handle is not None:
            self.source_rate = int(self._handle.samplerate)
            self.source_channels = int(self._handle.channels)
            self.expected_seconds = self._handle.frames / self.source_rate if self.source_rate else None
        else:
            self._open_with_av()
        self.sample_rate = int(sample_rate or self.source_rate)
        if self.expected_seconds and self.expected_seconds > MAX_SECONDS:
            self.close()
            raise _too_long(self.path, self.expected_seconds)

    def _open_with_av(self) -> None:
        import av

        try:
            self._container = av.open(str(self.path), mode="r", metadata_errors="ignore")
            if not self._container.streams.audio:
                raise _unreadable(self.path)
            stream = self._container.streams.audio[0]
            self.source_rate = int(stream.rate or stream.codec_context.sample_rate or 0)
            self.source_channels = int(getattr(stream.codec_context, "channels", 0) or 1)
            duration = self._container.duration
            self.expected_seconds = duration / 1e6 if duration else None
        except BackendError:
            self.close()
            raise
        except Exception as exc:  # noqa: BLE001 - any decoder error means "not audio we can read"
            self.close()
            raise _unreadable(self.path, exc) from exc

    def __enter__(self) -> "AudioStream":
        return self

    def __exit__(self, *_exc) -> None:
        self.close()

    def close(self) -> None:
        for handle in (self._handle, self._container):
            if handle is not None:
                try:
                    handle.close()
                except Exception:  # noqa: BLE001 - closing a broken file must not hide the real error
                    pass
        self._handle = self._container = None

    def blocks(self) -> Iterator[np.ndarray]:
        """The decoded samples, in order, about ``block_seconds`` per block (iterate once)."""
        raw = self._soundfile_blocks() if self._handle is not None else self._av_blocks()
        for block in raw:
            if not len(block):
                continue
            if not np.all(np.isfinite(block)):
                block = np.nan_to_num(block, nan=0.0, posinf=1.0, neginf=-1.0)
            block = np.clip(block, -1.0, 1.0).astype(np.float32, copy=False)
            self.samples_read += len(block)
            self._clipped += int(np.count_nonzero(np.abs(block) >= CLIP_LEVEL))
            yield block

    def _soundfile_blocks(self) -> Iterator[np.ndarray]:
        frames = max(1, int(self._block_seconds * self.source_rate))
        resample_block = (_StreamResampler(self.source_rate, self.sample_rate)
                          if self.sample_rate != self.source_rate else None)
        while True:
            try:
                data = self._handle.read(frames, dtype="float32", always_2d=True)
            except Exception as exc:  # noqa: BLE001 - a damaged file fails part-way through
                raise _unreadable(self.path, exc) from exc
            if not len(data):
                break
            mono = data.mean(axis=1).astype(np.float32) if data.shape[1] > 1 else data[:, 0]
            yield resample_block(mono) if resample_block else mono
        if resample_block:
            yield resample_block.flush()

    def _av_blocks(self) -> Iterator[np.ndarray]:
        import av

        rate = self.sample_rate or None
        resampler = av.AudioResampler(format="flt", layout="mono", rate=rate)
        wanted = max(1, int(self._block_seconds * (rate or self.source_rate or 48_000)))
        pieces: list[np.ndarray] = []
        size = 0
        try:
            for frame in self._container.decode(self._container.streams.audio[0]):
                for out in resampler.resample(frame):
                    pieces.append(out.to_ndarray().reshape(-1))
                    size += len(pieces[-1])
                if size >= wanted:
                    block, pieces, size = _joined(pieces), [], 0
                    yield block
            pieces.extend(out.to_ndarray().reshape(-1) for out in resampler.resample(None))
        except BackendError:
            raise
        except Exception as exc:  # noqa: BLE001 - any decoder error means "not audio we can read"
            raise _unreadable(self.path, exc) from exc
        if pieces:
            yield _joined(pieces)

    @property
    def clipped_fraction(self) -> float:
        return self._clipped / self.samples_read if self.samples_read else 0.0

    def notes(self) -> tuple[str, ...]:
        """What the user should know about the samples read so far (mono mix, resampling, clipping)."""
        return _notes(self.source_channels, self.source_rate, self.sample_rate, self.clipped_fraction)


class SampleWindows:
    """Forward-only windows over a stream of blocks: ``window(start, length)`` returns samples
    ``[start, start + length)`` (shorter at the end, empty past it), decoding blocks only as far as
    needed and forgetting everything before ``start``. Memory is one window plus one block, whatever
    the length of the file. With ``cancel``, Stop is checked before every block is decoded."""

    def __init__(self, blocks: Iterable[np.ndarray], sample_rate: int, expected_seconds: float | None = None,
                 cancel: Event | None = None) -> None:
        self._blocks = iter(blocks)
        self.sample_rate = int(sample_rate)
        self._expected = expected_seconds
        self._cancel = cancel
        self._buffer = np.zeros(0, np.float32)
        self._base = 0  # sample index of self._buffer[0]
        self.finished = False

    @classmethod
    def from_array(cls, samples: np.ndarray, sample_rate: int) -> "SampleWindows":
        samples = np.asarray(samples, dtype=np.float32).reshape(-1)
        return cls([samples], sample_rate, len(samples) / sample_rate)

    @property
    def samples_read(self) -> int:
        return self._base + len(self._buffer)

    @property
    def expected_seconds(self) -> float | None:
        """Exact once everything is read; before that the header's estimate (None if it had none)."""
        return self.samples_read / self.sample_rate if self.finished else self._expected

    def _forget_before(self, start: int) -> None:
        drop = min(start - self._base, len(self._buffer))
        if drop > 0:
            self._buffer = self._buffer[drop:]
            self._base += drop

    def window(self, start: int, length: int) -> np.ndarray:
        if start < self._base:
            raise ValueError("windows only move forward")
        self._forget_before(start)
        while not self.finished and self.samples_read < start + length:
            if self._cancel is not None and self._cancel.is_set():
                raise JobCancelled()
            block = next(self._blocks, None)
            if block is None:
                self.finished = True
                break
            self._buffer = np.concatenate([self._buffer, block]) if len(self._buffer) else block
            self._forget_before(start)
        begin = start - self._base
        return self._buffer[begin:begin + length]


def read_audio(path: str | Path, sample_rate: int | None = None) -> AudioClip:
    """Decode ``path`` whole to mono float32, resampled to ``sample_rate`` when given (16 kHz for Whisper).

    For display and short clips; transcription streams the file through ``AudioStream`` instead."""
    with AudioStream(path, sample_rate) as stream:
        mono = _joined(list(stream.blocks()))
    if len(mono) == 0:
        raise _no_sound(stream.path)
    return AudioClip(mono, int(stream.sample_rate), int(stream.source_rate), int(stream.source_channels),
                     str(stream.path))


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
    resampler = _StreamResampler(source_rate, target_rate)
    return _joined([resampler(samples), resampler.flush()])


def unique_file_name(prefix: str, suffix: str = ".wav") -> str:
    """Time-stamped and unique even when two copies of the app save in the same second."""
    import time
    import uuid

    return f"{prefix}-{time.strftime('%Y%m%d-%H%M%S')}-{uuid.uuid4().hex[:6]}{suffix}"


def write_wav_atomic(path: str | Path, samples: np.ndarray, sample_rate: int, label: dict | None = None) -> Path:
    """Write 16-bit PCM WAV via a temp file and ``os.replace``: a crash never leaves half a file.
    ``label``: the "generated by" label (``core.provenance``), appended to the temp file before the rename, so
    the saved sound never exists without it."""
    import soundfile

    path = Path(path)
    with atomic_target(path, suffix=".wav") as tmp:
        soundfile.write(str(tmp), np.clip(np.asarray(samples, dtype=np.float32), -1, 1), int(sample_rate),
                        subtype="PCM_16", format="WAV")
        if label is not None:
            tmp.write_bytes(with_wav_label(tmp.read_bytes(), label))
    return path
