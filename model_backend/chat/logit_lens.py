"""Layer by layer ("logit lens"): what the model would guess next if it stopped after each layer.

Every decoder layer's output (the residual stream) at one position goes through the model's own final
norm and output head, the way the last layer's output does; a softmax turns that into next-token
probabilities. Row 0 is the token embeddings alone. The last row is, by construction, the model's own
next-token distribution, which the tests check. The same forward pass also gives the sampling lab its
real distribution at a step of the reply.
"""
from __future__ import annotations

import time
from threading import Event
from typing import Any

from model_backend.chat.chat_model import LoadedChatModel
from model_backend.chat.chat_types import Candidate
from model_backend.chat.insight_types import (
    Exchange,
    LayerGuess,
    LayerGuesses,
    LogitLensRequest,
    TokenDistribution,
    TokenDistributionRequest,
)
from model_backend.chat.look_inside import encode_exchange, model_input
from model_backend.chat.token_pieces import token_label
from model_backend.core.errors import BackendError, ErrorKind, JobCancelled
from model_backend.core.messages import msg


def lens_parts(model: Any) -> tuple[Any, Any, Any]:
    """(decoder layers, final norm, output head) of a causal language model: Llama, Qwen, Mistral, Gemma,
    Phi use ``model.layers`` + ``model.norm``; GPT-2 style ``transformer.h`` + ``transformer.ln_f``."""
    base = getattr(model, getattr(model, "base_model_prefix", "model"), None) or getattr(model, "model", None)
    layers = norm = None
    for name in ("layers", "h", "blocks"):
        layers = getattr(base, name, None)
        if layers is not None:
            break
    for name in ("norm", "ln_f", "final_layernorm", "final_layer_norm"):
        norm = getattr(base, name, None)
        if norm is not None:
            break
    head = model.get_output_embeddings()
    if layers is None or norm is None or head is None:
        raise BackendError(ErrorKind.INVALID_MODEL,
                           msg("This model's layers cannot be read one by one, so the layer-by-layer view is not "
                               "available for it."))
    return layers, norm, head


def _first(value):
    return value[0] if isinstance(value, (tuple, list)) else value


def layer_probabilities(loaded: LoadedChatModel, ids: list[int], position: int):
    """[layers + 1, vocabulary] next-token probabilities at ``position`` (row 0: embeddings), and the
    model's own final probabilities there, both as float32 torch tensors."""
    import torch

    model = loaded.model
    layers, norm, head = lens_parts(model)
    states: dict[int, Any] = {}

    def keep_input(_module, args, kwargs):
        hidden = args[0] if args else kwargs.get("hidden_states")
        states[0] = hidden[0, position].detach()

    def keep_output(index):
        def hook(_module, _args, output):
            states[index] = _first(output)[0, position].detach()
        return hook

    handles = [layers[0].register_forward_pre_hook(keep_input, with_kwargs=True)]
    handles += [layer.register_forward_hook(keep_output(i + 1)) for i, layer in enumerate(layers)]
    try:
        with torch.inference_mode():
            output = model(input_ids=model_input(loaded, ids), use_cache=False)
            stacked = torch.stack([states[i] for i in range(len(layers) + 1)])
            logits = head(norm(stacked)).float()
    finally:
        for handle in handles:
            handle.remove()
    final = torch.softmax(output.logits[0, position].float(), dim=-1)
    return torch.softmax(logits, dim=-1), final


def _candidates(tokenizer, probabilities, k: int) -> tuple[Candidate, ...]:
    import torch

    values, indices = torch.topk(probabilities, min(k, probabilities.shape[-1]))
    return tuple(Candidate(int(i), token_label(tokenizer, int(i)), float(p)) for p, i in zip(values, indices))


def _check_position(position: int, exchange: Exchange) -> None:
    if not 0 <= position < len(exchange.tokens):
        raise BackendError(ErrorKind.INVALID_INPUT,
                           msg("Position {position} is outside the exchange, which has {n} tokens.",
                               position=position, n=len(exchange.tokens)))


def run_logit_lens(request: LogitLensRequest, loaded: LoadedChatModel, cancel: Event) -> LayerGuesses:
    ids, exchange = encode_exchange(loaded, request.conversation, request.reply_ids)
    if request.step is not None:
        position = exchange.prompt_length + request.step - 1
    else:
        position = request.position if request.position is not None else max(0, exchange.prompt_length - 1)
    _check_position(position, exchange)
    if cancel.is_set():
        raise JobCancelled()
    started = time.monotonic()
    per_layer, _final = layer_probabilities(loaded, ids, position)
    actual_id = ids[position + 1] if position + 1 < len(ids) else None
    tokenizer = loaded.tokenizer
    guesses = []
    for layer, probabilities in enumerate(per_layer):
        actual = None
        if actual_id is not None:
            actual = Candidate(actual_id, token_label(tokenizer, actual_id), float(probabilities[actual_id]))
        guesses.append(LayerGuess(layer, _candidates(tokenizer, probabilities, request.top_k), actual))
    return LayerGuesses(exchange=exchange, position=position, layers=tuple(guesses),
                        seconds=time.monotonic() - started)


def run_token_distribution(request: TokenDistributionRequest, loaded: LoadedChatModel,
                           cancel: Event) -> TokenDistribution:
    """The model's own distribution before the reply's token ``step`` (softmax of the raw scores: what
    the chat records, before temperature, top-k and top-p reshape it)."""
    import torch

    ids, exchange = encode_exchange(loaded, request.conversation, request.reply_ids)
    position = exchange.prompt_length + request.step - 1
    _check_position(position, exchange)
    if cancel.is_set():
        raise JobCancelled()
    with torch.inference_mode():
        logits = loaded.model(input_ids=model_input(loaded, ids[:position + 1]), use_cache=False).logits
    probabilities = torch.softmax(logits[0, -1].float(), dim=-1)
    chosen = ids[position + 1] if position + 1 < len(ids) else None
    return TokenDistribution(exchange=exchange, step=request.step, position=position,
                             candidates=_candidates(loaded.tokenizer, probabilities, request.top_n), chosen_id=chosen)
