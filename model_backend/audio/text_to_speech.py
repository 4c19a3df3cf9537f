"""Speak text with a Piper voice, the Japanese Kokoro voice (or a transformers TTS model), sentence by sentence.

Piper first turns text into phonemes (espeak-ng), then a VITS network turns phoneme ids into
sound. Kokoro reads Japanese in kana first (OpenJTalk), then turns the kana into phonemes
(``kokoro_voice``). The phonemes (and Kokoro's kana) are kept in the result so the tab can show *what
the voice was asked to say*. Progress is per sentence and Stop is honoured between sentences.
"""
from __future__ import annotations

import time
from pathlib import Path
from threading import Event

import numpy as np

from model_backend.audio.audio_io import unique_file_name, write_wav_atomic
from model_backend.audio.audio_models import LoadedAudioModel
from model_backend.audio.audio_types import GeneratedAudio, SpeakRequest
from model_backend.audio.languages import piper_voice_language, script_problem, voice_language
from model_backend.core.engines import Engine
from model_backend.core.errors import BackendError, ErrorKind, JobCancelled
from model_backend.core.jobs import Emit, Progress
from model_backend.core.messages import msg
from model_backend.core.provenance import make_label
from model_backend.core.seeds import resolve_seed
from model_backend.core.validation import (
    require_clean_text,
    require_device,
    require_finite_range,
    require_int_range,
    require_model_chosen,
    require_seed,
)

MAX_CHARACTERS = 20_000
MIN_SPEED, MAX_SPEED = 0.25, 4.0
MAX_SPEAKER = 999  # the form's limit; the loaded voice's own count is checked in check_voice
SENTENCE_PAUSE_SECONDS = 0.2


def validate_speak_request(request: SpeakRequest) -> None:
    """Before the voice is loaded; the Speech form's ranges (desktop_app/audio/text_to_speech_page.py)."""
    require_clean_text(msg("The text"), request.text, MAX_CHARACTERS,
                       hint=msg("That is about 25 minutes of speech: split it into parts."))
    if not request.text.strip():
        raise BackendError(ErrorKind.EMPTY_PROMPT, msg("Type the text you want to hear."))
    require_finite_range(msg("Speed"), request.speed, MIN_SPEED, MAX_SPEED, unit=msg("×"),
                         hint=msg("1× is the voice's own pace."))
    if request.speaker is not None:
        require_int_range(msg("Speaker"), request.speaker, 0, MAX_SPEAKER)
    require_seed(request.seed)
    require_model_chosen(request.model_id)
    require_device(request.device)


def speaker_count(loaded: LoadedAudioModel) -> int:
    """How many speakers the loaded voice was trained on (1 for voices without a speaker choice)."""
    if loaded.engine is Engine.PIPER:
        return max(1, int(getattr(loaded.model.config, "num_speakers", 1) or 1))
    if loaded.engine is Engine.KOKORO:
        return loaded.model.num_speakers
    voice = loaded.model
    if getattr(voice, "kind", "") == "vits":
        return max(1, int(getattr(voice.model.config, "num_speakers", 1) or 1))
    return 1


def check_voice(request: SpeakRequest, loaded: LoadedAudioModel) -> list[str]:
    """Checks that need the loaded voice: the speaker exists, and the voice can read the text's script.

    Returns notes for the result (a few characters the voice may skip); raises when it cannot speak at all."""
    count = speaker_count(loaded)
    if request.speaker is not None and request.speaker >= count:
        if count == 1:
            raise BackendError(ErrorKind.INVALID_INPUT,
                               msg("{name} has a single speaker, so speaker {speaker} does not exist: set "
                                   "Speaker to 0.", name=loaded.entry.name, speaker=request.speaker))
        raise BackendError(ErrorKind.INVALID_INPUT,
                           msg("Speaker {speaker} does not exist: {name} has speakers 0 to {last}.",
                               speaker=request.speaker, name=loaded.entry.name, last=count - 1))
    if loaded.engine is Engine.KOKORO:
        language = voice_language(loaded.entry.language or "ja")
    elif loaded.engine is Engine.PIPER:
        config = loaded.model.config
        language = piper_voice_language(loaded.folder, str(getattr(config, "espeak_voice", "")),
                                        str(getattr(getattr(config, "phoneme_type", ""), "value", "espeak")))
    else:
        return []  # HF voices (MMS/VITS) romanise or skip what they cannot read, and say so themselves
    problem = script_problem(request.text, language) if language else None
    if problem is None:
        return []
    verdict, sentence = problem
    if verdict == "refuse":
        raise BackendError(ErrorKind.INVALID_INPUT, sentence)
    return [sentence]


