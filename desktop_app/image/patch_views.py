"""Two views of a picture cut into patches (``representations.image_patches``): the grid on the picture,
and the same patches as the sequence of tokens a Vision Transformer reads, after [CLS].

Clicking a patch in either view marks it in both, so the student sees that patch 15 of the sequence is
the second row's first square. Size hints never depend on the picture, so the tab keeps fitting.
"""
from __future__ import annotations

import numpy as np
from PySide6.QtCore import QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFontMetrics, QImage, QPainter, QPalette, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from desktop_app.i18n.retranslate import Text, keep_translated, say
from desktop_app.widgets.image_view import to_qimage
from model_backend.representations.image_patches import PatchGrid

CELL = 30  # a patch in the sequence, drawn this many pixels wide (zoomed views scale with the font)


class PatchGridView(QWidget):
    """The square picture the model sees, with its patch grid (and, when given, a heat map on it)."""

    patch_clicked = Signal(int)

    def __init__(self, placeholder: Text = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.placeholder = placeholder
        self.grid: PatchGrid | None = None
        self.picture: QImage | None = None
        self.selected = -1
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        keep_translated(self, self.update)

    def minimumSizeHint(self) -> QSize:  # noqa: N802 (Qt's name)
        return QSize(160, 160)

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt's name)
        return QSize(320, 320)

    def show_grid(self, grid: PatchGrid | None, overlay: np.ndarray | None = None) -> None:
        """``overlay``: the picture to draw instead of ``grid.image`` (the same size: a heat map on it)."""
        self.grid = grid
        self.picture = to_qimage(overlay if overlay is not None else grid.image) if grid is not None else None
        if grid is None or self.selected >= grid.count:
            self.selected = -1
        self.update()

    def select(self, index: int) -> None:
        self.selected = index
        self.update()

    def _square(self) -> QRectF:
        side = max(1.0, min(self.width(), self.height()) - 8.0)
        return QRectF((self.width() - side) / 2, (self.height() - side) / 2, side, side)

    def index_at(self, x: float, y: float) -> int:
        if self.grid is None:
            return -1
        square = self._square()
        if not square.contains(x, y):
            return -1
        column = int((x - square.left()) / square.width() * self.grid.columns)
        row = int((y - square.top()) / square.height() * self.grid.rows)
        return min(row, self.grid.rows - 1) * self.grid.columns + min(column, self.grid.columns - 1)

    def mousePressEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        index = self.index_at(event.position().x(), event.position().y())
        if index >= 0:
            self.patch_clicked.emit(index)
        super().mousePressEvent(event)

    def paintEvent(self, _event) -> None:  # noqa: N802 (Qt's name)
        painter = QPainter(self)
        palette = self.palette()
        painter.fillRect(self.rect(), palette.color(QPalette.ColorRole.Base))
        if self.grid is None or self.picture is None:
            painter.setPen(palette.color(QPalette.ColorRole.Text))
            painter.drawText(self.rect().adjusted(10, 10, -10, -10),
                             int(Qt.AlignmentFlag.AlignCenter) | int(Qt.TextFlag.TextWordWrap), say(self.placeholder))
            return
        square = self._square()
        painter.drawImage(square, self.picture)
        step_x, step_y = square.width() / self.grid.columns, square.height() / self.grid.rows
        painter.setPen(QPen(QColor(255, 255, 255, 170), 1))
        for k in range(1, self.grid.columns):
            painter.drawLine(square.left() + k * step_x, square.top(), square.left() + k * step_x, square.bottom())
        for k in range(1, self.grid.rows):
            painter.drawLine(square.left(), square.top() + k * step_y, square.right(), square.top() + k * step_y)
        metrics = QFontMetrics(self.font())
        if step_x >= metrics.horizontalAdvance("000") + 4:  # numbers only where they fit
            painter.setPen(QColor(255, 255, 255))
            for index in range(self.grid.count):
                row, column = self.grid.position(index)
                painter.drawText(QRectF(square.left() + column * step_x + 2, square.top() + row * step_y + 1,
                                        step_x, metrics.height()), str(index + 1))
        if self.selected >= 0:
            row, column = self.grid.position(self.selected)
            painter.setPen(QPen(palette.color(QPalette.ColorRole.Highlight), 3))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRect(QRectF(square.left() + column * step_x, square.top() + row * step_y, step_x, step_y))
        painter.end()


class PatchSequenceView(QWidget):
    """[CLS] then every patch, numbered, in the order the transformer reads them; rows wrap to the width."""

    patch_clicked = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.patches: list[QImage] = []
        self.weights: np.ndarray | None = None  # [CLS]'s attention per patch, when known
        self.selected = -1
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)

    def _cell(self) -> tuple[int, int]:
        metrics = QFontMetrics(self.font())
        width = max(CELL, metrics.horizontalAdvance("[CLS]") + 4, metrics.horizontalAdvance("0000") + 4)
        return width, width + metrics.height() + 2

    def _per_row(self) -> int:
        return max(1, (self.width() - 4) // (self._cell()[0] + 4))

    def _height_for(self, count: int) -> int:
        _, height = self._cell()
        rows = -(-count // self._per_row()) if count else 1
        return rows * (height + 4) + 4

    def minimumSizeHint(self) -> QSize:  # noqa: N802 (Qt's name)
        return QSize(self._cell()[0] * 3, self._height_for(len(self.patches) + 1))

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt's name)
        return QSize(400, self._height_for(len(self.patches) + 1))

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        super().resizeEvent(event)
        self.updateGeometry()  # the rows wrap differently: the scroll area asks for the new height

    def show_patches(self, grid: PatchGrid | None, weights: np.ndarray | None = None) -> None:
        self.patches = [to_qimage(p) for p in grid.patches] if grid is not None else []
        self.weights = None if weights is None else np.asarray(weights, dtype=float).ravel()
        if self.selected >= len(self.patches):
            self.selected = -1
        self.updateGeometry()
        self.update()

    def select(self, index: int) -> None:
        self.selected = index
        self.update()

    def cell_rect(self, position: int) -> QRectF:
        """Where token ``position`` is drawn (0 is [CLS], 1 the first patch)."""
        width, height = self._cell()
        row, column = divmod(position, self._per_row())
        return QRectF(4 + column * (width + 4), 4 + row * (height + 4), width, height)

    def mousePressEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        for position in range(1, len(self.patches) + 1):
            if self.cell_rect(position).contains(event.position()):
                self.patch_clicked.emit(position - 1)
                break
        super().mousePressEvent(event)

    def paintEvent(self, _event) -> None:  # noqa: N802 (Qt's name)
        painter = QPainter(self)
        palette = self.palette()
        text = palette.color(QPalette.ColorRole.Text)
        highlight = palette.color(QPalette.ColorRole.Highlight)
        metrics = QFontMetrics(self.font())
        width, _ = self._cell()
        top_weight = float(self.weights.max()) if self.weights is not None and len(self.weights) else 0.0
        for position in range(len(self.patches) + 1):
            cell = self.cell_rect(position)
            square = QRectF(cell.left(), cell.top(), width, width)
            if position == 0:
                painter.setPen(QPen(text, 1))
                painter.setBrush(palette.color(QPalette.ColorRole.AlternateBase))
                painter.drawRect(square)
                painter.drawText(square, int(Qt.AlignmentFlag.AlignCenter), "[CLS]")
                label = "0"
            else:
                painter.drawImage(square, self.patches[position - 1])
                label = str(position)
                if self.weights is not None and top_weight > 0:  # a bar under the patch: how much [CLS] looks at it
                    share = float(self.weights[position - 1]) / top_weight
                    painter.fillRect(QRectF(square.left(), square.bottom() - 4, square.width() * share, 4),
                                     QColor(255, 200, 0))
                if position - 1 == self.selected:
                    painter.setPen(QPen(highlight, 3))
                    painter.setBrush(Qt.BrushStyle.NoBrush)
                    painter.drawRect(square)
            painter.setPen(text)
            painter.drawText(QRectF(cell.left(), square.bottom() + 1, width, metrics.height()),
                             int(Qt.AlignmentFlag.AlignCenter), label)
        painter.end()
