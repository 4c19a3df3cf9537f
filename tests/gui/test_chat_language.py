"""The Chat tab switches between English and Japanese while it runs, keeping what the student did."""
from __future__ import annotations

import pytest
from PySide6.QtCore import QRect

from desktop_app.chat.chat_side_panel import SidePage
from desktop_app.widgets.model_picker import ModelPicker
from tests.gui.conftest import send, wait_idle
from tests.gui.language_checks import ENGLISH_WORDS, JAPANESE, left_in_english, switch, words_of

# what the student and the tiny model wrote: their words stay as they are in either language
STUDENT_TEXTS = ("Hello there", "Be brief and kind.", "My draft, not sent yet")
PROPER_NAMES = ("CUDA (NVIDIA)", "MPS (Apple)")  # devices named by their makers, in either language


def english_words(text: str) -> bool:
    """Two or more English words and nothing Japanese: a text the switch left behind."""
    for own in STUDENT_TEXTS:
        text = text.replace(own, "")
    return bool(ENGLISH_WORDS.search(text)) and not JAPANESE.search(text)


def chat_words(tab) -> list[tuple[str, str]]:
    """Every word the tab shows or tells (the shared model picker is checked with it), and the list's titles."""
    words = words_of(tab, skip=tuple(tab.findChildren(ModelPicker)))
    listed = tab.conversation_list.list
    # a row's title (its date is the locale's)
    return words + [("conversation", listed.item(row).text().split("\n")[0]) for row in range(listed.count())]


def left_behind(tab) -> list[tuple[str, str]]:
    found = left_in_english(tab, list(STUDENT_TEXTS), skip=tuple(tab.findChildren(ModelPicker)), allowed=PROPER_NAMES)
    return found + [(where, text) for where, text in chat_words(tab) if where == "conversation" and english_words(text)]


@pytest.fixture
def chat_window(open_window):
    window = open_window()
    yield window
    window.set_language("en")  # the next test's window starts in English


def fill_in(qtbot, tab) -> dict:
    """What a student might have done before switching: chatted, started a new chat, typed, chose settings."""
    tab.sampling_panel.system_prompt.setPlainText("Be brief and kind.")
    send(qtbot, tab, "Hello there")
    wait_idle(qtbot, tab)
    chatted = tab.current.id
    tab.new_conversation()  # an untitled conversation: the list calls it "New conversation"
    tab.select_conversation(chatted)
    tab.side_panel.show_page(SidePage.PROMPT_TOKENS)
    tab.sampling_panel.temperature.setValue(0.7)  # the student's own value: "use the model's" turns off
    tab.sampling_panel.random_seed.setChecked(False)
    tab.sampling_panel.device.setCurrentIndex(tab.sampling_panel.device.findData("cpu"))
    tab.colour_box.setChecked(False)
    tab.composer.input.setPlainText("My draft, not sent yet")
    return state_of(tab)


def state_of(tab) -> dict:
    panel = tab.sampling_panel
    return {"draft": tab.composer.input.toPlainText(), "system": panel.system_prompt.toPlainText(),
            "conversation": tab.current.id, "listed": tab.conversation_list.current_id(),
            "rows": tab.conversation_list.list.count(), "page": tab.side_panel.currentIndex(),
            "temperature": panel.temperature.value(), "follow": panel.follow_model.isChecked(),
            "random": panel.random_seed.isChecked(), "seed": panel.seed.value(), "device": panel.device_choice(),
            "colour": tab.colour_box.isChecked(), "messages": [m.content for m in tab.current.messages],
            "prompt": tab.prompt_view.prompt, "step": tab.next_token_view.bars.step}


def test_the_chat_tab_speaks_japanese_and_back_without_losing_anything(qtbot, chat_window):
    tab = chat_window.chat_tab
    before = fill_in(qtbot, tab)
    english = chat_words(tab)
    assert left_behind(tab) != []  # the check does see English
    transcript_en = tab.transcript.toPlainText()
    assert "You" in transcript_en and "tok/s" in transcript_en and "first token after" in transcript_en
    assert [line for line in words_in_transcript(tab) if english_words(line)] != []  # seen in English

    switch(qtbot, chat_window, "ja")
    japanese = chat_words(tab)
    assert left_behind(tab) == []
    assert [where for where, _ in japanese] == [where for where, _ in english]  # the same places hold words
    assert any(JAPANESE.search(text) for _, text in japanese)
    assert ("conversation", "New conversation") not in japanese
    # the transcript: names, actions and the reply's statistics (tokens/s, time to the first token)
    transcript_ja = tab.transcript.toPlainText()
    assert "あなた" in transcript_ja and "アシスタント" in transcript_ja and "最初のトークンまで" in transcript_ja
    assert "システムプロンプト" in transcript_ja and "System prompt" not in transcript_ja
    assert "first token after" not in transcript_ja and "Regenerate" not in transcript_ja
    assert [line for line in words_in_transcript(tab) if english_words(line)] == []
    assert "Hello there" in transcript_ja and "Be brief and kind." in transcript_ja  # the student's words stay
    assert state_of(tab) == before
    # each conversation keeps its two lines (title, date) although a Japanese title is set in a taller font
    listed = tab.conversation_list.list
    for row in range(listed.count()):
        lines = listed.fontMetrics().boundingRect(QRect(0, 0, 10000, 10000), 0, listed.item(row).text())
        assert listed.visualItemRect(listed.item(row)).height() > lines.height()

    switch(qtbot, chat_window, "en")
    assert chat_words(tab) == english
    assert tab.transcript.toPlainText() == transcript_en
    assert state_of(tab) == before


