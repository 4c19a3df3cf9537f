"""The status bar names the model of the tab or page in view, not merely the last one loaded: a chat
model and the Embeddings page's sentence model are loaded side by side, and going back to Chat shows the
chat model's engine and device again."""
from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from desktop_app.prompt_lab.prompt_tab import PromptPage
from tests.gui.conftest import send, wait_idle


@pytest.mark.slow
def test_the_status_bar_follows_the_model_in_view(qtbot, open_window):
    window = open_window()
    chat_id = window.chat_tab.model_picker.current_model_id()
    send(qtbot, window.chat_tab, "Hello")
    wait_idle(qtbot, window.chat_tab)
    assert window.status.device_status.model_id == chat_id
    chat_text = window.status.model_label.text()

    window.tabs.setCurrentWidget(window.prompt_tab)
    window.prompt_tab.pages.setCurrentIndex(PromptPage.EMBEDDINGS)
    page = window.prompt_tab.embeddings
    embedder_id = page.model_picker.current_model_id()
    assert embedder_id and embedder_id != chat_id
    assert window.status.model_in_view == embedder_id
    assert window.status.device_status.model_id == chat_id  # nothing loaded for this page yet: unchanged
    qtbot.keyClicks(page.input, "A man is playing a guitar.")
    qtbot.keyClick(page.input, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.status.device_status.model_id == embedder_id, timeout=120000)
    assert window.status.model_label.text() != chat_text

    window.tabs.setCurrentWidget(window.chat_tab)  # back to Chat: its model, without loading anything
    assert window.status.device_status.model_id == chat_id
    assert window.status.model_label.text() == chat_text
    assert "transformers" in window.status.device_label.text()  # the tiny chat model's engine, named again

    window.tabs.setCurrentWidget(window.image_tab)  # no image model loaded: the bar keeps what it showed
    assert window.status.device_status.model_id == chat_id
