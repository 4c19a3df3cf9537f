"""A scatter of the sentences on the embeddings map, drawn with QPainter: one numbered dot per sentence with
its words beside it, and for the chosen one lines to its nearest neighbours.

Sentences that mean the same lie close together (that is the point of the map), so their labels would
cover each other: each label is cut to a short width (…) and placed greedily, the chosen sentence and its
neighbours first, beside its dot or nudged up or down (with a thin line back to the dot) where it does not
touch another label or dot; a label with no free place shrinks to its number, and else is left out. Hovering
a dot or a label shows the whole sentence; the list beside the map gives every number its sentence.

Coordinates come from ``representations.vector_map.pca_2d``; the view scales them to fit, keeping one
scale for both axes, so distances on the screen compare like the distances they stand for. Its size
hints never depend on the sentences (long labels are cut), so the tab keeps fitting the screen.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from PySide6.QtCore import QEvent, QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFontMetrics, QPainter, QPalette, QPen
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from desktop_app.i18n.retranslate import Text, keep_translated, say

MARGIN = 28
DOT = 5
LABEL_CHARS = 26  # a label's widest, in average characters (also at most 40 % of the map's width)
NUDGES = 3  # how many lines up or down a label may move away from its dot


@dataclass(frozen=True)
class PlacedLabel:
    index: int  # the sentence's place on the map (0-based)
    text: str  # "3. The cat is sleeping…" or just "3"
    rect: QRectF  # where it is drawn
    nudged: bool  # moved away from its dot: a thin line leads back


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
        self._labels_placed: list[PlacedLabel] | None = None  # kept until the map, its size or its font changes
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
        self._labels_placed = None
        self.update()

    def select(self, index: int, neighbours: list[int]) -> None:
        self.selected, self.neighbours = index, list(neighbours)
        self._labels_placed = None
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

    # ---- labels -----------------------------------------------------------------------------
    def _label_order(self) -> list[int]:
        """The chosen sentence first, then its neighbours, then the rest: they get the free places first."""
        first = [i for i in [self.selected, *self.neighbours] if 0 <= i < len(self.points)]
        return list(dict.fromkeys(first + list(range(len(self.points)))))

    def _label_texts(self, index: int, metrics: QFontMetrics) -> list[str]:
        number = str(index + 1)
        sentence = self.labels[index] if index < len(self.labels) else ""
        if not sentence:
            return [number]
        widest = min(metrics.averageCharWidth() * LABEL_CHARS, max(40.0, self.width() * 0.4))
        return [metrics.elidedText(f"{number}. {sentence}", Qt.TextElideMode.ElideRight, int(widest)), number]

    def label_layout(self) -> list[PlacedLabel]:
        """Each sentence's label, placed where it touches no other label and no dot (greedy, in
        ``_label_order``): beside its dot, else nudged a line or more up or down; a label that finds no free
        place is tried again as its number alone, and left out if that finds none either."""
        if self._labels_placed is None:
            self._labels_placed = self._place_labels()
        return self._labels_placed

    def _place_labels(self) -> list[PlacedLabel]:
        positions = self.screen_positions()
        if not len(positions):
            return []
        metrics = QFontMetrics(self.font())
        height = float(metrics.height())
        gap = DOT + 3.0
        bounds = QRectF(self.rect())
        dots = [QRectF(x - DOT - 1, y - DOT - 1, 2 * DOT + 2, 2 * DOT + 2) for x, y in positions]
        taken = self._axis_title_rects(metrics)  # the labels keep clear of the axes' titles too
        placed: list[PlacedLabel] = []
        for index in self._label_order():
            x, y = positions[index]
            for text in self._label_texts(index, metrics):
                width = float(metrics.horizontalAdvance(text)) + 2
                spot = self._free_spot(x, y, width, height, gap, bounds, dots, taken)
                if spot is not None:
                    rect, nudged = spot
                    taken.append(rect)
                    placed.append(PlacedLabel(index, text, rect, nudged))
                    break
        return sorted(placed, key=lambda label: label.index)

    def _axis_title_rects(self, metrics: QFontMetrics) -> list[QRectF]:
        area = self._area()
        across, up = (float(metrics.horizontalAdvance(title)) for title in self.axis_titles)
        height = float(metrics.height())
        return [QRectF(area.right() - across, area.bottom() + 4, across, height),
                QRectF(area.left() - 6 - height, area.top(), height, up)]

    @staticmethod
    def _free_spot(x: float, y: float, width: float, height: float, gap: float, bounds: QRectF,
                   dots: list[QRectF], taken: list[QRectF]) -> tuple[QRectF, bool] | None:
        top = y - height / 2
        candidates = [(QRectF(x + gap, top, width, height), False), (QRectF(x - gap - width, top, width, height), False),
                      (QRectF(x - width / 2, y - gap - height, width, height), False),
                      (QRectF(x - width / 2, y + gap, width, height), False)]
        for step in range(1, NUDGES + 1):
            for direction in (-1, 1):
                shifted = top + direction * step * height
                candidates += [(QRectF(x + gap, shifted, width, height), True),
                               (QRectF(x - gap - width, shifted, width, height), True)]
        for rect, nudged in candidates:
            if (bounds.contains(rect) and not any(rect.intersects(other) for other in taken)
                    and not any(rect.intersects(dot) for dot in dots)):
                return rect, nudged
        return None

    def label_at(self, x: float, y: float) -> int:
        for label in self.label_layout():
            if label.rect.contains(QPointF(x, y)):
                return label.index
        return -1

    def tooltip_at(self, x: float, y: float) -> str:
        """The whole sentence of the dot or label under (x, y), or ""."""
        index = self.index_at(x, y)
        if index < 0:
            index = self.label_at(x, y)
        if 0 <= index < len(self.labels):
            return f"{index + 1}. {self.labels[index]}"
        return ""

    # ---- events -----------------------------------------------------------------------------
    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        self._labels_placed = None
        super().resizeEvent(event)

    def changeEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        if event.type() == QEvent.Type.FontChange:  # a zoom: bigger labels need other places
            self._labels_placed = None
        super().changeEvent(event)

    def event(self, event) -> bool:  # noqa: A003 (Qt's name)
        if event.type() == QEvent.Type.ToolTip:
            text = self.tooltip_at(event.pos().x(), event.pos().y())
            if text:
                QToolTip.showText(event.globalPos(), text, self)
            else:
                QToolTip.hideText()
                event.ignore()
            return True
        return super().event(event)

    def mousePressEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        x, y = event.position().x(), event.position().y()
        index = self.index_at(x, y)
        if index < 0:
            index = self.label_at(x, y)  # a click on a sentence's words chooses it too
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
        for label in self.label_layout():
            x, y = positions[label.index]
            if label.nudged:  # a thin line back to its dot
                edge = label.rect.left() if label.rect.left() > x else label.rect.right()
                painter.setPen(QPen(faint, 1))
                painter.drawLine(QPointF(x, y), QPointF(edge, label.rect.center().y()))
            painter.setPen(highlight if label.index == self.selected else text_colour)
            painter.drawText(label.rect, int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter), label.text)
        painter.end()
