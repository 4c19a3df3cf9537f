"""How the Chat tab shows things: the reply in flight on its own line, conversations told apart by date."""
from __future__ import annotations

from PySide6.QtCore import QDateTime, QLocale

from tests.gui.conftest import send, wait_idle


def test_the_streaming_reply_starts_below_the_users_message(qtbot, open_window):
    window = open_window(slow=True)
    tab = window.chat_tab
    send(qtbot, tab, "Hello there")
    qtbot.waitUntil(lambda: tab.reply is not None and len(tab.reply.message.steps) >= 2, timeout=60000)
    document = tab.transcript.document()
    blocks = []
    block = document.begin()
    while block.isValid():
        blocks.append(block.text())
        block = block.next()
    user_block = next(i for i, text in enumerate(blocks) if "Hello there" in text)
    assert user_block < len(blocks) - 1, blocks  # the reply in flight is in a later paragraph
    tab.stop()
    wait_idle(qtbot, tab)


def test_conversations_with_the_same_title_show_their_dates(qtbot, open_window):
    window = open_window()
    tab = window.chat_tab
    for _ in range(2):
        send(qtbot, tab, "Same question")
        wait_idle(qtbot, tab)
        tab.new_conversation()
    items = [tab.conversation_list.list.item(i).text() for i in range(tab.conversation_list.list.count())]
    asked = [text for text in items if text.startswith("Same question")]
    assert len(asked) == 2
    for text, conversation in zip(asked, [c for c in tab.conversations if c.messages]):
        when = QLocale().toString(QDateTime.fromSecsSinceEpoch(int(conversation.updated)), QLocale.FormatType.ShortFormat)
        assert text.splitlines()[-1] == when


def test_a_reply_footer_says_how_many_prompt_tokens_the_engine_reused(qtbot):
    """llama.cpp reports the prompt tokens it held from before (its KV cache); the footer shows them, and
    a reply without any (transformers, or a first read) shows no such count."""
    from desktop_app.chat.transcript_view import TranscriptView
    from model_backend.chat.conversations import ChatMessage, Conversation

    view = TranscriptView()
    qtbot.addWidget(view)
    stats = {"tokens": 12, "prompt_tokens": 2441, "time_to_first_token": 0.35, "tokens_per_second": 80.0,
             "seed": 1, "stop_reason": "end_of_reply", "device": "CPU (Q4_1)"}
    conversation = Conversation(messages=[ChatMessage("user", "And 5 plus 10?"),
                                          ChatMessage("assistant", "15", stats={**stats, "prompt_tokens_reused": 2407})])
    view.render(conversation)
    assert "2407" in view.toPlainText() and "2441" in view.toPlainText()
    conversation.messages[1].stats = stats
    view.render(conversation)
    assert "2407" not in view.toPlainText() and "2441" not in view.toPlainText()


def test_after_the_reply_the_next_token_view_no_longer_says_it_is_generating(qtbot, open_window):
    window = open_window()
    tab = window.chat_tab
    send(qtbot, tab, "Hello")
    wait_idle(qtbot, tab)
    view = tab.next_token_view
    last = tab.current.messages[-1].steps[-1]
    assert not view.live and view.step == last
