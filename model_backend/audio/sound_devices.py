"""Microphones and speakers through PortAudio (``sounddevice``), without Qt.

Why a layer of its own: PortAudio may be missing (``import sounddevice`` raises OSError), a
classroom PC may have no microphone, and devices get unplugged mid-recording. Everything here
turns those cases into plain sentences for a student instead of tracebacks, and the recorder
writes to disk as it goes so nothing already recorded is lost. The UI polls ``level`` and
``position_seconds`` with a QTimer; PortAudio's callbacks never touch Qt.
"""
from __future__ import annotations

import queue
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable

import numpy as np

from model_backend.audio.portaudio_library import describe_portaudio, import_sounddevice
from model_backend.core.errors import BackendError, ErrorKind
from model_backend.core.messages import Message, msg

PORTAUDIO_MISSING = msg("the PortAudio library is not installed (on Debian/Ubuntu: sudo apt install libportaudio2)")
NO_MIC = msg("Recording is unavailable: no microphone was found.")
NO_SPEAKERS = msg("Playback is unavailable: no speakers or headphones were found.")
MIC_GONE = msg("The microphone stopped sending sound (was it unplugged?). What was recorded until then is kept.")
_open_streams: set = set()  # re-initialising PortAudio under an open stream would kill it


class AudioDeviceError(BackendError):
    """A microphone or speaker that cannot be used; ``message`` says why in plain words."""

    def __init__(self, message: str, details: str = "") -> None:
        super().__init__(ErrorKind.DEVICE_UNAVAILABLE, message, details)


def _import_sounddevice():
    """Imported lazily: sounddevice raises OSError at import time when PortAudio is absent,
    and the rest of the app must keep working without sound. Tests replace this helper."""
    return import_sounddevice()


@dataclass(frozen=True)
class DeviceInfo:
    index: int
    name: str
    host_api: str
    max_input_channels: int
    max_output_channels: int
    default_samplerate: float


@dataclass(frozen=True)
class AudioAvailability:
    available: bool  # False when PortAudio is missing or there is no device at all
    reason: str  # plain words for the student; "" when recording and playback both work
    inputs: tuple[DeviceInfo, ...]
    outputs: tuple[DeviceInfo, ...]
    default_input: int | None
    default_output: int | None
    library: str = ""  # which PortAudio answered, e.g. "PortAudio V19.6.0-devel (the system's)"

    @property
    def can_record(self) -> bool:
        return self.available and self.default_input is not None

    @property
    def can_play(self) -> bool:
        return self.available and self.default_output is not None

    @property
    def record_reason(self) -> str:
        return "" if self.can_record else (NO_MIC if self.available else self.reason)

    @property
    def play_reason(self) -> str:
        return "" if self.can_play else (NO_SPEAKERS if self.available else self.reason)


def _unavailable(why: Message) -> AudioAvailability:
    return AudioAvailability(False, msg("Recording and playback are unavailable: {why}.", why=why), (), (), None, None)


def _pick_default(index: Any, devices: tuple[DeviceInfo, ...]) -> int | None:
    """PortAudio's default when it is a real device of that kind, else the first such device."""
    indexes = [d.index for d in devices]
    return int(index) if index in indexes else (indexes[0] if indexes else None)


def probe(refresh: bool = False) -> AudioAvailability:
    """What can be recorded and played right now. Never raises.

    ``refresh`` re-initialises PortAudio, which otherwise keeps the device list it saw at
    start-up, so a microphone plugged in later shows up. It is skipped while a stream is open
    (that would kill it); a Player that finished by itself holds its stream until stop().
    """
    try:
        sd = _import_sounddevice()
    except OSError:
        return _unavailable(PORTAUDIO_MISSING)
    except ImportError:
        return _unavailable(msg("the sounddevice Python package is not installed"))
    try:
        if refresh and not _open_streams:
            sd._terminate()
            sd._initialize()
        hostapis = [str(h.get("name", "")) for h in sd.query_hostapis()]
        infos = []
        for i, d in enumerate(sd.query_devices()):
            api = int(d.get("hostapi", -1))
            infos.append(DeviceInfo(
                index=int(d.get("index", i)), name=str(d.get("name", f"device {i}")),
                host_api=hostapis[api] if 0 <= api < len(hostapis) else "",
                max_input_channels=int(d.get("max_input_channels", 0)),
                max_output_channels=int(d.get("max_output_channels", 0)),
                default_samplerate=float(d.get("default_samplerate", 0.0) or 0.0)))
        default_in, default_out = list(sd.default.device)[:2]
        library = describe_portaudio(sd)
    except Exception as exc:  # noqa: BLE001 - a probe must never take the app down
        return _unavailable(msg("the sound system did not answer ({error})", error=str(exc)))
    inputs = tuple(d for d in infos if d.max_input_channels > 0)
    outputs = tuple(d for d in infos if d.max_output_channels > 0)
    if not inputs and not outputs:
        return _unavailable(msg("no microphone or speakers were found"))
    missing = NO_MIC if not inputs else NO_SPEAKERS if not outputs else ""
    return AudioAvailability(True, missing, inputs, outputs,
                             _pick_default(default_in, inputs), _pick_default(default_out, outputs), library)


