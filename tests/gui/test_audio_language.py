"""The Audio tab switches between English and Japanese while it runs, keeping what the student did."""
from __future__ import annotations

import re

import numpy as np
import pytest
import soundfile
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QComboBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QTableWidget,
    QTabWidget,
    QWidget,
)

from desktop_app.audio.audio_views import _TimelineView
from desktop_app.widgets.model_picker import ModelPicker
from model_backend.audio.audio_types import GeneratedAudio, Segment, Transcript
from model_backend.audio.sound_devices import AudioAvailability

# The backend's own sentence (translated by the backend's catalogue, not by this tab): left out of the check.
NO_PORTAUDIO = "Recording and playback are unavailable: the PortAudio library is not installed."
WORDS = re.compile(r"[A-Za-z]{2,}")


def english_words(text: str) -> bool:
    """Two or more English words and nothing Japanese: a text the switch left behind."""
    text = text.replace(NO_PORTAUDIO, "")
    return text.isascii() and len(WORDS.findall(text)) >= 2


def inside_model_picker(widget: QWidget) -> bool:
    """The model picker is a shared widget (its own texts, model names) and is checked with it."""
    while widget is not None:
        if isinstance(widget, ModelPicker):
            return True
        widget = widget.parentWidget()
    return False


def words_of(tab: QWidget) -> dict[str, str]:
    """Every word the tab can show (visible or on a page behind), keyed by where it is shown."""
    found: dict[str, str] = {}
    widgets = [w for w in tab.findChildren(QWidget) if not inside_model_picker(w)]
    for index, widget in enumerate(widgets):
        key = f"{index}:{type(widget).__name__}"
        found[f"{key}.tooltip"] = widget.toolTip()
        if isinstance(widget, (QLabel, QAbstractButton)):
            found[f"{key}.text"] = widget.text()
        if isinstance(widget, (QLineEdit, QPlainTextEdit)):
            found[f"{key}.placeholder"] = widget.placeholderText()
        if isinstance(widget, QAbstractSpinBox):
            found[f"{key}.special"] = widget.specialValueText()
            found[f"{key}.suffix"] = getattr(widget, "suffix", lambda: "")()
        if isinstance(widget, QComboBox):
            for item in range(widget.count()):
                found[f"{key}.item{item}"] = widget.itemText(item)
        if isinstance(widget, QTabWidget):
            for page in range(widget.count()):
                found[f"{key}.tab{page}"] = widget.tabText(page)
        if isinstance(widget, QTableWidget):
            for column in range(widget.columnCount()):
                found[f"{key}.header{column}"] = widget.horizontalHeaderItem(column).text()
            for row in range(widget.rowCount()):
                found[f"{key}.tip{row}"] = widget.item(row, 2).toolTip()
        if isinstance(widget, _TimelineView):
            found[f"{key}.placeholder"] = widget.placeholder
    return {key: text for key, text in found.items() if text}


def switch(qtbot, window, code: str) -> None:
    window.set_language(code)
    qtbot.wait(50)


@pytest.fixture
def audio_tab(open_window, monkeypatch):
    import desktop_app.audio.audio_device_panel as panel

    missing = AudioAvailability(False, NO_PORTAUDIO, (), (), None, None)
    monkeypatch.setattr(panel, "probe", lambda refresh=False: missing)
    window = open_window()
    window.tabs.setCurrentWidget(window.audio_tab)
    yield window.audio_tab
    window.set_language("en")  # the next test's window starts in English


