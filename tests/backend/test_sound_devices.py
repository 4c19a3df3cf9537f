"""The sound-device layer: fast tests against a fake ``sounddevice``, and slow ones through the
real PortAudio -> ALSA -> PulseAudio path (the ``pulse_audio`` fixture: a null sink and its
monitor, so what is played can be recorded back)."""
from __future__ import annotations

import time

import numpy as np
import pytest
import soundfile

from model_backend.audio import sound_devices as sdv
from model_backend.core.errors import BackendError, ErrorKind


# ---- a fake sounddevice ------------------------------------------------------------------
class FakePortAudioError(Exception):
    pass


class FakeCallbackStop(Exception):
    pass


class FakeStream:
    def __init__(self, fake, kind, samplerate=None, device=None, channels=1, dtype=None,
                 callback=None, finished_callback=None, **_):
        if fake.open_error:
            raise FakePortAudioError(fake.open_error)
        self.kind, self.samplerate, self.device, self.channels = kind, samplerate, device, channels
        self.callback, self.finished_callback = callback, finished_callback
        self.active = self.closed = self.finished = False
        self.latency = 0.0
        fake.streams.append(self)

    def start(self):
        self.active = True

    def _finish(self):
        self.active = False
        if not self.finished:
            self.finished = True
            if self.finished_callback:
                self.finished_callback()

    stop = abort = _finish

    def close(self):
        self.closed = True

    def feed(self, block):
        """Input: PortAudio delivers ``block`` to the callback."""
        try:
            self.callback(np.asarray(block, dtype=np.float32).reshape(-1, self.channels), len(block), None, 0)
        except FakeCallbackStop:
            self._finish()

    def pull(self, frames):
        """Output: PortAudio asks the callback for ``frames``."""
        out = np.full((frames, self.channels), 9.0, dtype=np.float32)
        try:
            self.callback(out, frames, None, 0)
        except FakeCallbackStop:
            self._finish()
        return out

    def die(self):
        """The device was unplugged: PortAudio stops the stream by itself."""
        self._finish()


class FakeSoundDevice:
    PortAudioError = FakePortAudioError
    CallbackStop = FakeCallbackStop

    def __init__(self, inputs=1, outputs=1, rates=(48000,)):
        self.devices = []
        for i in range(inputs):
            self.devices.append(dict(name=f"Mic {i}", hostapi=0, max_input_channels=2,
                                     max_output_channels=0, default_samplerate=48000.0))
        for i in range(outputs):
            self.devices.append(dict(name=f"Speakers {i}", hostapi=0, max_input_channels=0,
                                     max_output_channels=2, default_samplerate=48000.0))
        for i, d in enumerate(self.devices):
            d["index"] = i
        ins = [d["index"] for d in self.devices if d["max_input_channels"]]
        outs = [d["index"] for d in self.devices if d["max_output_channels"]]
        self.default = type("Default", (), {})()
        self.default.device = [ins[0] if ins else -1, outs[0] if outs else -1]
        self.rates, self.streams, self.open_error, self.port_audio_calls = rates, [], "", []
        self.query_error = None

    def query_hostapis(self):
        return ({"name": "ALSA"},)

    def query_devices(self, device=None, kind=None):
        if self.query_error:
            raise FakePortAudioError(self.query_error)
        if kind is None:
            return list(self.devices)
        index = device if device is not None else self.default.device[0 if kind == "input" else 1]
        if index < 0:
            raise FakePortAudioError(f"no default {kind} device")
        return self.devices[index]

    def check_output_settings(self, device=None, channels=None, dtype=None, samplerate=None):
        if samplerate not in self.rates:
            raise FakePortAudioError("Invalid sample rate")

    def InputStream(self, **kw):  # noqa: N802 - mirrors sounddevice
        return FakeStream(self, "input", **kw)

    def OutputStream(self, **kw):  # noqa: N802
        return FakeStream(self, "output", **kw)

    def _terminate(self):
        self.port_audio_calls.append("terminate")

    def _initialize(self):
        self.port_audio_calls.append("initialize")


@pytest.fixture
def fake_sd(monkeypatch):
    fake = FakeSoundDevice()
    monkeypatch.setattr(sdv, "_import_sounddevice", lambda: fake)
    return fake


def _use(monkeypatch, fake):
    monkeypatch.setattr(sdv, "_import_sounddevice", lambda: fake)
    return fake


