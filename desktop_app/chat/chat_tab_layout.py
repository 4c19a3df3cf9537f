"""The Chat tab's widgets and how they are laid out and wired; the behaviour lives in chat_tab.py."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop_app.chat.conversation_list import ConversationList
from desktop_app.chat.message_input import MessageInput
from desktop_app.chat.next_token_view import NextTokenView
from desktop_app.chat.prompt_tokens_view import PromptTokensView
from desktop_app.chat.sampling_panel import SamplingPanel
from desktop_app.chat.transcript_view import TranscriptView
from desktop_app.widgets.model_picker import ModelPicker
from model_backend.core.model_inspection import ModelKind


class ChatTabLayout:
    """Mixed into ChatTab: builds the widgets (as ``self.*``) and connects them to ChatTab's slots."""

    def _build(self) -> None:
        self.conversation_list = ConversationList(self)
        self.model_picker = ModelPicker(self.registry, ModelKind.CHAT, self)
        self.transcript = TranscriptView(self)
        self.notice = QLabel(self)
        self.notice.setWordWrap(True)
        self.notice.hide()
        self.progress = QProgressBar(self)
        self.progress.hide()
        self.progress_label = QLabel(self)
        self.progress_label.hide()
        self.input = MessageInput(self)
        self.input.setPlaceholderText(self.tr("Type a message. Enter sends, Shift+Enter adds a line."))
        self.input.setMaximumHeight(110)
        self.send_button = QPushButton(self.tr("Send"), self)
        self.stop_button = QPushButton(self.tr("Stop"), self)
        self.stop_button.setEnabled(False)
        self.cancel_edit_button = QPushButton(self.tr("Cancel edit"), self)
        self.cancel_edit_button.hide()
        self.colour_box = QCheckBox(self.tr("Colour reply tokens by confidence"), self)
        self.colour_box.setChecked(True)

        buttons = QVBoxLayout()
        buttons.addWidget(self.send_button)
        buttons.addWidget(self.stop_button)
        buttons.addWidget(self.cancel_edit_button)
        buttons.addStretch(1)
        input_row = QHBoxLayout()
        input_row.addWidget(self.input, 1)
        input_row.addLayout(buttons)
        center = QWidget(self)
        center_layout = QVBoxLayout(center)
        center_layout.setContentsMargins(0, 0, 0, 0)
        center_layout.addWidget(self.model_picker)
        center_layout.addWidget(self.transcript, 1)
        center_layout.addWidget(self.colour_box)
        center_layout.addWidget(self.notice)
        center_layout.addWidget(self.progress_label)
        center_layout.addWidget(self.progress)
        center_layout.addLayout(input_row)

        self.next_token_view = NextTokenView(self)
        self.prompt_view = PromptTokensView(self)
        self.sampling_panel = SamplingPanel(self.settings, self)
        self.side_tabs = QTabWidget(self)
        self.side_tabs.addTab(self.next_token_view, self.tr("Next token"))
        self.side_tabs.addTab(self.prompt_view, self.tr("Prompt tokens"))
        self.side_tabs.addTab(self.sampling_panel, self.tr("Settings"))

        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(self.conversation_list)
        splitter.addWidget(center)
        splitter.addWidget(self.side_tabs)
        splitter.setStretchFactor(1, 3)
        splitter.setStretchFactor(2, 2)
        splitter.setSizes([180, 560, 340])
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)

        self.send_button.clicked.connect(self.send)
        self.input.submitted.connect(self.send)
        self.stop_button.clicked.connect(self.stop)
        self.cancel_edit_button.clicked.connect(self.cancel_edit)
        QShortcut(QKeySequence(Qt.Key.Key_Escape), self, activated=self.stop)
        self.colour_box.toggled.connect(self._on_colour_toggled)
        self.transcript.token_clicked.connect(self.show_token)
        self.transcript.action_requested.connect(self._on_action)
        self.conversation_list.conversation_selected.connect(self.select_conversation)
        self.conversation_list.new_requested.connect(self._new_conversation)
        self.conversation_list.delete_requested.connect(self._confirm_delete)
        self.conversation_list.export_requested.connect(self._choose_export)
        self.model_picker.model_changed.connect(self._on_model_changed)
        self.sampling_panel.changed.connect(self._on_sampling_changed)
        self.preloader.progressed.connect(self._show_progress)
        self.preloader.finished.connect(self._on_preload_finished)
