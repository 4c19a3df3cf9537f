"""View menu: language switch without restarting, presentation mode and zoom for the projector."""
from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication, QScrollArea

from desktop_app.i18n.languages import current_language
from desktop_app.main_window import FRAME_ALLOWANCE
from desktop_app.presentation import PRESENTATION_ZOOM, ZOOM_STEPS, mark_advanced
from model_backend.core.settings import Settings
from tests.gui.test_window_fits import SCREEN_HEIGHT, SCREEN_WIDTH, assert_fits


def test_language_menu_switches_the_ui_live_and_is_remembered(qtbot, open_window, app_home):
    window = open_window()
    typed = "こんにちは、まだ送っていません"
    window.chat_tab.composer.input.setPlainText(typed)
    english = (window.menu.file_menu.title(), window.tabs.tabText(0), window.status.model_label.text())
    window.menu.language_actions["ja"].trigger()
    qtbot.waitUntil(lambda: window.menu.file_menu.title() != english[0], timeout=3000)
    assert current_language() == "ja"
    assert window.menu.language_actions["ja"].isChecked()
    japanese = (window.menu.file_menu.title(), window.tabs.tabText(0), window.status.model_label.text())
    assert all(a != b for a, b in zip(english, japanese))
    assert any(ord(ch) > 0x3000 for ch in japanese[0])  # kana or kanji, not an English fallback
    assert Settings.load(app_home.settings_file).language == "ja"
    assert window.chat_tab.composer.input.toPlainText() == typed  # nothing typed is lost
    window.menu.language_actions["en"].trigger()
    qtbot.waitUntil(lambda: window.menu.file_menu.title() == english[0], timeout=3000)
    assert (window.menu.file_menu.title(), window.tabs.tabText(0), window.status.model_label.text()) == english


def test_presentation_mode_enlarges_contrasts_and_hides_advanced_controls(qtbot, open_window, app_home):
    window = open_window()
    app = QApplication.instance()
    size_before = app.font().pointSizeF()
    colour_before = app.palette().color(QPalette.ColorRole.WindowText)
    advanced = window.status.speed_label
    mark_advanced(advanced)
    assert advanced.isVisibleTo(window)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=3000)
    qtbot.keyClick(window, Qt.Key.Key_F11)
    assert window.presentation.active and window.menu.presentation_action.isChecked()
    assert window.isFullScreen()
    assert app.font().pointSizeF() == pytest.approx(size_before * 1.5)
    assert app.palette().color(QPalette.ColorRole.WindowText).name() == "#000000"
    assert not advanced.isVisibleTo(window)
    window.menu.zoom_in_action.trigger()
    assert window.presentation.zoom == 1.75
    window.menu.presentation_action.trigger()
    assert not window.presentation.active and not window.isFullScreen()
    assert advanced.isVisibleTo(window)
    assert app.palette().color(QPalette.ColorRole.WindowText) == colour_before
    assert Settings.load(app_home.settings_file).zoom == 1.75  # the teacher's text size is kept


def test_zoom_steps_stop_at_the_ends_and_quit_restores_the_font(qtbot, open_window):
    window = open_window()
    app = QApplication.instance()
    size_before = app.font().pointSizeF()
    for _ in range(len(ZOOM_STEPS) + 2):
        window.menu.zoom_in_action.trigger()
    assert window.presentation.zoom == ZOOM_STEPS[-1] == 2.5
    for _ in range(len(ZOOM_STEPS) + 2):
        window.menu.zoom_out_action.trigger()
    assert window.presentation.zoom == 1.0
    window.menu.zoom_in_action.trigger()
    window.close()
    qtbot.waitUntil(lambda: app.font().pointSizeF() == size_before, timeout=10000)


@pytest.mark.parametrize("language", ["en", "ja"])
def test_every_tab_fits_1280_by_720_at_every_zoom(qtbot, open_window, language):
    """The window always fits the screen. At 100 % every tab fits the window's first size unscrolled; at
    every zoom each tab fits the screen's height (the message box and the Generate button stay in view:
    long forms scroll inside themselves), and its width up to 150 % (where presentation mode starts);
    beyond that the widest tabs (Image: three picture columns) scroll sideways."""
    window = open_window(language=language)
    assert_fits(qtbot, window)
    viewport = window.centralWidget().viewport()
    chrome_width, chrome_height = window.width() - viewport.width(), window.height() - viewport.height()
    for zoom in ZOOM_STEPS:
        window.presentation.set_zoom(zoom)
        qtbot.wait(20)
        for index in range(window.tabs.count()):
            window.tabs.setCurrentIndex(index)
            qtbot.wait(100)  # relayouts after a zoom reach the splitters in a few event-loop turns
            hint = window.minimumSizeHint()
            assert hint.width() <= SCREEN_WIDTH and hint.height() <= SCREEN_HEIGHT, (zoom, index, hint)
            needed = window.tabs.minimumSizeHint()
            for area in window.tabs.currentWidget().findChildren(QScrollArea):  # forms that scroll up and down
                if area.isVisible() and area.horizontalScrollBarPolicy() == Qt.ScrollBarPolicy.ScrollBarAlwaysOff:
                    cut = area.widget().minimumSizeHint().width() - area.viewport().width()
                    assert cut <= 0, (zoom, index, type(area.widget()).__name__, cut)  # no field cut off at the side
            assert needed.height() <= SCREEN_HEIGHT - chrome_height, (zoom, index, needed)
            if zoom <= PRESENTATION_ZOOM:
                assert needed.width() <= SCREEN_WIDTH - chrome_width, (zoom, index, needed)
            if zoom == 1.0:  # the window's first size on a 1280×720 screen: MainWindow._size_for_screen
                first_width, first_height = 1200, SCREEN_HEIGHT - FRAME_ALLOWANCE
                assert needed.width() <= first_width - chrome_width, (index, needed)
                assert needed.height() <= first_height - chrome_height, (index, needed)


def test_chat_clears_for_the_next_group_and_keeps_the_conversation(qtbot, open_window):
    from tests.gui.conftest import send, wait_idle

    window = open_window()
    tab = window.chat_tab
    send(qtbot, tab, "Hello")
    wait_idle(qtbot, tab)
    earlier = tab.current
    tab.composer.input.setPlainText("a draft from the first group")
    window.menu.clear_action.trigger()
    assert tab.current is not earlier and tab.current.messages == []
    assert tab.composer.input.toPlainText() == ""
    assert earlier in tab.conversations and earlier.messages  # kept, and saved on disk
    window.presentation.set_active(True)
    assert not tab.conversation_list.isVisibleTo(window)  # earlier groups' chats are not on the projector
    window.presentation.set_active(False)
    assert tab.conversation_list.isVisibleTo(window)