# ---- probe --------------------------------------------------------------------------------
def test_missing_portaudio_is_explained(monkeypatch, tmp_path):
    def no_portaudio():
        raise OSError("PortAudio library not found")

    monkeypatch.setattr(sdv, "_import_sounddevice", no_portaudio)
    found = sdv.probe()
    assert not found.available and not found.can_record and not found.can_play
    assert "PortAudio" in found.reason and "libportaudio2" in found.reason
    assert "PortAudio" in found.record_reason and "PortAudio" in found.play_reason
    with pytest.raises(sdv.AudioDeviceError) as caught:
        sdv.Recorder(tmp_path / "a.wav").start()
    assert caught.value.kind is ErrorKind.DEVICE_UNAVAILABLE and "PortAudio" in caught.value.message
    assert not (tmp_path / "a.wav").exists()
    with pytest.raises(sdv.AudioDeviceError):
        sdv.Player().play(np.zeros(10, np.float32), 16000)


def test_no_microphone_still_plays(monkeypatch):
    _use(monkeypatch, FakeSoundDevice(inputs=0, outputs=1))
    found = sdv.probe()
    assert found.available and found.can_play and not found.can_record
    assert "microphone" in found.record_reason and found.play_reason == ""
    assert found.inputs == () and found.default_output == found.outputs[0].index == 0
    assert found.outputs[0].host_api == "ALSA" and found.outputs[0].default_samplerate == 48000.0


def test_no_device_at_all_is_unavailable(monkeypatch):
    _use(monkeypatch, FakeSoundDevice(inputs=0, outputs=0))
    found = sdv.probe()
    assert not found.available and "no microphone or speakers" in found.reason


def test_everything_present(fake_sd):
    found = sdv.probe()
    assert found.available and found.can_record and found.can_play and found.reason == ""
    assert (found.default_input, found.default_output) == (0, 1)


def test_probe_never_raises_and_refresh_reinitialises(fake_sd):
    fake_sd.query_error = "Device list broke"
    found = sdv.probe(refresh=True)
    assert not found.available and "Device list broke" in found.reason
    assert fake_sd.port_audio_calls == ["terminate", "initialize"]  # a fresh device list


def test_refresh_waits_while_a_stream_is_open(fake_sd, tmp_path):
    recorder = sdv.Recorder(tmp_path / "r.wav", samplerate=16000)
    recorder.start()
    sdv.probe(refresh=True)
    assert fake_sd.port_audio_calls == []  # re-initialising PortAudio would have killed the recording
    recorder.stop()


# ---- Recorder -----------------------------------------------------------------------------
def _wait(condition, timeout=5.0):
    deadline = time.monotonic() + timeout
    while not condition() and time.monotonic() < deadline:
        time.sleep(0.01)
    return condition()


def test_recorder_keeps_samples_when_the_device_dies(fake_sd, tmp_path):
    path = tmp_path / "sub" / "take.wav"
    recorder = sdv.Recorder(path, samplerate=16000)
    recorder.start()
    stream = fake_sd.streams[0]
    assert recorder.is_recording and stream.kind == "input" and stream.samplerate == 16000
    blocks = [np.full(1600, v, dtype=np.float32) for v in (0.1, -0.2, 0.3)]
    for block in blocks:
        stream.feed(block)
    assert recorder.level == pytest.approx(0.3) and recorder.seconds == pytest.approx(0.3)
    # Already on disk, with a valid header, before anyone pressed Stop.
    assert _wait(lambda: soundfile.info(str(path)).frames == 4800)

    stream.die()
    assert not recorder.is_recording and "unplugged" in recorder.interruption
    result = recorder.stop()
    assert result.interrupted and "unplugged" in result.reason and "kept" in result.reason
    assert (result.path, result.samplerate, result.channels) == (path, 16000, 1)
    assert result.seconds == pytest.approx(0.3) and not result.clipped
    data, rate = soundfile.read(str(path), dtype="float32")
    assert rate == 16000 and np.allclose(data, np.concatenate(blocks), atol=1e-3)
    assert recorder.stop() is result  # idempotent
    assert stream.closed


def test_recorder_notices_a_stalled_device(fake_sd, tmp_path):
    recorder = sdv.Recorder(tmp_path / "s.wav", samplerate=8000)
    recorder.STALL_SECONDS = 0.3
    recorder.start()
    fake_sd.streams[0].feed(np.full(800, 0.5))
    assert _wait(lambda: recorder.interruption != "")  # the stream claims to run, nothing comes
    result = recorder.stop()
    assert result.interrupted and result.seconds == pytest.approx(0.1)


