"""Hugging Face audio runners (Whisper, VITS/pipeline TTS, MusicGen) on tiny random models.

The models make nonsense, so the tests check the machinery a student relies on: windows and
timestamps, progress, Stop with partial results, reproducible seeds, speed, durations, and plain
errors for broken folders. Fixtures come from ``tests/fixtures/tiny_audio_models.py`` (a pytest plugin).
"""
from __future__ import annotations

import json
import shutil
import subprocess
import sys
import threading
from pathlib import Path

import numpy as np
import pytest
import torch

from model_backend.core.errors import BackendError, ErrorKind, JobCancelled
from model_backend.core.model_inspection import ModelKind, inspect_path

ROOT = Path(__file__).resolve().parents[2]


def _noise(seconds: float, rate: int = 16_000, seed: int = 0) -> np.ndarray:
    return (0.1 * np.random.default_rng(seed).standard_normal(int(seconds * rate))).astype(np.float32)


def _ignore(*_args) -> None:
    return None


NEVER_STOPPED = threading.Event()  # no test sets it


def _copy_without(folder: Path, tmp_path: Path, *missing: str) -> Path:
    target = tmp_path / f"{folder.name}-broken"
    shutil.copytree(folder, target, ignore=shutil.ignore_patterns(*missing))
    return target


def test_modules_import_without_torch():
    code = ("import sys; import model_backend.audio.hf_speech_to_text, model_backend.audio.hf_text_to_speech, "
            "model_backend.audio.hf_music; assert 'torch' not in sys.modules, 'torch imported'; "
            "assert 'transformers' not in sys.modules, 'transformers imported'")
    subprocess.run([sys.executable, "-c", code], cwd=ROOT, check=True)


def test_tiny_models_are_classified(tiny_whisper_dir, tiny_vits_dir, tiny_musicgen_dir):
    assert inspect_path(tiny_whisper_dir).kind is ModelKind.SPEECH_TO_TEXT
    assert inspect_path(tiny_vits_dir).kind is ModelKind.TEXT_TO_SPEECH
    assert inspect_path(tiny_musicgen_dir).kind is ModelKind.MUSIC
    for folder in (tiny_whisper_dir, tiny_vits_dir, tiny_musicgen_dir):
        assert (folder / "model.safetensors").exists()
        assert sum(f.stat().st_size for f in folder.iterdir()) < 10_000_000


# --- Whisper -------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def whisper_en(tiny_whisper_dir):
    from model_backend.audio.hf_speech_to_text import load_whisper

    return load_whisper(tiny_whisper_dir, "cpu", torch.float32)


@pytest.fixture(scope="module")
def whisper_multi(tiny_whisper_multilingual_dir):
    from model_backend.audio.hf_speech_to_text import load_whisper

    return load_whisper(tiny_whisper_multilingual_dir, "cpu", torch.float32)


def test_whisper_long_audio_goes_window_by_window(whisper_en):
    from model_backend.audio.hf_speech_to_text import transcribe_hf

    events, live = [], []
    segments, language, probability = transcribe_hf(whisper_en, _noise(65), "", "transcribe",
                                                    lambda f, m: events.append((f, m)), NEVER_STOPPED,
                                                    on_segments=live.extend)
    assert live == segments  # each window's segments were handed over as soon as they were decoded
    windows = [f for f, m in events if m.startswith("Window")]
    assert 3 <= len(windows) <= 6  # 65 s needs at least three 30-s windows
    assert windows[0] == 0.0 and windows == sorted(windows) and windows[-1] > 30 / 65
    assert events[-1][0] == 1.0
    assert language == "en" and probability is None  # English-only model
    assert segments, "the tiny model always says something"
    assert all(0.0 <= s.start <= s.end <= 65.0 and s.text for s in segments)
    assert max(s.end for s in segments) > 30.0  # later windows are offset, not restarted at 0