def fill_in(qtbot, tab, tmp_path) -> dict:
    """What a student might have done before switching: typed, chosen, opened, transcribed, failed to save."""
    qtbot.waitUntil(lambda: tab.devices.availability is not None, timeout=5000)
    wav = tmp_path / "tone.wav"
    soundfile.write(wav, 0.3 * np.sin(np.linspace(0, 2000, 16000)).astype(np.float32), 16000)
    stt = tab.speech_to_text
    stt.open_file(str(wav))
    qtbot.waitUntil(lambda: tab.stage.path == str(wav), timeout=20000)
    stt.language.setCurrentIndex(stt.language.findData("ja"))
    stt.task.setCurrentIndex(stt.task.findData("translate"))
    stt.transcribed_path = str(wav)
    for start in (0.0, 0.5):
        stt.segments.add_segment(Segment(start, start + 0.5, f"segment at {start}", avg_logprob=-0.3,
                                         no_speech_prob=0.1))
    stt.segments.selectRow(1)
    assert stt.export("txt", str(tmp_path / "out.txt"))  # a notice that says where it went
    assert tab.stage.save_copy(str(tmp_path / "no" / "such" / "folder.wav"))  # a problem line on the stage
    tts = tab.text_to_speech
    tts.text.setPlainText("My own words for the voice.")
    tts.speed.setValue(1.5)
    tts.seed.setValue(-1)  # shows its special text, "random"
    music = tab.music
    music.prompt.setText("slow jazz")
    music.seed.setValue(42)
    tab.pages.setCurrentWidget(music)
    return {"stt_language": "ja", "stt_task": "translate", "tts_text": "My own words for the voice.", "speed": 1.5,
            "prompt": "slow jazz", "seed": 42, "page": music, "stage_path": str(wav), "segment_row": 1}


def state_of(tab) -> dict:
    stt, tts, music = tab.speech_to_text, tab.text_to_speech, tab.music
    return {"stt_language": stt.language.currentData(), "stt_task": stt.task.currentData(),
            "tts_text": tts.text.toPlainText(), "speed": tts.speed.value(), "prompt": music.prompt.text(),
            "seed": music.seed.value(), "page": tab.pages.currentWidget(), "stage_path": tab.stage.path,
            "segment_row": stt.segments.currentRow()}


def round_trip(qtbot, tab) -> None:
    """To Japanese: no English left and nothing lost; back to English: every word as it was."""
    window = tab.window()
    english = words_of(tab)
    assert sum(english_words(text) for text in english.values()) > 30  # the check has English to find
    switch(qtbot, window, "ja")
    japanese = words_of(tab)
    assert {key: text for key, text in japanese.items() if english_words(text)} == {}
    # single words too ("Play", "Model"): every text with English words in it was said again
    unchanged = {key: text for key, text in japanese.items()
                 if text == english.get(key) and WORDS.search(text.replace(NO_PORTAUDIO, ""))}
    assert unchanged == {}
    assert japanese.keys() == english.keys()  # nothing lost its words, nothing appeared
    switch(qtbot, window, "en")
    assert words_of(tab) == english


def test_the_audio_tab_speaks_japanese_and_back_without_losing_anything(qtbot, audio_tab, tmp_path):
    before = fill_in(qtbot, audio_tab, tmp_path)
    assert state_of(audio_tab) == before
    round_trip(qtbot, audio_tab)
    assert state_of(audio_tab) == before


