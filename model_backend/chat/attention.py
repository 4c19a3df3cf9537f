"""Attention weights of the chat model over one exchange: what each token looks at, layer by layer, head by head.

The model runs once over the whole exchange with eager attention (the only implementation that returns
the weights) and ``output_attentions``; nothing is generated. Row *i* of a head's map is the softmax
that token *i* spreads over tokens 0..*i*, so every row sums to 1 and the upper triangle is 0 (a causal
model cannot look ahead). Weights travel as float16 to keep a 30-layer map of a few hundred tokens small.
"""
from __future__ import annotations

import time
from threading import Event

from model_backend.chat.chat_model import LoadedChatModel
from model_backend.chat.insight_types import AttentionMap, AttentionRequest
from model_backend.chat.look_inside import eager_attention, encode_exchange, model_input
from model_backend.core.errors import BackendError, ErrorKind, JobCancelled
from model_backend.core.jobs import ProgressFn
from model_backend.core.messages import msg


def run_attention(request: AttentionRequest, loaded: LoadedChatModel, progress: ProgressFn,
                  cancel: Event) -> AttentionMap:
    import torch

    ids, exchange = encode_exchange(loaded, request.conversation, request.reply_ids)
    if cancel.is_set():
        raise JobCancelled()
    progress(None, msg("Reading the exchange once and keeping every head's attention"))
    started = time.monotonic()
    with torch.inference_mode(), eager_attention(loaded.model):
        output = loaded.model(input_ids=model_input(loaded, ids), output_attentions=True, use_cache=False)
    attentions = getattr(output, "attentions", None)
    if not attentions or any(layer is None for layer in attentions):
        raise BackendError(ErrorKind.INVALID_MODEL,
                           msg("{name} does not report its attention weights, so they cannot be shown.",
                               name=loaded.entry.name))
    # float16 in torch: numpy's own float32 → float16 conversion is scalar and took 0.8 s for 30 × 9 × 209²
    weights = torch.stack([layer[0] for layer in attentions]).to(torch.float16).cpu().numpy()
    seconds = time.monotonic() - started
    if cancel.is_set():
        raise JobCancelled()
    return AttentionMap(exchange=exchange, attention=weights, seconds=seconds)
