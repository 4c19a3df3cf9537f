"""The Prompt tab's widgets, their layout and their wiring; the behaviour lives in prompt_tab.py."""
from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QComboBox,
    QDoubleSpinBox,
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

from desktop_app.prompt_lab.accuracy_chart import AccuracyChart
from desktop_app.prompt_lab.prompt_preview import PromptPreview
from desktop_app.prompt_lab.scored_table_view import ScoredTableView
from desktop_app.prompt_lab.technique_editor import TechniqueEditor
from desktop_app.prompt_lab.technique_library_panel import TechniqueLibraryPanel
from desktop_app.widgets.model_picker import ModelPicker
from model_backend.core.model_inspection import ModelKind
from model_backend.prompt_lab.experiment import Experiment
from model_backend.prompt_lab.scoring import CHECKS

PREVIEW_DELAY_MS = 400


class PromptTabLayout:
    """Mixed into PromptTab: builds the widgets (as ``self.*``) and connects them to PromptTab's slots."""

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

        self.table = ScoredTableView(self)
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
