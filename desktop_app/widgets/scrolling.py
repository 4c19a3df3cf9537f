"""A part that scrolls when it needs more room than it has, instead of making its window taller or wider.

Forms (sampling settings, image settings, the audio pages) grow with the text size: zoomed to 200 % for a
projector they need more height than a 720-px screen has, and an unscrolled form would push the message
box or the Generate button off the screen. Such a form scrolls *up and down only*: it still asks for its
full width, so at 100 % it is never squeezed into a sideways-scrolling strip with its fields cut off."""
from __future__ import annotations

from PySide6.QtCore import QEvent, QSize, Qt
from PySide6.QtWidgets import QFrame, QScrollArea, QWidget


class _VerticalScrollArea(QScrollArea):
    """Asks for its content's width (plus the scroll bar), and asks again whenever the content's needs
    change (a zoom, a language switch): a plain scroll area never passes that on to its layout."""

    def showEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        super().showEvent(event)
        self.updateGeometry()  # a zoom while the tab was hidden: its splitter makes room now

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 (Qt's name)
        if watched is self.widget() and event.type() == QEvent.Type.LayoutRequest:
            self.updateGeometry()
        return super().eventFilter(watched, event)

    def _with_content_width(self, hint: QSize, content: QSize) -> QSize:
        scrollbar = self.verticalScrollBar().sizeHint().width()
        hint.setWidth(content.width() + scrollbar + 2 * self.frameWidth())
        return hint

    def minimumSizeHint(self) -> QSize:  # noqa: N802 (Qt's name)
        hint = super().minimumSizeHint()
        return self._with_content_width(hint, self.widget().minimumSizeHint()) if self.widget() else hint

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt's name)
        hint = super().sizeHint()
        return self._with_content_width(hint, self.widget().sizeHint()) if self.widget() else hint


def scrolling(content: QWidget, parent: QWidget | None = None, vertical_only: bool = False) -> QScrollArea:
    """``content`` in a scroll area; ``vertical_only``: it keeps its full width and scrolls up and down."""
    area = _VerticalScrollArea(parent) if vertical_only else QScrollArea(parent)
    if vertical_only:
        area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setWidget(content)
    return area
