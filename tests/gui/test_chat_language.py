"""The Chat tab switches between English and Japanese while it runs, keeping what the student did."""
from __future__ import annotations

import re

import pytest
from PySide6.QtCore import QRect
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QComboBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QTabWidget,
    QWidget,
)

from desktop_app.chat.chat_side_panel import SidePage
from desktop_app.widgets.model_picker import ModelPicker
from tests.gui.conftest import send, wait_idle

WORDS = re.compile(r"[A-Za-z]{2,}")
JAPANESE = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff]")
# what the student and the tiny model wrote: their words stay as they are in either language
STUDENT_TEXTS = ("Hello there", "Be brief and kind.", "My draft, not sent yet")
PROPER_NAMES = ("CUDA (NVIDIA)", "MPS (Apple)")  # devices named by their makers, in either language


def english_words(text: str) -> bool:
    """Two or more English words and nothing Japanese: a text the switch left behind."""
    for own in STUDENT_TEXTS + PROPER_NAMES:
        text = text.replace(own, "")
    return text.isascii() and len(WORDS.findall(text)) >= 2


def inside_model_picker(widget: QWidget) -> bool:
    """The model picker is a shared widget (its own texts, model names) and is checked with it."""
    while widget is not None:
        if isinstance(widget, ModelPicker):
            return True
        widget = widget.parentWidget()
    return False


def words_of(tab: QWidget) -> dict[str, str]:
    """Every word the tab can show (visible or on a page behind), keyed by where it is shown."""
    found: dict[str, str] = {}
    widgets = [w for w in tab.findChildren(QWidget) if not inside_model_picker(w)]
    for index, widget in enumerate(widgets):
        key = f"{index}:{type(widget).__name__}"
        found[f"{key}.tooltip"] = widget.toolTip()
        if isinstance(widget, (QLabel, QAbstractButton)):
            found[f"{key}.text"] = widget.text()
        if isinstance(widget, (QLineEdit, QPlainTextEdit)):
            found[f"{key}.placeholder"] = widget.placeholderText()
        if isinstance(widget, QAbstractSpinBox):
            found[f"{key}.special"] = widget.specialValueText()
            found[f"{key}.suffix"] = getattr(widget, "suffix", lambda: "")()
        if isinstance(widget, QComboBox):
            for item in range(widget.count()):
                found[f"{key}.item{item}"] = widget.itemText(item)
        if isinstance(widget, QTabWidget):
            for page in range(widget.count()):
                found[f"{key}.tab{page}"] = widget.tabText(page)
                found[f"{key}.tabtip{page}"] = widget.tabToolTip(page)
        if isinstance(widget, QListWidget):
            for row in range(widget.count()):
                found[f"{key}.row{row}"] = widget.item(row).text().split("\n")[0]  # the title (the date is the locale's)
    return {key: text for key, text in found.items() if text}


def switch(qtbot, window, code: str) -> None:
    window.set_language(code)
    qtbot.wait(50)


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
    english = words_of(tab)
    transcript_en = tab.transcript.toPlainText()
    assert "You" in transcript_en and "tok/s" in transcript_en and "first token after" in transcript_en

    switch(qtbot, chat_window, "ja")
    japanese = words_of(tab)
    assert {key: text for key, text in japanese.items() if english_words(text)} == {}
    assert japanese.keys() == english.keys()  # the same places hold words, in the other language
    assert any(JAPANESE.search(text) for text in japanese.values())
    assert tab.side_panel.tabText(SidePage.NEXT_TOKEN) != english_tab_text(english, SidePage.NEXT_TOKEN)
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
    assert words_of(tab) == english
    assert tab.transcript.toPlainText() == transcript_en
    assert state_of(tab) == before


def words_in_transcript(tab) -> list[str]:
    """The transcript's lines without what the student and the model wrote: what the tab itself says."""
    text = tab.transcript.toPlainText()
    for message in tab.current.messages:
        text = text.replace(message.content, "")
    return [line for line in text.splitlines() if line.strip()]


def english_tab_text(words: dict[str, str], page: int) -> str:
    return next(text for key, text in words.items() if key.endswith(f"ChatSidePanel.tab{page}"))


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