def test_recorder_normal_stop_limit_and_clipping(fake_sd, tmp_path):
    recorder = sdv.Recorder(tmp_path / "n.wav", samplerate=1000, max_seconds=1.0)
    recorder.start()
    stream = fake_sd.streams[0]
    stream.feed(np.full(600, 1.0))  # full scale
    stream.feed(np.full(600, 0.2))  # crosses the 1-second limit: cut to 400 frames
    assert stream.finished and not recorder.is_recording and recorder.interruption == ""
    result = recorder.stop()
    assert not result.interrupted and "limit" in result.reason
    assert result.seconds == pytest.approx(1.0) and result.clipped and recorder.clipped_blocks == 1
    assert soundfile.info(str(result.path)).frames == 1000

    plain = sdv.Recorder(tmp_path / "p.wav", samplerate=1000)
    plain.start()
    fake_sd.streams[1].feed(np.full(250, 0.1))
    result = plain.stop()
    assert not result.interrupted and result.reason == "" and result.seconds == pytest.approx(0.25)


def test_recorder_reports_a_full_disk(fake_sd, tmp_path):
    recorder = sdv.Recorder(tmp_path / "full.wav", samplerate=1000)
    recorder.start()
    stream = fake_sd.streams[0]
    stream.feed(np.full(500, 0.1))
    assert _wait(lambda: recorder._frames_written == 500)

    def no_space(_block):
        raise OSError(28, "No space left on device")

    recorder._file.write = no_space
    stream.feed(np.full(500, 0.1))
    assert _wait(lambda: not recorder.is_recording)
    result = recorder.stop()
    assert result.interrupted and "disk" in result.reason and result.seconds == pytest.approx(0.5)
    assert soundfile.info(str(result.path)).frames == 500


def test_recorder_open_failure_is_a_device_error(fake_sd, tmp_path):
    fake_sd.open_error = "Device unavailable [PaErrorCode -9985]"
    with pytest.raises(sdv.AudioDeviceError) as caught:
        sdv.Recorder(tmp_path / "x.wav", device=0).start()
    assert isinstance(caught.value, BackendError) and caught.value.kind is ErrorKind.DEVICE_UNAVAILABLE
    assert "in use by another program" in caught.value.message and "-9985" in caught.value.details
    assert not (tmp_path / "x.wav").exists()


def test_recorder_uses_the_device_default_rate(fake_sd, tmp_path):
    recorder = sdv.Recorder(tmp_path / "d.wav")
    recorder.start()
    assert fake_sd.streams[0].samplerate == 48000
    assert recorder.stop().samplerate == 48000


# ---- Player -------------------------------------------------------------------------------
def test_player_position_advances_and_finishes(fake_sd):
    finished = []
    player = sdv.Player()
    tone = np.linspace(-0.5, 0.5, 48000, dtype=np.float32)  # 1 s
    player.play(tone, 48000, start_seconds=0.25, on_finished=lambda: finished.append(True))
    stream = fake_sd.streams[0]
    assert player.is_playing and player.position_seconds == pytest.approx(0.25)
    out = stream.pull(12000)
    assert np.allclose(out[:, 0], tone[12000:24000]) and player.position_seconds == pytest.approx(0.5)
    stream.pull(24000)
    assert player.is_playing and player.position_seconds == pytest.approx(1.0)
    out = stream.pull(1000)  # past the end: silence, then the stream stops by itself
    assert np.all(out == 0) and not player.is_playing and finished == [True]
    assert player.position_seconds == pytest.approx(1.0)


def test_player_stop_keeps_position_and_skips_on_finished(fake_sd):
    finished = []
    player = sdv.Player()
    player.play(np.zeros((2, 48000), np.float32), 48000, on_finished=lambda: finished.append(1))
    stream = fake_sd.streams[0]
    assert stream.channels == 2  # (channels, frames) is understood
    stream.pull(12000)
    player.stop()
    player.stop()
    assert not player.is_playing and stream.closed and finished == []
    assert player.position_seconds == pytest.approx(0.25)


def test_player_resamples_when_the_device_refuses_the_rate(fake_sd):
    player = sdv.Player()
    player.play(np.ones(22050, np.float32), 22050)  # 1 s at a rate the device refuses
    stream = fake_sd.streams[0]
    assert stream.samplerate == 48000
    stream.pull(24000)
    assert player.position_seconds == pytest.approx(0.5)  # still the array's own time


def test_player_open_failure_is_a_device_error(fake_sd):
    fake_sd.open_error = "Device unavailable"
    with pytest.raises(sdv.AudioDeviceError, match="speakers"):
        sdv.Player().play(np.zeros(100, np.float32), 48000)


