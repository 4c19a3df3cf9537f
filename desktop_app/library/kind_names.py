"""Short names for the kinds of model, as the Models window's lists and filters show them."""
from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from model_backend.core.model_inspection import ModelKind

# The order of the catalogue's groups and of the kind filter: the tabs' order, then any other kind.
_FIRST = (ModelKind.CHAT, ModelKind.IMAGE, ModelKind.SPEECH_TO_TEXT, ModelKind.TEXT_TO_SPEECH, ModelKind.MUSIC)
KIND_ORDER = _FIRST + tuple(kind for kind in ModelKind if kind not in _FIRST)


def kind_name(kind: ModelKind) -> str:
    def tr(text: str) -> str:
        return QCoreApplication.translate("KindNames", text)

    names = {"chat": tr("Chat"), "image": tr("Image"), "speech-to-text": tr("Speech to text"),
             "text-to-speech": tr("Voice (text to speech)"), "music": tr("Music"), "embedding": tr("Embedding"),
             "image-text": tr("Picture and text (CLIP)"), "other": tr("Other")}
    return names.get(ModelKind(kind).value, tr("Other"))
