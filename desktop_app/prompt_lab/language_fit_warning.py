"""The line that says when the chosen chat model cannot handle the technique's language.

SmolLM2 and a Japanese technique: the replies will not make sense and a scored run scores near 0 %. The
warning says why (from the model's metadata or the family catalogue: ``prompt_lab/language_fit.py``) and
what to add instead. Running is still allowed; the line stays next to the results, so the score has its
reason in view, and ``note_for`` repeats it per variant in the run's closing notice.
"""
from __future__ import annotations

from PySide6.QtWidgets import QLabel, QWidget

from desktop_app.i18n.retranslate import Text, keep_translated, say
from desktop_app.i18n.sentences import join_sentences
from desktop_app.widgets import palette
from model_backend.core.errors import InvalidModelError
from model_backend.core.registry import ModelEntry, ModelRegistry
from model_backend.prompt_lab.experiment import Variant
from model_backend.prompt_lab.language_fit import LanguageFit, LanguageSupport, language_fit


class LanguageFitWarning(QLabel):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWordWrap(True)
        palette.set_text_colour(self, palette.WARNING)
        self.fit: LanguageFit | None = None
        self.hide()
        keep_translated(self, self._retranslate)

    def check(self, entry: ModelEntry | None, language: str) -> None:
        """``entry`` against ``language`` ("" = any); metadata only and cached, so cheap on the GUI thread."""
        self.fit = language_fit(entry, language) if entry is not None and language else None
        self._retranslate()

    @property
    def unsupported(self) -> bool:
        return self.fit is not None and self.fit.support is LanguageSupport.UNSUPPORTED

    def _retranslate(self) -> None:
        self.setText(join_sentences(say(self.fit.reason), self._suggestion()) if self.unsupported else "")
        self.setVisible(self.unsupported)

    def _suggestion(self) -> str:
        return self.tr("Its replies will not make sense, so a scored run scores close to 0 % whatever the technique. "
                       "For these prompts, add a multilingual model such as Qwen2.5-0.5B/1.5B-Instruct (GGUF) with "
                       "Models › Add a model folder… or with Add… › Add GGUF file… next to the model list, then "
                       "choose it.")

    def note_for(self, registry: ModelRegistry, variant: Variant) -> Text | None:
        """Why a variant's model will fail its technique's language, for the run's closing notice."""
        try:
            entry = registry.resolve(variant.model_id)
        except InvalidModelError:
            return None
        fit = language_fit(entry, variant.technique.language)
        if fit.support is not LanguageSupport.UNSUPPORTED:
            return None
        name = variant.name
        return lambda: self.tr("{variant}: {reason}").format(variant=name, reason=say(fit.reason))