def test_results_and_the_sound_on_stage_are_described_again(qtbot, audio_tab, tmp_path):
    """A finished transcription, voice and tune: their details, notices and stage titles follow the switch."""
    stt, tts, music = audio_tab.speech_to_text, audio_tab.text_to_speech, audio_tab.music
    stt.on_result(Transcript((Segment(0.0, 1.0, "konnichiwa"),), "ja", 0.93, 1.0, 0.4, "tiny", "cpu",
                             str(tmp_path / "a.wav"), language_candidates=(("ja", 0.93), ("en", 0.05)),
                             saved_path=str(tmp_path / "a.json")))
    assert "93%" in stt.details.text() and "0.40" in stt.details.text()
    samples = np.zeros(22050, np.float32)
    tts.autoplay.setChecked(False)
    tts.on_result(GeneratedAudio(samples, 22050, str(tmp_path / "speech.wav"), 0.2, "joe", "cpu",
                                 {"text": "Hello class.", "phonemes": ["həlˈoʊ klˈæs."]}, seed=7))
    assert audio_tab.stage.path == str(tmp_path / "speech.wav") and "Hello class." in audio_tab.stage.title.text()
    music.autoplay.setChecked(False)
    music.on_result(GeneratedAudio(samples, 32000, str(tmp_path / "tune.wav"), 3.0, "musicgen", "cpu",
                                   {"prompt": "calm piano"}, seed=11))
    stage_title = audio_tab.stage.title.text()
    assert "calm piano" in stage_title
    round_trip(qtbot, audio_tab)
    switch(qtbot, audio_tab.window(), "ja")
    assert "calm piano" in audio_tab.stage.title.text() and audio_tab.stage.title.text() != stage_title
    assert "həlˈoʊ klˈæs." in tts.details.text() and "7" in tts.details.text()
    assert "11" in music.details.text() and "93%" in stt.details.text()
    assert audio_tab.stage.path == str(tmp_path / "tune.wav") and stt.segments.rowCount() == 1


def test_page_switcher_combos_and_device_messages_are_renamed_in_place(qtbot, audio_tab):
    window = audio_tab.window()
    qtbot.waitUntil(lambda: audio_tab.devices.availability is not None, timeout=5000)
    stt = audio_tab.speech_to_text
    tabs = [audio_tab.pages.tabText(i) for i in range(audio_tab.pages.count())]
    items = [(stt.language.itemText(i), stt.language.itemData(i)) for i in range(stt.language.count())]
    tasks = [(stt.task.itemText(i), stt.task.itemData(i)) for i in range(stt.task.count())]
    devices = audio_tab.devices
    reason = devices.reason.text()
    assert reason.startswith(NO_PORTAUDIO) and devices.input_combo.currentData() is None
    switch(qtbot, window, "ja")
    assert all(not text.isascii() for text in (audio_tab.pages.tabText(i) for i in range(audio_tab.pages.count())))
    ja_items = [(stt.language.itemText(i), stt.language.itemData(i)) for i in range(stt.language.count())]
    assert [data for _, data in ja_items] == [data for _, data in items]  # Whisper's codes are kept
    assert all(not text.isascii() for text, _ in ja_items)
    assert [d for _, d in tasks] == [stt.task.itemData(i) for i in range(stt.task.count())]
    assert all(not stt.task.itemText(i).isascii() for i in range(stt.task.count()))
    assert not devices.input_combo.itemText(0).isascii() and devices.input_combo.currentData() is None
    assert devices.reason.text() != reason and devices.reason.isVisibleTo(audio_tab)
    for button in (stt.record_button, audio_tab.stage.play_button):
        assert not button.text().isascii() and NO_PORTAUDIO in button.toolTip()  # the backend says why
    music_notice = audio_tab.music.status.notice
    assert not music_notice.text().isascii() and "facebook/musicgen-small" in music_notice.text()
    assert str(audio_tab.music.models_dir) in music_notice.text()
    switch(qtbot, window, "en")
    assert [audio_tab.pages.tabText(i) for i in range(audio_tab.pages.count())] == tabs
    assert [(stt.language.itemText(i), stt.language.itemData(i)) for i in range(stt.language.count())] == items
    assert [(stt.task.itemText(i), stt.task.itemData(i)) for i in range(stt.task.count())] == tasks
    assert devices.reason.text() == reason


def test_the_example_sentence_follows_the_language_until_the_student_edits_it(qtbot, audio_tab):
    window = audio_tab.window()
    tts = audio_tab.text_to_speech
    example = tts.text.toPlainText()
    assert example.isascii() and example
    switch(qtbot, window, "ja")
    assert not tts.text.toPlainText().isascii()  # untouched: the Japanese example
    tts.text.setPlainText("Hello class.")
    switch(qtbot, window, "en")
    assert tts.text.toPlainText() == "Hello class."  # typed words are never replaced
