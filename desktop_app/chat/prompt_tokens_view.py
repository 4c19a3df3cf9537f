"""The prompt exactly as the model reads it: chat template applied, split into tokens with ids."""
from __future__ import annotations

import html

from PySide6.QtWidgets import QLabel, QTextBrowser, QVBoxLayout, QWidget

from desktop_app.i18n.retranslate import keep_translated
from desktop_app.i18n.sentences import join_sentences
from desktop_app.widgets import palette
from desktop_app.widgets.token_text import character_groups, visible_token
from model_backend.chat.chat_types import PromptTokens

_CHIP_COLOURS = palette.TOKEN_CHIPS


class PromptTokensView(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        self.browser = QTextBrowser(self)
        self.browser.setOpenLinks(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.summary)
        layout.addWidget(self.browser)
        self.prompt: PromptTokens | None = None  # what the view shows (None: nothing yet)
        keep_translated(self, self._retranslate)

    def show_prompt(self, prompt: PromptTokens | None) -> None:
        self.prompt = prompt
        self._show_summary()
        self._show_tokens()

    def _retranslate(self) -> None:
        self._show_summary()
        bar = self.browser.verticalScrollBar()
        scrolled = bar.value()
        self._show_tokens()  # its notes ("3 tokens make …") are words too
        bar.setValue(scrolled)

    def _show_summary(self) -> None:
        prompt = self.prompt
        if prompt is None:
            self.summary.setText(self.tr("The prompt of the next reply will appear here, split into tokens."))
            return
        count = len(prompt.tokens)
        share = count / prompt.context_length if prompt.context_length else 0.0
        read = self.tr("The model read {count} tokens ({share} of its {context}-token context window).").format(
            count=count, share=f"{share:.1%}", context=prompt.context_length)
        trimmed = self.tr("The {n} oldest message(s) were dropped to make it fit.").format(
            n=prompt.trimmed_messages) if prompt.trimmed_messages else ""
        plain = "" if prompt.used_chat_template else self.tr(
            "This model has no chat template, so a plain “User:/Assistant:” prompt was used.")
        self.summary.setText(join_sentences(read, trimmed, plain))

    def _show_tokens(self) -> None:
        prompt = self.prompt
        if prompt is None:
            self.browser.clear()
            return
        chips = []
        index = 0
        for group, text in character_groups(prompt.tokens):
            group_chips = []
            for token in group:
                colour = _CHIP_COLOURS[index % len(_CHIP_COLOURS)]
                index += 1
                label = html.escape(visible_token(token.text))
                style = f"font-style: italic; color: {palette.SPECIAL_TOKEN};" if token.special else ""
                group_chips.append(f'<span style="background:{colour}; {style}">{label}<sub style="color:#777">'
                                   f"{token.token_id}</sub></span>")
            if len(group) > 1:  # bytes of one character: show them together, then the character they make
                note = self.tr("{n} tokens make “{text}”").format(n=len(group), text=text)
                chips.append(f'<span style="border: 1px solid #999;">{"".join(group_chips)}'
                             f'<b> = {html.escape(text)}</b><sup style="color:#777"> {html.escape(note)}</sup></span> ')
            elif text and "<0x" in group[0].text and not group[0].special:
                # it ends a character an earlier token began (after that token's own whole text)
                chips.append(f'{group_chips[0]}<b> = {html.escape(text)}</b> ')
            else:
                chips.append(group_chips[0] + " ")
            if text.endswith("\n"):
                chips.append("<br>")
        self.browser.setHtml("".join(chips))
