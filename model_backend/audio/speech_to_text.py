"""Transcribe or translate an audio file with Whisper, streaming segments as they are decoded.

Long files in bounded memory: the file is decoded from disk block by block (``AudioStream``) and
handed to the model one window of at most 30 s at a time (``SampleWindows``), for both engines, so
a 4-hour lesson needs no more memory than a 1-minute one (one window, one decoded block, the model
and the segments' text). Only the first window's log-mel is kept for the view, and a multilingual
model detects the language on the first window, as before.

Each segment is sent to the UI as soon as it is decoded, progress is the audio time reached, and
Stop ends the job within about half a second at any point (reading, first window, any later window): the
decoding runs on a helper thread while the job's thread forwards its events and watches the job's
cancel Event. A model call cannot be interrupted from outside (CTranslate2), so after Stop the
helper finishes at most the window in progress, unseen; a transformers window is cut at the next
token. The segments found before Stop are kept.
"""
from __future__ import annotations

import queue
import threading
import time
from dataclasses import asdict, dataclass, replace
from pathlib import Path
from threading import Event
from typing import Callable, TypeVar

import numpy as np

from model_backend.audio.analysis import WHISPER_RATE, WHISPER_WINDOW_SECONDS, whisper_log_mel
from model_backend.audio.audio_io import AudioStream, SampleWindows, unique_file_name
from model_backend.audio.audio_models import LoadedAudioModel
from model_backend.audio.audio_types import TASKS, Segment, TranscribeRequest, Transcript
from model_backend.core.atomic import atomic_write_json
from model_backend.core.engines import Engine
from model_backend.core.errors import BackendError, ErrorKind, JobCancelled
from model_backend.core.jobs import Emit, Partial, Progress
from model_backend.core.messages import msg

MAX_BEAM_SIZE = 10  # Whisper's own default is 5; wider beams are slower and rarely better


def validate_transcribe_request(request: TranscribeRequest) -> None:
    """Before the model is loaded: the settings, then whether the file holds any sound (NaN samples and
    digital silence are refused in a sentence; Whisper would "hear" a word such as "You" in them)."""
    from model_backend.audio.languages import WHISPER_LANGUAGE_CODES
    from model_backend.audio.sound_checks import check_sound_file
    from model_backend.core.validation import require_device, require_int_range, require_model_chosen

    if request.task not in TASKS:
        raise BackendError(ErrorKind.INVALID_INPUT, msg("Unknown task '{task}': use transcribe or translate.",
                                                        task=request.task))
    if not isinstance(request.language, str) or (request.language and request.language not in WHISPER_LANGUAGE_CODES):
        raise BackendError(ErrorKind.INVALID_INPUT,
                           msg("'{language}' is not a language code Whisper knows: choose a language from the list "
                               "(codes such as en, fr, ja), or 'Detect automatically'.", language=request.language))
    require_int_range(msg("Beam size"), request.beam_size, 1, MAX_BEAM_SIZE,
                      hint=msg("1 is fastest; Whisper's default is 5."))
    require_model_chosen(request.model_id)
    require_device(request.device)
    if not request.audio_path:
        raise BackendError(ErrorKind.INVALID_INPUT, msg("Open an audio file or record something first."))
    if not Path(request.audio_path).is_file():
        raise BackendError(ErrorKind.INVALID_INPUT,
                           msg("{path} is not an audio file that exists (was it moved, deleted, or on a removed USB "
                               "stick?).", path=request.audio_path))
    check_sound_file(request.audio_path)


def _english_only_notes(multilingual: bool, request: TranscribeRequest) -> tuple[str, str, list[str]]:
    """English-only checkpoints ignore a chosen language and cannot translate: say so, for every engine."""
    language, task, notes = request.language, request.task, []
    if multilingual:
        return language, task, notes
    if language not in ("", "en"):
        notes.append(msg("This model understands English only, so the language chosen ({language}) was ignored; "
                         "choose Whisper base (multilingual) for other languages.", language=language))
    if task == "translate":
        notes.append(msg("This English-only model cannot translate; it transcribed instead."))
    return "en", "transcribe", notes


