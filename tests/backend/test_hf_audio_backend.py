"""Hugging Face audio models (tiny random ones) through the app's backend and job contract."""
from __future__ import annotations

import threading

import numpy as np
import pytest
import soundfile

from model_backend.audio.audio_types import MusicRequest, Segment, SpeakRequest, TranscribeRequest
from model_backend.core.errors import ErrorKind
from model_backend.core.jobs import Cancelled, Failed, Partial, Progress, Result
from model_backend.core.model_inspection import ModelKind
from model_backend.engine import Backend
from tests.fixtures.jobs import run_job


@pytest.fixture
def backend(app_home):
    engine = Backend(app_home)
    yield engine
    engine.shutdown()


def test_transformers_whisper_streams_segments_and_reports_log_mel(backend, tiny_whisper_dir, tmp_path):
    t = np.arange(16000 * 3) / 16000
    soundfile.write(tmp_path / "tone.wav", (0.3 * np.sin(2 * np.pi * 300 * t)).astype(np.float32), 16000)
    events = run_job(backend, TranscribeRequest(str(tmp_path / "tone.wav"), f"path:{tiny_whisper_dir}"))
    assert isinstance(events[-1], Result), events[-1]
    transcript = events[-1].value
    assert transcript.log_mel.shape == (80, 3000) and transcript.language == "en"
    assert [e.payload for e in events if isinstance(e, Partial)] == list(transcript.segments)
    assert all(isinstance(s, Segment) for s in transcript.segments)
    assert backend.audio_models.loaded(ModelKind.SPEECH_TO_TEXT).engine == "transformers"
    asked = TranscribeRequest(str(tmp_path / "tone.wav"), f"path:{tiny_whisper_dir}", language="de", task="translate")
    notes = run_job(backend, asked)[-1].value.notes  # an English-only model says what it ignored
    assert any("English only" in n for n in notes) and any("cannot translate" in n for n in notes)


def test_vits_voice_is_reproducible_with_a_seed_and_saved(backend, tiny_vits_dir):
    request = SpeakRequest("hello there. good morning.", f"path:{tiny_vits_dir}", seed=7)
    first = run_job(backend, request)[-1].value
    second = run_job(backend, SpeakRequest(request.text, request.model_id, seed=7))[-1].value
    assert np.array_equal(first.samples, second.samples) and first.seed == 7
    data, rate = soundfile.read(first.path)
    assert rate == first.sample_rate and len(data) == len(first.samples)


def test_musicgen_makes_the_asked_duration_and_stops_midway(backend, tiny_musicgen_dir):
    model_id = f"path:{tiny_musicgen_dir}"
    events = run_job(backend, MusicRequest("calm piano", model_id, duration=1.0, seed=3))
    assert isinstance(events[-1], Result), events[-1]
    music = events[-1].value
    assert music.duration == pytest.approx(1.0, abs=0.05) and music.seed == 3 and music.notes == ()
    unprompted = run_job(backend, MusicRequest("", model_id, duration=0.5, seed=3))[-1].value
    assert any("unconditionally" in note for note in unprompted.notes)  # the runner's notes reach the result
    assert len([e for e in events if isinstance(e, Progress) and e.fraction]) >= 10
    cancel = threading.Event()

    def stop_after_a_few_steps(event):
        if isinstance(event, Progress) and event.fraction and event.fraction > 0.2:
            cancel.set()

    before = set((backend.paths.audio_dir / "music").glob("*"))
    events = run_job(backend, MusicRequest("calm piano", model_id, duration=2.0, seed=3), cancel=cancel,
                     on_event=stop_after_a_few_steps)
    assert isinstance(events[-1], Cancelled)
    assert set((backend.paths.audio_dir / "music").glob("*")) == before


@pytest.mark.parametrize("duration, kind", [(0.0, ErrorKind.INVALID_INPUT), (120.0, ErrorKind.INVALID_INPUT)])
def test_music_durations_out_of_range_are_refused(backend, tiny_musicgen_dir, duration, kind):
    events = run_job(backend, MusicRequest("x", f"path:{tiny_musicgen_dir}", duration=duration))
    assert isinstance(events[-1], Failed) and events[-1].kind is kind


def test_a_voice_is_not_a_music_model(backend, tiny_vits_dir):
    events = run_job(backend, MusicRequest("x", f"path:{tiny_vits_dir}"))
    assert isinstance(events[-1], Failed) and events[-1].kind is ErrorKind.WRONG_MODEL_KIND


def test_a_vits_voice_reports_the_float32_it_runs_in(tiny_vits_dir, monkeypatch):
    """On a GPU the device choice says float16, but VITS voices are loaded in float32: the status bar
    must show what runs."""
    import model_backend.audio.audio_models as audio_models
    from model_backend.core.device import DeviceChoice

    monkeypatch.setattr(audio_models, "choose_device", lambda preference, torch=None: DeviceChoice(
        "cpu", "float16", "faked GPU"))
    loaded, choice = audio_models._load_transformers(ModelKind.TEXT_TO_SPEECH, tiny_vits_dir, "auto")
    assert loaded.kind == "vits" and choice.dtype == "float32" and "VITS" in choice.reason
