"""The one line every tab uses to tell the user what happened: plain text, red when it is a problem.

The notice keeps *how* to say its text (a ``Text``: a callable, a backend Message or a plain string),
not the words, so after a language switch it says the same thing in the new language."""
from __future__ import annotations

from PySide6.QtWidgets import QLabel, QWidget

from desktop_app.i18n.retranslate import Text, keep_translated, say
from desktop_app.widgets import palette


class Notice(QLabel):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWordWrap(True)
        self.is_error = False
        self._text: Text = ""
        self.hide()
        keep_translated(self, lambda: self.setText(say(self._text)))

    def show_message(self, text: Text, error: bool = False) -> None:
        self.is_error = error
        self._text = text
        palette.set_text_colour(self, palette.ERROR if error else None)
        words = say(text)
        self.setText(words)
        self.setVisible(bool(words))

    def clear_message(self) -> None:
        self.is_error = False
        self._text = ""
        self.setText("")
        self.hide()
