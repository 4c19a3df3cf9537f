"""The Prompt engineering tab: pick or write a technique, compare variants side by side, score them.

Techniques are data (``resources/prompts``); variants are snapshots of a technique plus a model;
cells run as ordinary chat jobs with one seed, and every finished cell is saved at once.
"""
from __future__ import annotations

import copy
from pathlib import Path

from PySide6.QtCore import Qt, QTimer, Signal, Slot
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QComboBox,
    QDoubleSpinBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop_app.controller import BackendController
from desktop_app.export_file import save_export
from desktop_app.tabs.experiment_runner import ExperimentRunner
from desktop_app.widgets.accuracy_chart import AccuracyChart
from desktop_app.widgets.model_picker import ModelPicker
from desktop_app.widgets.prompt_preview import PromptPreview
from desktop_app.widgets.technique_editor import TechniqueEditor
from desktop_app.widgets.technique_library_panel import TechniqueLibraryPanel
from desktop_app.widgets.test_table_view import TestTableView
from desktop_app.widgets.variant_column import VariantColumn
from model_backend.errors import InvalidModelError
from model_backend.jobs import Failed, PromptPreviewRequest, Result, Sampling
from model_backend.model_inspection import ModelKind
from model_backend.prompt_lab.experiment import (
    MAX_VARIANTS,
    SIDE_BY_SIDE_ROW,
    CellResult,
    Experiment,
    ExperimentStore,
    Variant,
    export_csv,
    export_json,
    export_markdown,
)
from model_backend.prompt_lab.python_export import python_snippet
from model_backend.prompt_lab.scoring import CHECKS, Check, TableError, rows_from_csv
from model_backend.prompt_lab.techniques import TechniqueLibrary
from model_backend.prompt_lab.templates import TemplateError, fill
from model_backend.registry import ModelRegistry

PREVIEW_DELAY_MS = 400


