"""The preview choice: automatic (exact where cheap) by default, and remembered across restarts."""
from __future__ import annotations

from desktop_app.i18n.retranslate import say
from tests.gui.conftest import close_and_wait
from tests.gui.test_image_tab import open_image_tab, wait_done


def test_builtin_size_models_show_exact_previews_by_default_and_the_choice_is_kept(qtbot, open_window, tiny_sd_dir):
    window, tab = open_image_tab(open_window, tiny_sd_dir)
    assert tab.settings_panel.preview_mode() == "auto"
    assert tab.generate()
    wait_done(qtbot, tab)
    image = tab.results[0]
    assert image.settings["preview"] == "exact (VAE)"
    assert image.frames[-1].pixels.shape == image.pixels.shape  # not a latent-sized colour mosaic
    tab.settings_panel.set_preview_mode("fast")
    close_and_wait(qtbot, window)
    reopened = open_window()
    assert reopened.image_tab.settings_panel.preview_mode() == "fast"


def test_an_empty_picture_view_keeps_saying_what_will_appear_there(qtbot, open_window):
    """Found in a screenshot: a resize wiped the placeholder text of every empty picture view."""
    window = open_window()
    window.tabs.setCurrentWidget(window.image_tab)
    view = window.image_tab.result_view
    window.resize(1100, 700)
    qtbot.wait(50)
    assert view.text() == say(view.placeholder) != ""
