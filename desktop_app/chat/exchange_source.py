"""Which exchange the look-inside pages examine: the chat tab says, the pages ask when they run.

The chosen reply is the one whose token the student last clicked, else the newest; the conversation
goes up to and including it, with the token ids the model wrote, so the pages see exactly what the
model read and wrote.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from model_backend.chat.chat_types import Message, TokenStep


@dataclass(frozen=True)
class ExchangeSource:
    conversation: tuple[Message, ...]
    model_id: str
    device: str
    reply_ids: tuple[int, ...] = ()
    steps: tuple[TokenStep, ...] = ()  # the reply's tokens, as recorded while it was written
    step: int | None = None  # the reply token the student clicked last, if any

    @property
    def has_reply(self) -> bool:
        return bool(self.conversation) and self.conversation[-1].role == "assistant"


SourceFn = Callable[[], "ExchangeSource | None"]
