"""Sentences the backend says to the user, kept translatable although the backend has no Qt.

A ``Message`` *is* the English sentence (a ``str``: logs, tests and ``BackendError.message`` use it as
before), and it also keeps the template and the values it was made from. The UI looks the template up
in its translation (``desktop_app/backend_text.py``) and fills in the same values, so a Japanese
student reads 「…」 while the log keeps the English. ``scripts/translations.py`` collects every
``msg("literal", …)`` call of the backend into the ``.ts`` file under the context ``Backend``.

Rules that keep that working: the template is a string literal; values are passed by name; a value
that is itself a phrase for the user (a field's name) is a ``Message`` too, so it is translated as
well; a Message is never glued to other text with ``+`` (the result is a plain ``str`` and would
stay English).
"""
from __future__ import annotations

from typing import Any

CONTEXT = "Backend"


class Message(str):
    """An English sentence that remembers how it was made: ``template.format(**params)``."""

    template: str
    params: dict[str, Any]

    def __new__(cls, template: str, **params: Any) -> Message:
        text = template.format(**params) if params else template
        made = super().__new__(cls, text)
        made.template = template
        made.params = params
        return made

    def __reduce__(self):  # keep template and values through pickling (multiprocessing, copies)
        return _rebuild, (self.template, self.params)


def _rebuild(template: str, params: dict[str, Any]) -> Message:
    return Message(template, **params)


def msg(template: str, **params: Any) -> Message:
    """A sentence for the user; ``template`` must be a literal so the translation tools find it."""
    return Message(template, **params)
