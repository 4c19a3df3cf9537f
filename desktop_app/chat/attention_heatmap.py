"""Painting attention: a token × token heat-map, and a grid of small maps, one per head.

Row *i* is where token *i* looks: its weights over tokens 0..*i* (darker = more attention). The maps are
painted from a QImage made once per matrix, so a 300-token map repaints at once; labels appear where
the cells are tall enough to read them (always in the larger window, which gives every cell room).
"""
from __future__ import annotations

import numpy as np
from PySide6.QtCore import QPoint, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFontMetrics, QImage, QPainter, QPalette, QPen
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from desktop_app.widgets import palette
from desktop_app.widgets.token_text import visible_token

LOW = np.array([255, 255, 255], dtype=np.float32)  # no attention
HIGH = np.array([13, 71, 161], dtype=np.float32)  # all of it


def token_caption(token) -> str:
    """A token as the views show it: the whole characters it completes, else its own label (bytes)."""
    return visible_token(token.piece if token.piece else token.text)


def heat_image(matrix: np.ndarray) -> QImage:
    """White → dark blue. A square root spreads the small weights most heads use, so patterns show."""
    weights = np.sqrt(np.clip(np.asarray(matrix, dtype=np.float32), 0.0, 1.0))[..., None]
    rgb = (LOW + (HIGH - LOW) * weights).astype(np.uint8)
    rgb = np.ascontiguousarray(rgb)
    height, width = rgb.shape[:2]
    image = QImage(rgb.data, width, height, 3 * width, QImage.Format.Format_RGB888)
    return image.copy()  # owns its pixels once the array is gone


class AttentionHeatmap(QWidget):
    """One head's (or the heads' mean) attention. Click a row: that token is selected, and its row framed."""

    row_clicked = Signal(int)

    def __init__(self, parent: QWidget | None = None, cell: int = 0) -> None:
        super().__init__(parent)
        self.cell = cell  # fixed cell size in pixels (the larger window); 0: fit the widget
        self.matrix: np.ndarray | None = None
        self.labels: list[str] = []
        self.selected_row: int | None = None
        self._image: QImage | None = None
        self.setMouseTracking(True)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

    def set_matrix(self, matrix: np.ndarray | None, labels: list[str]) -> None:
        self.matrix = None if matrix is None else np.asarray(matrix, dtype=np.float32)
        self.labels = labels
        self._image = None if matrix is None else heat_image(self.matrix)
        if self.selected_row is not None and (self.matrix is None or self.selected_row >= len(self.matrix)):
            self.selected_row = None
        self.updateGeometry()
        self.update()

    def select_row(self, row: int | None) -> None:
        self.selected_row = row
        self.update()

    # ---- geometry -------------------------------------------------------------------
    def _margin(self) -> int:
        """Room for the labels, when the cells are tall enough to read them."""
        return self._margin_for(self._cell_size())

    def _cell_size(self) -> float:
        n = len(self.matrix) if self.matrix is not None else 0
        if n == 0:
            return 0.0
        if self.cell:
            return float(self.cell)
        return max(1.0, min(self.width(), self.height()) / n)

    def map_rect(self) -> QRectF:
        n = len(self.matrix) if self.matrix is not None else 0
        if n == 0:
            return QRectF()
        if self.cell:
            margin = self._margin()
            return QRectF(margin, margin, n * self.cell, n * self.cell)
        side = min(self.width(), self.height())
        margin = self._margin_for(side / n)
        side = min(self.width(), self.height()) - margin
        return QRectF(margin, margin, side, side)

    def _margin_for(self, cell: float) -> int:
        metrics = QFontMetrics(self.font())
        if not self.labels or cell < metrics.height() * 0.8:
            return 0
        return min(140, max(metrics.horizontalAdvance(label) for label in self.labels) + 8)

    def row_at(self, point: QPoint) -> tuple[int, int] | None:
        rect = self.map_rect()
        if rect.isEmpty() or not rect.contains(point.toPointF()):
            return None
        n = len(self.matrix)
        row = int((point.y() - rect.top()) / rect.height() * n)
        column = int((point.x() - rect.left()) / rect.width() * n)
        return min(row, n - 1), min(column, n - 1)

    def sizeHint(self) -> QSize:
        if self.cell and self.matrix is not None:
            side = len(self.matrix) * self.cell + self._margin()
            return QSize(side, side)
        return QSize(240, 240)

    def minimumSizeHint(self) -> QSize:
        return self.sizeHint() if self.cell and self.matrix is not None else QSize(120, 120)

    def hasHeightForWidth(self) -> bool:
        return not self.cell

    def heightForWidth(self, width: int) -> int:
        return width

    # ---- events ----------------------------------------------------------------------
    def mousePressEvent(self, event) -> None:
        hit = self.row_at(event.position().toPoint())
        if hit is not None:
            self.select_row(hit[0])
            self.row_clicked.emit(hit[0])
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event) -> None:
        hit = self.row_at(event.position().toPoint())
        if hit is not None and self.labels:
            row, column = hit
            weight = float(self.matrix[row, column])
            QToolTip.showText(event.globalPosition().toPoint(),
                              f"“{self.labels[row]}” → “{self.labels[column]}”: {weight:.1%}", self)
        super().mouseMoveEvent(event)

    def paintEvent(self, event) -> None:
        painter = QPainter(self)
        rect = self.map_rect()
        if self._image is None or rect.isEmpty():
            painter.end()
            return
        painter.drawImage(rect, self._image)
        n = len(self.matrix)
        cell = rect.height() / n
        text_colour = self.palette().color(QPalette.ColorRole.WindowText)
        if rect.left() > 0:  # labels fit: tokens down the left, and across the top for the columns
            painter.setPen(text_colour)
            for i, label in enumerate(self.labels):
                painter.drawText(QRectF(0, rect.top() + i * cell, rect.left() - 4, cell),
                                 Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, label)
                painter.save()
                painter.translate(rect.left() + i * cell, rect.top() - 4)
                painter.rotate(-90)
                painter.drawText(QRectF(0, 0, rect.top() - 4, cell),
                                 Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, label)
                painter.restore()
        if self.selected_row is not None:
            painter.setPen(QPen(QColor(palette.PLAYHEAD), 2))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRect(QRectF(rect.left(), rect.top() + self.selected_row * cell, rect.width(), max(cell, 2.0)))
        painter.end()


