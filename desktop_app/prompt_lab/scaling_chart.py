"""Accuracy against parameter count, on a log axis: the scaling-law lesson on the student's own test table.

Shown under the accuracy bars when a scored run covers models of one family in at least two sizes (e.g.
SmolLM2-135M and -360M); the counts are read from the models' files (``prompt_lab.model_scale``). A log axis
because model sizes grow by factors: each grid line is ten times the one before.
"""
from __future__ import annotations

import math

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPalette, QPen
from PySide6.QtWidgets import QLabel, QSizePolicy, QVBoxLayout, QWidget

from desktop_app.i18n.retranslate import keep_translated
from desktop_app.widgets import palette
from model_backend.prompt_lab.model_scale import ScalingPoint


def short_count(parameters: float) -> str:
    """135000000 → "135M", 1.7e9 → "1.7B": the way model sizes are named."""
    for scale, suffix in ((1e12, "T"), (1e9, "B"), (1e6, "M"), (1e3, "K")):
        if parameters >= scale:
            return f"{parameters / scale:.3g}{suffix}"
    return f"{parameters:.0f}"


class _Plot(QWidget):
    """The plot itself: x = log10(parameters) over whole decades, y = accuracy 0–100 %, points joined by size."""

    MARGIN_LEFT, MARGIN_BOTTOM, MARGIN_TOP, MARGIN_RIGHT = 44, 22, 8, 16

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.points: list[ScalingPoint] = []
        self.setMinimumHeight(140)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def sizeHint(self) -> QSize:
        return QSize(320, 160)

    def decades(self) -> tuple[int, int]:
        """The whole powers of ten around the points (at least one decade wide)."""
        logs = [math.log10(p.parameters) for p in self.points]
        low, high = math.floor(min(logs)), math.ceil(max(logs))
        return low, max(high, low + 1)

    def position(self, point: ScalingPoint) -> QPointF:
        """Where a point is drawn, in widget pixels."""
        low, high = self.decades()
        area = self._area()
        x = area.left() + area.width() * (math.log10(point.parameters) - low) / (high - low)
        y = area.bottom() - area.height() * point.accuracy
        return QPointF(x, y)

    def _area(self) -> QRectF:
        return QRectF(self.MARGIN_LEFT, self.MARGIN_TOP, max(1, self.width() - self.MARGIN_LEFT - self.MARGIN_RIGHT),
                      max(1, self.height() - self.MARGIN_TOP - self.MARGIN_BOTTOM))

    def paintEvent(self, event) -> None:
        if not self.points:
            return
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        text = self.palette().color(QPalette.ColorRole.WindowText)
        area, (low, high) = self._area(), self.decades()
        painter.setPen(QPen(QColor(palette.CHART_TRACK), 1))
        for share in (0.0, 0.5, 1.0):
            y = area.bottom() - area.height() * share
            painter.drawLine(QPointF(area.left(), y), QPointF(area.right(), y))
        for decade in range(low, high + 1):
            x = area.left() + area.width() * (decade - low) / (high - low)
            painter.setPen(QPen(QColor(palette.CHART_TRACK), 1))
            painter.drawLine(QPointF(x, area.top()), QPointF(x, area.bottom()))
            painter.setPen(text)
            painter.drawText(QRectF(x - 30, area.bottom() + 2, 60, self.MARGIN_BOTTOM - 2),
                             Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop, short_count(10 ** decade))
        painter.setPen(text)
        for share in (0.0, 0.5, 1.0):
            y = area.bottom() - area.height() * share
            painter.drawText(QRectF(0, y - 9, self.MARGIN_LEFT - 4, 18),
                             Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, f"{share:.0%}")
        placed = [self.position(p) for p in self.points]
        painter.setPen(QPen(QColor(palette.CHART_BAR), 2))
        for start, end in zip(placed, placed[1:]):
            painter.drawLine(start, end)
        painter.setBrush(QColor(palette.CHART_BAR))
        for point, where in zip(self.points, placed):
            painter.drawEllipse(where, 4, 4)
            painter.setPen(text)
            painter.drawText(QRectF(where.x() + 6, where.y() - 18, 160, 16), Qt.AlignmentFlag.AlignLeft,
                             f"{short_count(point.parameters)} · {point.accuracy:.0%}")
            painter.setPen(QPen(QColor(palette.CHART_BAR), 2))
        painter.end()


class ScalingChart(QWidget):
    """A caption in the course's words, then the plot; hidden until a family has two sizes scored."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.family = ""
        self.caption = QLabel(self)
        self.caption.setWordWrap(True)
        self.plot = _Plot(self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.caption)
        layout.addWidget(self.plot)
        self.setVisible(False)
        keep_translated(self, self._retranslate)

    @property
    def points(self) -> list[ScalingPoint]:
        return self.plot.points

    def _retranslate(self) -> None:
        self.caption.setText(self.tr(
            "Scaling: accuracy of the {family} models against their parameter count, on a log axis (each grid line is "
            "ten times the one before). Scaling laws say that, within one family trained the same way, larger models "
            "usually make fewer mistakes.").format(family=self.family))
        lines = [self.tr("{variant} ({model}): {parameters} parameters, {share} correct").format(
            variant=p.label, model=p.model_name, parameters=short_count(p.parameters), share=f"{p.accuracy:.0%}")
            for p in self.points]
        self.plot.setToolTip("\n".join(lines))

    def set_points(self, family: str, points: list[ScalingPoint]) -> None:
        """Plot ``points``; hidden unless they cover at least two model sizes."""
        self.family, self.plot.points = family, list(points)
        self.setVisible(len({p.parameters for p in points}) >= 2)
        self._retranslate()
        self.plot.update()
