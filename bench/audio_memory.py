"""Audio memory: peak memory of transcribing a long file through the app's backend and through the bare library.

    .venv/bin/python bench/audio_memory.py [--minutes 30] [--heard 90]

A WAV of ``--minutes`` of speech (the embedded Piper voice reading a paragraph, over and over) is
transcribed with the embedded Whisper model until ``--heard`` seconds of it are transcribed, each
run in a fresh process whose peak resident memory is reported: the app's job (the file streamed
from disk, window by window) against ``WhisperModel.transcribe(path)`` (faster-whisper decodes the
whole file and builds its whole spectrogram before the first window). The app's figure does not
grow with the file's length; the bare library's grows by about 3 GB per hour of audio.
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

from common import run_job  # noqa: E402  (also puts the project on sys.path)

from model_backend.audio.audio_types import SpeakRequest, TranscribeRequest  # noqa: E402
from model_backend.core.jobs import Partial  # noqa: E402
from model_backend.core.model_inspection import ModelKind  # noqa: E402
from model_backend.core.paths import AppPaths  # noqa: E402
from model_backend.core.registry import ModelRegistry, ModelSource  # noqa: E402
from model_backend.engine import Backend  # noqa: E402

TEXT = ("Our class starts at nine in the morning. Please open your books at page twelve. Today we will learn "
        "how a computer turns sound into text. A microphone measures the air pressure many thousand times a "
        "second. The numbers are grouped into short windows of thirty seconds, and each window becomes a "
        "picture of its frequencies. The model reads that picture and writes the words it hears. After the "
        "break we will try it with our own voices, so remember to bring headphones on Friday.")


def _peak_mb() -> float:
    import resource

    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # kB on Linux, bytes on macOS
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


def _paths(home: Path) -> AppPaths:
    return AppPaths(home / "data", home / "cache", home / "config")


def _packaged(registry: ModelRegistry, kind: ModelKind):
    return next(e for e in registry.models(kind) if e.source is ModelSource.PACKAGE)


def _app(path: str, heard: float, home: Path) -> None:
    paths = _paths(home)
    registry = ModelRegistry(paths)
    backend = Backend(paths, registry)
    cancel = threading.Event()

    def emit(event):
        if isinstance(event, Partial) and event.payload.end >= heard:
            cancel.set()

    backend.run(TranscribeRequest(path, _packaged(registry, ModelKind.SPEECH_TO_TEXT).model_id, language="en"),
                emit, cancel)


def _bare(path: str, heard: float, home: Path) -> None:
    from faster_whisper import WhisperModel

    entry = _packaged(ModelRegistry(_paths(home)), ModelKind.SPEECH_TO_TEXT)
    model = WhisperModel(str(entry.path), device="cpu", compute_type="int8")
    segments, _ = model.transcribe(path, language="en", beam_size=5, vad_filter=False)
    for segment in segments:
        if segment.end >= heard:
            break


def _child(kind: str, path: Path, heard: float, home: Path) -> float:
    done = subprocess.run([sys.executable, __file__, "--child", kind, str(path), str(heard), str(home)],
                          capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise SystemExit(f"the {kind} run failed:\n{done.stderr[-3000:]}")
    return float(json.loads(done.stdout.strip().splitlines()[-1])["peak_mb"])


def main() -> int:
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        kind, path, heard, home = sys.argv[2], sys.argv[3], float(sys.argv[4]), Path(sys.argv[5])
        (_app if kind == "app" else _bare)(path, heard, home)
        print(json.dumps({"peak_mb": _peak_mb()}))
        return 0
    parser = argparse.ArgumentParser()
    parser.add_argument("--minutes", type=int, default=30)
    parser.add_argument("--heard", type=float, default=90.0, help="seconds of audio transcribed before Stop")
    args = parser.parse_args()

    import numpy as np
    import soundfile

    with tempfile.TemporaryDirectory() as temp:
        home = Path(temp)
        paths = _paths(home)
        registry = ModelRegistry(paths)
        backend = Backend(paths, registry)
        voice = run_job(backend, SpeakRequest(TEXT, _packaged(registry, ModelKind.TEXT_TO_SPEECH).model_id))
        backend.shutdown()
        unit = np.concatenate([voice.samples, np.zeros(int(1.5 * voice.sample_rate))]).astype(np.float32)
        path, left = home / "long.wav", args.minutes * 60 * voice.sample_rate
        with soundfile.SoundFile(str(path), "w", voice.sample_rate, 1, subtype="PCM_16") as handle:
            while left > 0:
                handle.write(unit[:left])
                left -= len(unit)
        app = _child("app", path, args.heard, home)
        bare = _child("bare", path, args.heard, home)
    print(f"file_minutes: {args.minutes}")
    print(f"seconds_transcribed: {args.heard:.0f}")
    print(f"peak_mb_app: {app:.0f}")
    print(f"peak_mb_bare: {bare:.0f}")
    print(f"ratio: {app / bare:.2f} (app backend / bare library, peak memory on a {args.minutes}-minute file)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
