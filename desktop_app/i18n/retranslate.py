"""How a widget follows a language switch: it names one method that sets all its words.

``keep_translated(self, self._retranslate)`` calls that method now and again whenever the language
changes (Qt sends ``LanguageChange`` to every widget when a translator is installed or removed). A
filter object does the listening, so widgets keep their own ``changeEvent`` and no mixin is needed.

Texts that depend on what happened (a notice, the last progress line) are kept as a ``Text``: either a
callable that says it in the current language (``lambda: self.tr("Saved {n}").format(n=n)``) or a
backend ``Message``; ``say()`` turns either into words of the current language, so such a text is
said again, in the new language, on the next switch.
"""
from __future__ import annotations

from typing import Callable, Union

from PySide6.QtCore import QEvent, QObject

from desktop_app.i18n.backend_text import backend_text

Text = Union[str, Callable[[], str]]


class _LanguageChangeFilter(QObject):
    def __init__(self, watched: QObject, retranslate: Callable[[], None]) -> None:
        super().__init__(watched)
        self._retranslate = retranslate

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
        return False


def keep_translated(widget: QObject, retranslate: Callable[[], None]) -> None:
    """Call ``retranslate`` now and after every language switch, for as long as ``widget`` lives."""
    retranslate()
    widget.installEventFilter(_LanguageChangeFilter(widget, retranslate))


def say(text: Text | None) -> str:
    """The words of ``text`` in the current language (a backend Message is looked up in its catalogue)."""
    if text is None:
        return ""
    if callable(text):
        return text()
    return backend_text(text)
