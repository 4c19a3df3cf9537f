"""Whisper's segments as a table (start, end, text); clicking a row asks to play from its start."""
from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableWidget, QTableWidgetItem, QWidget

from model_backend.audio.audio_types import Segment


def clock(seconds: float) -> str:
    minutes, secs = divmod(max(0.0, seconds), 60)
    return f"{int(minutes)}:{secs:04.1f}"


class SegmentTable(QTableWidget):
    play_requested = Signal(float)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(0, 3, parent)
        self.segments: list[Segment] = []
        self.setHorizontalHeaderLabels([self.tr("Start"), self.tr("End"), self.tr("Text")])
        self.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.verticalHeader().setVisible(False)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setWordWrap(True)
        self.setToolTip(self.tr("Click a segment to hear it."))
        self.cellClicked.connect(lambda row, _column: self.play_requested.emit(self.segments[row].start))

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
            if segment.no_speech_prob is not None and column == 2:
                item.setToolTip(self.tr("average log-probability {lp:.2f} · chance of no speech {ns:.0%}").format(
                    lp=segment.avg_logprob or 0.0, ns=segment.no_speech_prob))
            self.setItem(row, column, item)
        self.scrollToBottom()