def _is_multilingual(loaded: LoadedAudioModel) -> bool:
    if loaded.engine is Engine.FASTER_WHISPER:
        return bool(loaded.model.model.is_multilingual)
    return not loaded.model.english_only


WINDOW_SAMPLES = WHISPER_RATE * WHISPER_WINDOW_SECONDS
QUIET_SEARCH_SECONDS = 8.0  # a faster-whisper chunk ends at the quietest moment of its last 8 s...
QUIET_FRAME_SECONDS = 0.1  # ...measured over 0.1 s (shorter than a pause between words, longer than a stop consonant)
STOP_PATIENCE_SECONDS = 0.5  # after Stop, how long the job waits for the window in progress to finish

Send = Callable[[object], None]
Work = Callable[[Send, Event], "T"]
T = TypeVar("T")


def _chunk_end(window: np.ndarray, last: bool) -> int:
    """Where a faster-whisper chunk ends, in samples from the start of ``window`` (at most 30 s).

    Each chunk is one Whisper window given to ``WhisperModel.transcribe`` on its own (so its
    spectrogram is 30 s, not the whole file's). faster-whisper's own seeking inside the chunk keeps
    a sentence that runs past a timestamp whole, but it cannot see past the chunk, so the boundary
    itself must not fall inside a word: it is put in the middle of the quietest 0.1 s of the
    chunk's last 8 s. Speech pauses between words and sentences far more often than every 8 s, so
    that is a gap between words (or silence), and chunks stay 22-30 s long, close to the 30 s a
    window is padded to anyway. The last chunk of the file takes everything left.

    A chunk is decoded without the previous chunk's text as a prompt: faster-whisper takes such a
    prompt as plain text, and with it tiny.en stopped predicting timestamps (one 30-s segment per
    chunk, measured), while without it the segments match those of the whole file decoded at once.
    """
    search, frame = int(QUIET_SEARCH_SECONDS * WHISPER_RATE), int(QUIET_FRAME_SECONDS * WHISPER_RATE)
    if last or len(window) < WINDOW_SAMPLES or len(window) < search:
        return len(window)
    tail = np.asarray(window[-search:], dtype=np.float64)
    power = np.concatenate([[0.0], np.cumsum(tail * tail)])
    starts = np.arange(0, len(tail) - frame + 1, WHISPER_RATE // 100)
    energy = power[starts + frame] - power[starts]
    quietest = len(energy) - 1 - int(np.argmin(energy[::-1]))  # the latest of equally quiet places
    return len(window) - search + int(starts[quietest]) + frame // 2


def _faster_whisper(loaded: LoadedAudioModel, windows: SampleWindows, request: TranscribeRequest, language: str,
                    task: str, send: Send, cancel: Event) -> tuple[str, float | None, tuple]:
    """faster-whisper one chunk (one window, see ``_chunk_end``) at a time: segment times are offset by
    the chunk's start, and the first chunk detects the language for all the others."""
    model, job = loaded.model, request.job_id
    offset, number = 0, 0
    detected, probability, candidates = language, None, ()
    while True:
        if cancel.is_set():
            raise JobCancelled()
        window = windows.window(offset, WINDOW_SAMPLES)
        if not len(window):
            break
        last = windows.finished and offset + len(window) >= windows.samples_read
        length = _chunk_end(window, last)
        chunk = np.ascontiguousarray(window[:length], dtype=np.float32)
        start_s, total = offset / WHISPER_RATE, windows.expected_seconds
        number += 1
        end_s = start_s + length / WHISPER_RATE
        if total:
            said = msg("Window {number}: {start:.0f}–{end:.0f} s of {total:.0f} s", number=number, start=start_s,
                       end=end_s, total=total)
        else:
            said = msg("Window {number}: {start:.0f}–{end:.0f} s", number=number, start=start_s, end=end_s)
        send(Progress(job, min(1.0, start_s / total) if total else None, said))
        pieces, info = model.transcribe(chunk, language=detected or None, task=task,
                                        beam_size=max(1, request.beam_size), vad_filter=False)
        if number == 1:
            detected, probability = info.language, float(info.language_probability)
            candidates = tuple((code, float(p)) for code, p in (info.all_language_probs or [])[:5])
        for piece in pieces:
            segment = Segment(round(start_s + float(piece.start), 3), round(start_s + float(piece.end), 3),
                              piece.text, float(piece.avg_logprob), float(piece.no_speech_prob))
            send(Partial(job, segment))
            total = windows.expected_seconds
            if total:
                said = msg("Transcribed {done:.0f} s of {total:.0f} s", done=segment.end, total=total)
            else:
                said = msg("Transcribed {done:.0f} s", done=segment.end)
            send(Progress(job, min(1.0, segment.end / total) if total else None, said))
            if cancel.is_set():
                raise JobCancelled()
        offset += max(1, length)
    return detected, probability, candidates


def _transformers(loaded: LoadedAudioModel, windows: SampleWindows, request: TranscribeRequest, language: str,
                  task: str, send: Send, cancel: Event) -> tuple[str, float | None, tuple]:
    from model_backend.audio.hf_speech_to_text import transcribe_hf

    def progress(fraction: float | None, message: str) -> None:
        send(Progress(request.job_id, fraction, message))

    def stream(segments: list[Segment]) -> None:
        for segment in segments:
            send(Partial(request.job_id, segment))

    _, language, probability = transcribe_hf(loaded.model, windows, language, task, progress, cancel,
                                             beam_size=request.beam_size, on_segments=stream,
                                             stop_grace=STOP_PATIENCE_SECONDS)
    candidates = ((language, probability),) if language and probability is not None else ()
    return language, probability, candidates


def _log_mel(loaded: LoadedAudioModel, samples: np.ndarray) -> np.ndarray:
    if loaded.engine is Engine.FASTER_WHISPER:
        return whisper_log_mel(samples, n_mels=int(loaded.model.feature_extractor.mel_filters.shape[0]))
    from model_backend.audio.hf_speech_to_text import log_mel_hf

    return log_mel_hf(loaded.model, samples)


def save_transcript(transcript: Transcript, folder: Path) -> Path:
    """Keep every transcript as JSON beside the user's audio, so nothing is lost if the app closes."""
    stem = Path(transcript.audio_path).stem
    path = Path(folder) / "transcripts" / unique_file_name(stem, ".json")
    atomic_write_json(path, {
        "audio_path": transcript.audio_path, "model": transcript.model_name, "device": transcript.device,
        "language": transcript.language, "language_probability": transcript.language_probability,
        "duration": transcript.duration, "seconds": transcript.seconds, "notes": list(transcript.notes),
        "segments": [asdict(s) for s in transcript.segments], "text": transcript.text,
    })
    return path


@dataclass(frozen=True)
class _Heard:
    language: str
    probability: float | None
    candidates: tuple
    log_mel: np.ndarray
    duration: float
    notes: tuple[str, ...]


def _transcribe_file(request: TranscribeRequest, loaded: LoadedAudioModel, language: str, task: str,
                     send: Send, cancel: Event) -> _Heard:
    """The decoding itself (on the helper thread): stream the file, window by window, through the model."""
    with AudioStream(request.audio_path, WHISPER_RATE) as stream:
        windows = SampleWindows(stream.blocks(), WHISPER_RATE, stream.expected_seconds, cancel)
        first = windows.window(0, WINDOW_SAMPLES)
        if windows.finished and len(first) < 0.1 * WHISPER_RATE:
            name = Path(request.audio_path).name
            if not len(first):
                raise BackendError(ErrorKind.INVALID_INPUT, msg("{name} contains no sound (it is 0 seconds long).",
                                                                name=name))
            raise BackendError(ErrorKind.INVALID_INPUT, msg("{name} is only {ms:.0f} ms long: too short for speech.",
                                                            name=name, ms=len(first) / WHISPER_RATE * 1000))
        log_mel = _log_mel(loaded, first)
        del first
        run = _faster_whisper if loaded.engine is Engine.FASTER_WHISPER else _transformers
        language, probability, candidates = run(loaded, windows, request, language, task, send, cancel)
        return _Heard(language, probability, candidates, log_mel, windows.samples_read / WHISPER_RATE,
                      stream.notes())


_DONE = object()


def _run_beside(work: Work, emit: Emit, cancel: Event, found: list[Segment]) -> T:
    """Run ``work(send, stop)`` on a helper thread; this (the job's) thread emits what it sends, collects
    the segments into ``found`` and watches the job's cancel Event. After Stop it waits
    ``STOP_PATIENCE_SECONDS`` at most for the helper (which stops at its next check) and then raises
    ``JobCancelled`` with the segments found: a model call that cannot be interrupted finishes on the
    helper thread, unseen. ``stop`` is the job's cancel Event as the helper sees it: set within 50 ms of
    Stop, and also whenever this thread leaves, so a helper never outlives its job by more than a window."""
    events: queue.SimpleQueue = queue.SimpleQueue()
    outcome: dict[str, object] = {}
    stop = Event()

    def helper() -> None:
        try:
            outcome["value"] = work(events.put, stop)
        except BaseException as exc:  # noqa: BLE001 - handed to the job's thread, which raises it
            outcome["error"] = exc
        finally:
            events.put(_DONE)

    def forward(item: object) -> None:
        if isinstance(item, Partial):
            found.append(item.payload)
        emit(item)

    # Not a daemon: an abandoned helper (Stop is set, it ends after its window) is waited for at exit,
    # instead of being frozen inside CTranslate2 or torch while the interpreter tears down (a crash).
    threading.Thread(target=helper, name="transcribe-file", daemon=False).start()
    give_up_at = None
    try:
        while True:
            if give_up_at is None and cancel.is_set():
                stop.set()
                give_up_at = time.monotonic() + STOP_PATIENCE_SECONDS
            try:
                item = events.get(timeout=0.05)
            except queue.Empty:
                item = None
            if item is _DONE:
                break
            if item is not None:
                forward(item)
            if give_up_at is not None and time.monotonic() >= give_up_at:
                while True:  # keep what was already decoded
                    try:
                        item = events.get_nowait()
                    except queue.Empty:
                        break
                    if item is not _DONE:
                        forward(item)
                raise JobCancelled(partial=tuple(found))
    finally:
        stop.set()
    error = outcome.get("error")
    if isinstance(error, JobCancelled):
        raise JobCancelled(partial=tuple(found)) from None
    if error is not None:
        raise error
    return outcome["value"]  # type: ignore[return-value]


def run_transcribe(request: TranscribeRequest, loaded: LoadedAudioModel, emit: Emit, cancel: Event,
                   audio_dir: Path) -> Transcript:
    """Transcribe a request the engine has validated (validation scans the file for silence and NaN: once)."""
    started = time.perf_counter()
    emit(Progress(request.job_id, None, msg("Reading the audio…")))
    found: list[Segment] = []
    language, task, notes = _english_only_notes(_is_multilingual(loaded), request)
    heard = _run_beside(lambda send, stop: _transcribe_file(request, loaded, language, task, send, stop),
                        emit, cancel, found)
    notes = [*heard.notes, *notes]
    if not found:
        notes.append(msg("No speech was found in this audio."))
    transcript = Transcript(
        segments=tuple(found), language=heard.language, language_probability=heard.probability,
        duration=heard.duration, seconds=time.perf_counter() - started, model_name=loaded.entry.name,
        device=loaded.device.label, audio_path=str(request.audio_path), log_mel=heard.log_mel,
        language_candidates=heard.candidates, notes=tuple(notes))
    path = save_transcript(transcript, audio_dir)
    return replace(transcript, saved_path=str(path))
