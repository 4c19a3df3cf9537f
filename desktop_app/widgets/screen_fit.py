"""Open a window at the size it was designed for, but never bigger than the screen it is on.

Classroom laptops often have 1280×720 screens, smaller than the main window's or the Models window's
preferred size; a window taller than the screen hides its bottom buttons. The title bar and borders
belong to the window manager and are unknown before the window is shown, so the caller leaves an
allowance for them.
"""
from __future__ import annotations

from PySide6.QtWidgets import QWidget


def resize_within_screen(window: QWidget, width: int, height: int, frame_allowance: int) -> None:
    """Resize ``window`` to ``width``×``height``, shrunk to its screen's free area less ``frame_allowance`` px."""
    screen = window.screen()
    if screen is not None:
        available = screen.availableGeometry()
        width = min(width, available.width() - frame_allowance)
        height = min(height, available.height() - frame_allowance)
    window.resize(width, height)
