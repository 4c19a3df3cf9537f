"""A scatter of the sentences on the embeddings map, drawn with QPainter: one numbered dot per sentence,
and for the chosen one its words and lines to its nearest neighbours.

Only the chosen sentence's words are drawn: sentences that mean the same lie on top of each other
(that is the point of the map), and their labels would too. The list beside the map gives every number
its sentence.

Coordinates come from ``representations.vector_map.pca_2d``; the view scales them to fit, keeping one
scale for both axes, so distances on the screen compare like the distances they stand for. Its size
hints never depend on the sentences (long labels are cut), so the tab keeps fitting the screen.
"""
from __future__ import annotations

import numpy as np
from PySide6.QtCore import QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFontMetrics, QPainter, QPalette, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from desktop_app.i18n.retranslate import Text, keep_translated, say

MARGIN = 28
DOT = 5
LABEL_CHARS = 28


class EmbeddingMapView(QWidget):
    point_clicked = Signal(int)

    def __init__(self, placeholder: Text = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.placeholder = placeholder
        self.points = np.zeros((0, 2))
        self.labels: list[str] = []
        self.selected = -1
        self.neighbours: list[int] = []
        self.axis_titles = ("", "")
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMouseTracking(False)
        keep_translated(self, self.update)

    def minimumSizeHint(self) -> QSize:  # noqa: N802 (Qt's name)
        return QSize(200, 160)

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt's name)
        return QSize(420, 320)

    def show_map(self, points: np.ndarray, labels: list[str], axis_titles: tuple[str, str] = ("", "")) -> None:
        self.points = np.asarray(points, dtype=float).reshape(-1, 2)
        self.labels = list(labels)
        self.axis_titles = axis_titles
        if self.selected >= len(self.labels):
            self.selected, self.neighbours = -1, []
        self.update()

    def select(self, index: int, neighbours: list[int]) -> None:
        self.selected, self.neighbours = index, list(neighbours)
        self.update()

    # ---- geometry ---------------------------------------------------------------------------
    def _area(self) -> QRectF:
        return QRectF(self.rect()).adjusted(MARGIN, MARGIN / 2, -MARGIN, -MARGIN)

    def screen_positions(self) -> np.ndarray:
        """Where each sentence's dot is drawn (pixels), one scale for both axes."""
        if not len(self.points):
            return np.zeros((0, 2))
        area = self._area()
        low, high = self.points.min(axis=0), self.points.max(axis=0)
        centre = (low + high) / 2
        span = float(max(high[0] - low[0], high[1] - low[1], 1e-9))
        scale = min(area.width(), area.height()) / span * 0.9
        x = area.center().x() + (self.points[:, 0] - centre[0]) * scale
        y = area.center().y() - (self.points[:, 1] - centre[1]) * scale  # up is positive
        return np.stack([x, y], axis=1)

    def index_at(self, x: float, y: float, reach: float = 14.0) -> int:
        positions = self.screen_positions()
        if not len(positions):
            return -1
        distances = np.hypot(positions[:, 0] - x, positions[:, 1] - y)
        nearest = int(np.argmin(distances))
        return nearest if distances[nearest] <= reach else -1

    def mousePressEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        index = self.index_at(event.position().x(), event.position().y())
        if index >= 0:
            self.point_clicked.emit(index)
        super().mousePressEvent(event)

    # ---- drawing ----------------------------------------------------------------------------
    def paintEvent(self, _event) -> None:  # noqa: N802 (Qt's name)
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        palette = self.palette()
        painter.fillRect(self.rect(), palette.color(QPalette.ColorRole.Base))
        text_colour = palette.color(QPalette.ColorRole.Text)
        if not len(self.points):
            painter.setPen(text_colour)
            painter.drawText(self.rect().adjusted(12, 12, -12, -12), int(Qt.AlignmentFlag.AlignCenter)
                             | int(Qt.TextFlag.TextWordWrap), say(self.placeholder))
            return
        area = self._area()
        faint = QColor(text_colour)
        faint.setAlpha(70)
        painter.setPen(QPen(faint, 1, Qt.PenStyle.DashLine))
        painter.drawLine(QPointF(area.left(), area.center().y()), QPointF(area.right(), area.center().y()))
        painter.drawLine(QPointF(area.center().x(), area.top()), QPointF(area.center().x(), area.bottom()))
        painter.setPen(text_colour)
        metrics = QFontMetrics(self.font())
        painter.drawText(QRectF(area.left(), area.bottom() + 4, area.width(), metrics.height()),
                         int(Qt.AlignmentFlag.AlignRight), self.axis_titles[0])
        painter.save()
        painter.translate(area.left() - 6, area.top())
        painter.rotate(-90)
        painter.drawText(QRectF(-area.height(), -metrics.height(), area.height(), metrics.height()),
                         int(Qt.AlignmentFlag.AlignRight), self.axis_titles[1])
        painter.restore()
        positions = self.screen_positions()
        highlight = palette.color(QPalette.ColorRole.Highlight)
        if 0 <= self.selected < len(positions):
            painter.setPen(QPen(highlight, 2))
            for other in self.neighbours:
                if 0 <= other < len(positions):
                    painter.drawLine(QPointF(*positions[self.selected]), QPointF(*positions[other]))
        for index, (x, y) in enumerate(positions):
            chosen = index == self.selected
            painter.setPen(QPen(text_colour, 1))
            painter.setBrush(highlight if chosen or index in self.neighbours else text_colour)
            radius = DOT + 2 if chosen else DOT
            painter.drawEllipse(QPointF(x, y), radius, radius)
            label = self.labels[index] if chosen and index < len(self.labels) else ""
            short = label if len(label) <= LABEL_CHARS else label[:LABEL_CHARS - 1] + "…"
            text = f"{index + 1}. {short}" if short else str(index + 1)
            width = metrics.horizontalAdvance(text)
            left = x + DOT + 3 if x + DOT + 3 + width <= self.width() else max(0.0, x - DOT - 3 - width)
            painter.drawText(QPointF(left, y + metrics.ascent() / 2 - 1), text)
        painter.end()