def _quietly(action: Callable[[], Any]) -> str:
    """Runs a clean-up step on a device that may be gone; returns its error instead of raising."""
    try:
        action()
        return ""
    except Exception as exc:  # noqa: BLE001
        return str(exc) or type(exc).__name__


def _device_error(what: Message, device: int | None, exc: BaseException) -> AudioDeviceError:
    name = msg("the default device") if device is None else msg("device {number}", number=device)
    return AudioDeviceError(
        msg("Could not open {what} ({device}). It may be unplugged, in use by another program, or blocked by the "
            "system's privacy settings.", what=what, device=name), details=f"{type(exc).__name__}: {exc}")


def _enable_header_updates(sound_file) -> None:
    """Ask libsndfile to rewrite the WAV header after every write, so the file on disk is a
    valid WAV of everything so far even if the app crashes. Best effort (private API)."""
    try:
        import soundfile

        soundfile._snd.sf_command(sound_file._file, 0x1061,  # SFC_SET_UPDATE_HEADER_AUTO
                                  soundfile._ffi.NULL, 1)
    except Exception:  # noqa: BLE001 - the file is still fine once stop() closes it
        pass


@dataclass(frozen=True)
class RecordingResult:
    path: Path
    seconds: float
    samplerate: int
    channels: int
    interrupted: bool  # the device went away: the file holds what came before
    reason: str  # why it ended early, in plain words; "" for a normal Stop
    clipped: bool  # some blocks hit full scale: ask the student to move back from the mic