def _piper(loaded: LoadedAudioModel, request: SpeakRequest, emit: Emit,
           cancel: Event) -> tuple[np.ndarray, int, list[str], list[str]]:
    """(samples, rate, phonemes per sentence, notes)."""
    from piper import SynthesisConfig

    voice = loaded.model
    rate = int(voice.config.sample_rate)
    sentences = [s for s in voice.phonemize(request.text) if s]
    if not sentences:
        raise BackendError(ErrorKind.EMPTY_PROMPT, msg("The text has nothing this voice can pronounce."))
    config = SynthesisConfig(length_scale=1.0 / request.speed, speaker_id=request.speaker)
    pause = np.zeros(int(rate * SENTENCE_PAUSE_SECONDS), np.float32)
    pieces: list[np.ndarray] = []
    phonemes: list[str] = []
    for number, sentence in enumerate(sentences, start=1):
        if cancel.is_set():
            raise JobCancelled()
        audio = np.asarray(voice.phoneme_ids_to_audio(voice.phonemes_to_ids(sentence), config), dtype=np.float32)
        peak = float(np.max(np.abs(audio))) if audio.size else 0.0
        pieces.extend([audio / peak if peak > 1e-8 else audio, pause])
        phonemes.append("".join(sentence))
        emit(Progress(request.job_id, number / len(sentences),
                      msg("Spoke sentence {number} of {total}", number=number, total=len(sentences))))
    return np.clip(np.concatenate(pieces[:-1]), -1, 1), rate, phonemes, []


def _kokoro(loaded: LoadedAudioModel, request: SpeakRequest, emit: Emit,
            cancel: Event) -> tuple[np.ndarray, int, list[str], list[str], list[str]]:
    """(samples, rate, phonemes per sentence, kana per sentence, notes)."""
    from model_backend.audio.kokoro_voice import speak_kokoro

    def progress(fraction: float, message: str) -> None:
        emit(Progress(request.job_id, fraction, message))

    samples, phonemes, kana = speak_kokoro(loaded.model, request.text, request.speaker, request.speed, progress,
                                           cancel, SENTENCE_PAUSE_SECONDS)
    return samples, loaded.model.sample_rate, phonemes, kana, []


def _transformers(loaded: LoadedAudioModel, request: SpeakRequest, emit: Emit, cancel: Event,
                  seed: int) -> tuple[np.ndarray, int, list[str], list[str]]:
    from model_backend.audio.hf_text_to_speech import synthesize_hf

    def progress(fraction: float | None, message: str) -> None:
        emit(Progress(request.job_id, fraction, message))

    samples, rate, notes = synthesize_hf(loaded.model, request.text, request.speed, seed, progress, cancel,
                                         speaker=request.speaker)
    return np.asarray(samples, dtype=np.float32), int(rate), [], notes


def run_speak(request: SpeakRequest, loaded: LoadedAudioModel, emit: Emit, cancel: Event,
              audio_dir: Path) -> GeneratedAudio:
    validate_speak_request(request)
    voice_notes = check_voice(request, loaded)
    started = time.perf_counter()
    seed = resolve_seed(request.seed)
    kana: list[str] = []
    if loaded.engine is Engine.PIPER:
        samples, rate, phonemes, notes = _piper(loaded, request, emit, cancel)
    elif loaded.engine is Engine.KOKORO:
        samples, rate, phonemes, kana, notes = _kokoro(loaded, request, emit, cancel)
    else:
        samples, rate, phonemes, notes = _transformers(loaded, request, emit, cancel, seed)
    notes = voice_notes + list(notes)
    if cancel.is_set():
        raise JobCancelled()
    settings = {"text": request.text, "model": loaded.entry.name, "model_id": request.model_id,
                "speed": request.speed, "speaker": request.speaker, "phonemes": phonemes,
                "engine": loaded.engine.value}
    if kana:  # Kokoro: how the text was read, one line per sentence beside its phonemes
        settings["kana"] = kana
    noise_seed = None if loaded.engine in (Engine.PIPER, Engine.KOKORO) else seed
    label = make_label("speech", loaded.entry.name, request.model_id, {**settings, "seed": noise_seed})
    path = write_wav_atomic(Path(audio_dir) / "speech" / unique_file_name("speech"), samples, rate, label)
    return GeneratedAudio(samples=samples, sample_rate=rate, path=str(path), seconds=time.perf_counter() - started,
                          model_name=loaded.entry.name, device=loaded.device.label, settings=settings,
                          seed=noise_seed,  # Piper and Kokoro draw no noise
                          notes=tuple(notes))
