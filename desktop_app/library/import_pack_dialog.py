"""File › Import classroom pack…: choose the pack's folder, copy its models in or use them where they
are; every file is verified (size, SHA-256) by a backend job with progress, and the report names each
damaged or missing file.

What the pack holds is read from its manifest as soon as the folder is chosen (no hashing, instant),
so the teacher sees the models, their size and licences before anything is copied. A model with any
problem is not imported; the others are (the backend never leaves a half-copied folder behind).
"""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal, Slot
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from desktop_app.i18n.retranslate import keep_translated, say
from desktop_app.library.export_pack_dialog import licences_summary, model_line, problem_place
from desktop_app.library.pack_folder_row import PackFolderRow
from desktop_app.library.pack_progress import PackProgressPanel
from desktop_app.library.sizes import human_size
from desktop_app.widgets import palette
from desktop_app.widgets.notice import Notice
from model_backend.core.errors import BackendError
from model_backend.library.packs import ImportPackRequest, read_manifest


class ImportPackDialog(QDialog):
    imported = Signal(object)  # PackReport: the pickers rescan

    def __init__(self, controller, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self.manifest: tuple = ()  # PackedModel of the chosen pack
        self.manifest_problem = None  # why the folder is not a readable pack (a Message)
        self.report = None
        self._build_parts()
        self._lay_out()
        self._connect()
        keep_translated(self, self._retranslate)

    def _build_parts(self) -> None:
        self.intro = QLabel(self)
        self.intro.setWordWrap(True)
        self.folder_row = PackFolderRow(lambda: self.tr("Choose the classroom pack's folder"), self)
        self.folder_edit = self.folder_row.edit
        self.contents = QListWidget(self)
        self.copy_option = QRadioButton(self)
        self.copy_option.setChecked(True)
        self.in_place_option = QRadioButton(self)
        self.mode = QButtonGroup(self)
        self.mode.addButton(self.copy_option)
        self.mode.addButton(self.in_place_option)
        self.progress = PackProgressPanel(self)
        self.progress.hide()
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        self.problem_list = QListWidget(self)  # one line per damaged or missing file
        self.problem_list.hide()
        self.notice = Notice(self)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.import_button = self.buttons.addButton("", QDialogButtonBox.ButtonRole.ActionRole)

    def _lay_out(self) -> None:
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(self.folder_row)
        layout.addWidget(self.contents, 1)
        layout.addWidget(self.copy_option)
        layout.addWidget(self.in_place_option)
        layout.addWidget(self.progress)
        layout.addWidget(self.summary)
        layout.addWidget(self.problem_list, 1)
        layout.addWidget(self.notice)
        layout.addWidget(self.buttons)

    def _connect(self) -> None:
        self.folder_row.chosen.connect(self.read_pack)
        self.folder_edit.editingFinished.connect(lambda: self.read_pack(self.folder_edit.text()))
        self.import_button.clicked.connect(self.start_import)
        self.buttons.rejected.connect(self.reject)

    def _retranslate(self) -> None:
        self.setWindowTitle(self.tr("Import classroom pack"))
        self.intro.setText(self.tr("Choose the folder of a classroom pack (for example on a USB stick). Every file "
                                   "is checked before a model is installed; no internet is needed."))
        self.copy_option.setText(self.tr("Copy the models to this computer"))
        self.in_place_option.setText(self.tr("Use the models where they are (the pack must stay connected)"))
        self.import_button.setText(self.tr("Import"))
        self._show_contents()
        self._show_report()

    @property
    def job_id(self) -> str:
        """The running import's job, "" when none runs."""
        return self.progress.job_id

    def read_pack(self, folder: str) -> None:
        """Read the manifest only (instant): what the pack holds, before anything is verified or copied."""
        folder = folder.strip()
        if self.folder_edit.text() != folder:
            self.folder_edit.setText(folder)
        self.report = None
        self.manifest, self.manifest_problem = (), None
        if folder:
            try:
                self.manifest = read_manifest(Path(folder).expanduser())
            except BackendError as exc:
                self.manifest_problem = exc.message
        self._show_contents()
        self._show_report()

    def _show_contents(self) -> None:
        self.contents.clear()
        for model in self.manifest:
            QListWidgetItem(model_line(model), self.contents)
        if self.manifest_problem is not None:
            self.notice.show_message(self.manifest_problem, error=True)
        elif self.report is None:
            self.notice.clear_message()
        if self.manifest and self.report is None:
            self.summary.setText(self.tr("{count} models, {size}. Licences: {licences}").format(
                count=len(self.manifest), size=human_size(sum(m.size_bytes for m in self.manifest)),
                licences=licences_summary(self.manifest)))
        self.import_button.setEnabled(bool(self.manifest) and not self.job_id)

    @Slot()
    def start_import(self) -> None:
        if not self.manifest or self.job_id:
            return
        self.report = None
        self._show_report()
        request = ImportPackRequest(folder=Path(self.folder_edit.text().strip()).expanduser(),
                                    copy=self.copy_option.isChecked())
        self.progress.run(self.controller, request, self.notice, on_result=self._on_result,
                          on_cancelled=self._on_cancelled, on_end=self._on_end)
        self.import_button.setEnabled(False)

    def _on_result(self, report) -> None:
        self.report = report
        self._show_report()
        if report.model_ids:
            self.imported.emit(report)

    def _on_cancelled(self, partial) -> None:
        if partial is not None:
            self._on_result(partial)
        self.notice.show_message(lambda: self.tr("Import stopped. Nothing half-copied was kept."))

    def _on_end(self) -> None:
        self.import_button.setEnabled(bool(self.manifest))

    def problem_files(self) -> list[str]:
        """"model/file" of every problem of the last import, in the report's order."""
        return [problem_place(p) for p in self.report.problems] if self.report else []

    def _show_report(self) -> None:
        self.problem_list.clear()
        report = self.report
        if report is None:
            self.problem_list.hide()
            return
        refused = {p.model for p in report.problems}
        self.summary.setText(self.tr("{imported} models ready to use ({size} copied); {refused} refused.").format(
            imported=len(report.model_ids), size=human_size(report.bytes_copied), refused=len(refused)))
        for problem, where in zip(report.problems, self.problem_files()):
            item = QListWidgetItem(self.tr("{file}: {reason}").format(file=where, reason=say(problem.reason)),
                                   self.problem_list)
            item.setForeground(QColor(palette.ERROR))
            item.setToolTip(item.text())
        self.problem_list.setVisible(bool(report.problems))
        if report.problems:
            self.notice.show_message(lambda: self.tr("Some files of the pack are damaged or missing; the models "
                                                     "they belong to were not installed. Make the pack again on "
                                                     "the teacher's computer."), error=True)
