"""Which exchange the look-inside pages examine: the chat tab says, the pages ask when they run.

The chosen reply is the one whose token the student last clicked, else the newest; the conversation
goes up to and including it, with the token ids the model wrote, so the pages see exactly what the
model read and wrote.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from model_backend.chat.chat_types import Message, TokenStep
from model_backend.chat.conversations import Conversation


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


def exchange_in(conversation: Conversation | None, selected: tuple[int, int] | None, model_id: str,
                device: str) -> ExchangeSource | None:
    """The exchange up to the reply whose token was clicked last (``selected`` = (message, step)), else the
    newest reply, with the token ids the model wrote; None when there is nothing to look at."""
    if conversation is None or not model_id:
        return None
    messages = conversation.messages
    chosen = selected[0] if selected else None
    if chosen is None or chosen >= len(messages) or messages[chosen].role != "assistant":
        chosen = next((i for i in range(len(messages) - 1, -1, -1) if messages[i].role == "assistant"), None)
    upto = len(messages) if chosen is None else chosen + 1
    request = conversation.request_messages(upto)
    if not any(m.role == "user" for m in request):
        return None
    steps = tuple(messages[chosen].steps) if chosen is not None else ()
    same_model = conversation.model_id == model_id  # another model's token ids would mean other tokens
    step = selected[1] if selected and selected[0] == chosen else None
    return ExchangeSource(conversation=request, model_id=model_id, device=device,
                          reply_ids=tuple(s.token_id for s in steps) if same_model else (), steps=steps, step=step)
