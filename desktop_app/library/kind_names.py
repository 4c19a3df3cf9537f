"""Short names for the kinds of model, as the Models window's lists and filters show them."""
from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from model_backend.core.model_inspection import ModelKind

# The order of the catalogue's groups and of the kind filter: the tabs' order, then any other kind.
_FIRST = (ModelKind.CHAT, ModelKind.IMAGE, ModelKind.SPEECH_TO_TEXT, ModelKind.TEXT_TO_SPEECH, ModelKind.MUSIC)
KIND_ORDER = _FIRST + tuple(kind for kind in ModelKind if kind not in _FIRST)


def kind_name(kind: ModelKind) -> str:
    translate = QCoreApplication.translate  # literal texts, so the translation tools find them
    names = {"chat": translate("KindNames", "Chat"), "image": translate("KindNames", "Image"),
             "speech-to-text": translate("KindNames", "Speech to text"),
             "text-to-speech": translate("KindNames", "Voice (text to speech)"),
             "music": translate("KindNames", "Music"), "embedding": translate("KindNames", "Embedding"),
             "image-text": translate("KindNames", "Picture and text (CLIP)")}
    return names.get(ModelKind(kind).value, translate("KindNames", "Other"))