def words_in_transcript(tab) -> list[str]:
    """The transcript's own lines: the system prompt's heading, each message's name and actions, each reply's
    statistics (what the student and the model wrote is theirs)."""
    names = ("You", "Assistant", tab.transcript.tr("You"), tab.transcript.tr("Assistant"))
    lines = tab.transcript.toPlainText().splitlines()
    own = [line for line in lines[1:] if line.startswith(names) or "tok/s" in line]
    messages = tab.current.messages
    assert len(own) == len(messages) + sum(m.role == "assistant" for m in messages)  # names; a reply's stats
    return [lines[0].replace(tab.current.system_prompt, ""), *own]


def test_the_next_token_explanation_follows_the_language(qtbot, chat_window):
    tab = chat_window.chat_tab
    caption = tab.next_token_view.caption
    empty_en = caption.text()
    switch(qtbot, chat_window, "ja")
    assert JAPANESE.search(caption.text())  # the empty view's hint
    switch(qtbot, chat_window, "en")
    assert caption.text() == empty_en
    send(qtbot, tab, "Hello there")
    wait_idle(qtbot, tab)
    step = tab.next_token_view.bars.step
    shown_en = caption.text()
    switch(qtbot, chat_window, "ja")
    assert f"#{step.index + 1}" in caption.text() and JAPANESE.search(caption.text())
    assert tab.next_token_view.bars.step is step
    switch(qtbot, chat_window, "en")
    assert caption.text() == shown_en


def test_notices_are_said_again_in_the_new_language(qtbot, chat_window):
    tab = chat_window.chat_tab
    notice = tab.status.notice
    send(qtbot, tab, "   ")  # nothing to send: a notice
    said_en = notice.text()
    assert said_en and notice.is_error
    switch(qtbot, chat_window, "ja")
    assert JAPANESE.search(notice.text()) and notice.is_error
    switch(qtbot, chat_window, "en")
    assert notice.text() == said_en


def test_the_context_overflow_notice_and_summary_follow_the_language(qtbot, chat_window):
    tab = chat_window.chat_tab
    tab.sampling_panel.max_new_tokens.setValue(4)
    for text in ("Paris is lovely in the spring. " * 3, "Rome is lovely in the summer. " * 3,
                 "Oslo is lovely in the winter. " * 3):
        send(qtbot, tab, text)
        wait_idle(qtbot, tab)
        if tab.prompt_view.prompt.trimmed_messages:
            break
    assert tab.prompt_view.prompt.trimmed_messages, "the conversation outgrew the tiny model's context"
    notice, summary = tab.status.notice.text(), tab.prompt_view.summary.text()
    assert "oldest" in notice and "dropped" in summary
    switch(qtbot, chat_window, "ja")
    assert JAPANESE.search(tab.status.notice.text()) and JAPANESE.search(tab.prompt_view.summary.text())
    assert str(tab.prompt_view.prompt.trimmed_messages) in tab.status.notice.text()
    switch(qtbot, chat_window, "en")
    assert tab.status.notice.text() == notice and tab.prompt_view.summary.text() == summary


def test_the_model_load_notice_follows_the_language(qtbot, open_window):
    window = open_window(preload=True)
    tab = window.chat_tab
    name = tab.model_picker.current_entry().name
    qtbot.waitUntil(lambda: tab.load_job_id is None and name in tab.status.notice.text(), timeout=60000)
    ready_en = tab.status.notice.text()
    switch(qtbot, window, "ja")
    assert name in tab.status.notice.text() and JAPANESE.search(tab.status.notice.text())
    switch(qtbot, window, "en")
    assert tab.status.notice.text() == ready_en


def test_sampling_markers_and_tooltips_follow_the_language(qtbot, chat_window):
    panel = chat_window.chat_tab.sampling_panel
    panel.follow_model.setChecked(True)
    marker = panel.markers["temperature"]
    text_en, tip_en = marker.text(), marker.toolTip()
    tips_en = [panel.temperature.toolTip(), panel.top_p.toolTip(), panel.top_k.toolTip(), panel.follow_model.toolTip()]
    switch(qtbot, chat_window, "ja")
    assert JAPANESE.search(marker.text()) and JAPANESE.search(marker.toolTip())
    tips_ja = [panel.temperature.toolTip(), panel.top_p.toolTip(), panel.top_k.toolTip(), panel.follow_model.toolTip()]
    assert all(JAPANESE.search(tip) for tip in tips_ja)
    assert panel.device.itemData(0) == "auto" and JAPANESE.search(panel.device.itemText(0))
    switch(qtbot, chat_window, "en")
    assert (marker.text(), marker.toolTip()) == (text_en, tip_en)
    assert [panel.temperature.toolTip(), panel.top_p.toolTip(), panel.top_k.toolTip(),
            panel.follow_model.toolTip()] == tips_en
