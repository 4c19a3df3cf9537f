"""The side list of conversations, newest first, with new / delete / export."""
from __future__ import annotations

from PySide6.QtCore import QDateTime, QLocale, Qt, Signal, Slot
from PySide6.QtWidgets import QHBoxLayout, QListWidget, QListWidgetItem, QPushButton, QVBoxLayout, QWidget

from model_backend.chat.conversations import Conversation


class ConversationList(QWidget):
    conversation_selected = Signal(str)
    new_requested = Signal()
    delete_requested = Signal(str)
    export_requested = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.list = QListWidget(self)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.new_button = QPushButton(self.tr("New chat"), self)
        self.delete_button = QPushButton(self.tr("Delete"), self)
        self.export_button = QPushButton(self.tr("Export…"), self)
        buttons = QHBoxLayout()
        buttons.addWidget(self.delete_button)
        buttons.addWidget(self.export_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.new_button)
        layout.addWidget(self.list, 1)
        layout.addLayout(buttons)
        self.new_button.clicked.connect(self.new_requested)
        self.delete_button.clicked.connect(lambda: self._emit_for_current(self.delete_requested))
        self.export_button.clicked.connect(lambda: self._emit_for_current(self.export_requested))
        self.list.currentItemChanged.connect(self._on_current_changed)

    def _emit_for_current(self, signal) -> None:
        item = self.list.currentItem()
        if item is not None:
            signal.emit(item.data(Qt.ItemDataRole.UserRole))

    def set_conversations(self, conversations: list[Conversation], current_id: str) -> None:
        self.list.blockSignals(True)
        self.list.clear()
        for conversation in conversations:
            title = conversation.display_title or self.tr("New conversation")
            when = QLocale().toString(QDateTime.fromSecsSinceEpoch(int(conversation.updated)),
                                      QLocale.FormatType.ShortFormat)
            item = QListWidgetItem(f"{title}\n{when}")  # two chats with one title differ by their date
            item.setData(Qt.ItemDataRole.UserRole, conversation.id)
            item.setToolTip(f"{conversation.display_title}\n{when}".strip())
            self.list.addItem(item)
            if conversation.id == current_id:
                self.list.setCurrentItem(item)
        self.list.blockSignals(False)

    def current_id(self) -> str:
        item = self.list.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item is not None else ""

    @Slot(QListWidgetItem, QListWidgetItem)
    def _on_current_changed(self, current: QListWidgetItem | None, previous) -> None:
        if current is not None:
            self.conversation_selected.emit(current.data(Qt.ItemDataRole.UserRole))
