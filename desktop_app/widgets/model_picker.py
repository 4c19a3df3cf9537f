"""Choose a model, or add a model folder / GGUF file / single-file image checkpoint without restarting.

The registry only reads small metadata files, so scanning on the GUI thread stays quick.
"""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import QComboBox, QFileDialog, QHBoxLayout, QMessageBox, QToolButton, QWidget

from model_backend.core.errors import InvalidModelError
from model_backend.core.model_inspection import ModelKind
from model_backend.core.registry import ModelEntry, ModelRegistry


class ModelPicker(QWidget):
    model_changed = Signal(str)
    path_added = Signal(str)

    def __init__(self, registry: ModelRegistry, kind: ModelKind, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.registry = registry
        self.kind = kind
        self.combo = QComboBox(self)
        self.combo.setMinimumContentsLength(24)
        self.combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.add_folder_button = QToolButton(self)
        self.add_folder_button.setText(self.tr("Add model folder…"))
        self.add_file_button = QToolButton(self)
        if kind is ModelKind.IMAGE:  # an original-format Stable Diffusion checkpoint (.safetensors)
            self.add_file_button.setText(self.tr("Add checkpoint file…"))
            self.add_file_button.setToolTip(self.tr(
                "A Stable Diffusion 1.x, 2.x or SDXL checkpoint in one .safetensors file. Loading it needs the "
                "base model's configuration in your models folder or the Hugging Face cache."))
        else:
            self.add_file_button.setText(self.tr("Add GGUF file…"))
        # GGUF files hold language models only; single .safetensors files hold image checkpoints
        self.add_file_button.setVisible(kind in (ModelKind.CHAT, ModelKind.IMAGE))
        self.refresh_button = QToolButton(self)
        self.refresh_button.setText(self.tr("Rescan"))
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.combo, 1)
        layout.addWidget(self.add_folder_button)
        layout.addWidget(self.add_file_button)
        layout.addWidget(self.refresh_button)
        self.add_folder_button.clicked.connect(self._choose_folder)
        self.add_file_button.clicked.connect(self._choose_file)
        self.refresh_button.clicked.connect(lambda: self.refresh(self.current_model_id()))
        self.combo.currentIndexChanged.connect(self._on_index_changed)
        self.entries: list[ModelEntry] = []

    def refresh(self, select_id: str = "") -> None:
        self.entries = self.registry.models(self.kind)
        self.combo.blockSignals(True)
        self.combo.clear()
        for entry in self.entries:
            self.combo.addItem(entry.name, entry.model_id)
            self.combo.setItemData(self.combo.count() - 1, entry.description, Qt.ItemDataRole.ToolTipRole)
        if not self.entries:
            self.combo.addItem(self.tr("No {kind} model found — add a model folder").format(kind=self.kind.value), "")
        index = self.combo.findData(select_id) if select_id else -1
        self.combo.setCurrentIndex(index if index >= 0 else 0)
        self.combo.blockSignals(False)
        self.model_changed.emit(self.current_model_id())

    def current_model_id(self) -> str:
        return str(self.combo.currentData() or "")

    def current_entry(self) -> ModelEntry | None:
        return next((e for e in self.entries if e.model_id == self.current_model_id()), None)

    @Slot(int)
    def _on_index_changed(self, index: int) -> None:
        self.model_changed.emit(self.current_model_id())

    @Slot()
    def _choose_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("Choose a model folder"))
        if folder:
            self.add_path(folder)

    @Slot()
    def _choose_file(self) -> None:
        if self.kind is ModelKind.IMAGE:
            title, file_filter = self.tr("Choose a checkpoint file"), self.tr("Checkpoints (*.safetensors)")
        else:
            title, file_filter = self.tr("Choose a GGUF model file"), self.tr("GGUF models (*.gguf)")
        path, _ = QFileDialog.getOpenFileName(self, title, "", file_filter)
        if path:
            self.add_path(path)

    def add_path(self, path: str) -> bool:
        """Validate and add ``path``; on failure show the reason and change nothing."""
        try:
            entry = self.registry.check_addable(Path(path), self.kind)
        except InvalidModelError as exc:
            QMessageBox.warning(self, self.tr("Not a usable model"), exc.message)
            return False
        resolved = str(entry.path if entry.path.is_dir() else Path(path).expanduser().resolve())
        self.registry.add_folder(resolved)
        self.path_added.emit(resolved)
        self.refresh(f"path:{resolved}")
        return True
