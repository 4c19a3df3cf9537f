"""The Prompt tab's top line: the experiment's name, saved experiments, and how to share results."""
from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QLineEdit, QPushButton, QWidget

from desktop_app.i18n.retranslate import keep_translated
from model_backend.prompt_lab.experiment import Experiment


class ExperimentBar(QWidget):
    name_edited = Signal(str)
    new_requested = Signal()
    open_requested = Signal(str)  # the experiment's id
    export_requested = Signal()
    copy_python_requested = Signal()

    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.experiment_name = QLineEdit(name, self)
        self.experiments = QComboBox(self)
        self.open_button = QPushButton(self)
        self.new_experiment_button = QPushButton(self)
        self.export_button = QPushButton(self)
        self.copy_python_button = QPushButton(self)
        self.label = QLabel(self)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.label)
        layout.addWidget(self.experiment_name, 1)
        for widget in (self.new_experiment_button, self.experiments, self.open_button, self.export_button,
                       self.copy_python_button):
            layout.addWidget(widget)
        self.experiment_name.textEdited.connect(self.name_edited)
        self.new_experiment_button.clicked.connect(self.new_requested)
        self.open_button.clicked.connect(lambda: self.open_requested.emit(str(self.experiments.currentData() or "")))
        self.export_button.clicked.connect(self.export_requested)
        self.copy_python_button.clicked.connect(self.copy_python_requested)
        keep_translated(self, self._retranslate)

    def _retranslate(self) -> None:
        self.label.setText(self.tr("Experiment"))
        self.experiment_name.setToolTip(self.tr("The experiment's name, used when it is saved and exported"))
        self.new_experiment_button.setText(self.tr("New experiment"))
        self.new_experiment_button.setToolTip(self.tr("Start an empty comparison (the current one is saved)"))
        self.experiments.setToolTip(self.tr("Your saved experiments"))
        self.open_button.setText(self.tr("Open"))
        self.open_button.setToolTip(self.tr("Open the saved experiment chosen on the left"))
        self.export_button.setText(self.tr("Export…"))
        self.export_button.setToolTip(self.tr("Save the results as Markdown, CSV or JSON"))
        self.copy_python_button.setText(self.tr("Copy as Python"))
        self.copy_python_button.setToolTip(self.tr(
            "Copy a Python script that reproduces one cell: the first variant, or the cell selected in the scored table"))

    def show_name(self, name: str) -> None:
        self.experiment_name.setText(name)

    def list_experiments(self, experiments: list[Experiment]) -> None:
        self.experiments.clear()
        for experiment in experiments:
            self.experiments.addItem(experiment.name, experiment.id)
