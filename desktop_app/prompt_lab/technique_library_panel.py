"""The technique library list: built-in techniques (read-only, restorable) and the user's own.

The language filter follows the UI's language (Japanese techniques in a Japanese UI, English ones in an
English UI) until the student chooses a filter; following it never replaces a technique the student
picked or edited (``keep_working``)."""
from __future__ import annotations

import uuid
from typing import Callable

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QListWidget, QListWidgetItem, QPushButton, QVBoxLayout, QWidget

from desktop_app.i18n.languages import current_language
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
        # True while the technique being edited must stay when the filter follows the UI's language
        self.keep_working: Callable[[], bool] = lambda: False
        self.user_picked = False  # the student chose a technique from the list in this session
        self.selected_id = ""  # the technique the list showed selected last
        self._auto_selecting = False
        self._following = False  # the filter is being set by the UI's language, not by the student
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
        self.auto_language = str(self.language.currentData())  # what the UI's language chose last
        self.language_chosen = False  # the student chose a filter in this session: a language switch keeps it
        self.language.currentIndexChanged.connect(self._on_language_changed)
        self.list.currentItemChanged.connect(self._on_current_changed)
        self.new_button.clicked.connect(self.new)
        self.duplicate_button.clicked.connect(self.duplicate)
        self.save_button.clicked.connect(self.save)
        self.delete_button.clicked.connect(self.delete)
        self.restore_button.clicked.connect(self.restore)
        keep_translated(self, self._retranslate)

    def _on_language_changed(self) -> None:
        if not self._following and self.language.currentData() != self.auto_language:
            self.language_chosen = True
        self.refresh()

    def follow_language(self) -> None:
        """Japanese techniques in a Japanese UI, English ones otherwise, unless the student chose a filter."""
        wanted = "ja" if current_language() == "ja" else "en"
        if self.language_chosen or self.language.currentData() != self.auto_language or wanted == self.auto_language:
            return
        self.auto_language = wanted
        self._following = True
        try:
            self.language.setCurrentIndex(self.language.findData(wanted))
        finally:
            self._following = False

    def _retranslate(self) -> None:
        self.follow_language()
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
        shown = self.library.all(self.language.currentData() or None)
        # the technique asked for, else the one the list showed last (coming back to its language), else the one edited
        wanted = [select_id, self.selected_id, working.id if working else ""]
        current = next((i for i in wanted if i and any(t.id == i for t in shown)), "")
        self.list.blockSignals(True)
        self.list.clear()
        for technique in shown:
            item = QListWidgetItem(technique.name + ("" if technique.builtin else " ✎"))
            item.setData(Qt.ItemDataRole.UserRole, technique.id)
            item.setToolTip(self._tooltip(technique))
            self.list.addItem(item)
            if technique.id == current:
                self.list.setCurrentItem(item)
                self.selected_id = current
        self.list.blockSignals(False)
        self.user_picked = self.user_picked or bool(select_id)  # a technique made or saved by the student
        keep = self._following and working is not None and self.keep_working()
        if self.list.currentItem() is None and self.list.count() and not keep:
            self._auto_selecting = True
            try:
                self.list.setCurrentRow(0)
            finally:
                self._auto_selecting = False
        elif select_id:
            self.technique_selected.emit(select_id)

    @Slot(QListWidgetItem, QListWidgetItem)
    def _on_current_changed(self, item: QListWidgetItem | None, previous=None) -> None:
        if item is not None:
            self.user_picked = self.user_picked or not self._auto_selecting
            self.selected_id = item.data(Qt.ItemDataRole.UserRole)
            self.technique_selected.emit(item.data(Qt.ItemDataRole.UserRole))

    def clear_selection(self) -> None:
        """No technique chosen (the next group of students picks one)."""
        self.list.blockSignals(True)
        self.list.setCurrentItem(None)
        self.list.clearSelection()
        self.list.blockSignals(False)
        self.user_picked, self.selected_id = False, ""

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
