"""The scored-run table: inputs and expected answers (editable), then one pass/fail column per variant."""
from __future__ import annotations

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QHeaderView, QTableWidget, QTableWidgetItem, QWidget

from desktop_app.i18n.retranslate import keep_translated, say
from desktop_app.widgets import palette
from model_backend.prompt_lab.experiment import CellResult, CellStatus
from model_backend.prompt_lab.techniques import TableRow

PASS, FAIL = QColor(palette.PASSED_CELL), QColor(palette.FAILED_CELL)


class ScoredTableView(QTableWidget):
    rows_edited = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.input_names: list[str] = []
        self.variant_names: list[str] = []
        self._filling = False
        self.results: dict[tuple[int, int], CellResult] = {}  # (row, variant) -> the result shown there
        self.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.horizontalHeader().setStretchLastSection(True)
        self.itemChanged.connect(self._on_item_changed)
        keep_translated(self, self._retranslate)

    def _retranslate(self) -> None:
        """Rename the expected column and reword the finished cells in place (selection and edits stay)."""
        header = self.horizontalHeaderItem(self.expected_column)
        if header is not None:
            header.setText(self.tr("expected"))
        self._filling = True
        for (row, variant), cell in self.results.items():
            item = self.item(row, self.expected_column + 1 + variant)
            if item is not None:
                text, _, tip = self._words(cell)
                item.setText(text)
                item.setToolTip(tip)
        self._filling = False

    @property
    def expected_column(self) -> int:
        return len(self.input_names)

    def show_rows(self, rows: list[TableRow], variant_names: list[str]) -> None:
        self._filling = True
        self.input_names = list(dict.fromkeys(name for row in rows for name in row.values))
        self.variant_names = variant_names
        self.results = {}
        self.clear()
        self.setColumnCount(len(self.input_names) + 1 + len(variant_names))
        self.setHorizontalHeaderLabels(self.input_names + [self.tr("expected")] + variant_names)
        self.setRowCount(len(rows))
        for r, row in enumerate(rows):
            for c, name in enumerate(self.input_names):
                self.setItem(r, c, QTableWidgetItem(row.values.get(name, "")))
            self.setItem(r, self.expected_column, QTableWidgetItem(row.expected))
            for v in range(len(variant_names)):
                self._set_result_item(r, v, "", None, "")
        self._filling = False

    def rows(self) -> list[TableRow]:
        found = []
        for r in range(self.rowCount()):
            values = {name: self._text(r, c) for c, name in enumerate(self.input_names)}
            found.append(TableRow(values, self._text(r, self.expected_column)))
        return found

    def _text(self, row: int, column: int) -> str:
        item = self.item(row, column)
        return item.text() if item is not None else ""

    def _set_result_item(self, row: int, variant: int, text: str, colour: QColor | None, tip: str) -> None:
        item = QTableWidgetItem(text)
        item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
        if colour is not None:
            item.setBackground(colour)
        item.setToolTip(tip)
        self.setItem(row, self.expected_column + 1 + variant, item)

    def show_running(self, variant: int, row: int) -> None:
        self._filling = True
        self.results.pop((row, variant), None)
        self._set_result_item(row, variant, "…", None, "")
        self._filling = False

    def show_result(self, cell: CellResult) -> None:
        if cell.row < 0 or cell.row >= self.rowCount() or cell.variant >= len(self.variant_names):
            return
        self._filling = True
        self.results[(cell.row, cell.variant)] = cell
        self._set_result_item(cell.row, cell.variant, *self._words(cell))
        self._filling = False

    def _words(self, cell: CellResult) -> tuple[str, QColor | None, str]:
        """What a result cell shows: its text, its colour and its tooltip."""
        if cell.error:
            return self.tr("error"), FAIL, say(cell.error)
        if cell.passed is None:
            status = {CellStatus.STOPPED: self.tr("stopped"), CellStatus.FAILED: self.tr("failed")}.get(
                cell.status, self.tr("done"))
            return status, None, cell.reply
        mark = "✓ " if cell.passed else "✗ "
        return mark + cell.reply.replace("\n", " ")[:60], PASS if cell.passed else FAIL, cell.reply

    @Slot(QTableWidgetItem)
    def _on_item_changed(self, item: QTableWidgetItem) -> None:
        if not self._filling and item.column() <= self.expected_column:
            self.rows_edited.emit()
