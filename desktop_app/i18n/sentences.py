"""Sentences said one after another, spaced the way their language spaces them.

Each sentence is translated whole (never glued from fragments); this only puts them side by side:
English sentences take a space between them, Japanese ones (ending in 。 or a full-width bracket) none.
"""
from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QCoreApplication

FULL_WIDTH_ENDINGS = "。、！？）」』】"


def join_sentences(*sentences: str) -> str:
    text = ""
    for sentence in sentences:
        if not sentence:
            continue
        if text and not text.endswith(tuple(FULL_WIDTH_ENDINGS)):
            text += " "
        text += sentence
    return text


def join_items(items: Iterable[str]) -> str:
    """Names listed in a line ("Chat, Prompt engineering"): Japanese lists them with 、, not ", "."""
    return QCoreApplication.translate("List", ", ").join(items)
