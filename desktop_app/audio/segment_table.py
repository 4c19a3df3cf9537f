"""Whisper's segments as a table (start, end, text); clicking a row asks to play from its start."""
from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableWidget, QTableWidgetItem, QWidget

from desktop_app.i18n.retranslate import keep_translated
from model_backend.audio.audio_types import Segment


def clock(seconds: float) -> str:
    minutes, secs = divmod(max(0.0, seconds), 60)
    return f"{int(minutes)}:{secs:04.1f}"


class SegmentTable(QTableWidget):
    play_requested = Signal(float)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(0, 3, parent)
        self.segments: list[Segment] = []
        self.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.verticalHeader().setVisible(False)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setWordWrap(True)
        self.cellClicked.connect(lambda row, _column: self.play_requested.emit(self.segments[row].start))
        keep_translated(self, self._retranslate)

    def _retranslate(self) -> None:
        self.setHorizontalHeaderLabels([self.tr("Start"), self.tr("End"), self.tr("Text")])
        self.setToolTip(self.tr("Click a segment to hear it."))
        for row, segment in enumerate(self.segments):
            item = self.item(row, 2)
            if item is not None:
                item.setToolTip(self._segment_tip(segment))

    def _segment_tip(self, segment: Segment) -> str:
        if segment.no_speech_prob is None:
            return ""
        return self.tr("average log-probability {lp:.2f} · chance of no speech {ns:.0%}").format(
            lp=segment.avg_logprob or 0.0, ns=segment.no_speech_prob)

    def clear_segments(self) -> None:
        self.segments = []
        self.setRowCount(0)

    def add_segment(self, segment: Segment) -> None:
        row = len(self.segments)
        self.segments.append(segment)
        self.insertRow(row)
        for column, text in enumerate((clock(segment.start), clock(segment.end), segment.text.strip())):
            item = QTableWidgetItem(text)
            if column < 2:
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            if column == 2:
                item.setToolTip(self._segment_tip(segment))
            self.setItem(row, column, item)
        self.scrollToBottom()
