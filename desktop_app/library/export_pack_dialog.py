"""File › Export classroom pack…: choose models and a folder (a USB stick); the pack is written by a
backend job with progress, then a summary gives its total size and every licence it carries.

A teacher prepares one machine with internet and carries the pack to the room; the licences are
summed up at the end because whoever copies a model on also passes on its terms. Models that ship
with the app are listed but not ticked: every copy of the app has them already.
"""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt, Slot
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop_app.i18n.retranslate import keep_translated, say
from desktop_app.library.installed_page import licence_text
from desktop_app.library.kind_names import kind_name
from desktop_app.library.pack_folder_row import PackFolderRow
from desktop_app.library.pack_progress import PackProgressPanel
from desktop_app.library.sizes import human_size
from desktop_app.widgets.notice import Notice
from model_backend.core.registry import ModelRegistry, ModelSource
from model_backend.library.installed import installed_models
from model_backend.library.packs import ExportPackRequest

MODEL_ROLE = Qt.ItemDataRole.UserRole


def licences_summary(models) -> str:
    """Each licence once, restricted ones marked: what a pack passes on."""
    seen: dict[str, bool] = {}
    for model in models:
        licence = model.licence or "?"
        seen[licence] = seen.get(licence, False) or model.licence_restricted
    return ", ".join(licence_text(licence, restricted) for licence, restricted in sorted(seen.items()))


def model_line(model) -> str:
    """One model as both pack dialogs list it (an installed model or a pack's PackedModel): name — kind, size, licence."""
    return QCoreApplication.translate("PackModels", "{model} — {kind}, {size}, {licence}").format(
        model=model.name, kind=kind_name(model.kind), size=human_size(model.size_bytes),
        licence=licence_text(model.licence or "?", model.licence_restricted))


def problem_place(problem) -> str:
    """Where a pack problem is: "model/file", or the model alone when the whole model is concerned."""
    return f"{problem.model}/{problem.file}" if problem.file else problem.model


class ExportPackDialog(QDialog):
    def __init__(self, controller, registry: ModelRegistry, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self.registry = registry
        self.models = installed_models(registry)
        self.report = None  # the PackReport of the finished export
        self._build_parts()
        self._lay_out()
        self._connect()
        keep_translated(self, self._retranslate)
        self._update()

    def _build_parts(self) -> None:
        self.intro = QLabel(self)
        self.intro.setWordWrap(True)
        self.model_list = QListWidget(self)
        shipped = (ModelSource.BUILTIN, ModelSource.PACKAGE)
        for model in self.models:
            item = QListWidgetItem(self.model_list)
            item.setData(MODEL_ROLE, model.model_id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked if model.source in shipped else Qt.CheckState.Checked)
        self.folder_row = PackFolderRow(lambda: self.tr("Choose the folder for the pack"), self)
        self.folder_edit = self.folder_row.edit
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.progress = PackProgressPanel(self)
        self.progress.hide()
        self.notice = Notice(self)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.export_button = self.buttons.addButton("", QDialogButtonBox.ButtonRole.ActionRole)

    def _lay_out(self) -> None:
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(self.model_list, 1)
        layout.addWidget(self.folder_row)
        layout.addWidget(self.summary)
        layout.addWidget(self.progress)
        layout.addWidget(self.notice)
        layout.addWidget(self.buttons)

    def _connect(self) -> None:
        self.model_list.itemChanged.connect(lambda _: self._update())
        self.folder_edit.textChanged.connect(lambda _: self._update())
        self.export_button.clicked.connect(self.export)
        self.buttons.rejected.connect(self.reject)

    def _retranslate(self) -> None:
        self.setWindowTitle(self.tr("Export classroom pack"))
        self.intro.setText(self.tr("Copy models to a folder, for example on a USB stick. On the other computers, "
                                   "File › Import classroom pack… checks every file and installs them without "
                                   "internet."))
        for row, model in enumerate(self.models):
            self.model_list.item(row).setText(model_line(model))
        self.export_button.setText(self.tr("Export"))
        self._update()

    @property
    def job_id(self) -> str:
        """The running export's job, "" when none runs."""
        return self.progress.job_id

    def chosen_models(self) -> list:
        return [model for row, model in enumerate(self.models)
                if self.model_list.item(row).checkState() == Qt.CheckState.Checked]

    def _update(self) -> None:
        chosen = self.chosen_models()
        self.export_button.setEnabled(bool(chosen) and bool(self.folder_edit.text().strip()) and not self.job_id)
        if self.report is not None:
            return
        self.summary.setText(self.tr("{count} models, {size}. Licences: {licences}").format(
            count=len(chosen), size=human_size(sum(m.size_bytes for m in chosen)),
            licences=licences_summary(chosen) or "–"))

    @Slot()
    def export(self) -> None:
        chosen = self.chosen_models()
        folder = self.folder_edit.text().strip()
        if not chosen or not folder or self.job_id:
            return
        self.report = None
        self.notice.clear_message()
        request = ExportPackRequest(model_ids=tuple(m.model_id for m in chosen), folder=Path(folder).expanduser())
        self.progress.run(self.controller, request, self.notice, on_result=self._on_result,
                          on_cancelled=lambda _: self.notice.show_message(lambda: self.tr("Export stopped.")),
                          on_end=self._update)
        self._update()

    def _on_result(self, report) -> None:
        self.report = report
        size = sum(model.size_bytes for model in report.models)
        self.summary.setText(self.tr("Pack written to {folder}: {count} models, {size}. Licences: {licences}").format(
            folder=report.folder, count=len(report.models), size=human_size(size),
            licences=licences_summary(report.models) or "–"))
        if report.problems:
            problems = report.problems
            self.notice.show_message(lambda: "\n".join(f"{problem_place(p)}: {say(p.reason)}" for p in problems),
                                     error=True)
