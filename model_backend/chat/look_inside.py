"""What the "look inside" views share: a transformers copy of the chat model, and the exchange as tokens.

The views need the model's inner numbers (attention weights, every layer's hidden state), which only
transformers gives. A Hugging Face chat model already runs on transformers, so its loaded weights are
shared with the chat. A GGUF model chats on llama.cpp; for these views it gets its transformers copy
(made once by ``gguf_conversion``, with progress, then reused) loaded beside it. ``InsightModelCache``
keeps that one copy; it is dropped whenever the chat model changes or an image or music model loads
(the engine's one-heavy-model rule), so a llama.cpp chat and its copy are the only pair ever held.
"""
from __future__ import annotations

from contextlib import contextmanager
from pathlib import Path
from threading import Event

from model_backend.chat.chat_model import LoadedChatModel, load_chat_model
from model_backend.chat.chat_runner import encode_conversation, prompt_tokens
from model_backend.chat.chat_types import Message
from model_backend.chat.insight_types import MAX_INSIGHT_TOKENS, Exchange
from model_backend.core.device import choose_device, release_memory
from model_backend.core.engines import Engine
from model_backend.core.errors import BackendError, ErrorKind, JobCancelled
from model_backend.core.jobs import ProgressFn
from model_backend.core.messages import msg
from model_backend.core.registry import ModelEntry


class InsightModelCache:
    """A transformers model for the look-inside views: the chat's own when it runs on transformers."""

    def __init__(self, converted_root: Path) -> None:
        self.converted_root = converted_root
        self.loaded: LoadedChatModel | None = None

    def get(self, entry: ModelEntry, device_preference: str, chat_loaded, progress: ProgressFn,
            cancel: Event) -> LoadedChatModel:
        if (chat_loaded is not None and chat_loaded.engine is Engine.TRANSFORMERS
                and chat_loaded.entry.model_id == entry.model_id):
            self.unload()  # the chat's own weights serve; no second copy
            return chat_loaded
        current = self.loaded
        if current is not None and current.entry.model_id == entry.model_id:
            return current
        self.unload()
        progress(None, msg("Preparing the compute device"))
        device = choose_device(device_preference)
        if cancel.is_set():
            raise JobCancelled()
        self.loaded = load_chat_model(entry, device, self.converted_root, progress, cancel)
        return self.loaded

    def unload(self) -> None:
        if self.loaded is None:
            return
        device = self.loaded.device.device
        self.loaded = None
        release_memory(device)


def encode_exchange(loaded: LoadedChatModel, conversation: tuple[Message, ...],
                    reply_ids: tuple[int, ...] = ()) -> tuple[list[int], Exchange]:
    """The exchange's token ids and their labels: the prompt as the reply saw it, then the reply.

    The reply's own token ids (as recorded while it was written) are used when given: re-tokenising its
    text may split it differently (always for a reply that holds broken characters)."""
    messages = list(conversation)
    reply = ""
    if messages and messages[-1].role == "assistant":
        reply = messages.pop().content
    if not any(m.role != "system" for m in messages):
        raise BackendError(ErrorKind.EMPTY_PROMPT, msg("There is no exchange to look at yet: send a message first."))
    tokenizer = loaded.tokenizer
    prompt_ids = encode_conversation(tokenizer, [{"role": m.role, "content": m.content} for m in messages])
    if not reply_ids:
        reply_ids = tuple(tokenizer.encode(reply, add_special_tokens=False)) if reply else ()
    ids = prompt_ids + [int(i) for i in reply_ids]
    limit = min(MAX_INSIGHT_TOKENS, loaded.context_length)
    trimmed = max(0, len(ids) - limit)
    ids = ids[trimmed:]
    special_ids = set(tokenizer.all_special_ids)
    exchange = Exchange(tokens=prompt_tokens(tokenizer, ids, special_ids),
                        prompt_length=max(0, len(prompt_ids) - trimmed), trimmed=trimmed)
    return ids, exchange


@contextmanager
def eager_attention(model):
    """Eager attention for one forward pass: the fused kernels (SDPA, flash) never return the weights.
    The chat's own setting comes back afterwards, so replies keep their speed."""
    config = model.config
    before = getattr(config, "_attn_implementation", None)
    if before == "eager":
        yield
        return
    switch = getattr(model, "set_attn_implementation", None) if before else None  # None: an old config; set it directly
    if callable(switch):
        switch("eager")
    else:
        config._attn_implementation = "eager"
    try:
        yield
    finally:
        if callable(switch):
            switch(before)
        else:
            config._attn_implementation = before


def model_input(loaded: LoadedChatModel, ids: list[int]):
    import torch

    return torch.tensor([ids], dtype=torch.long, device=loaded.device.device)
