"""The backend's sentences in the UI's language.

The backend has no Qt, so it cannot call ``tr()``; it says things as ``Message`` objects (English text
that keeps its template and values: ``model_backend/core/messages.py``). Here the template is looked up
under the context ``Backend`` and filled with the same values; a value that is itself a Message (a
field's name) is translated first. Plain strings (a library's own error text) pass through unchanged.
"""
from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from model_backend.core.messages import CONTEXT, Message

# Not spelled ``translate(...)``: lupdate cannot read a template held in a variable, and need not —
# scripts/translations.py collects the backend's msg() literals itself.
_look_up = QCoreApplication.translate


def backend_text(text: str) -> str:
    if not isinstance(text, Message):
        return text
    translated = _look_up(CONTEXT, text.template)
    if not text.params:
        return translated
    values = {name: backend_text(value) if isinstance(value, Message) else value
              for name, value in text.params.items()}
    try:
        return translated.format(**values)
    except (KeyError, IndexError, ValueError):  # a translation that names a value wrongly: English beats nothing
        return str(text)


def said_by(exc: Exception) -> str:
    """An exception's sentence as the backend made it: its Message (kept whole, so ``say`` translates it;
    ``str(exc)`` would flatten it to English) or its plain text."""
    message = getattr(exc, "message", None)
    if isinstance(message, str) and message:
        return message
    return exc.args[0] if exc.args and isinstance(exc.args[0], str) else str(exc)
