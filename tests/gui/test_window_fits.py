"""The window fits a 1280×720 classroom screen in every tab and state.

A widget whose size hint follows its content (a picture, a long model name, a long technique name)
would pin the window wider than the screen, with buttons and the status bar off the edge. The test
makes every such content big, widens the window as a projector would, and checks the window can
still be made 1280×720.
"""
from __future__ import annotations

import shutil

from tests.gui.test_image_tab import wait_done

SCREEN_WIDTH, SCREEN_HEIGHT = 1280, 720
LONG = "an-extremely-long-model-folder-name-that-a-teacher-downloaded-for-the-lesson-on-diffusion-v1-5"


def assert_fits(qtbot, window) -> None:
    hint = window.minimumSizeHint()
    assert hint.width() <= SCREEN_WIDTH and hint.height() <= SCREEN_HEIGHT, hint
    window.resize(SCREEN_WIDTH, SCREEN_HEIGHT)
    qtbot.waitUntil(lambda: window.width() == SCREEN_WIDTH and window.height() == SCREEN_HEIGHT, timeout=5000)


def test_every_tab_fits_1280_by_720_after_images_and_long_names(qtbot, open_window, tiny_sd_dir, tmp_path):
    long_model = tmp_path / LONG
    shutil.copytree(tiny_sd_dir, long_model)
    window = open_window()
    assert_fits(qtbot, window)

    tab = window.image_tab
    window.tabs.setCurrentWidget(tab)
    assert tab.model_picker.add_path(str(long_model))
    tab.settings_panel.prompt.setPlainText("a red circle " * 20)
    tab.settings_panel.steps.setValue(3)
    window.resize(1900, 1000)  # a projector: the picture is drawn big
    assert tab.generate()
    wait_done(qtbot, tab)
    tab.gallery_view.list.setCurrentRow(0)  # a click on a thumbnail shows the picture again
    qtbot.wait(50)
    assert tab.result_view.pixels is not None
    assert_fits(qtbot, window)

    prompt = window.prompt_tab
    window.tabs.setCurrentWidget(prompt)
    prompt.select_technique("en-sentiment-few-shot")
    prompt.editor.name.setText("A technique with a very long name that a student typed " * 3)
    prompt.add_variant()
    for tab_widget in (window.chat_tab, window.image_tab, window.audio_tab, window.prompt_tab):
        window.tabs.setCurrentWidget(tab_widget)
        qtbot.wait(20)
        assert_fits(qtbot, window)
