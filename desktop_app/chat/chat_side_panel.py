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
from desktop_app.i18n.retranslate import keep_translated
from desktop_app.widgets.scrolling import scrolling
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
        pages = {SidePage.NEXT_TOKEN: self.next_token_view, SidePage.PROMPT_TOKENS: self.prompt_view,
                 SidePage.SETTINGS: scrolling(self.sampling_panel, self, vertical_only=True)}  # a long form at 200 %
        for page in SidePage:
            self.insertTab(page, pages[page], "")
        keep_translated(self, self._retranslate)

    def _retranslate(self) -> None:
        titles = {SidePage.NEXT_TOKEN: (self.tr("Next token"),
                                        self.tr("Which tokens the model considered for a word of the reply")),
                  SidePage.PROMPT_TOKENS: (self.tr("Prompt tokens"),
                                           self.tr("The prompt exactly as the model reads it, split into tokens")),
                  SidePage.SETTINGS: (self.tr("Settings"),
                                      self.tr("System prompt, sampling and device for the next reply"))}
        for page, (title, tip) in titles.items():
            self.setTabText(page, title)
            self.setTabToolTip(page, tip)

    def show_page(self, page: SidePage) -> None:
        self.setCurrentIndex(page)