def test_whisper_stop_after_first_window_keeps_its_segments(whisper_en):
    from model_backend.audio.hf_speech_to_text import transcribe_hf

    windows = []

    stop = threading.Event()

    def progress(fraction, message):
        if message.startswith("Window"):
            windows.append(message)
            stop.set()  # the user presses Stop during the first window

    with pytest.raises(JobCancelled) as caught:
        transcribe_hf(whisper_en, _noise(65), "", "transcribe", progress, stop)
    assert len(windows) == 1
    partial = caught.value.partial
    assert isinstance(partial, list) and partial
    assert all(s.end <= 30.0 for s in partial)


def test_whisper_window_tokens_split_at_timestamp_pairs():
    from model_backend.audio.hf_speech_to_text import _parse_window

    tb = 1000  # timestamp tokens start here; <|0.02 * (id - tb)|>

    def decode(ids):
        return " ".join(map(str, ids))

    # two finished segments, the second closed by a lone timestamp: the whole window is used
    assert _parse_window([tb + 10, 5, 6, tb + 50, tb + 50, 7, tb + 100], tb, 30.0, decode) == (
        [(0.2, 1.0, "5 6"), (1.0, 2.0, "7")], 30.0)
    # speech runs past the last pair: keep what is finished, the next window starts at 1.0 s
    assert _parse_window([tb + 10, 5, 6, tb + 50, tb + 50, 7, 8], tb, 30.0, decode) == ([(0.2, 1.0, "5 6")], 1.0)
    assert _parse_window([tb + 10, 5, 6], tb, 12.0, decode) == ([(0.2, 12.0, "5 6")], 12.0)
    assert _parse_window([5, 6], tb, 30.0, decode) == ([(0.0, 30.0, "5 6")], 30.0)
    assert _parse_window([tb + 5000, 5, tb + 5000], tb, 8.0, decode) == ([(8.0, 8.0, "5")], 8.0)  # clamped
    assert _parse_window([], tb, 30.0, decode) == ([], 30.0)


def test_whisper_log_mel_is_the_first_30_seconds(whisper_en):
    from model_backend.audio.hf_speech_to_text import log_mel_hf

    mel = log_mel_hf(whisper_en, _noise(65))
    assert mel.shape == (80, 3000) and mel.dtype == np.float32
    same = log_mel_hf(whisper_en, _noise(65)[: 30 * 16_000])
    np.testing.assert_array_equal(mel, same)
    assert log_mel_hf(whisper_en, _noise(3)).shape == (80, 3000)  # short audio is padded


def test_whisper_english_only_transcribes_english(whisper_en):
    from model_backend.audio.hf_speech_to_text import transcribe_hf

    segments, language, probability = transcribe_hf(whisper_en, _noise(5), "German", "translate", _ignore, NEVER_STOPPED)
    assert (language, probability) == ("en", None)
    assert all(s.end <= 5.0 for s in segments)


def test_whisper_multilingual_detects_or_takes_the_language(whisper_multi):
    from model_backend.audio.hf_speech_to_text import transcribe_hf

    _, language, probability = transcribe_hf(whisper_multi, _noise(5), "", "transcribe", _ignore, NEVER_STOPPED)
    assert f"<|{language}|>" in whisper_multi.model.generation_config.lang_to_id
    assert 0.0 < probability <= 1.0
    _, language, probability = transcribe_hf(whisper_multi, _noise(5), "german", "translate", _ignore, NEVER_STOPPED)
    assert (language, probability) == ("de", None)
    with pytest.raises(BackendError) as caught:
        transcribe_hf(whisper_multi, _noise(5), "klingon", "transcribe", _ignore, NEVER_STOPPED)
    assert caught.value.kind is ErrorKind.INVALID_INPUT


