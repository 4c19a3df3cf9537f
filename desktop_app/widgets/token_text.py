"""How a token looks on screen: spaces and newlines made visible, probabilities as colours, and
tokens grouped into whole characters (a kanji or an emoji may take several byte tokens)."""
from __future__ import annotations

import html
from typing import Iterable, Protocol, TypeVar


class TokenLike(Protocol):
    text: str
    piece: str | None


Token = TypeVar("Token", bound=TokenLike)


def character_groups(tokens: Iterable[Token]) -> list[tuple[list[Token], str]]:
    """Consecutive tokens with the whole characters they show together: a token that only starts a
    character (piece "") is shown with the token that completes it, so no view shows half a kanji.

    Tokens saved before pieces existed (piece None) show their own text. A character still waiting
    for its last bytes (a reply streaming, or cut off) is not shown yet."""
    groups: list[tuple[list[Token], str]] = []
    pending: list[Token] = []
    for token in tokens:
        pending.append(token)
        shown = token.text if token.piece is None else token.piece
        if token.piece == "":
            continue
        groups.append((pending, shown))
        pending = []
    return groups


def joined_text(tokens: Iterable[TokenLike]) -> str:
    """The text the tokens make, whole characters only."""
    return "".join(text for _, text in character_groups(tokens))


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
