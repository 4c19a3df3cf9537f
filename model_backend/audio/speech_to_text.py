"""Transcribe or translate an audio file with Whisper, streaming segments as they are decoded.

faster-whisper decodes 30-second windows one after another and yields segments lazily, so each
segment is sent to the UI at once, progress is the audio time reached, and Stop is honoured
between segments (the segments already found are kept).
"""
from __future__ import annotations

import time
from dataclasses import asdict, replace
from pathlib import Path
from threading import Event

import numpy as np

from model_backend.audio.analysis import WHISPER_RATE, whisper_log_mel
from model_backend.audio.audio_io import read_audio, unique_file_name
from model_backend.audio.audio_models import LoadedAudioModel
from model_backend.audio.audio_types import TASKS, Segment, TranscribeRequest, Transcript
from model_backend.core.atomic import atomic_write_json
from model_backend.core.engines import Engine
from model_backend.core.errors import BackendError, ErrorKind, JobCancelled
from model_backend.core.jobs import Emit, Partial, Progress

MAX_BEAM_SIZE = 10  # Whisper's own default is 5; wider beams are slower and rarely better


def validate_transcribe_request(request: TranscribeRequest) -> None:
    """Before the model is loaded: the settings, then whether the file holds any sound (NaN samples and
    digital silence are refused in a sentence; Whisper would "hear" a word such as "You" in them)."""
    from model_backend.audio.languages import WHISPER_LANGUAGE_CODES
    from model_backend.audio.sound_checks import check_sound_file
    from model_backend.core.validation import require_device, require_int_range, require_model_chosen

    if request.task not in TASKS:
        raise BackendError(ErrorKind.INVALID_INPUT, f"Unknown task '{request.task}': use transcribe or translate.")
    if not isinstance(request.language, str) or (request.language and request.language not in WHISPER_LANGUAGE_CODES):
        raise BackendError(ErrorKind.INVALID_INPUT,
                           f"'{request.language}' is not a language code Whisper knows: choose a language from the "
                           "list (codes such as en, fr, ja), or 'Detect automatically'.")
    require_int_range("Beam size", request.beam_size, 1, MAX_BEAM_SIZE, hint="1 is fastest; Whisper's default is 5.")
    require_model_chosen(request.model_id)
    require_device(request.device)
    if not request.audio_path:
        raise BackendError(ErrorKind.INVALID_INPUT, "Open an audio file or record something first.")
    if not Path(request.audio_path).is_file():
        raise BackendError(ErrorKind.INVALID_INPUT,
                           f"{request.audio_path} is not an audio file that exists (was it moved, deleted, or on a "
                           "removed USB stick?).")
    check_sound_file(request.audio_path)


def _english_only_notes(multilingual: bool, request: TranscribeRequest) -> tuple[str, str, list[str]]:
    """English-only checkpoints ignore a chosen language and cannot translate: say so, for every engine."""
    language, task, notes = request.language, request.task, []
    if multilingual:
        return language, task, notes
    if language not in ("", "en"):
        notes.append(f"This model understands English only, so the language chosen ({language}) was ignored; "
                     "choose Whisper base (multilingual) for other languages.")
    if task == "translate":
        notes.append("This English-only model cannot translate; it transcribed instead.")
    return "en", "transcribe", notes


def _is_multilingual(loaded: LoadedAudioModel) -> bool:
    if loaded.engine is Engine.FASTER_WHISPER:
        return bool(loaded.model.model.is_multilingual)
    return not loaded.model.english_only


def _faster_whisper(loaded: LoadedAudioModel, samples: np.ndarray, request: TranscribeRequest, language: str,
                    task: str, duration: float, emit: Emit, cancel: Event,
                    found: list[Segment]) -> tuple[str, float | None, tuple]:
    model = loaded.model
    segments, info = model.transcribe(samples, language=language or None, task=task,
                                      beam_size=max(1, request.beam_size), vad_filter=False)
    candidates = tuple((code, float(p)) for code, p in (info.all_language_probs or [])[:5])
    for piece in segments:
        segment = Segment(float(piece.start), float(piece.end), piece.text,
                          float(piece.avg_logprob), float(piece.no_speech_prob))
        found.append(segment)
        emit(Partial(request.job_id, segment))
        emit(Progress(request.job_id, min(1.0, segment.end / duration) if duration else None,
                      f"Transcribed {segment.end:.0f} s of {duration:.0f} s"))
        if cancel.is_set():
            raise JobCancelled(partial=tuple(found))
    return info.language, float(info.language_probability), candidates


def _transformers(loaded: LoadedAudioModel, samples: np.ndarray, request: TranscribeRequest, language: str,
                  task: str, emit: Emit, cancel: Event, found: list[Segment]) -> tuple[str, float | None, tuple]:
    from model_backend.audio.hf_speech_to_text import transcribe_hf

    def progress(fraction: float | None, message: str) -> None:
        emit(Progress(request.job_id, fraction, message))

    def stream(segments: list[Segment]) -> None:
        for segment in segments:
            found.append(segment)
            emit(Partial(request.job_id, segment))

    _, language, probability = transcribe_hf(loaded.model, samples, language, task, progress,
                                             cancel, beam_size=request.beam_size, on_segments=stream)
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


def run_transcribe(request: TranscribeRequest, loaded: LoadedAudioModel, emit: Emit, cancel: Event,
                   audio_dir: Path) -> Transcript:
    validate_transcribe_request(request)
    started = time.perf_counter()
    emit(Progress(request.job_id, None, "Reading the audio…"))
    clip = read_audio(request.audio_path, WHISPER_RATE)
    notes = list(clip.notes())
    if clip.duration < 0.1:
        raise BackendError(ErrorKind.INVALID_INPUT,
                           f"{Path(request.audio_path).name} is only {clip.duration * 1000:.0f} ms long: too short for speech.")
    log_mel = _log_mel(loaded, clip.samples)
    found: list[Segment] = []
    language, task, more = _english_only_notes(_is_multilingual(loaded), request)
    notes.extend(more)
    if loaded.engine is Engine.FASTER_WHISPER:
        language, probability, candidates = _faster_whisper(loaded, clip.samples, request, language, task,
                                                            clip.duration, emit, cancel, found)
    else:
        language, probability, candidates = _transformers(loaded, clip.samples, request, language, task,
                                                          emit, cancel, found)
    if not found:
        notes.append("No speech was found in this audio.")
    transcript = Transcript(
        segments=tuple(found), language=language, language_probability=probability, duration=clip.duration,
        seconds=time.perf_counter() - started, model_name=loaded.entry.name, device=loaded.device.label,
        audio_path=str(request.audio_path), log_mel=log_mel, language_candidates=candidates, notes=tuple(notes))
    path = save_transcript(transcript, audio_dir)
    return replace(transcript, saved_path=str(path))
