"""Thumbnails of every saved image, newest first; reopen settings, delete, open the folder.

With no image saved yet, a line says what the gallery will hold."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSize, Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QIcon, QPixmap
from PySide6.QtWidgets import QLabel, QListWidget, QListWidgetItem, QPushButton, QVBoxLayout, QWidget

from desktop_app.i18n.retranslate import keep_translated
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
        self.empty_label = QLabel(self)  # said while the gallery holds no image
        self.empty_label.setWordWrap(True)
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.reuse_button = QPushButton(self)
        self.delete_button = QPushButton(self)
        self.folder_button = QPushButton(self)
        # one above the other: the gallery is the narrowest column, and buttons side by side (longer in
        # Japanese, larger when zoomed) would make the whole Image tab wider than a 1280-px screen
        buttons = QVBoxLayout()
        for button in (self.reuse_button, self.delete_button, self.folder_button):
            buttons.addWidget(button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.empty_label)
        layout.addWidget(self.list, 1)
        layout.addLayout(buttons)
        self.items: list[GalleryItem] = []
        self.reuse_button.clicked.connect(self.reuse_current)
        self.list.currentRowChanged.connect(self._on_row_changed)
        self.delete_button.clicked.connect(self.delete_current)
        self.folder_button.clicked.connect(
            lambda: QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.gallery.folder))))
        keep_translated(self, self._retranslate)

    def _retranslate(self) -> None:
        self.empty_label.setText(self.tr("No images yet: every image you generate is saved here."))
        self.reuse_button.setText(self.tr("Reuse settings"))
        self.reuse_button.setToolTip(self.tr("Put the chosen image's settings, seed included, back into the form"))
        self.delete_button.setText(self.tr("Delete"))
        self.delete_button.setToolTip(self.tr("Delete the chosen image from the gallery"))
        self.folder_button.setText(self.tr("Open folder"))
        self.folder_button.setToolTip(self.tr("Open the folder where the images are saved"))
        for row, item in enumerate(self.items):
            self.list.item(row).setToolTip(self._describe(item))

    def _describe(self, item: GalleryItem) -> str:
        settings = item.settings
        numbers = self.tr("seed {seed} · {steps} steps · guidance {guidance}").format(
            seed=settings.get("seed"), steps=settings.get("steps"), guidance=settings.get("guidance"))
        return f"{settings.get('prompt', '')}\n{numbers}"  # the prompt as typed, then its settings

    def refresh(self) -> None:
        self.items = self.gallery.items()
        self.list.clear()
        for item in self.items:
            entry = QListWidgetItem(QIcon(QPixmap(str(item.path))), item.settings.get("prompt", "")[:24])
            entry.setToolTip(self._describe(item))
            entry.setData(Qt.ItemDataRole.UserRole, str(item.path))
            self.list.addItem(entry)
        self.empty_label.setVisible(not self.items)

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