def test_whisper_without_generation_config_is_completed_from_the_tokenizer(tiny_whisper_multilingual_dir, tmp_path):
    from model_backend.audio.hf_speech_to_text import load_whisper, transcribe_hf

    folder = _copy_without(tiny_whisper_multilingual_dir, tmp_path, "generation_config.json")
    loaded = load_whisper(folder, "cpu", None)
    assert not loaded.english_only
    segments, language, _ = transcribe_hf(loaded, _noise(3), "fr", "transcribe", _ignore, NEVER_STOPPED)
    assert language == "fr" and all(s.end <= 3.0 for s in segments)


@pytest.mark.parametrize("missing, word", [(("tokenizer.json", "tokenizer_config.json"), "tokenizer"),
                                           (("processor_config.json",), "preprocessor")])
def test_whisper_folder_with_missing_files_fails_clearly(tiny_whisper_dir, tmp_path, missing, word):
    from model_backend.audio.hf_speech_to_text import load_whisper

    with pytest.raises(BackendError) as caught:
        load_whisper(_copy_without(tiny_whisper_dir, tmp_path, *missing), "cpu", torch.float32)
    assert caught.value.kind is ErrorKind.INVALID_MODEL and word in caught.value.message


# --- Text to speech ------------------------------------------------------------------------------

TEXT = "Hello there. This is a small test! Does it work? Yes, it does."


@pytest.fixture(scope="module")
def vits(tiny_vits_dir):
    from model_backend.audio.hf_text_to_speech import load_tts

    return load_tts(tiny_vits_dir, "cpu", torch.float32)


def test_split_sentences():
    from model_backend.audio.hf_text_to_speech import MAX_SENTENCE_CHARS, split_sentences

    assert split_sentences(TEXT) == ["Hello there.", "This is a small test!", "Does it work?", "Yes, it does."]
    assert split_sentences("  \n ") == []
    long = ", ".join(["word word word"] * 60)
    assert all(len(s) <= MAX_SENTENCE_CHARS + 1 for s in split_sentences(long))


def test_vits_same_seed_same_audio_and_speed_shortens(vits):
    from model_backend.audio.hf_text_to_speech import synthesize_hf

    first, rate, _ = synthesize_hf(vits, TEXT, 1.0, 42, _ignore, NEVER_STOPPED)
    again, _, _ = synthesize_hf(vits, TEXT, 1.0, 42, _ignore, NEVER_STOPPED)
    other, _, _ = synthesize_hf(vits, TEXT, 1.0, 7, _ignore, NEVER_STOPPED)
    fast, _, _ = synthesize_hf(vits, TEXT, 2.0, 42, _ignore, NEVER_STOPPED)
    assert rate == 16_000 and first.dtype == np.float32 and first.ndim == 1
    assert np.abs(first).max() <= 1.0
    np.testing.assert_array_equal(first, again)
    assert not np.array_equal(other, first)
    assert len(fast) < 0.75 * len(first)


def test_vits_stop_is_honoured_between_sentences(vits):
    from model_backend.audio.hf_text_to_speech import synthesize_hf

    messages = []
    stop = threading.Event()

    def progress(fraction, message):
        messages.append(message)
        if len(messages) >= 2:
            stop.set()

    with pytest.raises(JobCancelled) as caught:
        synthesize_hf(vits, TEXT, 1.0, 1, progress, stop)
    assert len(messages) == 2 and caught.value.partial is None  # Stop came before sentence 3


def test_vits_empty_or_unpronounceable_text(vits):
    from model_backend.audio.hf_text_to_speech import synthesize_hf

    with pytest.raises(BackendError) as caught:
        synthesize_hf(vits, "   ", 1.0, None, _ignore, NEVER_STOPPED)
    assert caught.value.kind is ErrorKind.EMPTY_PROMPT
    with pytest.raises(BackendError) as caught:
        synthesize_hf(vits, "東京です。", 1.0, None, _ignore, NEVER_STOPPED)
    assert caught.value.kind is ErrorKind.INVALID_INPUT


