"""The Image tab switches to Japanese and back while the app runs, and keeps what the student did."""
from __future__ import annotations

from model_backend.image.image_types import SCHEDULERS
from tests.gui import language_checks
from tests.gui.language_checks import JAPANESE, switch
from tests.gui.test_image_tab import open_image_tab, wait_done


def left_in_english(tab, users_words: list[str]) -> list[tuple[str, str]]:
    """The samplers' own names (euler-ancestral) stay as they are; the shared model picker is tested with the widgets."""
    return language_checks.left_in_english(tab, users_words, skip=(tab.model_picker,), allowed=tuple(SCHEDULERS))


def japanese_left(tab, users_words: list[str]) -> list[tuple[str, str]]:
    return language_checks.japanese_left(tab, users_words, skip=(tab.model_picker,))


def test_the_image_tab_speaks_japanese_and_back_without_losing_state(qtbot, open_window, tiny_sd_dir, tmp_path):
    from PIL import Image

    window, tab = open_image_tab(open_window, tiny_sd_dir)
    panel = tab.settings_panel
    gallery = tab.gallery_view
    prompt = "a red circle"
    users_words = [prompt]

    # an empty gallery says what it will hold, in either language
    assert gallery.empty_label.isVisibleTo(tab) and gallery.empty_label.text()
    switch(qtbot, window, "ja")
    assert JAPANESE.search(gallery.empty_label.text()) and JAPANESE.search(tab.result_view.text())
    switch(qtbot, window, "en")

    # some state: a generated image (filmstrip, results, gallery), choices in the form, a noisy picture
    panel.seed.setValue(1234)
    panel.random_seed.setChecked(False)
    assert tab.generate()
    wait_done(qtbot, tab)
    assert len(tab.results) == 1 and gallery.list.count() == 1 and not gallery.empty_label.isVisibleTo(tab)
    panel.scheduler.setCurrentIndex(panel.scheduler.findData("euler"))
    panel.previews.setCurrentIndex(panel.previews.findData("fast"))
    panel.width_box.setValue(0)
    tab.filmstrip.slider.setValue(1)
    picture = tmp_path / "photo.png"
    Image.new("RGB", (32, 32), (0, 0, 255)).save(picture)
    assert tab.forward.open_picture(str(picture))
    tab.forward.slider.setValue(500)
    tab.compare_setting.setCurrentIndex(tab.compare_setting.findData("steps"))
    tab.compare_values.setText("1, 2")
    assert not tab.compare_hint.isHidden() and tab.compare_hint.text()  # the page says what it is for
    assert tab.make_grid()
    wait_done(qtbot, tab)
    assert tab.compare_hint.isHidden()  # the grid takes its place
    tab.pages.setCurrentIndex(2)
    english_caption = tab.filmstrip.caption.text()
    english_notice = tab.status.notice.text()
    english_grid_caption = tab.compare_grid.itemAtPosition(1, 0).widget().text()
    assert left_in_english(tab, users_words) != []  # the check finds English while the UI is in English

    switch(qtbot, window, "ja")
    assert left_in_english(tab, users_words) == []
    assert tab.generate_button.text() != "Generate" and tab.stop_button.text() != "Stop"
    assert JAPANESE.search(tab.filmstrip.caption.text()) and tab.filmstrip.caption.text() != english_caption
    assert JAPANESE.search(tab.forward.caption.text()) and "500" in tab.forward.caption.text()
    assert JAPANESE.search(tab.status.notice.text()) and tab.status.notice.text() != english_notice
    grid_caption = tab.compare_grid.itemAtPosition(1, 0).widget().text()
    assert grid_caption != english_grid_caption and grid_caption.endswith("= 1")
    assert JAPANESE.search(gallery.list.item(0).toolTip()) and prompt in gallery.list.item(0).toolTip()
    # notices said after the switch are in Japanese too, and still name what they are about
    tab.compare_values.setText("1, lots")
    assert not tab.make_grid()
    assert tab.status.notice.is_error and "lots" in tab.status.notice.text() and JAPANESE.search(tab.status.notice.text())

    switch(qtbot, window, "en")
    assert japanese_left(tab, users_words) == []
    assert tab.generate_button.text() == "Generate" and tab.pages.tabText(2) == "Compare settings"
    assert tab.filmstrip.caption.text() == english_caption
    assert tab.compare_grid.itemAtPosition(1, 0).widget().text() == english_grid_caption
    assert "lots" in tab.status.notice.text() and "number" in tab.status.notice.text()

    # nothing the student chose or typed was lost on the way
    assert panel.prompt.toPlainText() == prompt
    assert panel.scheduler.currentData() == "euler" and panel.previews.currentData() == "fast"
    assert not panel.random_seed.isChecked() and panel.seed.value() == tab.results[0].seed == 1234
    assert tab.filmstrip.slider.value() == 1 and tab.forward.slider.value() == 500
    assert tab.compare_setting.currentData() == "steps" and tab.compare_values.text() == "1, lots"
    assert tab.pages.currentIndex() == 2 and tab.result_picker.currentIndex() == 0
    assert tab.result_picker.itemText(0).endswith("1234")
    assert all(tab.compare_grid.itemAtPosition(0, c).widget().pixels is not None for c in range(2))


def test_grid_pictures_that_were_stopped_say_so_in_the_new_language(qtbot, open_window, tiny_sd_dir):
    window, tab = open_image_tab(open_window, tiny_sd_dir, slow=True)
    tab.settings_panel.steps.setValue(200)
    tab.compare_setting.setCurrentIndex(tab.compare_setting.findData("prompt word"))
    tab.compare_word.setText("red")
    tab.compare_values.setText("green, blue")
    switch(qtbot, window, "ja")
    assert tab.make_grid()
    views = [tab.compare_grid.itemAtPosition(0, c).widget() for c in range(2)]
    waiting = views[0].text()
    assert JAPANESE.search(waiting)
    tab.stop()
    wait_done(qtbot, tab)
    assert all(v.pixels is None and JAPANESE.search(v.text()) and v.text() != waiting for v in views)
    assert tab.compare_grid.itemAtPosition(1, 0).widget().text() != "prompt word = green"
    switch(qtbot, window, "en")
    assert [v.text() for v in views] == ["stopped", "stopped"]
    assert tab.compare_grid.itemAtPosition(1, 0).widget().text() == "prompt word = green"
