"""The exact text the model receives (after its chat template), its token count and context share.

The preview asks the backend itself (``request``): one preview job at a time, an older one cancelled,
late events of a replaced job ignored. The summary line is said again from what it reports (the prompt
shown, the problem, or that a preview is on its way), so a language switch rewords it without asking the
backend again."""
from __future__ import annotations

from PySide6.QtWidgets import QLabel, QPlainTextEdit, QVBoxLayout, QWidget

from desktop_app.i18n.backend_text import said_by
from desktop_app.i18n.retranslate import Text, keep_translated, say
from desktop_app.i18n.sentences import join_sentences
from desktop_app.widgets import palette
from desktop_app.widgets.event_dispatch import dispatch
from desktop_app.widgets.token_text import joined_text
from model_backend.chat.chat_types import PromptPreviewRequest, PromptTokens
from model_backend.prompt_lab.techniques import Technique
from model_backend.prompt_lab.templates import TemplateError, fill


class PromptPreview(QWidget):
    def __init__(self, controller, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self.job_id: str | None = None  # the preview job in flight
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        self.prompt: PromptTokens | None = None  # the prompt shown; None while pending or on an error
        self.is_error = False  # the summary reports a problem (shown in red)
        self.unused: tuple[str, ...] = ()  # variables the template does not use (with the prompt shown)
        self.error: Text | None = None  # the problem reported, said in the current language
        self.pending = False
        self.text = QPlainTextEdit(self)
        self.text.setReadOnly(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.summary)
        layout.addWidget(self.text, 1)
        keep_translated(self, self._retranslate)

    def _retranslate(self) -> None:
        palette.set_text_colour(self.summary, palette.ERROR if self.is_error else None)
        if self.error is not None:
            self.summary.setText(say(self.error))
        elif self.pending:
            self.summary.setText(self.tr("Updating the preview…"))
        elif self.prompt is not None:
            self.summary.setText(self._describe(self.prompt, self.unused))
        else:
            self.summary.setText(self.tr("The preview appears here after you pick a technique."))

    def _describe(self, prompt: PromptTokens, unused: tuple[str, ...]) -> str:
        count, context = len(prompt.tokens), prompt.context_length
        parts = [self.tr("{count} tokens: {share} of the model's {context}-token context window.").format(
            count=count, share=f"{count / context:.1%}", context=context)]
        if count >= context:
            parts.append(self.tr("Too long: the model cannot read all of it and will refuse to run it."))
        if prompt.raw_continuation:
            parts.append(self.tr("Raw continuation: no chat template, no roles; the model continues this text as it "
                                 "learnt to in pre-training."))
        elif not prompt.used_chat_template:
            parts.append(self.tr("This model has no chat template: a plain “User:/Assistant:” prompt is used."))
        if unused:
            parts.append(self.tr("Not used by the template: {names}.").format(
                names=self.tr(", ").join(unused)))
        return join_sentences(*parts)

    def request(self, technique: Technique, model_id: str, raw: bool = False) -> None:
        """Show ``technique``'s exact prompt for ``model_id`` (the backend applies the model's template, or with
        ``raw`` sends the text as it is: raw continuation)."""
        try:
            messages = technique.messages(technique.values)
            unused = fill(technique.template, technique.values, technique.examples_text()).unused
        except TemplateError as exc:
            self.show_error(said_by(exc))
            return
        if not model_id:
            self.show_error(lambda: self.tr("No chat model available: add one to see the exact prompt."))
            return
        self._cancel()
        request = PromptPreviewRequest(messages, model_id, raw_continuation=raw)
        self.job_id = request.job_id
        self.show_pending()
        self.controller.submit(request, lambda events: self._on_events(request.job_id, unused, events))

    def _on_events(self, job_id: str, unused: tuple[str, ...], events: list) -> None:
        if job_id != self.job_id:
            return
        if dispatch(events, on_result=lambda prompt: self.show_prompt(prompt, unused),
                    on_failed=lambda event: self.show_error(event.message)):
            self.job_id = None

    def _cancel(self) -> None:
        if self.job_id is not None:
            self.controller.cancel(self.job_id)
            self.job_id = None

    def clear(self) -> None:
        """Nothing previewed (a job in flight is dropped): the summary says where the preview will appear."""
        self._cancel()
        self.text.clear()
        self.prompt, self.unused, self.is_error, self.error, self.pending = None, (), False, None, False
        self._retranslate()

    def show_error(self, message: Text) -> None:
        """``message``: a backend Message, a callable or plain text; said again after a language switch."""
        self.prompt, self.is_error, self.error, self.pending = None, True, message, False
        self._retranslate()

    def show_pending(self) -> None:
        self.prompt, self.is_error, self.error, self.pending = None, False, None, True
        self._retranslate()

    def show_prompt(self, prompt: PromptTokens, unused: tuple[str, ...] = ()) -> None:
        self.text.setPlainText(joined_text(prompt.tokens))  # whole characters, never half a kanji
        self.prompt, self.unused, self.error, self.pending = prompt, tuple(unused), None, False
        self.is_error = len(prompt.tokens) >= prompt.context_length
        self._retranslate()
