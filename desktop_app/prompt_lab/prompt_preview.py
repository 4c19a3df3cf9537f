"""The exact text the model receives (after its chat template), its token count and context share."""
from __future__ import annotations

from PySide6.QtWidgets import QLabel, QPlainTextEdit, QVBoxLayout, QWidget

from desktop_app.widgets import palette
from desktop_app.widgets.token_text import joined_text
from model_backend.chat.chat_types import PromptTokens


class PromptPreview(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.summary = QLabel(self.tr("The preview appears here after you pick a technique."), self)
        self.summary.setWordWrap(True)
        self.prompt: PromptTokens | None = None  # the prompt shown; None while pending or on an error
        self.is_error = False  # the summary reports a problem (shown in red)
        self.text = QPlainTextEdit(self)
        self.text.setReadOnly(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.summary)
        layout.addWidget(self.text, 1)

    def show_error(self, message: str) -> None:
        self.prompt, self.is_error = None, True
        self.summary.setStyleSheet(f"color: {palette.ERROR};")
        self.summary.setText(message)

    def show_pending(self) -> None:
        self.prompt, self.is_error = None, False
        self.summary.setStyleSheet("")
        self.summary.setText(self.tr("Updating the preview…"))

    def show_prompt(self, prompt: PromptTokens, unused: tuple[str, ...] = ()) -> None:
        count, context = len(prompt.tokens), prompt.context_length
        self.text.setPlainText(joined_text(prompt.tokens))  # whole characters, never half a kanji
        parts = [self.tr("{count} tokens: {share} of the model's {context}-token context window.").format(
            count=count, share=f"{count / context:.1%}", context=context)]
        problem = count >= context
        self.prompt, self.is_error = prompt, problem
        if problem:
            parts.append(self.tr("Too long: the model cannot read all of it and will refuse to run it."))
        if not prompt.used_chat_template:
            parts.append(self.tr("This model has no chat template: a plain “User:/Assistant:” prompt is used."))
        if unused:
            parts.append(self.tr("Not used by the template: {names}.").format(names=", ".join(unused)))
        self.summary.setStyleSheet(f"color: {palette.ERROR};" if problem else "")
        self.summary.setText(" ".join(parts))
