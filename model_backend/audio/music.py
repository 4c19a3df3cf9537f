"""Text-to-music with MusicGen (or another transformers text-to-audio model) found on disk.

No music weights ship on PyPI, so the common case in a classroom is "no model yet": that is a
clear message with what to get and where to put it, not a failure.
"""
from __future__ import annotations

import time
from pathlib import Path
from threading import Event

import numpy as np

from model_backend.audio.audio_io import unique_file_name, write_wav_atomic
from model_backend.audio.audio_models import LoadedAudioModel
from model_backend.audio.audio_types import GeneratedAudio, MusicRequest
from model_backend.core.jobs import Emit, Progress
from model_backend.core.messages import msg
from model_backend.core.provenance import make_label
from model_backend.core.seeds import resolve_seed
from model_backend.core.validation import (
    require_clean_text,
    require_device,
    require_finite_range,
    require_model_chosen,
    require_seed,
)

MAX_DURATION = 30.0
MIN_DURATION = 0.5
MAX_GUIDANCE = 15.0
MAX_PROMPT_CHARS = 2000


def validate_music_request(request: MusicRequest) -> None:
    """The Music form's ranges (desktop_app/audio/music_page.py), before the model is loaded."""
    require_clean_text(msg("The music prompt"), request.prompt, MAX_PROMPT_CHARS,
                       hint=msg("MusicGen reads a short description: a sentence or two is enough."))
    require_finite_range(msg("Duration"), request.duration, MIN_DURATION, MAX_DURATION, unit=msg(" seconds"),
                         hint=msg("MusicGen was trained on 30-second clips."))
    require_finite_range(msg("Guidance"), request.guidance, 0.0, MAX_GUIDANCE,
                         hint=msg("3 is MusicGen's usual value; 0 ignores the prompt."))
    require_seed(request.seed)
    require_model_chosen(request.model_id)
    require_device(request.device)


def run_music(request: MusicRequest, loaded: LoadedAudioModel, emit: Emit, cancel: Event,
              audio_dir: Path) -> GeneratedAudio:
    from model_backend.audio.hf_music import generate_music

    validate_music_request(request)
    started = time.perf_counter()
    seed = resolve_seed(request.seed)

    def progress(fraction: float | None, message: str) -> None:
        emit(Progress(request.job_id, fraction, message))

    samples, rate, notes = generate_music(loaded.model, request.prompt, request.duration, request.guidance, seed,
                                          progress, cancel)
    samples = np.asarray(samples, dtype=np.float32)
    settings = {"prompt": request.prompt, "model": loaded.entry.name, "model_id": request.model_id,
                "duration": request.duration, "guidance": request.guidance}
    label = make_label("music", loaded.entry.name, request.model_id, {**settings, "seed": seed})
    path = write_wav_atomic(Path(audio_dir) / "music" / unique_file_name("music"), samples, rate, label)
    return GeneratedAudio(samples=samples, sample_rate=int(rate), path=str(path),
                          seconds=time.perf_counter() - started, model_name=loaded.entry.name,
                          device=loaded.device.label, settings=settings, seed=seed,
                          notes=tuple(notes))
