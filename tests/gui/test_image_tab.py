"""Drive the real Image tab on a tiny random diffusers pipeline."""
from __future__ import annotations

import numpy as np

from model_backend.image.gallery import Gallery


def open_image_tab(open_window, tiny_sd_dir, **kwargs):
    window = open_window(**kwargs)
    tab = window.image_tab
    window.tabs.setCurrentWidget(tab)
    assert tab.model_picker.add_path(str(tiny_sd_dir))
    tab.settings_panel.prompt.setPlainText("a red circle")
    tab.settings_panel.steps.setValue(5)
    return window, tab


def wait_done(qtbot, tab, timeout=120000):
    qtbot.waitUntil(lambda: not tab.jobs, timeout=timeout)


def test_generate_shows_the_filmstrip_and_saves_to_the_gallery(qtbot, open_window, tiny_sd_dir, app_home):
    window, tab = open_image_tab(open_window, tiny_sd_dir)
    assert tab.generate()
    wait_done(qtbot, tab)
    assert tab.result_view.pixels is not None and len(tab.results) == 1
    assert tab.filmstrip.slider.isEnabled() and tab.filmstrip.slider.maximum() == len(tab.results[0].frames) - 1
    tab.filmstrip.slider.setValue(0)
    first_frame = tab.results[0].frames[0]
    assert (first_frame.step, first_frame.total) == (1, 5)
    assert np.array_equal(tab.filmstrip.view.pixels, first_frame.pixels)  # the slider shows the first step
    assert f"{first_frame.timestep:.0f}" in tab.filmstrip.caption.text()
    device = tab.results[0].settings["device"]
    assert device and device in tab.status.notice.text() and not tab.status.notice.is_error  # done, on which device
    assert tab.gallery_view.list.count() == 1
    (saved,) = Gallery(app_home.images_dir).items()
    assert str(saved.path) == tab.results[0].path  # saved to the gallery
    frames = len(tab.results[0].frames)
    tab.filmstrip.set_frames([])
    tab.gallery_view.list.setCurrentRow(0)  # reopening an image brings its filmstrip back
    assert len(tab.filmstrip.frames) == frames
    assert str(tab.results[0].seed) in tab.status.notice.text() and "a red circle" in tab.status.notice.text()


def test_reusing_a_gallery_seed_gives_the_identical_image(qtbot, open_window, tiny_sd_dir):
    window, tab = open_image_tab(open_window, tiny_sd_dir)
    tab.generate()
    wait_done(qtbot, tab)
    first = tab.results[0].pixels.copy()
    tab.settings_panel.prompt.setPlainText("something else")
    tab.gallery_view.list.setCurrentRow(0)
    tab.gallery_view.reuse_current()
    assert tab.settings_panel.prompt.toPlainText() == "a red circle"
    assert not tab.settings_panel.random_seed.isChecked()
    tab.generate()
    wait_done(qtbot, tab)
    assert np.array_equal(tab.results[0].pixels, first)


def test_stop_discards_the_unfinished_image(qtbot, open_window, tiny_sd_dir, app_home):
    window, tab = open_image_tab(open_window, tiny_sd_dir, slow=True)
    tab.settings_panel.steps.setValue(200)
    tab.generate()
    generating = tab.status.notice.text()
    qtbot.waitUntil(lambda: len(tab.frames) >= 1, timeout=60000)
    tab.stop_button.click()
    wait_done(qtbot, tab)
    assert tab.results == [] and tab.result_view.pixels is None
    assert Gallery(app_home.images_dir).items() == []
    notice = tab.status.notice
    assert notice.isVisibleTo(tab) and notice.text() != generating and not notice.is_error  # stopped, not failed


def test_empty_prompt_is_explained(qtbot, open_window, tiny_sd_dir):
    window, tab = open_image_tab(open_window, tiny_sd_dir)
    tab.settings_panel.prompt.setPlainText("")
    tab.generate()
    wait_done(qtbot, tab)
    assert "Type a prompt" in tab.status.notice.text() and tab.status.notice.is_error  # the backend's words
    assert tab.results == []


def test_forward_process_slider(qtbot, open_window, tiny_sd_dir, tmp_path):
    from PIL import Image

    window, tab = open_image_tab(open_window, tiny_sd_dir)
    picture = tmp_path / "photo.png"
    Image.new("RGB", (32, 32), (0, 0, 255)).save(picture)
    assert tab.forward.open_picture(str(picture))
    tab.forward.slider.setValue(0)
    clean = tab.forward.view.pixels.astype(int)
    tab.forward.slider.setValue(999)
    noisy = tab.forward.view.pixels.astype(int)
    assert abs(clean[..., 2].mean() - 255) < 15 and abs(noisy[..., 2].mean() - 255) > 60
    caption = tab.forward.caption.text()
    assert "999" in caption and f"{tab.forward.schedule.signal_to_noise(999):.3g}" in caption
    (tmp_path / "text.png").write_text("not a picture")
    assert not tab.forward.open_picture(str(tmp_path / "text.png"))


def test_comparison_grid_uses_one_seed(qtbot, open_window, tiny_sd_dir):
    window, tab = open_image_tab(open_window, tiny_sd_dir)
    tab.compare_setting.setCurrentIndex(tab.compare_setting.findData("guidance"))
    tab.compare_values.setText("1, 7")
    assert tab.make_grid()
    wait_done(qtbot, tab)
    views = [tab.compare_grid.itemAtPosition(0, c).widget() for c in range(2)]
    assert all(v.pixels is not None for v in views)
    assert not np.array_equal(views[0].pixels, views[1].pixels)
    tab.compare_values.setText("1, lots")
    assert not tab.make_grid()
    assert tab.status.notice.is_error and "lots" in tab.status.notice.text()  # names the value that is not a number
