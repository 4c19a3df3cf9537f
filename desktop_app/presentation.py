"""Presentation mode and zoom: the app as a teacher shows it on a classroom projector.

Zoom scales the application's font (125–250 %), and with it every label, field, list row and the
layouts around them; Qt offers no live change of its device scale, and a font-driven layout is what
grows gracefully. Presentation mode adds full screen, a high-contrast palette (pure black on white,
a strong selection colour: washed-out projectors lose mid-greys) and hides the controls marked as
advanced, so students see the conversation, the picture or the transcript, not the knobs.
"""
from __future__ import annotations

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QColor, QFont, QPalette
from PySide6.QtWidgets import QApplication, QMainWindow, QWidget

ZOOM_STEPS = (1.0, 1.25, 1.5, 1.75, 2.0, 2.25, 2.5)
PRESENTATION_ZOOM = 1.5  # what presentation mode starts at when the zoom is still 100 %
ADVANCED = "presentation_hidden"  # a widget property: hidden while presenting


def mark_advanced(*widgets: QWidget) -> None:
    """Controls a student does not need to see on the projector (sampling knobs, export buttons…)."""
    for widget in widgets:
        widget.setProperty(ADVANCED, True)


def nearest_zoom(value: float) -> float:
    return min(ZOOM_STEPS, key=lambda step: abs(step - value))


def high_contrast_palette(base: QPalette) -> QPalette:
    palette = QPalette(base)
    colours = {QPalette.ColorRole.Window: "#ffffff", QPalette.ColorRole.WindowText: "#000000",
               QPalette.ColorRole.Base: "#ffffff", QPalette.ColorRole.AlternateBase: "#eeeeee",
               QPalette.ColorRole.Text: "#000000", QPalette.ColorRole.Button: "#e6e6e6",
               QPalette.ColorRole.ButtonText: "#000000", QPalette.ColorRole.Highlight: "#0033cc",
               QPalette.ColorRole.HighlightedText: "#ffffff", QPalette.ColorRole.PlaceholderText: "#333333",
               QPalette.ColorRole.ToolTipBase: "#ffffdd", QPalette.ColorRole.ToolTipText: "#000000",
               QPalette.ColorRole.Link: "#0033cc", QPalette.ColorRole.BrightText: "#ffffff"}
    for role, colour in colours.items():
        palette.setColor(QPalette.ColorGroup.All, role, QColor(colour))
    return palette


class Presentation(QObject):
    """Owns the zoom and the presentation state of one window; ``changed`` fires after either changes."""

    changed = Signal()

    def __init__(self, window: QMainWindow, zoom: float = 1.0) -> None:
        super().__init__(window)
        self.window = window
        app = QApplication.instance()
        self._base_font = QFont(app.font())
        self._base_palette = app.palette()
        self.zoom = 1.0
        self.active = False
        self._hidden: list[QWidget] = []
        self._was_full_screen = False
        self.set_zoom(zoom)

    # ---- zoom -------------------------------------------------------------------------------
    def set_zoom(self, zoom: float) -> None:
        self.zoom = nearest_zoom(zoom)
        font = QFont(QApplication.instance().font())
        if self._base_font.pointSizeF() > 0:
            font.setPointSizeF(self._base_font.pointSizeF() * self.zoom)
        else:  # a font sized in pixels
            font.setPixelSize(round(self._base_font.pixelSize() * self.zoom))
        QApplication.instance().setFont(font)
        self.changed.emit()

    def zoom_in(self) -> None:
        self.set_zoom(next((s for s in ZOOM_STEPS if s > self.zoom), ZOOM_STEPS[-1]))

    def zoom_out(self) -> None:
        self.set_zoom(next((s for s in reversed(ZOOM_STEPS) if s < self.zoom), ZOOM_STEPS[0]))

    def reset_zoom(self) -> None:
        self.set_zoom(1.0)

    # ---- presentation mode ------------------------------------------------------------------
    def set_active(self, active: bool) -> None:
        if active == self.active:
            return
        self.active = active
        app = QApplication.instance()
        if active:
            self._hidden = [w for w in self.window.findChildren(QWidget) if w.property(ADVANCED) and not w.isHidden()]
            for widget in self._hidden:
                widget.hide()
            app.setPalette(high_contrast_palette(self._base_palette))
            self._was_full_screen = self.window.isFullScreen()
            self.window.showFullScreen()
            if self.zoom < PRESENTATION_ZOOM:
                self.set_zoom(PRESENTATION_ZOOM)
        else:
            for widget in self._hidden:
                widget.show()
            self._hidden = []
            app.setPalette(self._base_palette)
            if not self._was_full_screen:
                self.window.showNormal()
        self.changed.emit()

    def toggle(self) -> None:
        self.set_active(not self.active)

    def restore(self) -> None:
        """Leave the application's font and palette as they were before this window (at quit)."""
        self.set_active(False)
        QApplication.instance().setFont(self._base_font)
        QApplication.instance().setPalette(self._base_palette)
