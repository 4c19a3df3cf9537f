"""The Prompt engineering tab: pick or write a technique, compare variants side by side, score them.

Techniques are data (``resources/prompts``); variants are snapshots of a technique plus a model;
cells run as ordinary chat jobs with one seed, and every finished cell is saved at once.

A warning line (``LanguageFitWarning``) says when the chosen chat model cannot handle the technique's
language.
"""
from __future__ import annotations

import copy
import enum
from pathlib import Path

from PySide6.QtCore import Qt, QTimer, Slot
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QSplitter, QTabWidget, QVBoxLayout, QWidget

from desktop_app.controller import BackendController
from desktop_app.i18n.backend_text import said_by
from desktop_app.i18n.retranslate import Text, keep_translated, say
from desktop_app.i18n.sentences import join_sentences
from desktop_app.presentation import mark_advanced
from desktop_app.prompt_lab.embeddings_page import EmbeddingsPage
from desktop_app.prompt_lab.experiment_bar import ExperimentBar
from desktop_app.prompt_lab.experiment_runner import ExperimentRunner
from desktop_app.prompt_lab.language_fit_warning import LanguageFitWarning
from desktop_app.prompt_lab.prompt_preview import PromptPreview
from desktop_app.prompt_lab.scored_run_page import ScoredRunPage
from desktop_app.prompt_lab.side_by_side_page import SideBySidePage
from desktop_app.prompt_lab.technique_editor import TechniqueEditor
from desktop_app.prompt_lab.technique_library_panel import TechniqueLibraryPanel
from desktop_app.widgets.file_dialogs import choose_file_to_open, choose_file_to_save, save_export
from desktop_app.widgets.notice import Notice
from model_backend.core.errors import InvalidModelError
from model_backend.core.registry import ModelEntry, ModelRegistry
from model_backend.prompt_lab.experiment import (
    MAX_VARIANTS,
    SIDE_BY_SIDE_ROW,
    CellResult,
    Experiment,
    ExperimentStore,
    Variant,
    export_text,
)
from model_backend.prompt_lab.model_scale import scaling_points
from model_backend.prompt_lab.python_export import python_for_cell
from model_backend.prompt_lab.scoring import TableError, rows_from_csv
from model_backend.prompt_lab.techniques import TechniqueLibrary
from model_backend.prompt_lab.templates import TemplateError

PREVIEW_DELAY_MS = 400
UNTITLED = Experiment().name  # the name a new experiment gets, shown in the UI's language until it is renamed


class PromptPage(enum.IntEnum):
    PROMPT = 0
    SIDE_BY_SIDE = 1
    SCORED_RUN = 2
    EMBEDDINGS = 3  # sentences as vectors: how a model represents meaning (not a prompt experiment)