def test_pipeline_path_matches_direct_vits(vits, tiny_vits_dir):
    from model_backend.audio.hf_text_to_speech import load_tts_pipeline, synthesize_hf

    piped = load_tts_pipeline(tiny_vits_dir, "cpu", torch.float32)
    assert piped.kind == "pipeline" and piped.sample_rate == 16_000
    direct, _, _ = synthesize_hf(vits, TEXT, 1.5, 3, _ignore, NEVER_STOPPED)
    through, _, _ = synthesize_hf(piped, TEXT, 1.5, 3, _ignore, NEVER_STOPPED)
    np.testing.assert_array_equal(direct, through)


def test_tts_folder_errors(tiny_vits_dir, tmp_path):
    from model_backend.audio.hf_text_to_speech import load_tts

    with pytest.raises(BackendError) as caught:
        load_tts(_copy_without(tiny_vits_dir, tmp_path, "vocab.json"), "cpu", torch.float32)
    assert caught.value.kind is ErrorKind.INVALID_MODEL and "tokenizer" in caught.value.message

    speecht5 = tmp_path / "speecht5_tts"
    speecht5.mkdir()
    (speecht5 / "config.json").write_text(json.dumps({"model_type": "speecht5",
                                                      "architectures": ["SpeechT5ForTextToSpeech"]}))
    (speecht5 / "spm_char.model").write_bytes(b"")
    with pytest.raises(BackendError) as caught:
        load_tts(speecht5, "cpu", torch.float32)
    assert caught.value.kind is ErrorKind.INVALID_MODEL and "vocoder" in caught.value.message


def test_speecht5_with_vocoder_folder(tiny_speecht5_dir, tmp_path):
    from model_backend.audio.hf_text_to_speech import load_tts, synthesize_hf

    loaded = load_tts(tiny_speecht5_dir, "cpu", torch.float32)
    assert loaded.kind == "speecht5" and loaded.sample_rate == 16_000
    samples, rate, notes = synthesize_hf(loaded, "Hello there. Does it work?", 1.5, 1, _ignore, NEVER_STOPPED)
    assert samples.dtype == np.float32 and len(samples) > 0 and np.abs(samples).max() <= 1.0
    assert any("speaker embedding" in n for n in notes) and any("speed" in n for n in notes)
    folder = tmp_path / "voice"
    shutil.copytree(tiny_speecht5_dir, folder)
    np.save(folder / "speaker_embeddings.npy", np.linspace(-1, 1, 8, dtype=np.float32))
    voiced = load_tts(folder, "cpu", torch.float32)
    assert voiced.speaker_embedding.abs().sum() > 0 and not voiced.load_notes


def test_speecht5_finds_its_vocoder_in_the_hugging_face_cache(tiny_speecht5_dir, app_home):
    """Both downloaded the usual way: the voice's siblings are its own snapshots, not the vocoder."""
    from model_backend.audio.hf_text_to_speech import load_tts
    from model_backend.core.registry import default_hf_cache_dir

    cache = default_hf_cache_dir()
    voice = cache / "models--microsoft--speecht5_tts" / "snapshots" / "abc"
    shutil.copytree(tiny_speecht5_dir, voice, ignore=shutil.ignore_patterns("vocoder"))
    with pytest.raises(BackendError, match="vocoder"):
        load_tts(voice, "cpu", torch.float32)
    shutil.copytree(tiny_speecht5_dir / "vocoder", cache / "models--microsoft--speecht5_hifigan" / "snapshots" / "def")
    assert load_tts(voice, "cpu", torch.float32).kind == "speecht5"


