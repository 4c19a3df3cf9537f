"""The vision page's "Hide patches, let the model fill them in" section, on the real built-in diffusion model:
a click shows four pictures (original, masked, VAE alone, diffusion) with their errors, Stop stops, and the
page still fits 1280 × 720 at 150 % with the section in it."""
from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QScrollArea

from desktop_app.presentation import PRESENTATION_ZOOM
from tests.gui.test_window_fits import SCREEN_HEIGHT, SCREEN_WIDTH
from training.shapes_dataset import make_dataset

pytestmark = pytest.mark.slow


def open_section(open_window, **settings):
    window = open_window(**settings)
    tab = window.image_tab
    window.tabs.setCurrentWidget(tab)
    tab.pages.setCurrentWidget(tab.vision)
    return window, tab.vision, tab.vision.hide_patches


def test_hide_and_restore_shows_four_pictures_with_their_errors(qtbot, open_window):
    window, page, section = open_section(open_window)
    assert not section.hide_and_restore() and section.status.text()  # no picture yet: it says so
    _, pictures = make_dataset(1, seed=3)
    page.set_source(pictures[0])
    section.share.setValue(50)
    section.seed.setValue(7)
    assert section.share_value.text().startswith("50")
    qtbot.mouseClick(section.run_button, Qt.MouseButton.LeftButton)
    assert section.job.busy and section.stop_button.isEnabled() and not section.run_button.isEnabled()
    qtbot.waitUntil(lambda: not section.job.busy, timeout=120000)
    result = section.result
    assert result is not None
    shown = [view.pixels for view in section.views]
    assert all(pixels is not None and pixels.shape == (64, 64, 3) for pixels in shown)
    for pixels, expected in zip(shown, (result.original, result.masked, result.vae_only, result.restored)):
        assert np.array_equal(pixels, expected)
    assert np.array_equal(result.original, pictures[0])  # already 64 × 64: unchanged
    assert result.hidden.mean() == 0.5  # the slider's share of the sixteen 16 × 16 patches
    assert np.array_equal(result.restored[~result.hidden], pictures[0][~result.hidden])
    text = section.numbers.text()
    assert f"{result.error:.4f}" in text and f"{result.vae_only_error:.4f}" in text
    assert section.preview_step == 24  # the guesses of steps 1–24 of 25 were shown on the way
    assert section.run_button.isEnabled() and not section.stop_button.isEnabled()

    window.menu.clear_action.trigger()  # the next group starts with an empty section
    assert section.result is None and all(view.pixels is None for view in section.views)


def test_stop_ends_the_restoration_without_pictures(qtbot, open_window):
    _, page, section = open_section(open_window)
    _, pictures = make_dataset(1, seed=4)
    page.set_source(pictures[0])
    qtbot.mouseClick(section.run_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(section.stop_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not section.job.busy, timeout=120000)
    assert section.result is None and all(view.pixels is None for view in section.views)
    assert section.status.text()  # "Stopped."


@pytest.mark.parametrize("language", ["en", "ja"])
def test_the_page_with_the_section_fits_at_150_percent(qtbot, open_window, language):
    window, page, section = open_section(open_window, language=language)
    window.presentation.set_zoom(PRESENTATION_ZOOM)
    qtbot.wait(100)
    hint = window.minimumSizeHint()
    assert hint.width() <= SCREEN_WIDTH and hint.height() <= SCREEN_HEIGHT, hint
    viewport = window.centralWidget().viewport()
    chrome_width, chrome_height = window.width() - viewport.width(), window.height() - viewport.height()
    needed = window.tabs.minimumSizeHint()
    assert needed.width() <= SCREEN_WIDTH - chrome_width and needed.height() <= SCREEN_HEIGHT - chrome_height, needed
    for area in page.findChildren(QScrollArea):
        if area.isVisible() and area.horizontalScrollBarPolicy() == Qt.ScrollBarPolicy.ScrollBarAlwaysOff:
            assert area.widget().minimumSizeHint().width() <= area.viewport().width()
