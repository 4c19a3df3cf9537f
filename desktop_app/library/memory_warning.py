"""The memory check before a model is chosen: when the estimate does not fit the free memory, say so
with the numbers and let the user pick a smaller model or load it anyway.

Asked where every tab chooses its model (the model picker), before the tab starts loading, so one
place covers chat, images, speech and music. The estimate reads file sizes and a header, never the
weights (``model_backend.library.memory_check``), so the GUI thread does not wait; a failure to
estimate never stands in the way of loading.
"""
from __future__ import annotations

import enum
import logging

from PySide6.QtWidgets import QMessageBox, QWidget

from desktop_app.i18n.retranslate import say
from desktop_app.i18n.sentences import join_sentences
from desktop_app.library.sizes import human_size

log = logging.getLogger(__name__)

CHAT_CONTEXT_TOKENS = 4096  # the chat tab's context: what the cache is sized for


def estimate_for(entry):
    """The backend's estimate, or None when it cannot be made (then nothing is said)."""
    from model_backend.library.memory_check import estimate_memory

    try:
        return estimate_memory(entry, CHAT_CONTEXT_TOKENS)
    except Exception:  # noqa: BLE001 - an estimate is advice; it must never stop a model from loading
        log.exception("memory estimate failed for %s", getattr(entry, "model_id", entry))
        return None


class MemoryWarning(QMessageBox):
    """Warning with the numbers; ``exec()`` then ``load_anyway()`` says what the user chose."""

    def __init__(self, name: str, estimate, parent: QWidget | None = None) -> None:
        super().__init__(QMessageBox.Icon.Warning, "", "", QMessageBox.StandardButton.NoButton, parent)
        self.setObjectName("memory_warning")
        self.setWindowTitle(self.tr("Not enough free memory"))
        text = self.tr("{model} needs about {needed} of memory; this computer has {available} free ({device}).").format(
            model=name, needed=human_size(estimate.needed_bytes), available=human_size(estimate.available_bytes),
            device=estimate.device.upper())
        details = [self.tr("Weights: {weights}.").format(weights=human_size(estimate.weights_bytes))]
        if estimate.cache_bytes:
            details.append(self.tr("Cache for a {tokens}-token context: {cache}.").format(
                tokens=CHAT_CONTEXT_TOKENS, cache=human_size(estimate.cache_bytes)))
        details.append(self.tr("Loading it may make the computer very slow or stop the app."))
        if estimate.advice:
            details.append(say(estimate.advice))
        self.setText(text)
        self.setInformativeText(join_sentences(*details))
        self.smaller_button = self.addButton(self.tr("Choose a smaller model"), QMessageBox.ButtonRole.RejectRole)
        self.catalogue_button = self.addButton(self.tr("Smaller models in the catalogue…"),
                                               QMessageBox.ButtonRole.ActionRole)
        self.anyway_button = self.addButton(self.tr("Load anyway"), QMessageBox.ButtonRole.AcceptRole)
        self.setDefaultButton(self.smaller_button)
        self.setEscapeButton(self.smaller_button)

    def load_anyway(self) -> bool:
        return self.clickedButton() is self.anyway_button

    def wants_catalogue(self) -> bool:
        return self.clickedButton() is self.catalogue_button


class Choice(enum.Enum):
    LOAD = "load"  # it fits, or the user chose to load it anyway
    SMALLER = "smaller"  # back to the previous model; choose another from the list
    CATALOGUE = "catalogue"  # back to the previous model; look for a smaller one to download


def check_model_fits(parent: QWidget, entry) -> tuple[Choice, str]:
    """Whether ``entry`` (a registry ModelEntry) may load, and the catalogue model that would fit ("" if none
    is known); asks the user only when it does not fit."""
    estimate = estimate_for(entry)
    if estimate is None or estimate.fits:
        return Choice.LOAD, ""
    log.info("%s needs %d bytes, %d free", entry.name, estimate.needed_bytes, estimate.available_bytes)
    warning = MemoryWarning(entry.name, estimate, parent)
    warning.exec()
    suggestion = getattr(estimate, "smaller_entry_id", None) or ""
    if warning.load_anyway():
        return Choice.LOAD, suggestion
    return (Choice.CATALOGUE if warning.wants_catalogue() else Choice.SMALLER), suggestion
