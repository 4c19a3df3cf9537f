"""The Chat tab: streaming replies, several autosaved conversations, and the next-token view.

The tab only builds requests and reacts to events; the reply being generated lives in an
``ActiveReply`` until its one terminal event, which decides what is kept. Nothing the user typed
is lost: a failed send puts the text back in the box.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtGui import QGuiApplication, QKeySequence, QShortcut
from PySide6.QtWidgets import QCheckBox, QMessageBox, QSplitter, QVBoxLayout, QWidget

from desktop_app.chat.chat_composer import ChatComposer
from desktop_app.chat.chat_side_panel import ChatSidePanel
from desktop_app.chat.conversation_list import ConversationList
from desktop_app.chat.exchange_source import ExchangeSource, exchange_in
from desktop_app.chat.model_preloader import ModelPreloader
from desktop_app.chat.transcript_view import TranscriptView
from desktop_app.controller import BackendController
from desktop_app.i18n.retranslate import Text, keep_translated
from desktop_app.presentation import mark_advanced
from desktop_app.widgets.event_dispatch import dispatch
from desktop_app.widgets.file_dialogs import choose_file_to_save, save_export
from desktop_app.widgets.job_status import JobStatus
from desktop_app.widgets.model_picker import ModelPicker
from desktop_app.widgets.token_text import joined_text
from model_backend.chat.chat_types import ChatRequest, ChatResult, PromptTokens, StopReason, TextChunk, TokenStep
from model_backend.chat.conversations import (
    ChatMessage,
    Conversation,
    ConversationStore,
    export_json,
    export_markdown,
)
from model_backend.core.jobs import Failed
from model_backend.core.model_inspection import ModelKind
from model_backend.core.registry import ModelRegistry
from model_backend.core.settings import Settings


@dataclass
class ActiveReply:
    """The reply being generated, and what to put back if it fails."""

    job_id: str
    conversation: Conversation
    message: ChatMessage = field(default_factory=lambda: ChatMessage("assistant", ""))
    restore_text: str | None = None  # the user's text, put back in the box on failure
    removed: list[ChatMessage] = field(default_factory=list)  # messages an edit/regenerate replaced
    finished: bool = False
    sent: ChatMessage | None = None  # the user's message; found by identity (another copy's may follow it)


class ChatTab(QWidget):
    settings_changed = Signal()
    speed_measured = Signal(float)

    def __init__(self, controller: BackendController, registry: ModelRegistry, store: ConversationStore,
                 settings: Settings, preload: bool = True, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self.registry = registry
        self.store = store
        self.settings = settings
        self.preload = preload
        self.window_shown = False  # no backend work until the window is on screen
        self.reply: ActiveReply | None = None
        self.preloader = ModelPreloader(controller, self)
        self.model_sampling: dict[str, tuple[dict, str]] = {}  # model id -> (sampling_defaults, name) once loaded
        self.editing_index: int | None = None
        self._build_parts()
        self._lay_out()
        self._connect()
        self.conversations = store.load_all()
        self.current = next((c for c in self.conversations if c.id == settings.last_conversation_id),
                            self.conversations[0] if self.conversations else None)
        if self.current is None:
            self.new_conversation()
        else:
            self._show_conversation(self.current)
        self.model_picker.refresh(settings.chat_model_id)
        keep_translated(self, self._retranslate)

    def _retranslate(self) -> None:
        self.colour_box.setText(self.tr("Colour reply tokens by confidence"))
        self.colour_box.setToolTip(self.tr("The less sure the model was of a token it chose, the redder its background. "
                                           "Click a token to see which others it considered."))

    # ---- building (the same three steps in every tab: parts, layout, connections) --------------
    def _build_parts(self) -> None:
        self.conversation_list = ConversationList(self)
        self.model_picker = ModelPicker(self.registry, ModelKind.CHAT, self)
        self.transcript = TranscriptView(self)
        self.colour_box = QCheckBox(self)
        self.colour_box.setChecked(True)
        self.status = JobStatus(self, progress_when_idle=False)
        self.composer = ChatComposer(self)
        self.side_panel = ChatSidePanel(self.settings, self, controller=self.controller, source=self.exchange_source)
        # the side panel's pages, named here because the tab talks to them directly
        self.next_token_view = self.side_panel.next_token_view
        self.prompt_view = self.side_panel.prompt_view
        self.sampling_panel = self.side_panel.sampling_panel
        self.side_panel.sampling_lab.set_sampling(self.sampling_panel.sampling())  # the lab starts from the chat's
        # on the projector: the conversation, not the list of earlier groups' chats or the ways to add models
        mark_advanced(self.conversation_list, self.model_picker.add_button, self.model_picker.refresh_button)

    def _lay_out(self) -> None:
        center = QWidget(self)
        center_layout = QVBoxLayout(center)
        center_layout.setContentsMargins(0, 0, 0, 0)
        center_layout.addWidget(self.model_picker)
        center_layout.addWidget(self.transcript, 1)
        center_layout.addWidget(self.colour_box)
        center_layout.addWidget(self.status)
        center_layout.addWidget(self.composer)
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(self.conversation_list)
        splitter.addWidget(center)
        splitter.addWidget(self.side_panel)
        splitter.setStretchFactor(1, 3)
        splitter.setStretchFactor(2, 2)
        splitter.setSizes([180, 560, 340])
        QVBoxLayout(self).addWidget(splitter)

    def _connect(self) -> None:
        self.composer.send_requested.connect(self.send)
        self.composer.stop_requested.connect(self.stop)
        self.composer.cancel_edit_requested.connect(self.cancel_edit)
        QShortcut(QKeySequence(Qt.Key.Key_Escape), self, activated=self.stop)
        self.colour_box.toggled.connect(self._on_colour_toggled)
        self.transcript.token_clicked.connect(self.show_token)
        self.transcript.action_requested.connect(self._on_action)
        self.conversation_list.conversation_selected.connect(self.select_conversation)
        self.conversation_list.new_requested.connect(self.new_conversation)
        self.conversation_list.delete_requested.connect(self._confirm_delete)
        self.conversation_list.export_requested.connect(self._choose_export)
        self.model_picker.model_changed.connect(self._on_model_changed)
        self.sampling_panel.changed.connect(self._on_sampling_changed)
        self.preloader.progressed.connect(self.status.show_progress)
        self.preloader.finished.connect(self._on_preload_finished)
        self.preloader.loaded.connect(self._on_model_loaded)

    # ---- conversations -----------------------------------------------------------------
    def _refresh_list(self) -> None:
        self.conversation_list.set_conversations(self.conversations, self.current.id if self.current else "")

    @Slot()
    def new_conversation(self) -> None:
        fresh = next((c for c in self.conversations if not c.messages), None)
        if fresh is None:
            fresh = Conversation(system_prompt=self.sampling_panel.system_prompt.toPlainText(),
                                 model_id=self.model_picker.current_model_id())
            self.conversations.insert(0, fresh)
        self._show_conversation(fresh)

    @Slot()
    def clear_for_next_group(self) -> None:
        """A fresh, empty conversation for the next group; the earlier ones stay saved and listed."""
        self.stop()
        self.composer.input.clear()
        self.new_conversation()
        self.next_token_view.show_step(None)
        self.status.show_notice(lambda: self.tr("Ready for the next group: earlier conversations are saved in the list."))

    @Slot(str)
    def select_conversation(self, conversation_id: str) -> None:
        found = next((c for c in self.conversations if c.id == conversation_id), None)
        if found is not None and found is not self.current:
            self._store_system_prompt()
            self._show_conversation(found)

    def _show_conversation(self, conversation: Conversation) -> None:
        self.current = conversation
        self.settings.last_conversation_id = conversation.id
        self.cancel_edit()
        self.hide_notice()  # a notice about the conversation left behind no longer applies
        self.sampling_panel.system_prompt.setPlainText(conversation.system_prompt)
        self.transcript.selected = None
        self.next_token_view.show_step(None)
        self._refresh_list()
        self._render()

    def _store_system_prompt(self) -> None:
        if self.current is not None:
            self.current.system_prompt = self.sampling_panel.system_prompt.toPlainText()

    def _save(self, conversation: Conversation) -> None:
        if conversation.messages:
            self.store.save(conversation)

    @Slot(str)
    def _confirm_delete(self, conversation_id: str) -> None:
        answer = QMessageBox.question(self, self.tr("Delete conversation"),
                                      self.tr("Delete this conversation? This cannot be undone."))
        if answer == QMessageBox.StandardButton.Yes:
            self.delete_conversation(conversation_id)

    def delete_conversation(self, conversation_id: str) -> None:
        if self.reply is not None and self.reply.conversation.id == conversation_id:
            self.stop()
        self.conversations = [c for c in self.conversations if c.id != conversation_id]
        self.store.delete(conversation_id)
        if self.current is None or self.current.id == conversation_id:
            self.current = None
            if self.conversations:
                self._show_conversation(self.conversations[0])
            else:
                self.new_conversation()
        else:
            self._refresh_list()

    @Slot(str)
    def _choose_export(self, conversation_id: str) -> None:
        path, chosen = choose_file_to_save(self, self.tr("Export conversation"), "conversation.md",
                                  self.tr("Markdown (*.md);;JSON (*.json)"))
        if path:
            if "json" in chosen and not path.endswith(".json"):
                path += ".json"
            self.export_conversation(conversation_id, Path(path))

    def export_conversation(self, conversation_id: str, path: Path) -> None:
        conversation = next(c for c in self.conversations if c.id == conversation_id)
        text = export_json(conversation) if path.suffix.lower() == ".json" else export_markdown(conversation)
        saved, message = save_export(path, text)
        self.show_notice(message, error=not saved)

    # ---- sending -----------------------------------------------------------------------
    @Slot()
    def send(self) -> None:
        if self.reply is not None:
            return
        text = self.composer.text()
        if not text.strip():
            self.show_notice(lambda: self.tr("Type a message first."), error=True)
            return
        if not self.model_picker.current_model_id():
            self.show_notice(lambda: self.tr("No chat model is available. Use “Add model folder…” or install the "
                                             "embedded model (see the README)."), error=True)
            return
        conversation = self.current
        removed: list[ChatMessage] = []
        if self.editing_index is not None:
            removed = conversation.messages[self.editing_index:]
            del conversation.messages[self.editing_index:]
        sent = ChatMessage("user", text)
        conversation.messages.append(sent)
        self.composer.clear()
        self.cancel_edit()
        self._start_reply(conversation, restore_text=text, removed=removed, sent=sent)

    def _start_reply(self, conversation: Conversation, restore_text: str | None, removed: list[ChatMessage],
                     sent: ChatMessage | None = None) -> None:
        self._store_system_prompt()
        conversation.model_id = self.model_picker.current_model_id()
        self._save(conversation)  # the user's message is on disk before the model sees it
        request = ChatRequest(
            conversation=conversation.request_messages(),
            model_id=conversation.model_id,
            sampling=self.sampling_panel.sampling(),
            device=self.sampling_panel.device_choice(),
        )
        self.reply = ActiveReply(request.job_id, conversation, restore_text=restore_text, removed=removed, sent=sent)
        self.hide_notice()
        self.controller.submit(request, self._on_reply_events)
        self.preloader.mark_loaded(request.model_id, request.device)
        self._refresh_list()
        self._update_buttons()
        self._render()

    @Slot()
    def stop(self) -> None:
        if self.reply is not None:
            self.controller.cancel(self.reply.job_id)
        self.preloader.cancel()

    @Slot()
    def cancel_edit(self) -> None:
        self.editing_index = None
        self.composer.set_editing(False)

    def regenerate(self, index: int) -> None:
        conversation = self.current
        if self.reply is not None or index != len(conversation.messages) - 1:
            return
        if conversation.messages[index].role != "assistant":
            return
        removed = [conversation.messages.pop()]
        self._start_reply(conversation, restore_text=None, removed=removed)

    def edit(self, index: int) -> None:
        message = self.current.messages[index]
        if message.role != "user" or self.reply is not None:
            return
        self.editing_index = index
        self.composer.set_text(message.content)
        self.composer.set_editing(True)
        self.show_notice(lambda: self.tr("Editing an earlier message: Send replaces it and removes the replies "
                                         "after it."))

    @Slot(str, int)
    def _on_action(self, action: str, index: int) -> None:
        if action == "copy":
            QGuiApplication.clipboard().setText(self.current.messages[index].content)
            self.show_notice(lambda: self.tr("Message copied."))
        elif action == "edit":
            self.edit(index)
        elif action == "regenerate":
            self.regenerate(index)

    # ---- events from the backend -------------------------------------------------------
    def _on_reply_events(self, events: list) -> None:
        reply = self.reply
        if reply is None or reply.finished:
            return
        dispatch(events, on_progress=self.status.show_progress,
                 on_partial=lambda payload: self._on_partial(reply, payload),
                 on_result=lambda result: self._finish_reply(reply, result, stopped=False),
                 on_cancelled=lambda partial: self._on_reply_cancelled(reply, partial),
                 on_failed=lambda event: self._on_reply_failed(reply, event))
        self._render()

    def _on_partial(self, reply: ActiveReply, payload) -> None:
        if isinstance(payload, PromptTokens):
            self.status.finished()
            self.prompt_view.show_prompt(payload)
            if payload.trimmed_messages:
                n, k = payload.context_length, payload.trimmed_messages
                self.show_notice(lambda: self.tr("The conversation is longer than the model's {n}-token context: "
                                                 "the oldest {k} message(s) were dropped from this reply's "
                                                 "prompt.").format(n=n, k=k))
        elif isinstance(payload, TokenStep):
            reply.message.steps.append(payload)
            self.next_token_view.show_step(payload, live=True)
            first = reply.message.steps[0]
            if payload.elapsed > first.elapsed:
                self.speed_measured.emit((len(reply.message.steps) - 1) / (payload.elapsed - first.elapsed))
        elif isinstance(payload, TextChunk):
            reply.message.content += payload.text

    def _finish_reply(self, reply: ActiveReply, result: ChatResult, stopped: bool) -> None:
        reply.finished = True
        message = reply.message
        message.content = result.text
        message.steps = list(result.steps)
        message.stats = result.stats
        message.stopped = stopped
        reply.conversation.messages.append(message)
        self._save(reply.conversation)
        self.sampling_panel.set_seed(result.seed)
        if result.tokens_per_second:
            self.speed_measured.emit(result.tokens_per_second)
        self._end_reply()
        self.next_token_view.show_step(message.steps[-1] if message.steps else None)  # no longer "now generating"

    def _on_reply_cancelled(self, reply: ActiveReply, partial) -> None:
        if isinstance(partial, ChatResult) and (partial.steps or partial.text):  # a server may send no steps
            self._finish_reply(reply, partial, stopped=True)
            if partial.stop_reason is StopReason.CONNECTION_LOST:
                self.show_notice(lambda: self.tr("The class server stopped answering in the middle of the reply. "
                                                 "The reply so far is kept."))
            else:
                self.show_notice(lambda: self.tr("Stopped. The reply so far is kept."))
            return
        self._undo_send(reply)
        self.show_notice(lambda: self.tr("Stopped before the model wrote anything."))

    def _on_reply_failed(self, reply: ActiveReply, event: Failed) -> None:
        self._undo_send(reply)
        self.show_notice(event.message, error=True)

    def _undo_send(self, reply: ActiveReply) -> None:
        """Take the unanswered message back out (its text returns to the box) and restore what it replaced."""
        reply.finished = True
        conversation = reply.conversation
        # Saving merged other copies' messages in, so the sent message need not be the last one.
        index = next((i for i, m in enumerate(conversation.messages) if m is reply.sent), None)
        if reply.restore_text is not None and index is not None:
            del conversation.messages[index]
            if not self.composer.text().strip():
                self.composer.set_text(reply.restore_text)
        conversation.messages.extend(reply.removed)
        self._save(conversation)
        self._end_reply()

    def _end_reply(self) -> None:
        self.reply = None
        self.status.finished()
        self._update_buttons()
        self._refresh_list()

    # ---- model loading -----------------------------------------------------------------
    @Slot(str)
    def _on_model_changed(self, model_id: str) -> None:
        self.settings.chat_model_id = model_id
        self.settings_changed.emit()
        # the model's recommended sampling when it was loaded before, the app's default until it is
        self.sampling_panel.set_model_defaults(*self.model_sampling.get(model_id, (None, "")))
        self._preload()

    @Slot(object)
    def _on_model_loaded(self, info: dict) -> None:
        """A load job's result: the Settings page shows what this model recommends (when it follows the model)."""
        defaults = info.get("sampling_defaults")
        if not isinstance(defaults, dict):
            return
        self.model_sampling[info["model_id"]] = (defaults, info["name"])
        if info["model_id"] == self.model_picker.current_model_id():
            self.sampling_panel.set_model_defaults(defaults, info["name"])

    @Slot()
    def _on_sampling_changed(self) -> None:
        self.sampling_panel.store(self.settings)
        self.settings_changed.emit()
        self._preload()

    def start_background_work(self) -> None:
        """Called once the window is visible: start loading the chosen model."""
        self.window_shown = True
        self.preloader.enabled = self.preload
        self._preload()

    @property
    def load_job_id(self) -> str | None:
        return self.preloader.job_id

    def _preload(self) -> None:
        if self.reply is None and self.preloader.request(self.model_picker.current_model_id(),
                                                         self.sampling_panel.device_choice()):
            self._update_buttons()

    @Slot(object, bool)
    def _on_preload_finished(self, message: Text, error: bool) -> None:
        self.show_notice(message, error=error)
        if self.reply is None:
            self.status.finished()
        self._update_buttons()

    # ---- view helpers ------------------------------------------------------------------
    def show_notice(self, text: Text, error: bool = False) -> None:
        """``text`` is a Text (a callable or a backend Message), so the notice follows a language switch."""
        self.status.show_notice(text, error)

    def hide_notice(self) -> None:
        self.status.clear_notice()

    def _update_buttons(self) -> None:
        busy = self.reply is not None
        self.composer.set_possible(can_send=not busy, can_stop=busy or self.load_job_id is not None)

    @Slot(bool)
    def _on_colour_toggled(self, checked: bool) -> None:
        self.transcript.colour_by_confidence = checked
        self._render()

    @Slot(int, int)
    def show_token(self, message_index: int, step_index: int) -> None:
        messages = self.current.messages
        if message_index < len(messages):
            steps = messages[message_index].steps
        elif self.reply is not None and self.reply.conversation is self.current:
            steps = self.reply.message.steps
        else:
            return
        if 0 <= step_index < len(steps):
            self.transcript.selected = (message_index, step_index)
            self.side_panel.show_token(steps[step_index], step_index)
            self._render()

    def exchange_source(self) -> ExchangeSource | None:
        """What the look-inside pages examine (see ``exchange_in``)."""
        return exchange_in(self.current, self.transcript.selected, self.model_picker.current_model_id(),
                           self.sampling_panel.device_choice())

    def _render(self) -> None:
        streaming = None
        if self.reply is not None and self.reply.conversation is self.current:
            streaming = self.reply.message
        self.transcript.render(self.current, streaming, busy=self.reply is not None)

    # ---- quitting ----------------------------------------------------------------------
    def save_for_quit(self) -> None:
        """Keep the reply in flight (marked stopped) and save everything, before the backend stops."""
        self._store_system_prompt()
        reply = self.reply
        if reply is not None and not reply.finished:
            reply.finished = True
            # Streamed text waits for a word boundary; the tokens received so far may be ahead of it.
            from_steps = joined_text(step for step in reply.message.steps if not step.special)
            if len(from_steps) > len(reply.message.content):
                reply.message.content = from_steps
            if reply.message.content.strip() or reply.message.steps:
                reply.message.stopped = True
                reply.conversation.messages.append(reply.message)
        for conversation in self.conversations:
            self._save(conversation)
        self.sampling_panel.store(self.settings)
