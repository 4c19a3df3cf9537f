"""How a token looks on screen: spaces and newlines made visible, probabilities as colours."""
from __future__ import annotations

import html


def visible_token(text: str) -> str:
    """Make whitespace visible so ' Paris' and 'Paris' look different, as they are to the model."""
    if text == "":
        return "∅"
    return text.replace(" ", "·").replace("\n", "↵").replace("\t", "⇥")


def confidence_colour(probability: float) -> str:
    """A background that grows redder as the model grows less sure (transparent when sure)."""
    doubt = max(0.0, min(1.0, 1.0 - probability))
    alpha = round(0.75 * doubt, 2)
    return f"rgba(255, 120, 60, {alpha})"


def escape_with_breaks(text: str) -> str:
    return html.escape(text).replace("\n", "<br>")
