"""The conversation as rich text: reply tokens are links coloured by confidence, actions are links.

Clicking a token emits ``token_clicked(message index, step index)``; clicking “Copy”, “Edit” or
“Regenerate” emits ``action_requested(action, message index)``.
"""
from __future__ import annotations

import html

from PySide6.QtCore import QUrl, Signal, Slot
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QTextBrowser, QWidget

from desktop_app.i18n.retranslate import keep_translated
from desktop_app.widgets import palette
from desktop_app.widgets.token_text import character_groups, confidence_colour, escape_with_breaks
from model_backend.chat.chat_types import StopReason
from model_backend.chat.conversations import ChatMessage, Conversation


class TranscriptView(QTextBrowser):
    token_clicked = Signal(int, int)
    action_requested = Signal(str, int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        self.anchorClicked.connect(self._on_anchor_clicked)
        self.colour_by_confidence = True
        self.selected: tuple[int, int] | None = None
        self._static_html = ""
        self._stream_start: int | None = None
        self._shown: tuple[Conversation | None, ChatMessage | None, bool] | None = None  # the last render's arguments
        keep_translated(self, self._retranslate)

    def _retranslate(self) -> None:
        """Say the names, actions and statistics again in the new language, where the reader was."""
        if self._shown is None:
            return
        bar = self.verticalScrollBar()
        scrolled, at_bottom = bar.value(), bar.value() >= bar.maximum() - 4
        self._stream_start = None  # lay everything out again
        self.render(*self._shown)
        if not at_bottom:
            bar.setValue(scrolled)

    # ---- rendering ---------------------------------------------------------------------
    def _reply_html(self, index: int, message: ChatMessage) -> str:
        visible = [step for step in message.steps if not step.special]
        if not visible:
            return escape_with_breaks(message.content)
        pieces = []
        for group, text in character_groups(visible):
            # a character made of several tokens is one link, coloured by its least sure token, and
            # opens the token that completed it
            step = group[-1]
            probability = min(s.probability for s in group)
            background = confidence_colour(probability) if self.colour_by_confidence else "transparent"
            chosen = self.selected is not None and self.selected[0] == index and \
                any(s.index == self.selected[1] for s in group)
            border = "text-decoration: underline;" if chosen else "text-decoration: none;"
            pieces.append(f'<a href="tok:{index}:{step.index}" style="color: palette(text); background: {background}; '
                          f'{border}">{escape_with_breaks(text)}</a>')
        return "".join(pieces)

    def _actions_html(self, index: int, message: ChatMessage, is_last: bool, busy: bool) -> str:
        links = [("copy", self.tr("Copy"))]
        if not busy:
            if message.role == "user":
                links.append(("edit", self.tr("Edit and resend")))
            elif is_last:
                links.append(("regenerate", self.tr("Regenerate")))
        return " · ".join(f'<a href="act:{action}:{index}" style="color: {palette.LINK};">{html.escape(label)}</a>'
                          for action, label in links)

    def _stats_html(self, message: ChatMessage) -> str:
        stats = message.stats
        if not stats:
            return ""
        parts = [
            self.tr("{n} tokens").format(n=stats.get("tokens", len(message.steps))),
            self.tr("{speed} tok/s").format(speed=stats.get("tokens_per_second", "?")),
            self.tr("first token after {t} s").format(t=stats.get("time_to_first_token", "?")),
            # the engine kept these from the last reply or an earlier chat (its KV cache): not read again
            self.tr("{reused} of {total} prompt tokens reused").format(
                reused=stats["prompt_tokens_reused"], total=stats.get("prompt_tokens", "?"))
            if stats.get("prompt_tokens_reused") else "",
            self.tr("seed {seed}").format(seed=stats.get("seed", "?")),
            self._stop_reason(str(stats.get("stop_reason", ""))),
            str(stats.get("device", "")),
            self.tr("model loaded in {s} s first").format(s=stats["load_seconds"]) if stats.get("load_seconds") else "",
        ]
        return "<br><small style='color:#777'>" + html.escape(" · ".join(p for p in parts if p)) + "</small>"

    def _stop_reason(self, value: str) -> str:
        """Why the reply ended, in the UI's language (saved conversations keep the English value)."""
        reasons = {StopReason.END_OF_REPLY.value: self.tr("end of reply"),
                   StopReason.MAX_NEW_TOKENS.value: self.tr("max new tokens reached"),
                   StopReason.STOP_SEQUENCE.value: self.tr("stop sequence"),
                   StopReason.STOPPED.value: self.tr("stopped"),
                   StopReason.CONNECTION_LOST.value: self.tr("connection lost")}
        return reasons.get(value, value)

    def render(self, conversation: Conversation | None, streaming: ChatMessage | None = None, busy: bool = False) -> None:
        """Show the conversation. While a reply streams, only its own block is re-laid out, so the
        cost per update stays small however long the conversation is."""
        self._shown = (conversation, streaming, busy)
        bar = self.verticalScrollBar()
        at_bottom = bar.value() >= bar.maximum() - 4
        blocks = []
        index = 0
        if conversation is not None:
            if conversation.system_prompt.strip():
                heading = html.escape(self.tr("System prompt:"))  # not inside the f-string: lupdate would miss it
                blocks.append(f"<p style='color:#777'><i>{heading}</i> "
                              f"{escape_with_breaks(conversation.system_prompt.strip())}</p>")
            messages = list(conversation.messages)
            last = len(messages) - 1
            for index, message in enumerate(messages):
                blocks.append(self._message_html(index, message, index == last, busy))
            index = len(messages)
        static_html = "".join(blocks)
        if static_html != self._static_html or self._stream_start is None:
            self.setHtml(static_html)
            self._static_html = static_html
            cursor = QTextCursor(self.document())
            cursor.movePosition(QTextCursor.MoveOperation.End)
            self._stream_start = cursor.position()
        cursor = QTextCursor(self.document())
        cursor.setPosition(self._stream_start)
        cursor.movePosition(QTextCursor.MoveOperation.End, QTextCursor.MoveMode.KeepAnchor)
        cursor.removeSelectedText()
        if streaming is not None:
            if self._stream_start > 0:
                cursor.insertBlock()  # the reply in flight starts its own paragraph, under the user's message
            cursor.insertHtml(self._message_html(index, streaming, False, True, live=True))
        if at_bottom:
            bar.setValue(bar.maximum())

    def _message_html(self, index: int, message: ChatMessage, is_last: bool, busy: bool, live: bool = False) -> str:
        if message.role == "user":
            who, colour, body = self.tr("You"), palette.USER_NAME, escape_with_breaks(message.content)
        else:
            who, colour, body = self.tr("Assistant"), palette.ASSISTANT_NAME, self._reply_html(index, message)
        note = ""
        if live:
            note = " <i style='color:#777'>" + html.escape(self.tr("writing…")) + "</i>"
        elif message.stopped:
            note = f" <i style='color:{palette.ERROR}'>" + html.escape(self.tr("(stopped)")) + "</i>"
        actions = "" if live else "&nbsp;&nbsp;<small>" + self._actions_html(index, message, is_last, busy) + "</small>"
        return (f"<p><b style='color:{colour}'>{html.escape(who)}</b>{note}{actions}<br>"
                f"<span style='white-space: pre-wrap'>{body}</span>{self._stats_html(message)}</p>")

    # ---- clicks ------------------------------------------------------------------------
    @Slot(QUrl)
    def _on_anchor_clicked(self, url: QUrl) -> None:
        kind, _, rest = url.toString().partition(":")
        if kind == "tok":
            message_index, _, step_index = rest.partition(":")
            self.token_clicked.emit(int(message_index), int(step_index))
        elif kind == "act":
            action, _, message_index = rest.partition(":")
            self.action_requested.emit(action, int(message_index))