# ---- the real path: PortAudio -> ALSA -> PulseAudio null sink ------------------------------
def _tone(seconds, rate=48000, freq=440.0, amplitude=0.5):
    t = np.arange(int(seconds * rate)) / rate
    return (amplitude * np.sin(2 * np.pi * freq * t)).astype(np.float32)


def _dominant_frequency(samples, rate):
    spectrum = np.abs(np.fft.rfft(samples * np.hanning(len(samples))))
    return float(np.fft.rfftfreq(len(samples), 1 / rate)[int(np.argmax(spectrum))])


@pytest.mark.slow
def test_real_probe_finds_input_and_output(pulse_audio):
    found = sdv.probe(refresh=True)
    assert found.available and found.can_record and found.can_play, (found, pulse_audio.log())
    assert found.inputs and found.outputs and found.reason == ""


@pytest.mark.slow
def test_real_tone_round_trip(pulse_audio, tmp_path):
    finished = []
    recorder = sdv.Recorder(tmp_path / "loop.wav", device=pulse_audio.input_device, samplerate=48000)
    player = sdv.Player()
    recorder.start()
    try:
        time.sleep(0.3)
        player.play(_tone(1.5), 48000, device=pulse_audio.output_device,
                    on_finished=lambda: finished.append(True))
        assert _wait(lambda: not player.is_playing, timeout=10), pulse_audio.log()
        assert finished == [True] and player.position_seconds == pytest.approx(1.5)
        time.sleep(0.3)
    finally:
        player.stop()
        result = recorder.stop()
    assert not result.interrupted, result.reason
    data, rate = soundfile.read(str(result.path), dtype="float32")
    assert rate == 48000 and len(data) == round(result.seconds * rate)
    assert 1.6 < result.seconds < 8.0
    window = 4800  # the loudest 1 s holds the tone, whatever the device latency
    energy = np.convolve(data ** 2, np.ones(window), "valid")[::window]
    start = int(np.argmax(energy)) * window
    loud = data[start:start + rate]
    rms = float(np.sqrt(np.mean(loud ** 2)))
    assert rms > 0.1, f"recorded level {rms:.4f} is close to silence"
    assert abs(_dominant_frequency(loud, rate) - 440) <= 10


@pytest.mark.slow
def test_real_recording_stopped_early_keeps_its_samples(pulse_audio, tmp_path):
    player = sdv.Player()
    player.play(_tone(10), 48000, device=pulse_audio.output_device)
    recorder = sdv.Recorder(tmp_path / "early.wav", device=pulse_audio.input_device,
                            samplerate=48000, max_seconds=60)
    recorder.start()
    try:
        assert _wait(lambda: recorder.seconds >= 0.8, timeout=10)
        # The level is the last block's peak: on a busy machine the sound server can hand over a
        # block from a brief playback underrun, so wait for a loud one instead of sampling once.
        assert _wait(lambda: recorder.level > 0.1, timeout=5) and recorder.is_recording
    finally:
        result = recorder.stop()
        position = player.position_seconds
        player.stop()
    assert not result.interrupted and result.reason == ""
    assert 0.7 < result.seconds < 5 and 0 < position < 10
    data, rate = soundfile.read(str(result.path), dtype="float32")
    assert len(data) == round(result.seconds * rate)
    assert float(np.sqrt(np.mean(data[-rate // 2:] ** 2))) > 0.1  # the tone, up to the end


@pytest.mark.slow
def test_real_lost_microphone_keeps_what_was_recorded(pulse_audio, tmp_path):
    """The sound server drops the recording stream, as it does when a USB microphone goes away
    with nowhere to move the stream to (PulseAudio moves streams to another source when it can)."""
    player = sdv.Player()
    player.play(_tone(10), 48000, device=pulse_audio.output_device)
    recorder = sdv.Recorder(tmp_path / "lost.wav", device=pulse_audio.input_device, samplerate=48000)
    recorder.start()
    try:
        assert _wait(lambda: recorder.seconds >= 0.5, timeout=10)
        for line in pulse_audio.pactl("list", "short", "source-outputs").splitlines():
            pulse_audio.pacmd("kill-source-output", line.split()[0])
        assert _wait(lambda: recorder.interruption != "", timeout=10), pulse_audio.log()
        assert not recorder.is_recording
    finally:
        result = recorder.stop()
        player.stop()
    assert result.interrupted and "unplugged" in result.reason and result.seconds >= 0.5
    data, rate = soundfile.read(str(result.path), dtype="float32")
    assert len(data) == round(result.seconds * rate)
    assert float(np.sqrt(np.mean(data[rate // 4:] ** 2))) > 0.1  # the tone is there
