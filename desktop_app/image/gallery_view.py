"""Thumbnails of every saved image, newest first; reopen settings, delete, open the folder."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSize, Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QIcon, QPixmap
from PySide6.QtWidgets import QHBoxLayout, QListWidget, QListWidgetItem, QPushButton, QVBoxLayout, QWidget

from model_backend.image.gallery import Gallery, GalleryItem


class GalleryView(QWidget):
    reuse_requested = Signal(dict)  # settings of the chosen image
    open_requested = Signal(object)  # the chosen GalleryItem, to show with its filmstrip

    def __init__(self, gallery: Gallery, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.gallery = gallery
        self.list = QListWidget(self)
        self.list.setViewMode(QListWidget.ViewMode.IconMode)
        self.list.setIconSize(QSize(96, 96))
        self.list.setResizeMode(QListWidget.ResizeMode.Adjust)
        self.reuse_button = QPushButton(self.tr("Reuse settings"), self)
        self.delete_button = QPushButton(self.tr("Delete"), self)
        self.folder_button = QPushButton(self.tr("Open folder"), self)
        buttons = QHBoxLayout()
        for button in (self.reuse_button, self.delete_button, self.folder_button):
            buttons.addWidget(button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.list, 1)
        layout.addLayout(buttons)
        self.items: list[GalleryItem] = []
        self.reuse_button.clicked.connect(self.reuse_current)
        self.list.currentRowChanged.connect(self._on_row_changed)
        self.delete_button.clicked.connect(self.delete_current)
        self.folder_button.clicked.connect(
            lambda: QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.gallery.folder))))

    def refresh(self) -> None:
        self.items = self.gallery.items()
        self.list.clear()
        for item in self.items:
            entry = QListWidgetItem(QIcon(QPixmap(str(item.path))), item.settings.get("prompt", "")[:24])
            entry.setToolTip(f"{item.settings.get('prompt', '')}\nseed {item.settings.get('seed')}, "
                             f"{item.settings.get('steps')} steps, guidance {item.settings.get('guidance')}")
            entry.setData(Qt.ItemDataRole.UserRole, str(item.path))
            self.list.addItem(entry)

    def current(self) -> GalleryItem | None:
        row = self.list.currentRow()
        return self.items[row] if 0 <= row < len(self.items) else None

    def _on_row_changed(self, row: int) -> None:
        item = self.current()
        if item is not None:
            self.open_requested.emit(item)

    def reuse_current(self) -> None:
        item = self.current()
        if item is not None:
            self.reuse_requested.emit(item.settings)

    def delete_current(self) -> None:
        item = self.current()
        if item is not None:
            self.gallery.delete(Path(item.path))
            self.refresh()
