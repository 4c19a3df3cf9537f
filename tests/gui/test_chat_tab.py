"""Drive the real Chat tab: type, send, stream, stop, switch, edit, regenerate, restart."""
from __future__ import annotations

import dataclasses

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from desktop_app.chat.prompt_tokens_view import PromptTokensView
from model_backend.chat.conversations import ConversationStore
from tests.gui.conftest import close_and_wait, send, wait_idle


def fix_seed(tab, seed: int = 5) -> None:
    """Sampled replies made repeatable: the test does not depend on luck."""
    tab.sampling_panel.random_seed.setChecked(False)
    tab.sampling_panel.seed.setValue(seed)


def test_send_streams_a_reply_with_probabilities_and_autosaves(qtbot, open_window, app_home):
    window = open_window()
    tab = window.chat_tab
    speeds = []
    tab.speed_measured.connect(speeds.append)
    send(qtbot, tab, "Hello")
    assert tab.reply is not None and not tab.composer.send_button.isEnabled() and tab.composer.stop_button.isEnabled()
    wait_idle(qtbot, tab)
    messages = tab.current.messages
    assert [m.role for m in messages] == ["user", "assistant"]
    assert messages[1].steps and messages[1].stats["tokens"] == len(messages[1].steps)
    assert tab.composer.input.toPlainText() == "" and tab.composer.send_button.isEnabled()
    # the prompt view shows the tokens the model read, the next-token view the last step
    assert tab.prompt_view.prompt is not None and len(tab.prompt_view.prompt.tokens) == messages[1].stats["prompt_tokens"]
    assert str(messages[1].stats["prompt_tokens"]) in tab.prompt_view.summary.text()
    assert tab.next_token_view.bars.step is not None
    assert speeds and f"{speeds[-1]:.1f}" in window.status.speed_label.text()  # the last speed measured
    (saved,) = ConversationStore(app_home.chats_dir).load_all()
    assert saved.messages[1].content == messages[1].content


def test_clicking_a_reply_token_shows_its_distribution(qtbot, open_window):
    tab = open_window().chat_tab
    send(qtbot, tab, "Hello")
    wait_idle(qtbot, tab)
    reply = tab.current.messages[1]
    visible = [s for s in reply.steps if not s.special]
    assert visible, "the tiny model wrote at least one visible token"
    target = visible[-1]
    tab.transcript.anchorClicked.emit(__import__("PySide6.QtCore", fromlist=["QUrl"]).QUrl(f"tok:1:{target.index}"))
    assert tab.next_token_view.bars.step == target
    assert f"#{target.index + 1}" in tab.next_token_view.caption.text()
    assert f'href="tok:1:{target.index}"' in tab.transcript.toHtml()  # tokens are clickable links


def test_empty_message_is_not_sent(qtbot, open_window):
    tab = open_window().chat_tab
    send(qtbot, tab, "   ")
    assert tab.reply is None and tab.current.messages == []
    assert tab.status.notice.isVisibleTo(tab) and tab.status.notice.is_error


def test_stop_keeps_the_partial_reply(qtbot, open_window, app_home):
    tab = open_window(slow=True, max_new_tokens=200, temperature=1.0).chat_tab
    fix_seed(tab)
    send(qtbot, tab, "Hello")
    qtbot.waitUntil(lambda: tab.reply is not None and len(tab.reply.message.steps) >= 3, timeout=30000)
    qtbot.mouseClick(tab.composer.stop_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, tab)
    reply = tab.current.messages[-1]
    assert reply.role == "assistant" and reply.stopped and 3 <= len(reply.steps) < 200
    assert ConversationStore(app_home.chats_dir).load_all()[0].messages[-1].stopped


def test_switching_conversations_and_restart_restores_history(qtbot, open_window):
    window = open_window()
    tab = window.chat_tab
    send(qtbot, tab, "First chat")
    wait_idle(qtbot, tab)
    first_id = tab.current.id
    qtbot.mouseClick(tab.conversation_list.new_button, Qt.MouseButton.LeftButton)
    assert tab.current.id != first_id and "First chat" not in tab.transcript.toPlainText()
    send(qtbot, tab, "Second chat")
    wait_idle(qtbot, tab)
    assert tab.conversation_list.list.count() == 2
    tab.select_conversation(first_id)
    assert "First chat" in tab.transcript.toPlainText() and "Second chat" not in tab.transcript.toPlainText()
    close_and_wait(qtbot, window)

    restarted = open_window().chat_tab
    titles = [restarted.conversation_list.list.item(i).text() for i in range(restarted.conversation_list.list.count())]
    assert sorted(title.splitlines()[0] for title in titles) == ["First chat", "Second chat"]
    assert restarted.current.id == first_id, "the last conversation shown is shown again"
    assert restarted.current.messages[1].steps, "token probabilities survive a restart"


def test_edit_and_resend_replaces_the_later_turns(qtbot, open_window):
    tab = open_window().chat_tab
    send(qtbot, tab, "Hello")
    wait_idle(qtbot, tab)
    send(qtbot, tab, "Second question")
    wait_idle(qtbot, tab)
    assert len(tab.current.messages) == 4
    tab.transcript.action_requested.emit("edit", 0)
    assert tab.composer.input.toPlainText() == "Hello" and tab.composer.cancel_edit_button.isVisible()
    send(qtbot, tab, "Hello again")
    wait_idle(qtbot, tab)
    assert [m.content for m in tab.current.messages if m.role == "user"] == ["Hello again"]
    assert len(tab.current.messages) == 2


