"""Every colour the app draws with, named by what it means, so views agree and a theme has one place.

Colours were chosen to stay readable on a washed-out classroom projector: dark text colours for
lines, light fills behind text.
"""
from __future__ import annotations

# text
ERROR = "#b71c1c"
SUCCESS = "#1b5e20"
WARNING = "#8d6e00"
LINK = "#1565c0"
USER_NAME = "#0d47a1"
ASSISTANT_NAME = "#1b5e20"
SPECIAL_TOKEN = "#6a1b9a"

# fills
PASSED_CELL = "#c8e6c9"
FAILED_CELL = "#ffcdd2"
CHART_TRACK = "#eceff1"
CHART_BAR = "#1565c0"
CHOSEN_TOKEN_BAR = "#2e7d32"
OTHER_TOKEN_BAR = "#90a4ae"
TOKEN_CHIPS = ("#e3f2fd", "#fff3e0", "#e8f5e9", "#fce4ec", "#ede7f6")  # neighbouring tokens alternate

# audio
PLAYHEAD = "#e53935"
WAVEFORM = "#1e88e5"


def set_text_colour(widget, colour: str | None) -> None:
    """Colour a widget's text (``None``: the app's own colour again). Done through the widget's palette,
    not a style sheet: a widget with a style sheet stops following the application's font, so its text
    would stay small when the teacher zooms for the projector."""
    from PySide6.QtGui import QColor, QPalette

    if colour is None:
        widget.setPalette(QPalette())  # an empty palette: every role inherited from the parent again
        return
    own = QPalette()
    own.setColor(QPalette.ColorRole.WindowText, QColor(colour))
    own.setColor(QPalette.ColorRole.Text, QColor(colour))
    widget.setPalette(own)
