"""The Image tab's Families and Latent space pages, clicked for real on the shipped tiny models."""
from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import Qt

from model_backend.image.family_types import FAMILIES


def open_families(open_window):
    window = open_window()
    tab = window.image_tab
    window.tabs.setCurrentWidget(tab)
    tab.pages.setCurrentWidget(tab.families)
    return window, tab


@pytest.mark.slow
def test_generate_with_all_four_shows_four_pictures_with_their_numbers(qtbot, open_window):
    window, tab = open_families(open_window)
    page = tab.families
    page.shape.setCurrentIndex(page.shape.findData("square"))
    page.colour.setCurrentIndex(page.colour.findData("yellow"))
    page.background.setCurrentIndex(page.background.findData("purple"))
    page.seed.setValue(11)
    qtbot.mouseClick(page.generate_button, Qt.MouseButton.LeftButton)
    assert not page.generate_button.isEnabled() and page.stop_button.isEnabled()
    qtbot.waitUntil(lambda: not page.job.busy, timeout=180000)
    assert set(page.answers) == set(FAMILIES)
    for family in FAMILIES:
        pixels = page.views[family].pixels
        assert pixels is not None and pixels.shape == (64, 64, 3)
        answer = page.answers[family]
        assert np.array_equal(pixels, answer.pictures[0])
        assert f"{1000 * answer.seconds_per_image:.0f}" in page.captions[family].text()
        assert f"{100 * answer.accuracy['all_three']:.0f}" in page.captions[family].text()
    frames = [view.pixels for view in page.step_views if view.pixels is not None]
    assert len(frames) >= 2 and np.array_equal(frames[-1], page.views["diffusion"].pixels)
    assert page.generate_button.isEnabled()

    # the same seed again: the same four pictures
    before = {family: page.views[family].pixels.copy() for family in FAMILIES}
    qtbot.mouseClick(page.generate_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not page.job.busy, timeout=180000)
    assert all(np.array_equal(before[f], page.views[f].pixels) for f in FAMILIES)

    # a walk through the GAN's latent space starts on the GAN's own picture
    page.walk_family.setCurrentIndex(page.walk_family.findData("gan"))
    qtbot.mouseClick(page.walk_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not page.walk_job.busy, timeout=60000)
    walk = [view.pixels for view in page.walk_views]
    assert all(p is not None for p in walk)
    assert np.abs(walk[0].astype(int) - before["gan"].astype(int)).max() <= 2

    # the latent space page starts from the last picture made
    tab.pages.setCurrentWidget(tab.latent_space)
    latent = tab.latent_space
    assert latent.use_generated_image()
    qtbot.waitUntil(lambda: not latent.job.busy, timeout=60000)
    assert latent.result is not None and np.array_equal(latent.original.pixels, latent.result.original)
    assert all(view.pixels is not None and view.pixels.shape == (16, 16, 3) for view in latent.channel_views)
    assert latent.decoded.pixels is not None and latent.tiny.pixels is not None
    assert f"{latent.result.error:.4f}" in latent.numbers.text()

    # hide patches of that picture and let the diffusion model fill them in
    hide = latent.hide_patches
    qtbot.mouseClick(hide.run_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not hide.job.busy, timeout=120000)
    filled = hide.result
    assert filled is not None and np.array_equal(hide.views[-1].pixels, filled.restored)
    assert np.array_equal(filled.original, latent.result.original)  # this page's picture
    assert np.array_equal(filled.restored[~filled.hidden], latent.result.original[~filled.hidden])
    assert f"{filled.error:.4f}" in hide.numbers.text()

    window.menu.clear_action.trigger()  # the next group starts with empty pages
    assert all(page.views[f].pixels is None for f in FAMILIES) and latent.result is None and hide.result is None


def test_same_colour_for_shape_and_background_is_refused_in_words(qtbot, open_window):
    window, tab = open_families(open_window)
    page = tab.families
    page.background.setCurrentIndex(page.background.findData(page.colour.currentData()))
    assert not page.generate()
    assert page.status.notice.is_error and page.status.notice.text()
    assert not page.job.busy
