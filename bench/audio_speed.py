"""Audio speed: real-time factors through the app's backend and through the bare library calls.

    .venv/bin/python bench/audio_speed.py [--repeats 3] [--stt MODEL_ID] [--tts MODEL_ID]

Real-time factor (RTF) = seconds of work / seconds of audio; below 1 is faster than real time.
Speech: the app's job (sentence-by-sentence Piper with progress and cancel checks, WAV saved)
against ``PiperVoice.synthesize`` on the same text. Transcription: the app's job (decoding the file,
log-mel picture, streaming segments, transcript saved) against ``WhisperModel.transcribe`` on the
same 16 kHz samples with the same beam size.
"""
from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import run_job  # noqa: E402  (also puts the project on sys.path)

from model_backend.audio.audio_io import read_audio  # noqa: E402
from model_backend.audio.audio_types import SpeakRequest, TranscribeRequest  # noqa: E402
from model_backend.core.model_inspection import ModelKind  # noqa: E402
from model_backend.core.paths import AppPaths  # noqa: E402
from model_backend.core.registry import ModelRegistry, ModelSource  # noqa: E402
from model_backend.engine import Backend  # noqa: E402

TEXT = ("Diffusion models learn to remove noise from images, one small step at a time. "
        "Language models predict the next token. Speech recognition turns sound into text, "
        "and speech synthesis turns text back into sound.")


def _packaged(registry: ModelRegistry, kind: ModelKind) -> str:
    return next(e.model_id for e in registry.models(kind) if e.source is ModelSource.PACKAGE)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--stt", default="")
    parser.add_argument("--tts", default="")
    args = parser.parse_args()

    paths = AppPaths.default()
    registry = ModelRegistry(paths)
    backend = Backend(paths, registry)
    tts_id = args.tts or _packaged(registry, ModelKind.TEXT_TO_SPEECH)
    stt_id = args.stt or _packaged(registry, ModelKind.SPEECH_TO_TEXT)
    speak = SpeakRequest(TEXT, tts_id)
    spoken = run_job(backend, speak)  # warm-up, and the audio the transcription figures use
    transcribe = TranscribeRequest(spoken.path, stt_id, language="en")
    run_job(backend, transcribe)  # warm-up
    voice = backend.audio_models.loaded(ModelKind.TEXT_TO_SPEECH)
    whisper = backend.audio_models.loaded(ModelKind.SPEECH_TO_TEXT)
    samples = read_audio(spoken.path, 16000).samples
    if voice.engine != "piper" or whisper.engine != "faster-whisper":
        raise SystemExit("the bare comparison is written for Piper voices and faster-whisper models")

    def bare_speak() -> float:
        started = time.perf_counter()
        audio = [chunk.audio_float_array for chunk in voice.model.synthesize(TEXT)]
        assert audio
        return time.perf_counter() - started

    def bare_transcribe() -> float:
        started = time.perf_counter()
        segments, _ = whisper.model.transcribe(samples, language="en", beam_size=transcribe.beam_size,
                                               vad_filter=False)
        list(segments)
        return time.perf_counter() - started

    app_tts, bare_tts, app_stt, bare_stt = [], [], [], []
    for _ in range(args.repeats):
        started = time.perf_counter()
        run_job(backend, speak)
        app_tts.append(time.perf_counter() - started)
        bare_tts.append(bare_speak())
        started = time.perf_counter()
        run_job(backend, transcribe)
        app_stt.append(time.perf_counter() - started)
        bare_stt.append(bare_transcribe())

    duration = spoken.duration
    figures = {
        "tts_rtf_app": statistics.median(app_tts) / duration,
        "tts_rtf_bare": statistics.median(bare_tts) / duration,
        "stt_rtf_app": statistics.median(app_stt) / duration,
        "stt_rtf_bare": statistics.median(bare_stt) / duration,
    }
    print(f"models: {voice.entry.name} on {voice.device.label}; {whisper.entry.name} on {whisper.device.label}")
    print(f"audio_seconds: {duration:.2f}")
    for name, value in figures.items():
        print(f"{name}: {value:.3f}")
    print(f"tts_ratio: {figures['tts_rtf_app'] / figures['tts_rtf_bare']:.2f}")
    print(f"stt_ratio: {figures['stt_rtf_app'] / figures['stt_rtf_bare']:.2f}")
    total_app = statistics.median(app_tts) + statistics.median(app_stt)
    total_bare = statistics.median(bare_tts) + statistics.median(bare_stt)
    print(f"ratio: {total_app / total_bare:.2f} (app backend / bare library, speech + transcription)")
    backend.shutdown()
    return 0


if __name__ == "__main__":
    sys.exit(main())
