"""The side list of conversations, newest first, with new / delete / export."""
from __future__ import annotations

from PySide6.QtCore import QDateTime, QLocale, QRect, QSize, Qt, Signal, Slot
from PySide6.QtWidgets import QHBoxLayout, QListWidget, QListWidgetItem, QPushButton, QStyle, QVBoxLayout, QWidget

from desktop_app.i18n.retranslate import keep_translated
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
        self.new_button = QPushButton(self)
        self.delete_button = QPushButton(self)
        self.export_button = QPushButton(self)
        self._conversations: dict[str, Conversation] = {}  # what the items show, by id
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
        keep_translated(self, self._retranslate)

    def _retranslate(self) -> None:
        self.new_button.setText(self.tr("New chat"))
        self.new_button.setToolTip(self.tr("Start a new conversation"))
        self.delete_button.setText(self.tr("Delete"))
        self.delete_button.setToolTip(self.tr("Delete the selected conversation"))
        self.export_button.setText(self.tr("Export…"))
        self.export_button.setToolTip(self.tr("Save the selected conversation as Markdown or JSON"))
        for row in range(self.list.count()):  # in place: the selection and the scroll position stay
            item = self.list.item(row)
            conversation = self._conversations.get(item.data(Qt.ItemDataRole.UserRole))
            if conversation is not None:
                self._label(item, conversation)
        self.list.doItemsLayout()  # rows sized again: Japanese glyphs are taller, two lines must still fit

    def _label(self, item: QListWidgetItem, conversation: Conversation) -> None:
        title = conversation.display_title or self.tr("New conversation")
        when = QLocale().toString(QDateTime.fromSecsSinceEpoch(int(conversation.updated)),
                                  QLocale.FormatType.ShortFormat)
        item.setText(f"{title}\n{when}")  # two chats with one title differ by their date
        item.setToolTip(f"{conversation.display_title}\n{when}".strip())
        # Room for both lines as drawn: a Japanese title is set in a taller fallback font, which the list's own
        # size estimate leaves out, so the date line was elided away ("新しい会話...").
        bounds = self.list.fontMetrics().boundingRect(QRect(0, 0, 10000, 10000), 0, item.text())
        margin = 2 * (self.list.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameVMargin) + 1)
        item.setSizeHint(QSize(bounds.width(), bounds.height() + margin))

    def _emit_for_current(self, signal) -> None:
        item = self.list.currentItem()
        if item is not None:
            signal.emit(item.data(Qt.ItemDataRole.UserRole))

    def set_conversations(self, conversations: list[Conversation], current_id: str) -> None:
        self.list.blockSignals(True)
        self.list.clear()
        self._conversations = {conversation.id: conversation for conversation in conversations}
        for conversation in conversations:
            item = QListWidgetItem()
            item.setData(Qt.ItemDataRole.UserRole, conversation.id)
            self._label(item, conversation)
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