def test_regenerate_replaces_the_last_reply(qtbot, open_window):
    tab = open_window(temperature=1.5).chat_tab
    tab.sampling_panel.random_seed.setChecked(False)
    tab.sampling_panel.seed.setValue(1)
    send(qtbot, tab, "Hello")
    wait_idle(qtbot, tab)
    first = tab.current.messages[1]
    tab.sampling_panel.seed.setValue(2)
    tab.transcript.action_requested.emit("regenerate", 1)
    wait_idle(qtbot, tab)
    assert len(tab.current.messages) == 2
    second = tab.current.messages[1]
    assert second is not first and second.stats["seed"] == 2 and first.stats["seed"] == 1


def test_copy_message_puts_it_on_the_clipboard(qtbot, open_window):
    from PySide6.QtGui import QGuiApplication

    tab = open_window().chat_tab
    send(qtbot, tab, "Copy me")
    wait_idle(qtbot, tab)
    tab.transcript.action_requested.emit("copy", 0)
    assert QGuiApplication.clipboard().text() == "Copy me"


def test_export_markdown_and_json(qtbot, open_window, tmp_path):
    tab = open_window().chat_tab
    send(qtbot, tab, "Export me")
    wait_idle(qtbot, tab)
    tab.export_conversation(tab.current.id, tmp_path / "chat.md")
    tab.export_conversation(tab.current.id, tmp_path / "chat.json")
    assert "Export me" in (tmp_path / "chat.md").read_text()
    assert '"role": "assistant"' in (tmp_path / "chat.json").read_text()


def test_too_long_message_is_put_back_with_an_explanation(qtbot, open_window):
    tab = open_window().chat_tab
    long_text = "Paris is lovely. " * 200
    send(qtbot, tab, long_text)
    wait_idle(qtbot, tab)
    assert tab.current.messages == []
    assert tab.composer.input.toPlainText() == long_text
    assert "too long" in tab.status.notice.text() and tab.status.notice.is_error  # the backend's words


def test_adding_a_folder_that_is_not_a_model_explains_why(qtbot, open_window, tmp_path, monkeypatch):
    warnings = []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text: warnings.append(text))
    tab = open_window().chat_tab
    (tmp_path / "holiday-photos").mkdir()
    assert not tab.model_picker.add_path(str(tmp_path / "holiday-photos"))
    assert "does not look like a model" in warnings[0]


def test_adding_a_model_folder_works_without_restart(qtbot, open_window, tiny_plain_model_dir, app_home):
    window = open_window()
    tab = window.chat_tab
    assert tab.model_picker.add_path(str(tiny_plain_model_dir))
    assert tab.model_picker.current_model_id() == f"path:{tiny_plain_model_dir}"
    assert str(tiny_plain_model_dir) in window.settings.added_model_paths
    send(qtbot, tab, "Hello")
    wait_idle(qtbot, tab)
    prompt = tab.prompt_view.prompt
    assert prompt is not None and not prompt.used_chat_template  # the base model got a plain prompt
    # ...and the summary says so: it is not what it would say for the same tokens under a chat template
    with_template = PromptTokensView()
    qtbot.addWidget(with_template)
    with_template.show_prompt(dataclasses.replace(prompt, used_chat_template=True))
    assert tab.prompt_view.summary.text() != with_template.summary.text()


def test_delete_conversation(qtbot, open_window, app_home):
    tab = open_window().chat_tab
    send(qtbot, tab, "Delete me")
    wait_idle(qtbot, tab)
    tab.delete_conversation(tab.current.id)
    assert ConversationStore(app_home.chats_dir).load_all() == []
    assert tab.current is not None and tab.current.messages == []


def test_preload_shows_progress_then_ready(qtbot, open_window):
    tab = open_window(preload=True).chat_tab
    assert tab.load_job_id is None, "nothing heavy starts before the window is on screen"
    name = tab.model_picker.current_entry().name
    qtbot.waitUntil(lambda: tab.load_job_id is None and name in tab.status.notice.text(), timeout=60000)
    assert not tab.status.notice.is_error and tab.preloader.loaded_key is not None
    assert "CPU" in tab.status.notice.text() and "CPU" in tab.window().status.device_label.text()


def test_closing_mid_reply_saves_it_and_exits_promptly(qtbot, open_window, app_home):
    window = open_window(slow=True, max_new_tokens=200, temperature=1.0)
    tab = window.chat_tab
    fix_seed(tab)
    send(qtbot, tab, "Hello")
    qtbot.waitUntil(lambda: tab.reply is not None and len(tab.reply.message.steps) >= 2, timeout=30000)
    window.close()
    qtbot.waitUntil(window.controller.is_stopped, timeout=10000)
    (saved,) = ConversationStore(app_home.chats_dir).load_all()
    assert saved.messages[0].content == "Hello"
    assert saved.messages[-1].role == "assistant" and saved.messages[-1].stopped
