"""The whole window in Japanese: started in Japanese, every tab, menu, status line and page behind
has Japanese words and none left in English; and a switch back gives English everywhere again."""
from __future__ import annotations

from desktop_app.widgets.model_picker import ModelPicker
from model_backend.core.messages import Message
from model_backend.image.image_types import SCHEDULERS
from tests.gui.language_checks import japanese_left, left_in_english, switch


def names_that_stay(window) -> list[str]:
    """Model names and the library's technique names are proper names (the library has its own languages)."""
    names = [entry.name for picker in window.findChildren(ModelPicker) for entry in picker.entries]
    names += [entry.description for picker in window.findChildren(ModelPicker) for entry in picker.entries
              if not isinstance(entry.description, Message)]
    return sorted((n for n in names if n), key=len, reverse=True) + ["GenAI Classroom"]


def test_started_in_japanese_no_english_is_left_anywhere(qtbot, open_window):
    window = open_window(language="ja")
    window.audio_tab.devices.refresh_if_unchecked()
    for index in range(window.tabs.count()):  # every tab shown once, as a student would
        window.tabs.setCurrentIndex(index)
        qtbot.wait(20)
    assert left_in_english(window, names_that_stay(window), allowed=tuple(SCHEDULERS)) == []
    menus = [action.menu() for action in window.menuBar().actions()] + [window.menu.language_menu]
    assert len(menus) == 6 and all(any("\u3040" <= ch <= "\u9fff" for ch in menu.title()) for menu in menus)


def test_switching_back_to_english_leaves_no_japanese(qtbot, open_window):
    window = open_window(language="ja")
    switch(qtbot, window, "en")
    assert japanese_left(window, ["日本語"]) == []
    assert left_in_english(window, names_that_stay(window)) != []  # the check does see English
