"""A one-line label that cuts long text with "…" and keeps all of it in the tooltip.

For names the app does not choose (model folders, files): a plain QLabel asks for its whole text's
width, so one long name could push the window past a 1280 px classroom screen.
"""
from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import QLabel, QSizePolicy, QWidget

MINIMUM_WIDTH = 80
PREFERRED_WIDTH = 260


class ElidedLabel(QLabel):
    def __init__(self, text: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self.setText(text)

    def setText(self, text: str) -> None:  # noqa: N802 - Qt's name
        super().setText(text)
        self.setToolTip(text)
        self.updateGeometry()

    def minimumSizeHint(self) -> QSize:
        return QSize(MINIMUM_WIDTH, super().minimumSizeHint().height())

    def sizeHint(self) -> QSize:
        natural = super().sizeHint()
        return QSize(min(natural.width(), PREFERRED_WIDTH), natural.height())

    def paintEvent(self, event) -> None:
        painter = QPainter(self)
        shown = self.fontMetrics().elidedText(self.text(), Qt.TextElideMode.ElideRight, self.contentsRect().width())
        painter.drawText(self.contentsRect(), int(self.alignment() | Qt.AlignmentFlag.AlignVCenter), shown)