class PromptTab(QWidget):
    def __init__(self, controller: BackendController, registry: ModelRegistry, library: TechniqueLibrary,
                 store: ExperimentStore, default_model_id: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self.registry = registry
        self.library = library
        self.store = store
        self.experiment = Experiment()
        self.runner = ExperimentRunner(controller, self)
        self.run_notes: list[Text] = []  # e.g. "no chat template", shown when the run ends
        self._untitled = UNTITLED  # the new-experiment name in the language shown
        self._build_parts()
        self._lay_out()
        self._connect()
        self._mark_advanced()
        self.model_picker.refresh(default_model_id)
        self.library_panel.refresh()
        shown = self.library_panel.list.currentItem()  # chosen before the tab listened (the filter followed the UI)
        if self.editor.technique is None and shown is not None:
            self.select_technique(shown.data(Qt.ItemDataRole.UserRole))
        self._refresh_experiment_list()
        keep_translated(self, self._retranslate)

    def _retranslate(self) -> None:
        self.pages.setTabText(PromptPage.PROMPT, self.tr("1 · Prompt"))
        self.pages.setTabToolTip(PromptPage.PROMPT, self.tr("Edit a technique and see the exact prompt the model reads"))
        self.pages.setTabText(PromptPage.SIDE_BY_SIDE, self.tr("2 · Side by side"))
        self.pages.setTabToolTip(PromptPage.SIDE_BY_SIDE, self.tr("Compare variants' replies on the same seed"))
        self.pages.setTabText(PromptPage.SCORED_RUN, self.tr("3 · Scored run"))
        self.pages.setTabToolTip(PromptPage.SCORED_RUN, self.tr("Score every variant on a test table: accuracy per variant"))
        self.pages.setTabText(PromptPage.EMBEDDINGS, self.tr("4 · Embeddings"))
        self.pages.setTabToolTip(PromptPage.EMBEDDINGS, self.tr("Sentences as vectors: a map of meaning, similarities "
                                                                "and nearest neighbours"))
        self._name_untitled()
        self.update_language_fit()  # the library's language may have followed the UI's

    def _name_untitled(self) -> None:
        """An experiment the student has not named is called "Untitled experiment" in the UI's language."""
        untitled = self.tr("Untitled experiment")
        if self.experiment.name in (UNTITLED, self._untitled, untitled):
            self.experiment.name = untitled
            self.experiment_bar.show_name(untitled)
        self._untitled = untitled

    # ---- building (the same three steps in every tab: parts, layout, connections) --------------
    def _build_parts(self) -> None:
        self.editor = TechniqueEditor(self)
        self.library_panel = TechniqueLibraryPanel(self.library, lambda: self.editor.technique, self)
        self.preview = PromptPreview(self.controller, self)
        self.side_by_side = SideBySidePage(self.registry, self)
        self.scored = ScoredRunPage(self)
        self.embeddings = EmbeddingsPage(self.controller, self.registry, self)
        self.experiment_bar = ExperimentBar(self.experiment.name, self)
        self.notice = Notice(self)
        self.fit_warning = LanguageFitWarning(self)
        self.model_picker = self.side_by_side.model_picker  # the model of the preview and of new variants
        self.preview_timer = QTimer(self)
        self.preview_timer.setSingleShot(True)
        self.preview_timer.setInterval(PREVIEW_DELAY_MS)

    def _lay_out(self) -> None:
        prompt_page = QSplitter(Qt.Orientation.Horizontal, self)
        prompt_page.addWidget(self.editor)
        prompt_page.addWidget(self.preview)
        self.pages = QTabWidget(self)
        widgets = {PromptPage.PROMPT: prompt_page, PromptPage.SIDE_BY_SIDE: self.side_by_side,
                   PromptPage.SCORED_RUN: self.scored, PromptPage.EMBEDDINGS: self.embeddings}
        for page in PromptPage:
            self.pages.insertTab(page, widgets[page], "")  # titles: _retranslate
        center = QWidget(self)
        center_layout = QVBoxLayout(center)
        center_layout.setContentsMargins(0, 0, 0, 0)
        center_layout.addWidget(self.experiment_bar)
        center_layout.addWidget(self.notice)
        center_layout.addWidget(self.fit_warning)
        center_layout.addWidget(self.pages, 1)
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(self.library_panel)
        splitter.addWidget(center)
        splitter.setStretchFactor(1, 4)
        splitter.setSizes([220, 900])
        QVBoxLayout(self).addWidget(splitter)

    def _mark_advanced(self) -> None:
        """What a student watching the projector does not need: presentation mode hides these."""
        bar, scored, side, library = self.experiment_bar, self.scored, self.side_by_side, self.library_panel
        mark_advanced(bar.export_button, bar.copy_python_button, scored.import_button, scored.paste_button,
                      scored.add_row_button, scored.check_label, scored.check, scored.check_pattern,
                      side.max_new_tokens_label, side.max_new_tokens, side.seed_label, side.seed,
                      self.model_picker.add_button, self.model_picker.refresh_button,
                      library.duplicate_button, library.delete_button, library.restore_button)

    def _connect(self) -> None:
        self.library_panel.keep_working = lambda: self.editor.edited or self.library_panel.user_picked
        self.library_panel.language.currentIndexChanged.connect(lambda _: self.update_language_fit())
        self.model_picker.model_changed.connect(lambda _: self.update_language_fit())
        self.library_panel.technique_selected.connect(self.select_technique)
        self.library_panel.notice.connect(self.show_notice)
        self.editor.changed.connect(self.preview_timer.start)
        self.preview_timer.timeout.connect(self.update_preview)
        self.model_picker.model_changed.connect(lambda _: self.preview_timer.start())
        self.side_by_side.add_variant_requested.connect(self.add_variant)
        self.side_by_side.both_ways_requested.connect(lambda: self.add_variant(raw=False) and self.add_variant(raw=True))
        self.side_by_side.base_instruct_requested.connect(
            lambda base, instruct: self.add_variant(base, raw=True) and self.add_variant(instruct, raw=False))
        self.side_by_side.raw_continuation.toggled.connect(lambda _: self.preview_timer.start())
        self.side_by_side.run_requested.connect(lambda: self.run(scored=False))
        self.side_by_side.stop_all_requested.connect(self.runner.stop_all)
        self.scored.run_requested.connect(lambda: self.run(scored=True))
        self.scored.use_technique_table_requested.connect(self.use_technique_table)
        self.scored.import_requested.connect(self._choose_csv)
        self.scored.paste_requested.connect(lambda: self.import_csv_text(QGuiApplication.clipboard().text()))
        self.scored.table.rows_edited.connect(self._on_rows_edited)
        self.runner.cell_started.connect(self._on_cell_started)
        self.runner.cell_text.connect(self._on_cell_text)
        self.runner.cell_note.connect(self._on_cell_note)
        self.runner.cell_finished.connect(self._on_cell_finished)
        self.runner.progress.connect(lambda text: None if self._stale_run() else self.show_notice(text))
        self.runner.run_finished.connect(self._on_run_finished)
        self.experiment_bar.name_edited.connect(self._on_name_edited)
        self.experiment_bar.new_requested.connect(lambda: self.open_experiment(Experiment()))
        self.experiment_bar.open_requested.connect(self._open_saved)
        self.experiment_bar.export_requested.connect(self._choose_export)
        self.experiment_bar.copy_python_requested.connect(self.copy_python)

    def show_notice(self, text: Text, error: bool = False) -> None:
        """``text``: a callable, a backend Message or plain text; the notice says it again after a language switch."""
        self.notice.show_message(text, error)

    # ---- the technique being edited ----------------------------------------------------
    @Slot(str)
    def select_technique(self, technique_id: str) -> None:
        technique = self.library.get(technique_id)
        if technique is not None:
            self.editor.load(copy.deepcopy(technique))  # a working copy: built-ins stay untouched
            self.preview_timer.start()
            self.update_language_fit()

    # ---- does the model handle the technique's language? ----------------------------------
    def technique_language(self) -> str:
        """The language of the technique being edited; with none, the library's filter ("" for all)."""
        technique = self.editor.technique
        return technique.language if technique is not None else str(self.library_panel.language.currentData() or "")

    def update_language_fit(self) -> None:
        self.fit_warning.check(self.model_picker.current_entry(), self.technique_language())

    # ---- preview -----------------------------------------------------------------------
    def showEvent(self, event) -> None:
        super().showEvent(event)
        self.preview_timer.start()

    @Slot()
    def update_preview(self) -> None:
        """Ask for the exact prompt; only while the tab is shown (it may load a model)."""
        if self.editor.technique is not None and self.isVisible():
            self.preview.request(self.editor.technique, self.model_picker.current_model_id(),
                                 self.side_by_side.raw_continuation.isChecked())

    # ---- variants and runs ---------------------------------------------------------------
    def add_variant(self, entry: ModelEntry | None = None, raw: bool | None = None) -> bool:
        """Add the technique being edited on ``entry`` (the chosen model), with its chat template or (``raw``, by
        default the switch) as a raw continuation."""
        technique = self.editor.technique
        entry = self.model_picker.current_entry() if entry is None else entry
        raw = self.side_by_side.raw_continuation.isChecked() if raw is None else raw
        if technique is None or entry is None:
            self.show_notice(lambda: self.tr("Choose a technique and a model first."), error=True)
            return False
        if len(self.experiment.variants) >= MAX_VARIANTS:
            self.show_notice(lambda: self.tr("At most {n} variants can run side by side.").format(n=MAX_VARIANTS),
                             error=True)
            return False
        try:
            technique.messages(technique.values)
        except TemplateError as exc:
            self.show_notice(said_by(exc), error=True)
            return False
        name = technique.name
        if any(v.name == name for v in self.experiment.variants):
            name = f"{technique.name} · {entry.name}"  # the same technique on another model
        if raw:
            name = self.tr("{name} · raw continuation").format(name=name)
        self.experiment.variants.append(Variant(name, copy.deepcopy(technique), entry.model_id,
                                                technique.example_count, raw))
        if not self.experiment.rows:
            self.use_technique_table()
        self._show_experiment()
        count = len(self.experiment.variants)
        self.show_notice(lambda: self.tr("Added “{name}”: {n} variant(s) in the comparison.").format(name=name, n=count))
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
        self.scored.show_check(technique.check, technique.check_pattern)
        self.experiment.results = [r for r in self.experiment.results if r.row == SIDE_BY_SIDE_ROW]
        self._show_experiment()

    def import_csv_text(self, text: str) -> bool:
        try:
            self.experiment.rows = rows_from_csv(text)
        except TableError as exc:
            self.show_notice(said_by(exc), error=True)
            return False
        self.experiment.results = [r for r in self.experiment.results if r.row == SIDE_BY_SIDE_ROW]
        self._show_experiment()
        count = len(self.experiment.rows)
        self.show_notice(lambda: self.tr("{n} rows imported.").format(n=count))
        return True

    @Slot()
    def _choose_csv(self) -> None:
        path = choose_file_to_open(self, self.tr("Import a test table"), self.tr("CSV files (*.csv *.tsv *.txt)"))
        if path:
            try:
                self.import_csv_text(Path(path).read_text(encoding="utf-8-sig"))
            except (OSError, UnicodeDecodeError) as exc:
                self.show_notice(lambda error=exc: self.tr("Could not read {path}: {error}").format(path=path, error=error),
                                 error=True)

    @Slot()
    def _on_rows_edited(self) -> None:
        self.experiment.rows = self.scored.table.rows()

    def _settings_into_experiment(self) -> None:
        self.experiment.sampling = self.side_by_side.sampling()
        self.experiment.check = self.scored.chosen_check()

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
        for column in self.side_by_side.columns if not scored else []:
            column.start()
        self.run_notes = [note for variant in self.experiment.variants
                          if (note := self.fit_warning.note_for(self.registry, variant))]
        count, seed = self.runner.start(self.experiment, scored), self.experiment.sampling.seed
        self.show_notice(lambda: self.tr("Running {n} cell(s) with seed {seed}…").format(n=count, seed=seed))
        self._update_buttons()
        return True

    @Slot(int, int)
    def _on_cell_started(self, variant: int, row: int) -> None:
        if row != SIDE_BY_SIDE_ROW and not self._stale_run():
            self.scored.table.show_running(variant, row)

    @Slot(int, int, str)
    def _on_cell_text(self, variant: int, row: int, text: str) -> None:
        columns = self.side_by_side.columns
        if row == SIDE_BY_SIDE_ROW and variant < len(columns) and not self._stale_run():
            columns[variant].append(text)

    @Slot(object)
    def _on_cell_finished(self, cell: CellResult) -> None:
        if self._stale_run():  # a run stopped by clearing the screen: its cell is kept in its own experiment
            self.store.save(self.runner.experiment)
            return
        columns = self.side_by_side.columns
        if cell.row == SIDE_BY_SIDE_ROW:
            if cell.variant < len(columns):
                columns[cell.variant].finish(cell.reply, cell.stats, cell.status, cell.error)
        else:
            self.scored.table.show_result(cell)
            self._update_chart()
        self.save_experiment()

    @Slot(int, int, object)
    def _on_cell_note(self, variant: int, row: int, text: Text) -> None:
        if self._stale_run():
            return
        name = self.experiment.variants[variant].name

        def note() -> str:
            return self.tr("{variant}: {note}").format(variant=name, note=say(text))
        if note() not in [say(n) for n in self.run_notes]:
            self.run_notes.append(note)

    @Slot()
    def _on_run_finished(self) -> None:
        self._update_buttons()
        if self._stale_run():
            self._refresh_experiment_list()  # the cleared experiment's last cells are saved
            return
        notes = list(self.run_notes)
        self.show_notice(lambda: join_sentences(self.tr("Run finished."), *[say(n) for n in notes]))

    def _update_buttons(self) -> None:
        running = self.runner.is_running()
        self.side_by_side.set_running(running)
        self.scored.set_running(running)

    # ---- showing an experiment -----------------------------------------------------------
    def _show_experiment(self) -> None:
        self.side_by_side.clear_columns()
        for index, variant in enumerate(self.experiment.variants):
            column = self.side_by_side.add_column(variant.name, self.side_by_side.model_name(variant.model_id))
            column.stop_requested.connect(self.runner.stop_variant)
            column.remove_requested.connect(self.remove_variant)
            done = self.experiment.result(index, SIDE_BY_SIDE_ROW)
            if done is not None:
                column.finish(done.reply, done.stats, done.status, done.error)
        self.scored.table.show_rows(self.experiment.rows, [v.name for v in self.experiment.variants])
        for cell in self.experiment.results:
            self.scored.table.show_result(cell)
        self._update_chart()

    def _update_chart(self) -> None:
        self.scored.chart.set_bars([(v.name, *self.experiment.accuracy(i)) for i, v in enumerate(self.experiment.variants)])
        self.scored.scaling.set_points(*scaling_points(self.experiment, self.registry.resolve))

    # ---- keeping and sharing -------------------------------------------------------------
    @Slot(str)
    def _on_name_edited(self, text: str) -> None:
        self.experiment.name = text

    def save_experiment(self) -> None:
        if self.experiment.variants:
            self.store.save(self.experiment)

    def _refresh_experiment_list(self) -> None:
        self.experiment_bar.list_experiments(self.store.load_all())

    @Slot(str)
    def _open_saved(self, experiment_id: str) -> None:
        found = next((e for e in self.store.load_all() if e.id == experiment_id), None)
        if found is not None:
            self.open_experiment(found)

    def open_experiment(self, experiment: Experiment) -> None:
        if self.runner.is_running():
            return
        self.save_experiment()
        self.experiment = experiment
        self.experiment_bar.show_name(experiment.name)
        self._name_untitled()
        self.side_by_side.show_sampling(experiment.sampling)
        self.scored.show_check(experiment.check.kind, experiment.check.pattern)
        self._show_experiment()
        self._refresh_experiment_list()

    @Slot()
    def _choose_export(self) -> None:
        path, _ = choose_file_to_save(self, self.tr("Export results"), "experiment.md",
                                  self.tr("Markdown (*.md);;CSV (*.csv);;JSON (*.json)"))
        if path:
            self.export_experiment(Path(path))

    def export_experiment(self, path: Path) -> None:
        saved, message = save_export(path, export_text(self.experiment, path.suffix))
        self.show_notice(message, error=not saved)

    @Slot()
    def copy_python(self) -> None:
        if not self.experiment.variants:
            self.show_notice(lambda: self.tr("Add a variant first."), error=True)
            return
        variant, row = 0, SIDE_BY_SIDE_ROW
        selected = self.scored.selected_cell()
        if self.pages.currentIndex() == PromptPage.SCORED_RUN and selected is not None:
            variant, row = selected
        self._settings_into_experiment()
        try:
            QGuiApplication.clipboard().setText(python_for_cell(self.experiment, variant, row, self.registry))
        except (InvalidModelError, TemplateError) as exc:
            self.show_notice(said_by(exc), error=True)
            return
        self.show_notice(lambda: self.tr("A Python script reproducing this cell is on the clipboard."))

    def _stale_run(self) -> bool:
        """The runner's events belong to an experiment no longer on screen (the screen was cleared mid-run)."""
        return self.runner.experiment is not None and self.runner.experiment is not self.experiment

    # ---- a new group of students ---------------------------------------------------------
    @Slot()
    def clear_for_next_group(self) -> None:
        """Empty the screen for the next group: the technique being edited, the preview, the variants and
        their results. A run in flight is stopped first and the experiment saved, so it can be opened again;
        the library, the model and the sampling settings stay."""
        self.runner.stop_all()
        self.preview_timer.stop()
        self.save_experiment()
        kept = bool(self.experiment.variants)
        fresh = Experiment()
        fresh.sampling = self.side_by_side.sampling()
        fresh.check = self.scored.chosen_check()
        self.experiment = fresh
        self._name_untitled()
        self.experiment_bar.show_name(self.experiment.name)
        self._show_experiment()
        self._refresh_experiment_list()
        self.library_panel.clear_selection()
        self.editor.clear()
        self.preview.clear()
        self.embeddings.clear()  # the embeddings map starts empty too
        self.run_notes = []
        self.pages.setCurrentIndex(PromptPage.PROMPT)
        self._update_buttons()
        self.update_language_fit()
        if kept:
            self.show_notice(lambda: self.tr("Cleared for the next group. The experiment was saved: choose it in the "
                                             "list of experiments and press Open to see it again."))
        else:
            self.show_notice(lambda: self.tr("Cleared for the next group. Pick a technique from the library to start."))

    def save_for_quit(self) -> None:
        """Quitting mid-run: stop the cells still queued and keep every finished one."""
        self.runner.stop_all()
        self.save_experiment()
