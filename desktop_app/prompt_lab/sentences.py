"""Sentences said one after another: a space between English ones, nothing after a Japanese 。."""
from __future__ import annotations

FULL_WIDTH_ENDS = ("。", "！", "？", "）", "」")


def joined(sentences: list[str]) -> str:
    text = ""
    for sentence in filter(None, sentences):
        if text and not text.endswith(FULL_WIDTH_ENDS):
            text += " "
        text += sentence
    return text
