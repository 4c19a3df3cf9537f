"""The scored-run table: inputs and expected answers (editable), then one pass/fail column per variant."""
from __future__ import annotations

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QHeaderView, QTableWidget, QTableWidgetItem, QWidget

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
        self.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.horizontalHeader().setStretchLastSection(True)
        self.itemChanged.connect(self._on_item_changed)

    @property
    def expected_column(self) -> int:
        return len(self.input_names)

    def show_rows(self, rows: list[TableRow], variant_names: list[str]) -> None:
        self._filling = True
        self.input_names = list(dict.fromkeys(name for row in rows for name in row.values))
        self.variant_names = variant_names
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
        self._set_result_item(row, variant, "…", None, "")
        self._filling = False

    def show_result(self, cell: CellResult) -> None:
        if cell.row < 0 or cell.row >= self.rowCount() or cell.variant >= len(self.variant_names):
            return
        self._filling = True
        if cell.error:
            self._set_result_item(cell.row, cell.variant, self.tr("error"), FAIL, cell.error)
        elif cell.passed is None:
            status = {CellStatus.STOPPED: self.tr("stopped"), CellStatus.FAILED: self.tr("failed")}.get(
                cell.status, self.tr("done"))
            self._set_result_item(cell.row, cell.variant, status, None, cell.reply)
        else:
            mark = "✓ " if cell.passed else "✗ "
            self._set_result_item(cell.row, cell.variant, mark + cell.reply.replace("\n", " ")[:60],
                                  PASS if cell.passed else FAIL, cell.reply)
        self._filling = False

    @Slot(QTableWidgetItem)
    def _on_item_changed(self, item: QTableWidgetItem) -> None:
        if not self._filling and item.column() <= self.expected_column:
            self.rows_edited.emit()
