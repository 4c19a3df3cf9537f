"""The technique library list: built-in techniques (read-only, restorable) and the user's own."""
from __future__ import annotations

import uuid
from typing import Callable

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QListWidget, QListWidgetItem, QPushButton, QVBoxLayout, QWidget

from model_backend.prompt_lab.techniques import Technique, TechniqueLibrary


class TechniqueLibraryPanel(QWidget):
    technique_selected = Signal(str)
    notice = Signal(str)

    def __init__(self, library: TechniqueLibrary, working: Callable[[], Technique | None],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.library = library
        self.working = working  # the technique being edited (a copy)
        self.language = QComboBox(self)
        for code, label in (("en", "English"), ("ja", "日本語"), ("", self.tr("All languages"))):
            self.language.addItem(label, code)
        self.list = QListWidget(self)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.new_button = QPushButton(self.tr("New"), self)
        self.duplicate_button = QPushButton(self.tr("Duplicate"), self)
        self.save_button = QPushButton(self.tr("Save"), self)
        self.delete_button = QPushButton(self.tr("Delete"), self)
        self.restore_button = QPushButton(self.tr("Restore built-ins"), self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.language)
        layout.addWidget(self.list, 1)
        for row in ((self.new_button, self.duplicate_button), (self.save_button, self.delete_button)):
            line = QHBoxLayout()
            for button in row:
                line.addWidget(button)
            layout.addLayout(line)
        layout.addWidget(self.restore_button)
        self.language.currentIndexChanged.connect(lambda _: self.refresh())
        self.list.currentItemChanged.connect(self._on_current_changed)
        self.new_button.clicked.connect(self.new)
        self.duplicate_button.clicked.connect(self.duplicate)
        self.save_button.clicked.connect(self.save)
        self.delete_button.clicked.connect(self.delete)
        self.restore_button.clicked.connect(self.restore)

    def refresh(self, select_id: str = "") -> None:
        working = self.working()
        current = select_id or (working.id if working else "")
        self.list.blockSignals(True)
        self.list.clear()
        for technique in self.library.all(self.language.currentData() or None):
            item = QListWidgetItem(technique.name + ("" if technique.builtin else " ✎"))
            item.setData(Qt.ItemDataRole.UserRole, technique.id)
            item.setToolTip(technique.name + " — " + (self.tr("built in") if technique.builtin else self.tr("yours")))
            self.list.addItem(item)
            if technique.id == current:
                self.list.setCurrentItem(item)
        self.list.blockSignals(False)
        if self.list.currentItem() is None and self.list.count():
            self.list.setCurrentRow(0)
        elif select_id:
            self.technique_selected.emit(select_id)

    @Slot(QListWidgetItem, QListWidgetItem)
    def _on_current_changed(self, item: QListWidgetItem | None, previous=None) -> None:
        if item is not None:
            self.technique_selected.emit(item.data(Qt.ItemDataRole.UserRole))

    @Slot()
    def new(self) -> None:
        technique = Technique(id=f"user-{uuid.uuid4().hex[:10]}", name=self.tr("New technique"), kind="instruction",
                              language=self.language.currentData() or "en", template="{{text}}",
                              values={"text": ""})
        self.library.add(technique)
        self.refresh(technique.id)

    @Slot()
    def duplicate(self) -> None:
        working = self.working()
        if working is not None:
            twin = working.duplicate(working.name + self.tr(" (copy)"))
            self.library.add(twin)
            self.refresh(twin.id)

    @Slot()
    def save(self) -> None:
        working = self.working()
        if working is None:
            return
        if working.builtin:  # built-ins stay as shipped: the edits become the user's own copy
            mine = working.duplicate(working.name + self.tr(" (mine)"))
            self.library.add(mine)
            self.notice.emit(self.tr("Built-in techniques stay as shipped: your changes were saved as a copy."))
            self.refresh(mine.id)
        else:
            self.library.update(Technique.from_json(working.to_json()))
            self.notice.emit(self.tr("Saved."))
            self.refresh(working.id)

    @Slot()
    def delete(self) -> None:
        working = self.working()
        if working is not None:
            self.library.delete(working.id)
            self.refresh()

    @Slot()
    def restore(self) -> None:
        self.library.restore_builtin()
        self.refresh()
