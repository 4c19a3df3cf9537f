"""Bars for the next-token distribution at one step: the chosen token and its strongest rivals."""
from __future__ import annotations

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFontMetrics, QPainter, QPalette
from PySide6.QtWidgets import QLabel, QSizePolicy, QVBoxLayout, QWidget

from desktop_app.i18n.retranslate import keep_translated
from desktop_app.widgets import palette
from desktop_app.widgets.token_text import visible_token
from model_backend.chat.chat_types import TokenStep


class ProbabilityBars(QWidget):
    ROW_HEIGHT = 22

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.step: TokenStep | None = None
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def set_step(self, step: TokenStep | None) -> None:
        self.step = step
        self.updateGeometry()
        self.update()

    def rows(self) -> list[tuple[str, float, bool]]:
        """(label, probability, is the chosen token) for each bar, strongest first."""
        if self.step is None:
            return []
        rows = [(visible_token(c.text), c.probability, c.token_id == self.step.token_id) for c in self.step.candidates]
        if not any(chosen for _, _, chosen in rows):
            rows.append((visible_token(self.step.text), self.step.probability, True))
        return rows

    def sizeHint(self) -> QSize:
        return QSize(260, max(1, len(self.rows())) * self.ROW_HEIGHT + 4)

    def paintEvent(self, event) -> None:
        painter = QPainter(self)
        metrics = QFontMetrics(self.font())
        label_width = min(self.width() // 2, 120)
        text_colour = self.palette().color(QPalette.ColorRole.WindowText)
        for row, (label, probability, chosen) in enumerate(self.rows()):
            top = row * self.ROW_HEIGHT + 2
            painter.setPen(text_colour)
            text = metrics.elidedText(label, Qt.TextElideMode.ElideRight, label_width - 6)
            painter.drawText(QRectF(0, top, label_width - 6, self.ROW_HEIGHT - 4),
                             Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, text)
            bar_space = self.width() - label_width - 52
            bar = QRectF(label_width, top + 3, max(1.0, bar_space * probability), self.ROW_HEIGHT - 10)
            painter.fillRect(bar, QColor(palette.CHOSEN_TOKEN_BAR if chosen else palette.OTHER_TOKEN_BAR))
            painter.drawText(QRectF(label_width + bar_space + 4, top, 48, self.ROW_HEIGHT - 4),
                             Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, f"{probability:.1%}")
        painter.end()


class NextTokenView(QWidget):
    """Explains one step of generation: which token was chosen, how likely it was, what else was likely."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.caption = QLabel(self)
        self.caption.setWordWrap(True)
        self.bars = ProbabilityBars(self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.caption)
        layout.addWidget(self.bars)
        layout.addStretch(1)
        self.step: TokenStep | None = None
        self.live = False
        keep_translated(self, self._retranslate)

    def show_step(self, step: TokenStep | None, live: bool = False) -> None:
        self.step, self.live = step, live
        self.bars.set_step(step)
        self._retranslate()

    def _retranslate(self) -> None:
        step = self.step
        self.bars.setToolTip(self.tr("The bars are the probabilities the model gave its likeliest next tokens; "
                                     "the highlighted one is the token it chose."))
        if step is None:
            self.caption.setText(self.tr("Send a message, then click any word of the reply to see "
                                         "which tokens the model considered at that point."))
            return
        values = {"n": step.index + 1, "token": visible_token(step.text), "p": f"{step.probability:.1%}"}
        if self.live:
            self.caption.setText(self.tr("Now generating token #{n}: the model chose “{token}” with probability {p}. "
                                         "Its top candidates were:").format(**values))
        else:
            self.caption.setText(self.tr("Reply token #{n}: the model chose “{token}” with probability {p}. "
                                         "Its top candidates were:").format(**values))
