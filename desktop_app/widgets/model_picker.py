"""Choose a model, or add a model folder / GGUF file / single-file image checkpoint without restarting.

The registry only reads small metadata files, so scanning on the GUI thread stays quick. The picker
stays narrow whatever the model names (a classroom laptop is 1280 px wide): the list shows as much of a
name as fits, the full name and description are in the tooltip, and the ways to add a model share one
"Add" menu.
"""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QTimer, Signal, Slot
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QMenu, QMessageBox, QToolButton, QWidget

from desktop_app.i18n.retranslate import keep_translated, say
from desktop_app.library.memory_warning import Choice, check_model_fits
from desktop_app.widgets.file_dialogs import choose_file_to_open, choose_folder
from model_backend.core.errors import InvalidModelError
from model_backend.core.model_inspection import ModelKind
from model_backend.core.registry import ModelEntry, ModelRegistry


class ModelPicker(QWidget):
    model_changed = Signal(str)
    more_models_wanted = Signal(object)  # ModelKind: open the Models window's catalogue on this kind
    class_server_wanted = Signal()  # chat pickers: open class mode's Connect dialog (desktop_app/class_mode)
    smaller_model_wanted = Signal(object, str)  # ModelKind, a catalogue id that would fit ("" if none is known)
    # the model chosen here, whenever this picker comes into view or its choice changes while in view:
    # the status bar follows the picker the user is looking at (desktop_app/status_bar.py)
    model_in_view = Signal(str)

    def __init__(self, registry: ModelRegistry, kind: ModelKind, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.registry = registry
        self.kind = kind
        self.combo = QComboBox(self)
        self.combo.setMinimumContentsLength(14)  # long names are cut in the box and whole in the tooltip
        self.combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.add_button = QToolButton(self)
        self.add_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        menu = QMenu(self.add_button)
        self.add_folder_action = menu.addAction("", self._choose_folder)
        # GGUF files hold language models only; single .safetensors files hold image checkpoints
        self.add_file_action = None
        if kind in (ModelKind.IMAGE, ModelKind.CHAT):
            self.add_file_action = menu.addAction("", self._choose_file)
            menu.setToolTipsVisible(True)
        menu.addSeparator()
        self.more_models_action = menu.addAction("", lambda: self.more_models_wanted.emit(self.kind))
        self.class_server_action = menu.addAction("", self.class_server_wanted.emit) if kind is ModelKind.CHAT else None
        self.add_button.setMenu(menu)
        self.refresh_button = QToolButton(self)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.combo, 1)
        layout.addWidget(self.add_button)
        layout.addWidget(self.refresh_button)
        self.refresh_button.clicked.connect(lambda: self.refresh(self.current_model_id()))
        self.combo.currentIndexChanged.connect(self._on_index_changed)
        self.model_changed.connect(self._tell_if_in_view)
        self.entries: list[ModelEntry] = []
        self._accepted_id = ""  # the last choice that passed the memory check: where "choose a smaller one" returns
        keep_translated(self, self._retranslate)

    def _retranslate(self) -> None:
        self.add_button.setText(self.tr("Add…"))
        self.add_button.setToolTip(self.tr("Use a model from a folder or a file on this computer"))
        self.add_folder_action.setText(self.tr("Add model folder…"))
        self.more_models_action.setText(self.tr("Get more models…"))
        if self.class_server_action is not None:
            self.class_server_action.setText(self.tr("Connect to a class server…"))
        if self.kind is ModelKind.IMAGE:  # an original-format Stable Diffusion checkpoint (.safetensors)
            self.add_file_action.setText(self.tr("Add checkpoint file…"))
            self.add_file_action.setToolTip(self.tr(
                "A Stable Diffusion 1.x, 2.x or SDXL checkpoint in one .safetensors file. Loading it needs the "
                "base model's configuration in your models folder or the Hugging Face cache."))
        elif self.kind is ModelKind.CHAT:
            self.add_file_action.setText(self.tr("Add GGUF file…"))
        self.refresh_button.setText(self.tr("Rescan"))
        if not self.entries and self.combo.count() == 1:
            self.combo.setItemText(0, self._none_found())
        for index, entry in enumerate(self.entries):  # descriptions are backend Messages: said again
            self.combo.setItemData(index, say(entry.description), Qt.ItemDataRole.ToolTipRole)
        self._show_full_name()

    def _none_found(self) -> str:
        kinds = {ModelKind.CHAT: self.tr("No chat model found — add a model folder"),
                 ModelKind.IMAGE: self.tr("No image model found — add a model folder"),
                 ModelKind.SPEECH_TO_TEXT: self.tr("No speech-to-text model found — add a model folder"),
                 ModelKind.TEXT_TO_SPEECH: self.tr("No voice found — add a model folder"),
                 ModelKind.MUSIC: self.tr("No music model found — add a model folder"),
                 ModelKind.IMAGE_TEXT: self.tr("No CLIP model yet"),  # short: the page says where to get one
                 ModelKind.EMBEDDING: self.tr("No sentence model found — add a model folder")}
        return kinds.get(self.kind, self.tr("No model of this kind found — add a model folder"))

    def refresh(self, select_id: str = "") -> None:
        self.entries = self.registry.models(self.kind)
        self.combo.blockSignals(True)
        self.combo.clear()
        for entry in self.entries:
            self.combo.addItem(entry.name, entry.model_id)
            self.combo.setItemData(self.combo.count() - 1, say(entry.description), Qt.ItemDataRole.ToolTipRole)
        if not self.entries:
            self.combo.addItem(self._none_found(), "")
        index = self.combo.findData(select_id) if select_id else -1
        self.combo.setCurrentIndex(index if index >= 0 else 0)
        self.combo.blockSignals(False)
        self._accepted_id = self.current_model_id()
        self._show_full_name()
        self.model_changed.emit(self.current_model_id())

    @Slot(str)
    def _tell_if_in_view(self, model_id: str) -> None:
        if self.isVisible():
            self.model_in_view.emit(model_id)

    def showEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        super().showEvent(event)
        self.model_in_view.emit(self.current_model_id())

    def current_model_id(self) -> str:
        return str(self.combo.currentData() or "")

    def current_entry(self) -> ModelEntry | None:
        return next((e for e in self.entries if e.model_id == self.current_model_id()), None)

    @Slot(int)
    def _on_index_changed(self, index: int) -> None:
        entry = self.current_entry()
        checked = entry is not None and entry.model_id != self._accepted_id
        choice, smaller_id = check_model_fits(self, entry) if checked else (Choice.LOAD, "")
        if choice in (Choice.SMALLER, Choice.CATALOGUE):  # too big for the free memory: back to the last choice
            self.combo.blockSignals(True)
            self.combo.setCurrentIndex(max(0, self.combo.findData(self._accepted_id)))
            self.combo.blockSignals(False)
            if choice is Choice.CATALOGUE:
                self.smaller_model_wanted.emit(self.kind, smaller_id)
            else:
                QTimer.singleShot(0, self.combo.showPopup)
            return
        self._accepted_id = self.current_model_id()
        self._show_full_name()
        self.model_changed.emit(self.current_model_id())

    def _show_full_name(self) -> None:
        entry = self.current_entry()
        self.combo.setToolTip(f"{entry.name}\n{say(entry.description)}" if entry else self.combo.currentText())

    @Slot()
    def _choose_folder(self) -> None:
        folder = choose_folder(self, self.tr("Choose a model folder"))
        if folder:
            self.add_path(folder)

    @Slot()
    def _choose_file(self) -> None:
        if self.kind is ModelKind.IMAGE:
            title, file_filter = self.tr("Choose a checkpoint file"), self.tr("Checkpoints (*.safetensors)")
        else:
            title, file_filter = self.tr("Choose a GGUF model file"), self.tr("GGUF models (*.gguf)")
        path = choose_file_to_open(self, title, file_filter)
        if path:
            self.add_path(path)

    def add_path(self, path: str) -> bool:
        """Validate and add ``path``; on failure show the reason and change nothing."""
        try:
            entry = self.registry.check_addable(Path(path), self.kind)
        except InvalidModelError as exc:
            QMessageBox.warning(self, self.tr("Not a usable model"), say(exc.message))
            return False
        resolved = str(entry.path if entry.path.is_dir() else Path(path).expanduser().resolve())
        self.registry.add_folder(resolved)
        self.refresh(f"path:{resolved}")
        return True
