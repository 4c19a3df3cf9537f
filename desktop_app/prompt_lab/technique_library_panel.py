"""The technique library list: built-in techniques (read-only, restorable) and the user's own."""
from __future__ import annotations

import uuid
from typing import Callable

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QListWidget, QListWidgetItem, QPushButton, QVBoxLayout, QWidget

from desktop_app.i18n.retranslate import keep_translated
from model_backend.prompt_lab.techniques import Technique, TechniqueLibrary


class TechniqueLibraryPanel(QWidget):
    technique_selected = Signal(str)
    notice = Signal(object)  # a Text: said again in the new language after a switch

    def __init__(self, library: TechniqueLibrary, working: Callable[[], Technique | None],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.library = library
        self.working = working  # the technique being edited (a copy)
        self.language = QComboBox(self)
        for code, label in (("en", "English"), ("ja", "日本語"), ("", "")):  # each language named in its own
            self.language.addItem(label, code)
        self.list = QListWidget(self)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.new_button = QPushButton(self)
        self.duplicate_button = QPushButton(self)
        self.save_button = QPushButton(self)
        self.delete_button = QPushButton(self)
        self.restore_button = QPushButton(self)
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
        keep_translated(self, self._retranslate)

    def _retranslate(self) -> None:
        self.language.setItemText(self.language.findData(""), self.tr("All languages"))
        self.language.setToolTip(self.tr("Which techniques the list shows: English, Japanese or all"))
        self.new_button.setText(self.tr("New"))
        self.new_button.setToolTip(self.tr("Start a technique of your own"))
        self.duplicate_button.setText(self.tr("Duplicate"))
        self.duplicate_button.setToolTip(self.tr("Copy the technique being edited into a new one of your own"))
        self.save_button.setText(self.tr("Save"))
        self.save_button.setToolTip(self.tr("Keep your changes (a built-in technique is saved as your copy)"))
        self.delete_button.setText(self.tr("Delete"))
        self.delete_button.setToolTip(self.tr("Remove this technique from the library"))
        self.restore_button.setText(self.tr("Restore built-ins"))
        self.restore_button.setToolTip(self.tr("Bring back the built-in techniques you deleted"))
        for row in range(self.list.count()):
            item = self.list.item(row)
            item.setToolTip(self._tooltip(self.library.get(item.data(Qt.ItemDataRole.UserRole))))

    def _tooltip(self, technique: Technique | None) -> str:
        if technique is None:
            return ""
        return (self.tr("{name} — built in") if technique.builtin else self.tr("{name} — yours")).format(
            name=technique.name)

    def refresh(self, select_id: str = "") -> None:
        working = self.working()
        current = select_id or (working.id if working else "")
        self.list.blockSignals(True)
        self.list.clear()
        for technique in self.library.all(self.language.currentData() or None):
            item = QListWidgetItem(technique.name + ("" if technique.builtin else " ✎"))
            item.setData(Qt.ItemDataRole.UserRole, technique.id)
            item.setToolTip(self._tooltip(technique))
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
            twin = working.duplicate(self.tr("{name} (copy)").format(name=working.name))
            self.library.add(twin)
            self.refresh(twin.id)

    @Slot()
    def save(self) -> None:
        working = self.working()
        if working is None:
            return
        if working.builtin:  # built-ins stay as shipped: the edits become the user's own copy
            mine = working.duplicate(self.tr("{name} (mine)").format(name=working.name))
            self.library.add(mine)
            self.notice.emit(lambda: self.tr("Built-in techniques stay as shipped: your changes were saved as a copy."))
            self.refresh(mine.id)
        else:
            self.library.update(Technique.from_json(working.to_json()))
            self.notice.emit(lambda: self.tr("Saved."))
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
