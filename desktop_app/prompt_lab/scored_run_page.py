"""Page 3 of the Prompt tab: a test table, a check, and each variant's pass/fail column and accuracy."""
from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

from desktop_app.i18n.retranslate import keep_translated
from desktop_app.prompt_lab.accuracy_chart import AccuracyChart
from desktop_app.prompt_lab.scaling_chart import ScalingChart
from desktop_app.prompt_lab.scored_table_view import ScoredTableView
from model_backend.prompt_lab.scoring import CHECKS, Check


class ScoredRunPage(QWidget):
    use_technique_table_requested = Signal()
    import_requested = Signal()
    paste_requested = Signal()
    run_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.table = ScoredTableView(self)
        self.load_table_button = QPushButton(self)
        self.import_button = QPushButton(self)
        self.paste_button = QPushButton(self)
        self.add_row_button = QPushButton(self)
        self.check_label = QLabel(self)
        self.check = QComboBox(self)
        for kind in CHECKS:
            self.check.addItem(kind, kind)  # the words come in _retranslate; the data is the saved check
        self.check_pattern = QLineEdit(self)
        self.run_scored_button = QPushButton(self)
        self.chart = AccuracyChart(self)
        self.scaling = ScalingChart(self)  # accuracy against parameter count, for models of one family
        self._lay_out()
        self.load_table_button.clicked.connect(self.use_technique_table_requested)
        self.import_button.clicked.connect(self.import_requested)
        self.paste_button.clicked.connect(self.paste_requested)
        self.add_row_button.clicked.connect(lambda: self.table.insertRow(self.table.rowCount()))
        self.run_scored_button.clicked.connect(self.run_requested)
        keep_translated(self, self._retranslate)

    def _retranslate(self) -> None:
        self.load_table_button.setText(self.tr("Use the technique's test table"))
        self.load_table_button.setToolTip(self.tr("Replace the table with the one that comes with the technique"))
        self.import_button.setText(self.tr("Import CSV…"))
        self.import_button.setToolTip(self.tr(
            "Row 1 names the columns; the last column, or one named “expected”, holds the expected answers"))
        self.paste_button.setText(self.tr("Paste CSV"))
        self.paste_button.setToolTip(self.tr("Read the table from the clipboard, e.g. copied from a spreadsheet"))
        self.add_row_button.setText(self.tr("Add row"))
        self.check_label.setText(self.tr("Check"))
        checks = {"exact": self.tr("exact match"), "contains": self.tr("contains"), "regex": self.tr("regex"),
                  "number": self.tr("number")}
        for index in range(self.check.count()):
            kind = self.check.itemData(index)
            self.check.setItemText(index, checks.get(kind, kind))
        self.check.setToolTip(self.tr("How a reply is compared with the expected answer"))
        self.check_pattern.setPlaceholderText(self.tr("regex, e.g. answer is {expected}"))
        self.run_scored_button.setText(self.tr("Run scored table"))
        self.run_scored_button.setToolTip(self.tr("Run every variant on every row and score each reply"))

    def _lay_out(self) -> None:
        tools = QHBoxLayout()
        for widget in (self.load_table_button, self.import_button, self.paste_button, self.add_row_button):
            tools.addWidget(widget)
        tools.addStretch(1)
        checks = QHBoxLayout()
        checks.addWidget(self.check_label)
        checks.addWidget(self.check)
        checks.addWidget(self.check_pattern, 1)
        checks.addWidget(self.run_scored_button)
        layout = QVBoxLayout(self)
        layout.addLayout(tools)
        layout.addLayout(checks)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.chart)
        layout.addWidget(self.scaling)

    def chosen_check(self) -> Check:
        return Check(str(self.check.currentData()), self.check_pattern.text())

    def show_check(self, kind: str, pattern: str) -> None:
        self.check.setCurrentIndex(max(0, self.check.findData(kind)))
        self.check_pattern.setText(pattern)

    def set_running(self, running: bool) -> None:
        self.run_scored_button.setEnabled(not running)

    def selected_cell(self) -> tuple[int, int] | None:
        """(variant, row) of the selected result cell, or None when an input column is selected."""
        current = self.table.currentItem()
        if current is None or current.column() <= self.table.expected_column:
            return None
        return current.column() - self.table.expected_column - 1, current.row()
