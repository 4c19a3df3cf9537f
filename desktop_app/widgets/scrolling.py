"""A part that scrolls when it needs more room than it has, instead of making its window taller or wider.

Forms (sampling settings, image settings) grow with the text size: zoomed to 200 % for a projector they
need more height than a 720-px screen has, and an unscrolled form would push the message box or the
Generate button off the screen."""
from __future__ import annotations

from PySide6.QtWidgets import QFrame, QScrollArea, QWidget


def scrolling(content: QWidget, parent: QWidget | None = None) -> QScrollArea:
    area = QScrollArea(parent)
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setWidget(content)
    return area