def test_bark_runs_through_the_pipeline(tiny_bark_dir):
    from model_backend.audio.hf_text_to_speech import load_tts, synthesize_hf

    assert inspect_path(tiny_bark_dir).kind is ModelKind.TEXT_TO_SPEECH
    loaded = load_tts(tiny_bark_dir, "cpu", torch.float32)
    assert loaded.kind == "pipeline" and loaded.sample_rate == 24_000 and not loaded.supports_speed
    first, rate, _ = synthesize_hf(loaded, "Hello there. A test!", 1.0, 11, _ignore, NEVER_STOPPED)
    again, _, _ = synthesize_hf(loaded, "Hello there. A test!", 1.0, 11, _ignore, NEVER_STOPPED)
    assert rate == 24_000 and len(first) > 0 and first.dtype == np.float32
    np.testing.assert_array_equal(first, again)
    assert any("speed" in n for n in synthesize_hf(loaded, "Hello.", 2.0, 11, _ignore, NEVER_STOPPED)[2])


# --- MusicGen ------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def music(tiny_musicgen_dir):
    from model_backend.audio.hf_music import load_music

    return load_music(tiny_musicgen_dir, "cpu", torch.float32)


def test_musicgen_duration_progress_and_seed(music):
    from model_backend.audio.hf_music import frames_for, generate_music

    assert music.frame_rate == 50 and music.sample_rate == 8000
    steps = []
    first, rate, _ = generate_music(music, "a calm piano melody", 1.0, 3.0, 5,
                                    lambda f, m: steps.append(f) if m.startswith("Generating step") else None, NEVER_STOPPED)
    hop = rate // music.frame_rate
    assert abs(len(first) - rate) <= hop and first.dtype == np.float32 and np.abs(first).max() <= 1.0
    delay = music.model.decoder.config.num_codebooks - 1
    assert len(steps) == frames_for(music, 1.0) + delay  # one report per generated token
    assert steps == sorted(steps) and steps[-1] == 1.0
    again, _, _ = generate_music(music, "a calm piano melody", 1.0, 3.0, 5, _ignore, NEVER_STOPPED)
    np.testing.assert_array_equal(first, again)
    other, _, _ = generate_music(music, "a calm piano melody", 1.0, 3.0, 6, _ignore, NEVER_STOPPED)
    assert not np.array_equal(first, other)
    half, _, _ = generate_music(music, "lofi beat", 0.5, 1.0, None, _ignore, NEVER_STOPPED)
    assert abs(len(half) - rate // 2) <= hop


def test_musicgen_stop_mid_generation(music):
    from model_backend.audio.hf_music import generate_music

    steps = []
    stop = threading.Event()

    def progress(fraction, message):
        if message.startswith("Generating step"):
            steps.append(message)
            if len(steps) >= 10:
                stop.set()

    with pytest.raises(JobCancelled) as caught:
        generate_music(music, "upbeat drums", 2.0, 3.0, 1, progress, stop)
    assert caught.value.partial is None
    assert len(steps) == 10  # generation ended at the step where Stop was seen


def test_musicgen_empty_prompt(music):
    from dataclasses import replace

    from model_backend.audio.hf_music import generate_music

    samples, rate, notes = generate_music(music, "", 0.4, 3.0, 2, _ignore, NEVER_STOPPED)
    assert abs(len(samples) - 0.4 * rate) <= rate // music.frame_rate and "unconditionally" in notes[0]
    with pytest.raises(BackendError) as caught:
        generate_music(replace(music, supports_unconditional=False), "  ", 0.4, 3.0, 2, _ignore, NEVER_STOPPED)
    assert caught.value.kind is ErrorKind.EMPTY_PROMPT


def test_music_folder_errors(tiny_musicgen_dir, tiny_vits_dir, tmp_path):
    from model_backend.audio.hf_music import load_music

    with pytest.raises(BackendError) as caught:
        load_music(_copy_without(tiny_musicgen_dir, tmp_path, "tokenizer.json"), "cpu", torch.float32)
    assert caught.value.kind is ErrorKind.INVALID_MODEL and "tokenizer" in caught.value.message
    with pytest.raises(BackendError) as caught:
        load_music(tiny_vits_dir, "cpu", torch.float32)
    assert caught.value.kind is ErrorKind.WRONG_MODEL_KIND
