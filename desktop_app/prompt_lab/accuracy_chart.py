"""Bars of accuracy per variant: the lesson (few-shot or chain-of-thought beating zero-shot) at a glance."""
from __future__ import annotations

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPalette
from PySide6.QtWidgets import QSizePolicy, QWidget

from desktop_app.i18n.retranslate import keep_translated
from desktop_app.widgets import palette


class AccuracyChart(QWidget):
    ROW = 24

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.bars: list[tuple[str, int, int]] = []  # (label, passed, scored)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        keep_translated(self, self._retranslate)

    def _retranslate(self) -> None:
        """The tooltip says what the bars show, and each variant's accuracy in words."""
        lines = [self.tr("Accuracy: the share of the scored rows whose reply passed the check")]
        for label, passed, scored in self.bars:
            lines.append(self.tr("{variant}: {share} ({passed} of {scored} correct)").format(
                variant=label, share=f"{passed / scored:.0%}", passed=passed, scored=scored) if scored else
                self.tr("{variant}: not scored yet").format(variant=label))
        self.setToolTip("\n".join(lines))

    def set_bars(self, bars: list[tuple[str, int, int]]) -> None:
        self.bars = bars
        self._retranslate()
        self.updateGeometry()
        self.update()

    def sizeHint(self) -> QSize:
        return QSize(300, max(1, len(self.bars)) * self.ROW + 6)

    def paintEvent(self, event) -> None:
        painter = QPainter(self)
        label_width = min(220, self.width() // 3)
        painter.setPen(self.palette().color(QPalette.ColorRole.WindowText))
        for index, (label, passed, scored) in enumerate(self.bars):
            top = index * self.ROW + 3
            shown = self.fontMetrics().elidedText(label, Qt.TextElideMode.ElideMiddle, label_width - 8)
            painter.drawText(QRectF(0, top, label_width - 6, self.ROW - 4),
                             Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, shown)
            space = self.width() - label_width - 90
            share = passed / scored if scored else 0.0
            painter.fillRect(QRectF(label_width, top + 3, space, self.ROW - 10), QColor(palette.CHART_TRACK))
            painter.fillRect(QRectF(label_width, top + 3, max(1.0, space * share), self.ROW - 10), QColor(palette.CHART_BAR))
            text = f"{share:.0%} ({passed}/{scored})" if scored else "–"
            painter.drawText(QRectF(label_width + space + 6, top, 84, self.ROW - 4),
                             Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, text)
        painter.end()