class PromptTab(QWidget):
    notice_changed = Signal(str)

    def __init__(self, controller: BackendController, registry: ModelRegistry, library: TechniqueLibrary,
                 store: ExperimentStore, default_model_id: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self.registry = registry
        self.library = library
        self.store = store
        self.experiment = Experiment()
        self.runner = ExperimentRunner(controller, self)
        self.preview_job: str | None = None
        self.run_notes: list[str] = []  # e.g. "no chat template", shown when the run ends
        self.columns: list[VariantColumn] = []
        self._build()
        self._connect()
        self.model_picker.refresh(default_model_id)
        self.library_panel.refresh()
        self._refresh_experiment_list()

    # ---- layout ------------------------------------------------------------------------
    def _build(self) -> None:
        self.editor = TechniqueEditor(self)
        self.library_panel = TechniqueLibraryPanel(self.library, lambda: self.editor.technique, self)
        self.preview = PromptPreview(self)
        prompt_page = QSplitter(Qt.Orientation.Horizontal, self)
        prompt_page.addWidget(self.editor)
        prompt_page.addWidget(self.preview)

        self.model_picker = ModelPicker(self.registry, ModelKind.CHAT, self)
        self.add_variant_button = QPushButton(self.tr("Add to comparison"), self)
        self.run_button = QPushButton(self.tr("Run side by side"), self)
        self.stop_all_button = QPushButton(self.tr("Stop all"), self)
        self.stop_all_button.setEnabled(False)
        self.temperature = QDoubleSpinBox(self)
        self.temperature.setRange(0.0, 2.0)
        self.temperature.setSingleStep(0.1)
        self.max_new_tokens = QSpinBox(self)
        self.max_new_tokens.setRange(1, 4096)
        self.max_new_tokens.setValue(128)
        self.seed = QSpinBox(self)
        self.seed.setRange(0, 2**31 - 1)
        settings_row = QHBoxLayout()
        for label, widget in ((self.tr("Temperature"), self.temperature), (self.tr("Max new tokens"), self.max_new_tokens),
                              (self.tr("Seed"), self.seed)):
            settings_row.addWidget(QLabel(label, self))
            settings_row.addWidget(widget)
        settings_row.addStretch(1)
        self.columns_host = QWidget(self)
        self.columns_layout = QHBoxLayout(self.columns_host)
        self.columns_layout.addStretch(1)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.columns_host)
        compare_page = QWidget(self)
        compare_layout = QVBoxLayout(compare_page)
        top = QHBoxLayout()
        top.addWidget(self.model_picker, 1)
        top.addWidget(self.add_variant_button)
        compare_layout.addLayout(top)
        compare_layout.addLayout(settings_row)
        runs = QHBoxLayout()
        runs.addWidget(self.run_button)
        runs.addWidget(self.stop_all_button)
        runs.addStretch(1)
        compare_layout.addLayout(runs)
        compare_layout.addWidget(scroll, 1)

        self.table = TestTableView(self)
        self.load_table_button = QPushButton(self.tr("Use the technique's test table"), self)
        self.import_button = QPushButton(self.tr("Import CSV…"), self)
        self.paste_button = QPushButton(self.tr("Paste CSV"), self)
        self.add_row_button = QPushButton(self.tr("Add row"), self)
        self.check = QComboBox(self)
        for kind in CHECKS:
            self.check.addItem(kind, kind)
        self.check_pattern = QLineEdit(self)
        self.check_pattern.setPlaceholderText(self.tr("regex, e.g. answer is {expected}"))
        self.run_scored_button = QPushButton(self.tr("Run scored table"), self)
        self.chart = AccuracyChart(self)
        scored_page = QWidget(self)
        scored_layout = QVBoxLayout(scored_page)
        tools = QHBoxLayout()
        for widget in (self.load_table_button, self.import_button, self.paste_button, self.add_row_button):
            tools.addWidget(widget)
        tools.addStretch(1)
        checks = QHBoxLayout()
        checks.addWidget(QLabel(self.tr("Check"), self))
        checks.addWidget(self.check)
        checks.addWidget(self.check_pattern, 1)
        checks.addWidget(self.run_scored_button)
        scored_layout.addLayout(tools)
        scored_layout.addLayout(checks)
        scored_layout.addWidget(self.table, 1)
        scored_layout.addWidget(self.chart)

        self.pages = QTabWidget(self)
        self.pages.addTab(prompt_page, self.tr("1 · Prompt"))
        self.pages.addTab(compare_page, self.tr("2 · Side by side"))
        self.pages.addTab(scored_page, self.tr("3 · Scored run"))

        self.experiment_name = QLineEdit(self.experiment.name, self)
        self.experiments = QComboBox(self)
        self.open_button = QPushButton(self.tr("Open"), self)
        self.new_experiment_button = QPushButton(self.tr("New experiment"), self)
        self.export_button = QPushButton(self.tr("Export…"), self)
        self.copy_python_button = QPushButton(self.tr("Copy as Python"), self)
        self.notice = QLabel(self)
        self.notice.setWordWrap(True)
        bar = QHBoxLayout()
        bar.addWidget(QLabel(self.tr("Experiment"), self))
        bar.addWidget(self.experiment_name, 1)
        for widget in (self.new_experiment_button, self.experiments, self.open_button, self.export_button,
                       self.copy_python_button):
            bar.addWidget(widget)
        center = QWidget(self)
        center_layout = QVBoxLayout(center)
        center_layout.setContentsMargins(0, 0, 0, 0)
        center_layout.addLayout(bar)
        center_layout.addWidget(self.notice)
        center_layout.addWidget(self.pages, 1)
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(self.library_panel)
        splitter.addWidget(center)
        splitter.setStretchFactor(1, 4)
        splitter.setSizes([220, 900])
        QVBoxLayout(self).addWidget(splitter)
        self.preview_timer = QTimer(self)
        self.preview_timer.setSingleShot(True)
        self.preview_timer.setInterval(PREVIEW_DELAY_MS)

    def _connect(self) -> None:
        self.library_panel.technique_selected.connect(self.select_technique)
        self.library_panel.notice.connect(self.show_notice)
        self.editor.changed.connect(self.preview_timer.start)
        self.preview_timer.timeout.connect(self.update_preview)
        self.model_picker.model_changed.connect(lambda _: self.preview_timer.start())
        self.add_variant_button.clicked.connect(self.add_variant)
        self.run_button.clicked.connect(lambda: self.run(scored=False))
        self.run_scored_button.clicked.connect(lambda: self.run(scored=True))
        self.stop_all_button.clicked.connect(self.runner.stop_all)
        self.load_table_button.clicked.connect(self.use_technique_table)
        self.import_button.clicked.connect(self._choose_csv)
        self.paste_button.clicked.connect(lambda: self.import_csv_text(QGuiApplication.clipboard().text()))
        self.add_row_button.clicked.connect(lambda: self.table.insertRow(self.table.rowCount()))
        self.table.rows_edited.connect(self._on_rows_edited)
        self.runner.cell_started.connect(self._on_cell_started)
        self.runner.cell_text.connect(self._on_cell_text)
        self.runner.cell_note.connect(self._on_cell_note)
        self.runner.cell_finished.connect(self._on_cell_finished)
        self.runner.progress.connect(self.show_notice)
        self.runner.run_finished.connect(self._on_run_finished)
        self.experiment_name.textEdited.connect(self._on_name_edited)
        self.new_experiment_button.clicked.connect(lambda: self.open_experiment(Experiment()))
        self.open_button.clicked.connect(self._open_selected)
        self.export_button.clicked.connect(self._choose_export)
        self.copy_python_button.clicked.connect(self.copy_python)

    def show_notice(self, text: str, error: bool = False) -> None:
        self.notice.setStyleSheet("color: #b71c1c;" if error else "")
        self.notice.setText(text)

    # ---- the technique being edited ----------------------------------------------------
    @Slot(str)
    def select_technique(self, technique_id: str) -> None:
        technique = self.library.get(technique_id)
        if technique is not None:
            self.editor.load(copy.deepcopy(technique))  # a working copy: built-ins stay untouched
            self.preview_timer.start()

    # ---- preview -----------------------------------------------------------------------
    def showEvent(self, event) -> None:
        super().showEvent(event)
        self.preview_timer.start()

    @Slot()
    def update_preview(self) -> None:
        """Ask the backend for the exact prompt; only while the tab is shown (it may load a model)."""
        technique = self.editor.technique
        model_id = self.model_picker.current_model_id()
        if technique is None or not self.isVisible():
            return
        try:
            messages = technique.messages(technique.values)
            unused = fill(technique.template, technique.values, technique.examples_text()).unused
        except TemplateError as exc:
            self.preview.show_error(str(exc))
            return
        if not model_id:
            self.preview.show_error(self.tr("No chat model available: add one to see the exact prompt."))
            return
        if self.preview_job is not None:
            self.controller.cancel(self.preview_job)
        request = PromptPreviewRequest(messages, model_id)
        self.preview_job = request.job_id
        self.preview.show_pending()
        self.controller.submit(request, lambda events: self._on_preview_events(request.job_id, unused, events))

    def _on_preview_events(self, job_id: str, unused: tuple[str, ...], events: list) -> None:
        if job_id != self.preview_job:
            return
        for event in events:
            if isinstance(event, Result):
                self.preview.show_prompt(event.value, unused)
            elif isinstance(event, Failed):
                self.preview.show_error(event.message)
        if any(isinstance(e, (Result, Failed)) or type(e).__name__ == "Cancelled" for e in events):
            self.preview_job = None

    # ---- variants and runs ---------------------------------------------------------------
    @Slot()
    def add_variant(self) -> bool:
        technique = self.editor.technique
        if technique is None or not self.model_picker.current_model_id():
            self.show_notice(self.tr("Choose a technique and a model first."), error=True)
            return False
        if len(self.experiment.variants) >= MAX_VARIANTS:
            self.show_notice(self.tr("At most {n} variants can run side by side.").format(n=MAX_VARIANTS), error=True)
            return False
        try:
            technique.messages(technique.values)
        except TemplateError as exc:
            self.show_notice(str(exc), error=True)
            return False
        entry = self.model_picker.current_entry()
        name = technique.name
        if any(v.name == name for v in self.experiment.variants) and entry is not None:
            name = f"{technique.name} · {entry.name}"  # the same technique on another model
        self.experiment.variants.append(Variant(name, copy.deepcopy(technique), self.model_picker.current_model_id(),
                                                technique.example_count))
        if not self.experiment.rows:
            self.use_technique_table()
        self._show_experiment()
        self.show_notice(self.tr("Added “{name}”: {n} variant(s) in the comparison.").format(
            name=name, n=len(self.experiment.variants)))
        return True

    @Slot(int)
    def remove_variant(self, index: int) -> None:
        if self.runner.is_running():
            return
        del self.experiment.variants[index]
        self.experiment.results = [r for r in self.experiment.results if r.variant != index]
        for result in self.experiment.results:
            if result.variant > index:
                result.variant -= 1
        self._show_experiment()

    @Slot()
    def use_technique_table(self) -> None:
        technique = self.editor.technique
        if technique is None:
            return
        self.experiment.rows = copy.deepcopy(technique.test_rows)
        self.experiment.values = dict(technique.values)
        self.check.setCurrentIndex(max(0, self.check.findData(technique.check)))
        self.check_pattern.setText(technique.check_pattern)
        self.experiment.results = [r for r in self.experiment.results if r.row == SIDE_BY_SIDE_ROW]
        self._show_experiment()

    def import_csv_text(self, text: str) -> bool:
        try:
            self.experiment.rows = rows_from_csv(text)
        except TableError as exc:
            self.show_notice(str(exc), error=True)
            return False
        self.experiment.results = [r for r in self.experiment.results if r.row == SIDE_BY_SIDE_ROW]
        self._show_experiment()
        self.show_notice(self.tr("{n} rows imported.").format(n=len(self.experiment.rows)))
        return True

    @Slot()
    def _choose_csv(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Import a test table"), "", self.tr("CSV files (*.csv *.tsv *.txt)"))
        if path:
            try:
                self.import_csv_text(Path(path).read_text(encoding="utf-8-sig"))
            except (OSError, UnicodeDecodeError) as exc:
                self.show_notice(self.tr("Could not read {path}: {error}").format(path=path, error=exc), error=True)

    @Slot()
    def _on_rows_edited(self) -> None:
        self.experiment.rows = self.table.rows()

    def _settings_into_experiment(self) -> None:
        self.experiment.sampling = Sampling(temperature=self.temperature.value(), top_p=1.0, top_k=0,
                                            max_new_tokens=self.max_new_tokens.value(), seed=self.seed.value())
        self.experiment.check = Check(str(self.check.currentData()), self.check_pattern.text())

    def run(self, scored: bool) -> bool:
        if self.runner.is_running():
            return False
        if not scored and self.editor.technique is not None:
            self.experiment.values = {**self.experiment.values, **self.editor.technique.values}
        self._settings_into_experiment()
        problem = self.experiment.problem(scored)
        if problem:
            self.show_notice(problem, error=True)
            return False
        self._show_experiment()
        for column in self.columns if not scored else []:
            column.start()
        self.run_notes = []
        count = self.runner.start(self.experiment, scored)
        self.show_notice(self.tr("Running {n} cell(s) with seed {seed}…").format(n=count, seed=self.experiment.sampling.seed))
        self._update_buttons()
        return True

    @Slot(int, int)
    def _on_cell_started(self, variant: int, row: int) -> None:
        if row != SIDE_BY_SIDE_ROW:
            self.table.show_running(variant, row)

    @Slot(int, int, str)
    def _on_cell_text(self, variant: int, row: int, text: str) -> None:
        if row == SIDE_BY_SIDE_ROW and variant < len(self.columns):
            self.columns[variant].append(text)

    @Slot(object)
    def _on_cell_finished(self, cell: CellResult) -> None:
        if cell.row == SIDE_BY_SIDE_ROW:
            if cell.variant < len(self.columns):
                self.columns[cell.variant].finish(cell.reply, cell.stats, cell.status, cell.error)
        else:
            self.table.show_result(cell)
            self._update_chart()
        self.save_experiment()

    @Slot(int, int, str)
    def _on_cell_note(self, variant: int, row: int, text: str) -> None:
        note = f"{self.experiment.variants[variant].name}: {text}"
        if note not in self.run_notes:
            self.run_notes.append(note)

    @Slot()
    def _on_run_finished(self) -> None:
        self._update_buttons()
        self.show_notice(" ".join([self.tr("Run finished.")] + self.run_notes))

    def _update_buttons(self) -> None:
        running = self.runner.is_running()
        self.stop_all_button.setEnabled(running)
        for button in (self.run_button, self.run_scored_button, self.add_variant_button):
            button.setEnabled(not running)

    # ---- showing an experiment -----------------------------------------------------------
    def _show_experiment(self) -> None:
        for column in self.columns:  # Qt owns the columns: let it delete them, never the garbage collector
            self.columns_layout.removeWidget(column)
            column.hide()
            column.deleteLater()
        self.columns = []
        for index, variant in enumerate(self.experiment.variants):
            model = next((e.name for e in self.model_picker.entries if e.model_id == variant.model_id),
                         variant.model_id.rpartition("/")[2])
            column = VariantColumn(index, variant.name, model, self.columns_host)
            column.stop_requested.connect(self.runner.stop_variant)
            column.remove_requested.connect(self.remove_variant)
            self.columns_layout.insertWidget(index, column)
            self.columns.append(column)
            done = self.experiment.result(index, SIDE_BY_SIDE_ROW)
            if done is not None:
                column.finish(done.reply, done.stats, done.status, done.error)
        self.table.show_rows(self.experiment.rows, [v.name for v in self.experiment.variants])
        for cell in self.experiment.results:
            self.table.show_result(cell)
        self._update_chart()

    def _update_chart(self) -> None:
        self.chart.set_bars([(v.name, *self.experiment.accuracy(i)) for i, v in enumerate(self.experiment.variants)])

    # ---- keeping and sharing -------------------------------------------------------------
    @Slot(str)
    def _on_name_edited(self, text: str) -> None:
        self.experiment.name = text

    def save_experiment(self) -> None:
        if self.experiment.variants:
            self.store.save(self.experiment)

    def _refresh_experiment_list(self) -> None:
        self.experiments.clear()
        for experiment in self.store.load_all():
            self.experiments.addItem(experiment.name, experiment.id)

    @Slot()
    def _open_selected(self) -> None:
        chosen = self.experiments.currentData()
        found = next((e for e in self.store.load_all() if e.id == chosen), None)
        if found is not None:
            self.open_experiment(found)

    def open_experiment(self, experiment: Experiment) -> None:
        if self.runner.is_running():
            return
        self.save_experiment()
        self.experiment = experiment
        self.experiment_name.setText(experiment.name)
        self.temperature.setValue(experiment.sampling.temperature)
        self.max_new_tokens.setValue(experiment.sampling.max_new_tokens)
        self.seed.setValue(experiment.sampling.seed or 0)
        self.check.setCurrentIndex(max(0, self.check.findData(experiment.check.kind)))
        self.check_pattern.setText(experiment.check.pattern)
        self._show_experiment()
        self._refresh_experiment_list()

    @Slot()
    def _choose_export(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Export results"), "experiment.md",
                                              self.tr("Markdown (*.md);;CSV (*.csv);;JSON (*.json)"))
        if path:
            self.export_experiment(Path(path))

    def export_experiment(self, path: Path) -> None:
        writers = {".csv": export_csv, ".json": export_json}
        text = writers.get(path.suffix.lower(), export_markdown)(self.experiment)
        saved, message = save_export(path, text)
        self.show_notice(message, error=not saved)

    def python_for_cell(self, variant: int, row: int) -> str:
        chosen = self.experiment.variants[variant]
        values = self.experiment.values_for(row)
        entry = self.registry.resolve(chosen.model_id)
        return python_snippet(entry, chosen.messages(values), self.experiment.sampling)

    @Slot()
    def copy_python(self) -> None:
        if not self.experiment.variants:
            self.show_notice(self.tr("Add a variant first."), error=True)
            return
        variant, row = 0, SIDE_BY_SIDE_ROW
        current = self.table.currentItem()
        if self.pages.currentIndex() == 2 and current is not None and current.column() > self.table.expected_column:
            variant, row = current.column() - self.table.expected_column - 1, current.row()
        self._settings_into_experiment()
        try:
            QGuiApplication.clipboard().setText(self.python_for_cell(variant, row))
        except (InvalidModelError, TemplateError) as exc:
            self.show_notice(str(exc), error=True)
            return
        self.show_notice(self.tr("A Python script reproducing this cell is on the clipboard."))

    def save_for_quit(self) -> None:
        """Quitting mid-run: stop the cells still queued and keep every finished one."""
        self.runner.stop_all()
        self.save_experiment()