class Recorder:
    """Records from an input device straight into a WAV file on disk, so a crash, Stop or an
    unplugged device never loses what was already recorded."""

    STALL_SECONDS = 3.0  # no audio for this long from a running stream = the device is gone
    FLUSH_SECONDS = 2.0
    CLIP_LEVEL = 0.99

    def __init__(self, path: Path, device: int | None = None, samplerate: int | None = None,
                 channels: int = 1, max_seconds: float = 3600) -> None:
        self.path, self.device, self.samplerate = Path(path), device, samplerate
        self.channels, self.max_seconds = channels, max_seconds
        self.clipped_blocks = 0
        self._level = self._last_block = 0.0
        self._frames_in = self._frames_written = 0  # in: counted on PortAudio's thread
        self._queue: queue.Queue = queue.Queue()
        self._sd = self._stream = self._file = self._writer = None
        self._started = self._limit_reached = False
        self._reason = self._write_error = ""
        self._stopping = threading.Event()
        self._result: RecordingResult | None = None
        self._lock = threading.Lock()

    @property
    def level(self) -> float:
        return self._level

    @property
    def seconds(self) -> float:
        return self._frames_in / self.samplerate if self.samplerate else 0.0

    @property
    def is_recording(self) -> bool:
        return self._started and self._result is None and not self._reason \
            and not self._limit_reached

    @property
    def interruption(self) -> str:
        """Why the device stopped delivering sound ("" while all is well)."""
        return self._reason

    def start(self) -> None:
        """Opens the device and the file; raises AudioDeviceError if the device cannot open."""
        if self._started:
            raise RuntimeError("a Recorder records once; make a new one")
        try:
            sd = _import_sounddevice()
        except (OSError, ImportError) as exc:
            raise AudioDeviceError(msg("Recording is unavailable: {reason}.", reason=PORTAUDIO_MISSING), str(exc)) from exc
        try:
            if self.samplerate is None:
                info = sd.query_devices(self.device, "input")
                self.samplerate = int(info["default_samplerate"])
            stream = sd.InputStream(samplerate=self.samplerate, device=self.device,
                                    channels=self.channels, dtype="float32",
                                    callback=self._callback, finished_callback=self._finished)
        except Exception as exc:  # noqa: BLE001 - PortAudioError, ValueError (no such device)
            raise _device_error(msg("the microphone"), self.device, exc) from exc
        import soundfile

        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._file = soundfile.SoundFile(str(self.path), "w", samplerate=int(self.samplerate),
                                             channels=self.channels, subtype="PCM_16", format="WAV")
        except Exception as exc:
            stream.close()
            raise BackendError(ErrorKind.INVALID_INPUT,
                               msg("Could not create the recording file {path}.", path=str(self.path)), str(exc)) from exc
        _enable_header_updates(self._file)
        self._sd, self._stream = sd, stream
        _open_streams.add(stream)
        try:
            stream.start()
        except Exception as exc:  # noqa: BLE001
            self._close(abort=True)
            self.path.unlink(missing_ok=True)
            raise _device_error(msg("the microphone"), self.device, exc) from exc
        # The writer starts once the stream runs, so it never mistakes "not started" for "dead".
        self._started = True
        self._last_block = time.monotonic()
        self._writer = threading.Thread(target=self._write_loop, name="recorder-writer", daemon=True)
        self._writer.start()

    def _callback(self, indata, frames, time_info, status) -> None:
        # PortAudio's thread: copy, measure, hand over. Nothing slow here.
        block = np.array(indata, dtype=np.float32, copy=True)
        peak = float(np.max(np.abs(block))) if block.size else 0.0
        self._level = min(1.0, peak)
        if peak >= self.CLIP_LEVEL:
            self.clipped_blocks += 1
        limit = int(self.max_seconds * self.samplerate)
        room = limit - self._frames_in
        if room < len(block):
            block = block[:max(room, 0)]
        self._frames_in += len(block)
        self._queue.put(block)
        if self._frames_in >= limit:
            self._limit_reached = True
            raise self._sd.CallbackStop

    def _finished(self) -> None:
        # The stream ended. Unless we asked (Stop) or hit the limit, the device went away.
        if not self._stopping.is_set() and not self._limit_reached and not self._reason:
            self._reason = MIC_GONE

    def _write(self, block) -> None:
        if len(block) and not self._write_error:
            try:
                self._file.write(block)
                self._frames_written += len(block)
            except Exception as exc:  # noqa: BLE001 - disk full, removed USB stick...
                self._write_error = str(exc)
                self._reason = msg("The recording could not be written to disk ({error}); what was saved until then "
                                   "is kept.", error=str(exc))

    def _write_loop(self) -> None:
        last_flush = time.monotonic()
        while True:
            try:
                block = self._queue.get(timeout=0.2)
            except queue.Empty:
                self._check_stall()
                continue
            if block is _END:
                break
            self._write(block)
            self._last_block = time.monotonic()
            if time.monotonic() - last_flush > self.FLUSH_SECONDS and not self._write_error:
                _quietly(self._file.flush)  # to the disk itself, in case the power goes too
                last_flush = time.monotonic()

    def _check_stall(self) -> None:
        stream = self._stream
        if stream is None or self._stopping.is_set() or self._reason or self._limit_reached:
            return
        try:
            active = bool(stream.active)
        except Exception:  # noqa: BLE001 - a dead stream may not even answer
            active = False
        if not active:
            self._finished()
        elif time.monotonic() - self._last_block > self.STALL_SECONDS:
            self._reason = MIC_GONE

    def _close(self, abort: bool = False) -> str:
        """Stops the stream, drains the queue into the file and closes both; returns an error."""
        self._stopping.set()
        error = ""
        stream, self._stream = self._stream, None
        if stream is not None:
            error = _quietly(stream.abort if abort else stream.stop)  # a gone device may fail
            _quietly(stream.close)
            _open_streams.discard(stream)
        self._queue.put(_END)
        if self._writer is not None:
            self._writer.join(timeout=10)
        if self._file is not None:
            while not self._queue.empty():  # only when the writer never ran
                block = self._queue.get_nowait()
                if block is not _END:
                    self._write(block)
            _quietly(self._file.close)  # a write error was already reported by _write
        return error

    def stop(self) -> RecordingResult:
        """Ends the recording (idempotent) and says how it went."""
        with self._lock:
            if self._result is not None:
                return self._result
            error = self._close() if self._stream is not None else ""
            reason = self._reason
            if not reason and error:
                reason = msg("The microphone reported an error when stopping ({error}). What was recorded until then is "
                             "kept.", error=error)
            if not reason and self._limit_reached:
                reason = msg("The recording reached its {limit:g}-second limit.", limit=self.max_seconds)
            rate = int(self.samplerate or 0)
            self._result = RecordingResult(
                path=self.path, seconds=self._frames_written / rate if rate else 0.0,
                samplerate=rate, channels=self.channels, interrupted=bool(self._reason or error),
                reason=reason, clipped=self.clipped_blocks > 0)
            return self._result


_END = object()


def _resample_channels(samples: np.ndarray, rate: int, new_rate: int) -> np.ndarray:
    """For a device that refuses the sound's rate: each channel through the app's band-limited resampler."""
    from model_backend.audio.audio_io import resample

    if rate == new_rate or len(samples) == 0:
        return samples
    channels = [resample(np.ascontiguousarray(samples[:, c]), rate, new_rate) for c in range(samples.shape[1])]
    length = min(len(c) for c in channels)
    return np.stack([c[:length] for c in channels], axis=1).astype(np.float32)


