"""Short names for the kinds of model, as the Models window's lists and filters show them."""
from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from model_backend.core.model_inspection import ModelKind

# The order of the catalogue's groups and of the kind filter: the tabs' order.
KIND_ORDER = (ModelKind.CHAT, ModelKind.IMAGE, ModelKind.SPEECH_TO_TEXT, ModelKind.TEXT_TO_SPEECH,
              ModelKind.MUSIC, ModelKind.EMBEDDING, ModelKind.OTHER)


def kind_name(kind: ModelKind) -> str:
    def tr(text: str) -> str:
        return QCoreApplication.translate("KindNames", text)

    names = {ModelKind.CHAT: tr("Chat"), ModelKind.IMAGE: tr("Image"), ModelKind.SPEECH_TO_TEXT: tr("Speech to text"),
             ModelKind.TEXT_TO_SPEECH: tr("Voice (text to speech)"), ModelKind.MUSIC: tr("Music"),
             ModelKind.EMBEDDING: tr("Embedding"), ModelKind.OTHER: tr("Other")}
    return names.get(kind, tr("Other"))
