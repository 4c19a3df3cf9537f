"""Show a numpy RGB image scaled to fit (pixel-sharp when enlarged, so tiny images stay honest).

The view's size hints never depend on the picture: a QLabel holding a pixmap asks for at least the
pixmap's size, so a picture scaled to fill the view would pin the window at that width for good
(on a 1280 px classroom screen, off the edge). The picture follows the view, never the reverse.
"""
from __future__ import annotations

import numpy as np
from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import QLabel, QSizePolicy, QWidget

from desktop_app.i18n.retranslate import Text, keep_translated, say


def to_qimage(pixels: np.ndarray) -> QImage:
    pixels = np.ascontiguousarray(pixels[:, :, :3])
    height, width, _ = pixels.shape
    return QImage(pixels.data, width, height, 3 * width, QImage.Format.Format_RGB888).copy()


MINIMUM = QSize(160, 160)
PREFERRED = QSize(320, 320)


class ImageView(QLabel):
    def __init__(self, placeholder: Text = "", parent: QWidget | None = None) -> None:
        """``placeholder``: what an empty view says; a callable is said again after a language switch."""
        super().__init__(parent)
        self.placeholder = placeholder
        self.pixels: np.ndarray | None = None
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setWordWrap(True)  # a long placeholder or message wraps instead of widening the view
        self._said = ""
        keep_translated(self, self._retranslate)

    def _retranslate(self) -> None:
        if self.pixels is None and self.text() == self._said:  # a message shown instead stays as it is
            self._say_placeholder()

    def _say_placeholder(self) -> None:
        self._said = say(self.placeholder)
        self.setText(self._said)

    def minimumSizeHint(self) -> QSize:
        return MINIMUM

    def sizeHint(self) -> QSize:
        return PREFERRED

    def show_pixels(self, pixels: np.ndarray | None) -> None:
        """Show a picture, or (None) the placeholder again."""
        self.pixels = pixels
        if pixels is None:
            self._say_placeholder()  # also drops the old picture
        self._rescale()

    def _rescale(self) -> None:
        """Fit the picture to the view; with no picture, whatever text the view shows stays."""
        if self.pixels is None:
            return
        pixmap = QPixmap.fromImage(to_qimage(self.pixels))
        self.setPixmap(pixmap.scaled(self.size() - QSize(4, 4), Qt.AspectRatioMode.KeepAspectRatio,
                                     Qt.TransformationMode.FastTransformation))

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._rescale()
