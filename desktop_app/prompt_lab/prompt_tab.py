"""The Prompt engineering tab: pick or write a technique, compare variants side by side, score them.

Techniques are data (``resources/prompts``); variants are snapshots of a technique plus a model;
cells run as ordinary chat jobs with one seed, and every finished cell is saved at once.
"""
from __future__ import annotations

import copy
from pathlib import Path

from PySide6.QtCore import Signal, Slot
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QFileDialog, QWidget

from desktop_app.controller import BackendController
from desktop_app.prompt_lab.experiment_runner import ExperimentRunner
from desktop_app.prompt_lab.prompt_tab_layout import PromptTabLayout
from desktop_app.prompt_lab.variant_column import VariantColumn
from desktop_app.widgets.file_dialogs import save_export
from model_backend.chat.chat_types import PromptPreviewRequest, Sampling
from model_backend.core.errors import InvalidModelError
from model_backend.core.jobs import Cancelled, Failed, Result
from model_backend.core.registry import ModelRegistry
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
from model_backend.prompt_lab.scoring import Check, TableError, rows_from_csv
from model_backend.prompt_lab.techniques import TechniqueLibrary
from model_backend.prompt_lab.templates import TemplateError, fill


class PromptTab(PromptTabLayout, QWidget):
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
        if any(isinstance(e, (Result, Failed, Cancelled)) for e in events):
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
