"""The Chat tab's right-hand panel: what the model saw and chose, and how it chooses.

Three pages: the next-token probabilities of a clicked (or the newest) token, the prompt split
into the model's tokens, and the sampling settings; then three that look inside the model (issue 16):
attention, layer by layer, and the sampling lab, each on the chosen reply. ``SidePage`` names them,
so code never compares page numbers.
"""
from __future__ import annotations

import enum

from PySide6.QtWidgets import QTabWidget, QWidget

from desktop_app.chat.attention_view import AttentionView
from desktop_app.chat.exchange_source import SourceFn
from desktop_app.chat.layer_by_layer_view import LayerByLayerView
from desktop_app.chat.next_token_view import NextTokenView
from desktop_app.chat.prompt_tokens_view import PromptTokensView
from desktop_app.chat.sampling_lab_view import SamplingLabView
from desktop_app.chat.sampling_panel import SamplingPanel
from desktop_app.i18n.retranslate import keep_translated
from desktop_app.widgets.scrolling import scrolling
from model_backend.chat.chat_types import TokenStep
from model_backend.core.settings import Settings


class SidePage(enum.IntEnum):
    NEXT_TOKEN = 0
    PROMPT_TOKENS = 1
    SETTINGS = 2
    ATTENTION = 3
    LAYER_BY_LAYER = 4
    SAMPLING_LAB = 5


LOOK_INSIDE_PAGES = (SidePage.ATTENTION, SidePage.LAYER_BY_LAYER, SidePage.SAMPLING_LAB)


class ChatSidePanel(QTabWidget):
    def __init__(self, settings: Settings, parent: QWidget | None = None, controller=None,
                 source: SourceFn = lambda: None) -> None:
        super().__init__(parent)
        self.setUsesScrollButtons(True)  # six pages in a narrow panel
        self.next_token_view = NextTokenView(self)
        self.prompt_view = PromptTokensView(self)
        self.sampling_panel = SamplingPanel(settings, self)
        self.attention_view = AttentionView(controller, source, self)
        self.layer_view = LayerByLayerView(controller, source, self)
        self.sampling_lab = SamplingLabView(controller, source, self)
        pages = {SidePage.NEXT_TOKEN: self.next_token_view, SidePage.PROMPT_TOKENS: self.prompt_view,
                 SidePage.SETTINGS: scrolling(self.sampling_panel, self, vertical_only=True),  # a long form at 200 %
                 SidePage.ATTENTION: scrolling(self.attention_view, self, vertical_only=True),
                 SidePage.LAYER_BY_LAYER: self.layer_view,  # its table scrolls by itself
                 SidePage.SAMPLING_LAB: scrolling(self.sampling_lab, self, vertical_only=True)}
        for page in SidePage:
            self.insertTab(page, pages[page], "")
        keep_translated(self, self._retranslate)

    def _retranslate(self) -> None:
        titles = {SidePage.NEXT_TOKEN: (self.tr("Next token"),
                                        self.tr("Which tokens the model considered for a word of the reply")),
                  SidePage.PROMPT_TOKENS: (self.tr("Prompt tokens"),
                                           self.tr("The prompt exactly as the model reads it, split into tokens")),
                  SidePage.SETTINGS: (self.tr("Settings"),
                                      self.tr("System prompt, sampling and device for the next reply")),
                  SidePage.ATTENTION: (self.tr("Attention"),
                                       self.tr("Which earlier tokens each token of the reply looks at")),
                  SidePage.LAYER_BY_LAYER: (self.tr("Layer by layer"),
                                            self.tr("The model's guess for the next token after each of its layers")),
                  SidePage.SAMPLING_LAB: (self.tr("Sampling lab"),
                                          self.tr("Temperature, top-k and top-p tried on the model's real "
                                                  "distribution"))}
        for page, (title, tip) in titles.items():
            self.setTabText(page, title)
            self.setTabToolTip(page, tip)

    def show_page(self, page: SidePage) -> None:
        self.setCurrentIndex(page)

    def show_token(self, step: TokenStep, step_index: int) -> None:
        """A reply token was clicked: every page that follows tokens moves to it; a look-inside page in front
        stays in front (the student is studying that token there), otherwise the next-token view comes up."""
        self.next_token_view.show_step(step)
        self.sampling_lab.set_step(step_index)
        if self.currentIndex() == SidePage.LAYER_BY_LAYER:
            self.layer_view.follow_step(step_index)
        if self.currentIndex() not in LOOK_INSIDE_PAGES:
            self.show_page(SidePage.NEXT_TOKEN)