class Player:
    """Non-blocking playback of a float32 mono/stereo numpy array with a readable playhead."""

    def __init__(self) -> None:
        self._sd = self._stream = None
        self._data = np.zeros((0, 1), dtype=np.float32)
        self._rate, self._frame, self._start_seconds = 1, 0, 0.0
        self._playing = False
        self._generation = 0  # a late finish of an old stream must not end the new one
        self._on_finished: Callable[[], None] | None = None
        self._lock = threading.Lock()

    @property
    def is_playing(self) -> bool:
        return self._playing

    @property
    def position_seconds(self) -> float:
        """The playhead in the array's own time, start offset included; what is audible now,
        so the sound device's latency is taken off while playing."""
        seconds = self._frame / self._rate
        stream = self._stream
        if self._playing and stream is not None:
            try:
                seconds -= float(stream.latency)
            except Exception:  # noqa: BLE001
                pass
            seconds = max(seconds, self._start_seconds)
        return max(0.0, seconds)

    def play(self, samples, samplerate: int, device: int | None = None, start_seconds: float = 0.0,
             on_finished: Callable[[], None] | None = None) -> None:
        """Stops anything playing, then plays ``samples`` from ``start_seconds``.

        ``on_finished`` runs on PortAudio's thread once playback ends by itself (the end of the
        sound, or the device went away), not after ``stop()``; a UI only sets a flag there.
        """
        self.stop()
        try:
            sd = _import_sounddevice()
        except (OSError, ImportError) as exc:
            raise AudioDeviceError(msg("Playback is unavailable: {reason}.", reason=PORTAUDIO_MISSING), str(exc)) from exc
        self._sd = sd
        data = np.asarray(samples, dtype=np.float32)
        if data.ndim == 1:
            data = data[:, None]
        elif data.ndim == 2 and data.shape[0] <= 2 < data.shape[1]:
            data = data.T  # (channels, frames) -> (frames, channels)
        if data.ndim != 2 or data.shape[1] < 1:
            raise BackendError(ErrorKind.INVALID_INPUT, msg("Only mono or stereo sound can be played."))
        rate = int(samplerate)
        try:
            info = sd.query_devices(device, "output")
            if data.shape[1] > int(info["max_output_channels"]):
                data = data.mean(axis=1, keepdims=True)
            try:
                sd.check_output_settings(device=device, channels=data.shape[1], dtype="float32",
                                         samplerate=rate)
            except Exception:  # noqa: BLE001 - the device refuses this rate: resample quietly
                new_rate = int(info["default_samplerate"])
                data = _resample_channels(data, rate, new_rate)
                rate = new_rate
            start = min(len(data), max(0, int(round(start_seconds * rate))))
            self._data, self._rate, self._frame = np.ascontiguousarray(data), rate, start
            self._start_seconds = start / rate
            self._on_finished = on_finished
            self._generation += 1
            generation = self._generation
            stream = sd.OutputStream(samplerate=rate, device=device, channels=data.shape[1],
                                     dtype="float32", callback=self._callback,
                                     finished_callback=lambda: self._finished(generation))
        except Exception as exc:  # noqa: BLE001
            raise _device_error(msg("the speakers"), device, exc) from exc
        with self._lock:
            self._stream, self._playing = stream, True
            _open_streams.add(stream)
        try:
            stream.start()
        except Exception as exc:  # noqa: BLE001
            self.stop()
            raise _device_error(msg("the speakers"), device, exc) from exc

    def _callback(self, outdata, frames, time_info, status) -> None:
        chunk = self._data[self._frame:self._frame + frames]
        n = len(chunk)
        outdata[:n] = chunk
        if n < frames:
            outdata[n:] = 0
        self._frame += n
        if n < frames:
            raise self._sd.CallbackStop

    def _finished(self, generation: int) -> None:
        if not self._playing or generation != self._generation:
            return  # stop() asked for it, or another sound has started since
        self._playing = False
        callback = self._on_finished
        if callback is not None:
            try:
                callback()
            except Exception:  # noqa: BLE001 - never raise into PortAudio's thread
                pass

    def stop(self) -> None:
        """Stops at once (idempotent); ``position_seconds`` stays where the sound was."""
        with self._lock:
            if self._stream is None:
                return
            position = self.position_seconds
            stream, self._stream = self._stream, None
            self._playing = False
            _quietly(stream.abort)  # at once, not after the buffered sound
            _quietly(stream.close)
            _open_streams.discard(stream)
            self._frame = min(len(self._data), int(round(position * self._rate)))
