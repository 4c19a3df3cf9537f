"""The Chat tab's right-hand panel: what the model saw and chose, and how it chooses.

Three pages: the next-token probabilities of a clicked (or the newest) token, the prompt split
into the model's tokens, and the sampling settings. ``SidePage`` names them, so code never
compares page numbers.
"""
from __future__ import annotations

import enum

from PySide6.QtWidgets import QTabWidget, QWidget

from desktop_app.chat.next_token_view import NextTokenView
from desktop_app.chat.prompt_tokens_view import PromptTokensView
from desktop_app.chat.sampling_panel import SamplingPanel
from model_backend.core.settings import Settings


class SidePage(enum.IntEnum):
    NEXT_TOKEN = 0
    PROMPT_TOKENS = 1
    SETTINGS = 2


class ChatSidePanel(QTabWidget):
    def __init__(self, settings: Settings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.next_token_view = NextTokenView(self)
        self.prompt_view = PromptTokensView(self)
        self.sampling_panel = SamplingPanel(settings, self)
        pages = {SidePage.NEXT_TOKEN: (self.next_token_view, self.tr("Next token")),
                 SidePage.PROMPT_TOKENS: (self.prompt_view, self.tr("Prompt tokens")),
                 SidePage.SETTINGS: (self.sampling_panel, self.tr("Settings"))}
        for page in SidePage:
            widget, title = pages[page]
            self.insertTab(page, widget, title)

    def show_page(self, page: SidePage) -> None:
        self.setCurrentIndex(page)
