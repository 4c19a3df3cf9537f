"""Japanese and emoji in every view that shows tokens: whole characters, never "�"."""
from __future__ import annotations

from tests.gui.conftest import send, wait_idle

BROKEN = "\ufffd"


def test_no_view_shows_half_a_character(qtbot, open_window):
    window = open_window(temperature=1.0, slow=True)
    tab = window.chat_tab
    send(qtbot, tab, "日本の首都はどこですか？😀 café")
    seen_while_streaming = []
    qtbot.waitUntil(lambda: tab.reply is not None and len(tab.reply.message.steps) >= 3, timeout=60000)
    seen_while_streaming.append(tab.transcript.toPlainText())
    wait_idle(qtbot, tab)
    reply = tab.current.messages[-1]
    assert reply.steps
    views = [*seen_while_streaming, tab.transcript.toPlainText(), tab.prompt_view.browser.toPlainText()]
    for step in reply.steps[:10]:
        tab.show_token(len(tab.current.messages) - 1, step.index)
        views.append(tab.next_token_view.caption.text())
    assert all(BROKEN not in view for view in views)
    assert "日本の首都はどこですか？😀 café" in tab.transcript.toPlainText()
    assert "😀" in tab.prompt_view.browser.toPlainText()  # the emoji's byte tokens are shown as one character too

    prompt_tab = window.prompt_tab
    window.tabs.setCurrentWidget(prompt_tab)
    prompt_tab.select_technique("ja-sentiment-zero-shot")
    qtbot.waitUntil(lambda: prompt_tab.preview.prompt is not None, timeout=30000)
    preview = prompt_tab.preview.text.toPlainText()
    assert BROKEN not in preview and "レビュー" in preview
