"""Columns that fit the list's width, so nothing needs a sideways scroll at 150 % zoom on a 1280×720 laptop.

Short columns (sizes, kinds, languages) keep the width of their content. Long ones (a model's title, what it
is for, a licence) share what is left: when everything fits each takes its content and one of them takes the
rest; when it does not, they give way one after the other, least needed first, down to a floor that still
shows their header word. Their text is then cut with "…" and whole in the cell's tooltip (and the details
pane). Done again whenever the list's width or font (zoom) changes, and after it is filled.
"""
from __future__ import annotations

import shiboken6
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView

FLOOR_CHARACTERS = 6  # a long column keeps at least this many average characters (or its header word)


class ColumnFit(QObject):
    def __init__(self, view: QAbstractItemView, shrink_order: tuple[tuple[int, int], ...], stretch: int) -> None:
        """``shrink_order``: the long columns as (column, characters it keeps while it can), the first to give
        way first; when that is not enough they give way again in the same order, down to their header word.
        ``stretch`` takes spare room."""
        super().__init__(view)
        self.view, self.shrink_order, self.stretch = view, shrink_order, stretch
        header = self.header()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(False)
        self._pending = False
        self._viewport = view.viewport()
        self._viewport.installEventFilter(self)
        view.installEventFilter(self)

    def header(self) -> QHeaderView:
        return self.view.horizontalHeader() if isinstance(self.view, QTableView) else self.view.header()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # only cheap checks here: this also sees the events of a view being destroyed
        kind = event.type()
        if (kind == QEvent.Type.Resize and watched is self._viewport) or \
                (kind in (QEvent.Type.FontChange, QEvent.Type.StyleChange) and watched is self.view):
            self.later()
        return False

    def later(self) -> None:
        """Fit once the current events are handled (a zoom changes fonts widget by widget)."""
        if not self._pending:
            self._pending = True
            QTimer.singleShot(0, self._fit_now)

    def _fit_now(self) -> None:
        self._pending = False
        if shiboken6.isValid(self.view):
            self.fit()

    def wanted(self, column: int) -> int:
        return max(self.view.sizeHintForColumn(column), self.header().sectionSizeHint(column))

    def fit(self) -> None:
        header = self.header()
        count = header.count()
        if count == 0:
            return
        widths = {column: self.wanted(column) for column in range(count)}
        room = self.view.viewport().width()
        over = sum(widths.values()) - room
        character = self.view.fontMetrics().averageCharWidth()
        for keep in (None, FLOOR_CHARACTERS):  # first down to each column's comfortable width, then further
            for column, comfortable in self.shrink_order:
                if over <= 0:
                    break
                lowest = max(character * (keep or comfortable), header.sectionSizeHint(column))
                give = min(over, max(0, widths[column] - lowest))
                widths[column] -= give
                over -= give
        if over < 0:
            widths[self.stretch] -= over  # the spare room
        for column, width in widths.items():
            header.resizeSection(column, width)