class HeadGrid(QWidget):
    """Every head of one layer as a small map, to spot the ones with a pattern (the diagonal: "look at
    myself"; the first column: "look at the start"; one step left: "look at the previous token")."""

    head_clicked = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.images: list[QImage] = []
        self.selected: int | None = None  # None: the mean of the heads is shown above
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)

    def set_heads(self, heads: np.ndarray | None) -> None:
        self.images = [] if heads is None else [heat_image(head) for head in heads]
        self.updateGeometry()
        self.update()

    def select(self, head: int | None) -> None:
        self.selected = head
        self.update()

    def _columns(self) -> int:
        return max(1, min(len(self.images), max(1, self.width() // 72)))

    def _tile(self) -> float:
        return self.width() / self._columns()

    def tile_rect(self, head: int) -> QRectF:
        columns, tile = self._columns(), self._tile()
        return QRectF((head % columns) * tile + 2, (head // columns) * tile + 2, tile - 4, tile - 4)

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        if not self.images:
            return 0
        columns = max(1, min(len(self.images), max(1, width // 72)))
        rows = -(-len(self.images) // columns)
        return int(rows * width / columns)

    def sizeHint(self) -> QSize:
        return QSize(240, self.heightForWidth(240))

    def mousePressEvent(self, event) -> None:
        for head in range(len(self.images)):
            if self.tile_rect(head).contains(event.position()):
                self.select(head)
                self.head_clicked.emit(head)
                break
        super().mousePressEvent(event)

    def paintEvent(self, event) -> None:
        painter = QPainter(self)
        text_colour = self.palette().color(QPalette.ColorRole.WindowText)
        for head, image in enumerate(self.images):
            rect = self.tile_rect(head)
            painter.drawImage(rect, image)
            painter.setPen(QPen(QColor(palette.PLAYHEAD), 3) if head == self.selected else QPen(text_colour, 1))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRect(rect)
            painter.setPen(text_colour)
            painter.drawText(rect.adjusted(3, 1, 0, 0), Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop,
                             str(head + 1))
        painter.end()
