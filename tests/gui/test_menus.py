"""The menu bar: the expected shortcuts do what they say, and Help and About open."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog

from tests.gui.conftest import send, wait_idle


def test_ctrl_n_starts_a_new_chat_and_ctrl_digits_switch_tabs(qtbot, open_window):
    window = open_window()
    tab = window.chat_tab
    send(qtbot, tab, "Hello")
    wait_idle(qtbot, tab)
    first = tab.current
    window.tabs.setCurrentWidget(window.image_tab)
    window.activateWindow()
    qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert window.tabs.currentWidget() is tab
    assert tab.current is not first and tab.current.messages == []
    qtbot.keyClick(window, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
    assert window.tabs.currentWidget() is window.audio_tab
    qtbot.keyClick(window, Qt.Key.Key_4, Qt.KeyboardModifier.ControlModifier)
    assert window.tabs.currentWidget() is window.prompt_tab


def test_models_menu_acts_on_the_tab_in_front(qtbot, open_window):
    window = open_window()
    window.tabs.setCurrentWidget(window.image_tab)
    assert window.current_model_picker() is window.image_tab.model_picker
    window.tabs.setCurrentWidget(window.audio_tab)
    window.audio_tab.pages.setCurrentWidget(window.audio_tab.text_to_speech)
    assert window.current_model_picker() is window.audio_tab.text_to_speech.model_picker


def test_f1_opens_help_for_the_tab_and_about_shows_licences_and_folders(qtbot, open_window, app_home):
    window = open_window()
    window.tabs.setCurrentWidget(window.image_tab)
    before = set(window.findChildren(QDialog))
    window.menu.help_action.trigger()
    opened = [d for d in window.findChildren(QDialog) if d not in before]
    assert len(opened) == 1 and opened[0].isVisible()
    window.menu.about_action.trigger()
    about = [d for d in window.findChildren(QDialog) if d not in before and d is not opened[0]]
    text = about[0].findChild(__import__("PySide6.QtWidgets", fromlist=["QTextBrowser"]).QTextBrowser).toPlainText()
    assert str(app_home.data_dir) in text and "GPL" in text
    assert "SmolLM2" in text  # THIRD_PARTY.md, the bundled models and their licences


def test_ctrl_q_quits(qtbot, open_window):
    window = open_window()
    assert window.menu.quit_action.shortcut().toString() == "Ctrl+Q"
    window.menu.quit_action.trigger()
    qtbot.waitUntil(window.controller.is_stopped, timeout=20000)
    assert not window.isVisible()


def test_the_shortcut_list_names_the_menus_own_keys(qtbot, open_window):
    from desktop_app.help_dialogs import shortcuts

    window = open_window()
    listed = " ".join(keys for keys, _ in shortcuts())
    menu = window.menu
    for action in (menu.new_chat_action, menu.quit_action, menu.clear_action, menu.zoom_reset_action,
                   menu.tab_actions[0], menu.tab_actions[-1], menu.help_action):  # tabs: listed as Ctrl+1 … Ctrl+4
        assert action.shortcut().toString() in listed, action.text()
    assert all(key.toString() in listed for key in menu.presentation_action.shortcuts())
    before = set(window.findChildren(QDialog))
    menu.shortcuts_action.trigger()
    assert [d for d in window.findChildren(QDialog) if d not in before]
