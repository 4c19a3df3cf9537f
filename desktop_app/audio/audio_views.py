"""Pictures of sound: a waveform and time–frequency heat maps (spectrogram, Whisper's log-mel),
each with a playhead; clicking one asks to play from that moment."""
from __future__ import annotations

import numpy as np
from PySide6.QtCore import QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QColor, QImage, QPainter, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from desktop_app.widgets import palette
from desktop_app.widgets.image_view import to_qimage
from model_backend.audio.analysis import envelope

# A perceptual dark-to-bright ramp (viridis-like): quiet is dark blue, loud is yellow.
_RAMP = np.array([[68, 1, 84], [59, 82, 139], [33, 145, 140], [94, 201, 98], [253, 231, 37]], dtype=np.float32)


def colour_map(values: np.ndarray) -> np.ndarray:
    """Map values in [0, 1] to RGB uint8 along the ramp."""
    scaled = np.clip(values, 0, 1) * (len(_RAMP) - 1)
    low = np.floor(scaled).astype(int)
    high = np.minimum(low + 1, len(_RAMP) - 1)
    weight = (scaled - low)[..., None]
    return (_RAMP[low] * (1 - weight) + _RAMP[high] * weight).astype(np.uint8)


class _TimelineView(QWidget):
    """Shared behaviour: a duration, a playhead, and click-to-seek."""

    seek_requested = Signal(float)  # seconds

    def __init__(self, placeholder: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.placeholder = placeholder
        self.duration = 0.0
        self.playhead: float | None = None
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setCursor(Qt.CursorShape.PointingHandCursor)

    def set_placeholder(self, text: str) -> None:
        """What an empty view says (its owner says it again in the new language after a switch)."""
        self.placeholder = text
        self.update()

    def set_playhead(self, seconds: float | None) -> None:
        self.playhead = seconds
        self.update()

    def seconds_at(self, x: float) -> float:
        return max(0.0, min(self.duration, x / max(1, self.width()) * self.duration))

    def mousePressEvent(self, event) -> None:
        if self.duration > 0 and event.button() == Qt.MouseButton.LeftButton:
            self.seek_requested.emit(self.seconds_at(event.position().x()))

    def _paint_placeholder(self, painter: QPainter) -> None:
        painter.setPen(self.palette().placeholderText().color())
        flags = int(Qt.AlignmentFlag.AlignCenter) | int(Qt.TextFlag.TextWordWrap)  # long hints wrap, never clip
        painter.drawText(self.rect().adjusted(8, 4, -8, -4), flags, self.placeholder)

    def _paint_playhead(self, painter: QPainter) -> None:
        if self.playhead is None or self.duration <= 0:
            return
        x = self.playhead / self.duration * self.width()
        painter.setPen(QPen(QColor(palette.PLAYHEAD), 2))
        painter.drawLine(QPointF(x, 0), QPointF(x, self.height()))


class WaveformView(_TimelineView):
    DETAIL = 8192  # min/max pairs kept per sound: more than any screen is wide

    def __init__(self, placeholder: str = "", parent: QWidget | None = None) -> None:
        super().__init__(placeholder, parent)
        self.samples: np.ndarray | None = None
        self.sample_rate = 0
        self._detail: tuple[np.ndarray, np.ndarray] | None = None  # (mins, maxs) at DETAIL resolution
        self._envelope: tuple[int, np.ndarray, np.ndarray] | None = None  # (width, mins, maxs)
        self.setMinimumHeight(70)

    def set_samples(self, samples: np.ndarray | None, sample_rate: int = 0) -> None:
        """Reads every sample once (an hour at 16 kHz: 6·10⁷); resizing then only reduces the detail."""
        self.samples = None if samples is None else np.asarray(samples, dtype=np.float32)
        self.sample_rate = sample_rate
        self.duration = len(self.samples) / sample_rate if self.samples is not None and sample_rate else 0.0
        has_sound = self.samples is not None and len(self.samples) > 0
        self._detail = envelope(self.samples, min(self.DETAIL, len(self.samples))) if has_sound else None
        self._envelope = None
        self.update()

    def envelope_for_width(self, width: int) -> tuple[np.ndarray, np.ndarray]:
        """Computed once per width (the playhead repaints 25 times a second) from the kept detail."""
        if self._envelope is None or self._envelope[0] != width:
            mins, maxs = self._detail
            self._envelope = (width, envelope(mins, width)[0], envelope(maxs, width)[1])
        return self._envelope[1], self._envelope[2]

    def paintEvent(self, event) -> None:
        painter = QPainter(self)
        painter.fillRect(self.rect(), self.palette().base())
        if self.samples is None or not len(self.samples):
            self._paint_placeholder(painter)
            return
        mins, maxs = self.envelope_for_width(max(1, self.width()))
        middle = self.height() / 2
        painter.setPen(QPen(QColor(palette.WAVEFORM), 1))
        for x, (low, high) in enumerate(zip(mins, maxs)):
            painter.drawLine(QPointF(x, middle - high * middle), QPointF(x, middle - low * middle))
        self._paint_playhead(painter)


class HeatmapView(_TimelineView):
    """A (rows, columns) array drawn with row 0 at the bottom, columns spread over the duration."""

    def __init__(self, placeholder: str = "", parent: QWidget | None = None) -> None:
        super().__init__(placeholder, parent)
        self.image: QImage | None = None
        self.setMinimumHeight(90)

    def set_values(self, values: np.ndarray | None, duration: float = 0.0, low: float | None = None,
                   high: float | None = None) -> None:
        self.duration = duration
        if values is None or values.size == 0:
            self.image = None
        else:
            low = float(np.percentile(values, 2)) if low is None else low
            high = float(values.max()) if high is None else high
            normalised = (values - low) / max(1e-6, high - low)
            self.image = to_qimage(colour_map(normalised[::-1]))
        self.update()

    def paintEvent(self, event) -> None:
        painter = QPainter(self)
        painter.fillRect(self.rect(), self.palette().base())
        if self.image is None:
            self._paint_placeholder(painter)
            return
        painter.drawImage(QRectF(self.rect()), self.image)
        self._paint_playhead(painter)
