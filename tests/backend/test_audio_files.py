"""Reading audio of every kind a student might open, and writing it back without half-files."""
from __future__ import annotations

import numpy as np
import pytest
import soundfile

from model_backend.audio.analysis import envelope, spectrogram, whisper_log_mel
from model_backend.audio.audio_io import read_audio, resample, write_wav_atomic
from model_backend.audio.audio_types import Segment
from model_backend.audio.transcript_export import export, to_srt, to_vtt
from model_backend.core.errors import BackendError, ErrorKind


def tone(frequency: float, seconds: float, rate: int, amplitude: float = 0.5) -> np.ndarray:
    t = np.arange(int(seconds * rate)) / rate
    return (amplitude * np.sin(2 * np.pi * frequency * t)).astype(np.float32)


def dominant_frequency(samples: np.ndarray, rate: int) -> float:
    spectrum = np.abs(np.fft.rfft(samples * np.hanning(len(samples))))
    return float(np.fft.rfftfreq(len(samples), 1 / rate)[np.argmax(spectrum)])


@pytest.mark.parametrize("suffix", [".wav", ".flac", ".ogg", ".mp3"])
def test_stereo_48k_files_become_mono_16k_with_the_pitch_kept(tmp_path, suffix):
    stereo = np.stack([tone(440, 1.0, 48000), tone(440, 1.0, 48000)], axis=1)
    path = tmp_path / f"tone{suffix}"
    soundfile.write(path, stereo, 48000)
    clip = read_audio(path, 16000)
    assert clip.sample_rate == 16000 and clip.source_rate == 48000 and clip.source_channels == 2
    assert clip.samples.ndim == 1 and clip.samples.dtype == np.float32
    assert abs(clip.duration - 1.0) < 0.1
    assert abs(dominant_frequency(clip.samples, 16000) - 440) < 5
    assert any("2 channels" in note for note in clip.notes())


def test_formats_libsndfile_cannot_read_go_through_ffmpeg(tmp_path):
    import av

    path = tmp_path / "tone.m4a"
    with av.open(str(path), "w") as container:
        stream = container.add_stream("aac", rate=44100)
        stream.layout = "mono"
        frame = av.AudioFrame.from_ndarray(tone(660, 1.0, 44100).reshape(1, -1), format="fltp", layout="mono")
        frame.sample_rate = 44100
        for packet in [*stream.encode(frame), *stream.encode(None)]:
            container.mux(packet)
    clip = read_audio(path, 16000)
    assert clip.sample_rate == 16000 and abs(dominant_frequency(clip.samples, 16000) - 660) < 5


@pytest.mark.parametrize("content, expected", [
    (b"", "empty"),
    (b"this is a text file, not sound" * 20, "could not be read as audio"),
])
def test_bad_files_are_refused_with_a_reason(tmp_path, content, expected):
    path = tmp_path / "clip.wav"
    path.write_bytes(content)
    with pytest.raises(BackendError) as caught:
        read_audio(path)
    assert caught.value.kind is ErrorKind.INVALID_INPUT and expected in caught.value.message


def test_missing_file_and_zero_length_audio(tmp_path):
    with pytest.raises(BackendError, match="does not exist"):
        read_audio(tmp_path / "gone.wav")
    soundfile.write(tmp_path / "silent.wav", np.zeros(0, np.float32), 16000)
    with pytest.raises(BackendError, match="no sound|empty|could not be read"):
        read_audio(tmp_path / "silent.wav")


def test_clipping_is_noticed(tmp_path):
    loud = np.clip(tone(300, 1.0, 16000, amplitude=3.0), -1, 1)
    soundfile.write(tmp_path / "loud.wav", loud, 16000)
    clip = read_audio(tmp_path / "loud.wav")
    assert clip.clipped_fraction > 0.1 and any("clipped" in note for note in clip.notes())


def test_resampling_keeps_pitch_and_length():
    out = resample(tone(1000, 2.0, 22050), 22050, 16000)
    assert abs(len(out) - 32000) < 200 and abs(dominant_frequency(out, 16000) - 1000) < 5


def test_wav_written_atomically_leaves_no_temp_files(tmp_path):
    path = write_wav_atomic(tmp_path / "out" / "a.wav", tone(220, 0.5, 22050), 22050)
    data, rate = soundfile.read(path)
    assert rate == 22050 and len(data) == 11025
    assert [p.name for p in path.parent.iterdir()] == ["a.wav"]


def test_views_envelope_spectrogram_and_log_mel():
    samples = tone(2000, 3.0, 16000)
    mins, maxs = envelope(samples, 300)
    assert mins.shape == maxs.shape == (300,) and maxs.max() == pytest.approx(0.5, abs=0.01)
    db, seconds_per_frame = spectrogram(samples, 16000, n_fft=512, max_frames=200)
    assert db.shape[0] == 257 and db.shape[1] <= 200
    peak_bin = int(np.argmax(db.mean(axis=1)))
    assert abs(peak_bin * 16000 / 512 - 2000) < 40
    mel = whisper_log_mel(samples)
    assert mel.shape == (80, 3000)


def test_transcript_exports():
    segments = [Segment(0.0, 2.5, " Hello class."), Segment(3661.25, 3662.0, " Bye.")]
    srt = to_srt(segments)
    assert srt.startswith("1\n00:00:00,000 --> 00:00:02,500\nHello class.\n")
    assert "2\n01:01:01,250 --> 01:01:02,000\nBye." in srt
    vtt = to_vtt(segments)
    assert vtt.startswith("WEBVTT\n\n00:00:00.000 --> 00:00:02.500\nHello class.")


def test_export_picks_format_from_extension(tmp_path):
    segments = [Segment(0.0, 1.0, " One.")]
    assert export(segments, tmp_path / "t.vtt").read_text().startswith("WEBVTT")
    assert export(segments, tmp_path / "t.txt").read_text() == "One.\n"


@pytest.mark.parametrize("rate, channels", [(8000, 1), (11025, 6), (96000, 2)])
def test_unusual_rates_and_channel_counts(tmp_path, rate, channels):
    mono = tone(440, 1.5, rate)
    soundfile.write(tmp_path / "odd.wav", np.stack([mono] * channels, axis=1), rate)
    clip = read_audio(tmp_path / "odd.wav", 16000)
    assert clip.sample_rate == 16000 and clip.source_channels == channels
    assert abs(clip.duration - 1.5) < 0.05 and abs(dominant_frequency(clip.samples, 16000) - 440) < 5


def test_duration_is_read_from_the_header(tmp_path):
    from model_backend.audio.audio_io import duration_of

    soundfile.write(tmp_path / "a.flac", tone(440, 2.0, 22050), 22050)
    assert duration_of(tmp_path / "a.flac") == pytest.approx(2.0)
    (tmp_path / "junk.bin").write_bytes(b"\x00" * 100)
    assert duration_of(tmp_path / "junk.bin") is None
