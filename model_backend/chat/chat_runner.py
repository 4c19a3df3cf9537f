"""Stream one chat reply with the model's own chat template, and record next-token probabilities.

Wraps ``model.generate``: a ``TextStreamer`` subclass streams text cut at word boundaries, a
logits processor placed before the sampling warpers records the model's own distribution at each
step, and a stopping criterion reads the cancel event.
"""
from __future__ import annotations

import time
from threading import Event

from model_backend.chat.chat_model import LoadedChatModel
from model_backend.chat.chat_types import (
    Candidate,
    ChatRequest,
    ChatResult,
    Message,
    PromptToken,
    PromptTokens,
    StopReason,
    TextChunk,
    TokenStep,
    decoding_speed,
)
from model_backend.chat.chat_validation import validate_chat_request
from model_backend.chat.token_pieces import WholeCharacters, pieces_of, token_label
from model_backend.core.errors import BackendError, ErrorKind, JobCancelled
from model_backend.core.jobs import Emit, Partial
from model_backend.core.messages import msg
from model_backend.core.seeds import resolve_seed

MIN_REPLY_TOKENS = 16


def _plain_prompt(messages: list[dict]) -> str:
    """For models without a chat template: a readable transcript ending where the reply goes."""
    lines = [f"{m['role'].capitalize()}: {m['content']}" for m in messages]
    return "\n".join(lines) + "\nAssistant:"


def raw_text(messages: list[dict]) -> str:
    """Raw continuation: the messages' text as it is, joined by blank lines; no roles, no template."""
    return "\n\n".join(m["content"] for m in messages if m["content"])


def encode_prompt(tokenizer, messages: list[dict], raw: bool = False) -> list[int]:
    """The prompt's token ids: with the model's chat template, or (``raw``) the plain text the model continues.
    The raw text goes through the tokenizer as any text does (a BOS token where the model's tokenizer adds one)."""
    return list(tokenizer(raw_text(messages))["input_ids"]) if raw else encode_conversation(tokenizer, messages)


def encode_conversation(tokenizer, messages: list[dict]) -> list[int]:
    if getattr(tokenizer, "chat_template", None):
        encoded = tokenizer.apply_chat_template(messages, add_generation_prompt=True, tokenize=True, return_dict=True)
        return list(encoded["input_ids"])
    return list(tokenizer(_plain_prompt(messages))["input_ids"])


def fit_context(tokenizer, conversation: tuple[Message, ...], context_length: int, max_new_tokens: int,
                raw: bool = False):
    """Drop the oldest turns (never the system prompt or the newest message) until prompt + reply fit.
    ``raw``: the prompt is the messages' plain text (raw continuation), not the chat template's.

    Returns (prompt ids, number of messages left out, max new tokens that still fit).
    """
    system = [m for m in conversation if m.role == "system"]
    turns = [m for m in conversation if m.role != "system"]
    reserve = min(max_new_tokens, max(MIN_REPLY_TOKENS, context_length // 2))
    budget = context_length - reserve
    trimmed = 0
    while True:
        messages = [{"role": m.role, "content": m.content} for m in system + turns]
        ids = encode_prompt(tokenizer, messages, raw)
        if len(ids) <= budget:
            return ids, trimmed, min(max_new_tokens, context_length - len(ids))
        if len(turns) <= 1:
            raise BackendError(
                ErrorKind.CONTEXT_TOO_LONG,
                msg("Your message is too long for this model: the prompt is {tokens} tokens, but the model reads at most "
                    "{context_length} tokens and {reserve} are kept for its reply. Shorten the message (or the system "
                    "prompt), or lower 'max new tokens'.", tokens=len(ids), context_length=context_length,
                    reserve=reserve),
            )
        dropped = 1
        turns.pop(0)
        while turns and turns[0].role != "user" and len(turns) > 1:
            turns.pop(0)
            dropped += 1
        trimmed += dropped


def prompt_tokens(tokenizer, ids: list[int], special_ids: set[int]) -> tuple[PromptToken, ...]:
    """The prompt's tokens with their own labels and the whole characters each completes."""
    pieces = pieces_of(tokenizer, ids, skip_special_tokens=False)
    return tuple(PromptToken(i, token_label(tokenizer, i), i in special_ids, piece) for i, piece in zip(ids, pieces))


def preview_prompt(loaded: LoadedChatModel, conversation: tuple[Message, ...], raw: bool = False) -> PromptTokens:
    """The exact prompt (chat template applied, or the raw text) as tokens, with no trimming: previews show overflow."""
    tokenizer = loaded.tokenizer
    special_ids = set(tokenizer.all_special_ids)
    ids = encode_prompt(tokenizer, [{"role": m.role, "content": m.content} for m in conversation], raw)
    return PromptTokens(
        tokens=prompt_tokens(tokenizer, ids, special_ids),
        context_length=loaded.context_length,
        trimmed_messages=0,
        used_chat_template=loaded.has_chat_template and not raw,
        raw_continuation=raw,
    )


def _make_helpers(loaded: LoadedChatModel, emit: Emit, job_id: str, cancel: Event, top_n: int,
                  stop_texts: tuple[str, ...] = ()):
    """Build the streamer, probability recorder and cancel criterion that hook into ``generate``."""
    import torch
    from transformers import LogitsProcessor, StoppingCriteria, TextStreamer

    tokenizer = loaded.tokenizer
    special_ids = set(tokenizer.all_special_ids)

    class ProbabilityRecorder(LogitsProcessor):
        """Sees the scores before temperature/top-k/top-p: the model's own next-token distribution."""

        def __init__(self) -> None:
            self.pending = None

        def __call__(self, input_ids, scores):
            self.pending = torch.softmax(scores[0].float(), dim=-1)
            return scores

    class CancelCriterion(StoppingCriteria):
        """Ends generation when Stop is pressed or the reply so far contains one of the stop texts."""

        def __init__(self) -> None:
            self.prompt_length = 0  # set by the caller: the reply starts after the prompt's tokens
            self.stop_text_seen = False

        def __call__(self, input_ids, scores, **kwargs):
            if stop_texts and not self.stop_text_seen:
                reply = tokenizer.decode(input_ids[0, self.prompt_length:].tolist(), skip_special_tokens=True)
                self.stop_text_seen = any(text in reply for text in stop_texts)
            done = cancel.is_set() or self.stop_text_seen
            return torch.full((input_ids.shape[0],), done, dtype=torch.bool, device=input_ids.device)

    class StepStreamer(TextStreamer):
        def __init__(self) -> None:
            super().__init__(tokenizer, skip_prompt=True, skip_special_tokens=True)
            self.steps: list[TokenStep] = []
            self.whole = WholeCharacters(tokenizer)  # pieces: whole characters, never half a kanji
            self.started = time.monotonic()
            self.first_token_at: float | None = None

        def put(self, value):
            if self.skip_prompt and self.next_tokens_are_prompt:
                self.started = time.monotonic()
                return super().put(value)
            now = time.monotonic()
            if self.first_token_at is None:
                self.first_token_at = now
            for token_id in value.reshape(-1).tolist():
                self._record(int(token_id), now - self.started)
            return super().put(value)

        def _record(self, token_id: int, elapsed: float) -> None:
            probs = recorder.pending
            if probs is None:
                return
            top = torch.topk(probs, k=min(top_n, probs.shape[-1]))
            candidates = tuple(
                Candidate(int(i), token_label(tokenizer, int(i)), float(p))
                for p, i in zip(top.values.tolist(), top.indices.tolist())
            )
            step = TokenStep(
                index=len(self.steps),
                token_id=token_id,
                text=token_label(tokenizer, token_id),
                probability=float(probs[token_id]),
                candidates=candidates,
                elapsed=elapsed,
                special=token_id in special_ids,
                piece=self.whole.add(token_id),
            )
            self.steps.append(step)
            emit(Partial(job_id, step))

        def on_finalized_text(self, text: str, stream_end: bool = False) -> None:
            if text:
                emit(Partial(job_id, TextChunk(text)))

    recorder = ProbabilityRecorder()
    return recorder, CancelCriterion(), StepStreamer()


def run_chat(request: ChatRequest, loaded: LoadedChatModel, emit: Emit, cancel: Event) -> ChatResult:
    """Stream one reply. Emits PromptTokens, then TextChunk and TokenStep partials; returns the reply."""
    import torch
    from transformers import LogitsProcessorList, StoppingCriteriaList

    validate_chat_request(request)
    tokenizer, model = loaded.tokenizer, loaded.model
    special_ids = set(tokenizer.all_special_ids)
    sampling = request.sampling
    raw = request.raw_continuation
    ids, trimmed, max_new = fit_context(tokenizer, request.conversation, loaded.context_length, sampling.max_new_tokens,
                                        raw)
    prompt = PromptTokens(
        tokens=prompt_tokens(tokenizer, ids, special_ids),
        context_length=loaded.context_length,
        trimmed_messages=trimmed,
        used_chat_template=loaded.has_chat_template and not raw,
        raw_continuation=raw,
    )
    emit(Partial(request.job_id, prompt))

    seed = resolve_seed(sampling.seed)
    torch.manual_seed(seed)
    recorder, cancel_criterion, streamer = _make_helpers(loaded, emit, request.job_id, cancel, request.top_candidates,
                                                         request.stop)
    cancel_criterion.prompt_length = len(ids)
    input_ids = torch.tensor([ids], device=model.device)
    kwargs = dict(
        input_ids=input_ids,
        attention_mask=torch.ones_like(input_ids),
        max_new_tokens=max(1, max_new),
        streamer=streamer,
        logits_processor=LogitsProcessorList([recorder]),
        stopping_criteria=StoppingCriteriaList([cancel_criterion]),
        pad_token_id=tokenizer.pad_token_id if tokenizer.pad_token_id is not None else tokenizer.eos_token_id,
    )
    if sampling.temperature > 0:
        kwargs.update(do_sample=True, temperature=sampling.temperature, top_p=sampling.top_p, top_k=sampling.top_k)
    else:
        kwargs.update(do_sample=False, temperature=None, top_p=None, top_k=None)
    if cancel.is_set():
        raise JobCancelled()
    started = time.monotonic()
    with torch.inference_mode():
        output = model.generate(**kwargs)
    total = time.monotonic() - started

    generated = output[0][len(ids):].tolist()
    eos_ids = _eos_ids(model, tokenizer)
    steps = tuple(streamer.steps)
    text = tokenizer.decode(generated, skip_special_tokens=True)
    if cancel.is_set():
        stop_reason = StopReason.STOPPED
    elif cancel_criterion.stop_text_seen:
        stop_reason = StopReason.STOP_SEQUENCE
        text, kept = _cut_at_stop_text(tokenizer, generated, request.stop)
        steps = steps[:kept]
    elif generated and generated[-1] in eos_ids:
        stop_reason = StopReason.END_OF_REPLY
    else:
        stop_reason = StopReason.MAX_NEW_TOKENS
    first = (streamer.first_token_at - started) if streamer.first_token_at else total
    speed = decoding_speed(steps, total)
    result = ChatResult(
        text=text.strip(),
        steps=steps,
        prompt=prompt,
        stop_reason=stop_reason,
        seed=seed,
        time_to_first_token=first,
        tokens_per_second=speed,
        total_seconds=total,
        device=loaded.device.label,
        model_name=loaded.entry.name,
    )
    if stop_reason is StopReason.STOPPED:
        raise JobCancelled(result)
    return result


def _cut_at_stop_text(tokenizer, generated: list[int], stop_texts: tuple[str, ...]) -> tuple[str, int]:
    """The reply up to the first stop text, and how many generated tokens lie wholly before it.

    Generation ended right after the stop text appeared, so it is near the end: only the last few
    prefixes are decoded to find the tokens that wrote it."""
    full = tokenizer.decode(generated, skip_special_tokens=True)
    cut = min(full.find(text) for text in stop_texts if text in full)
    kept = len(generated)
    while kept > 0 and len(tokenizer.decode(generated[:kept], skip_special_tokens=True)) > cut:
        kept -= 1
    return full[:cut], kept


def _eos_ids(model, tokenizer) -> set[int]:
    ids: set[int] = set()
    configured = getattr(model.generation_config, "eos_token_id", None)
    if isinstance(configured, int):
        ids.add(configured)
    elif configured:
        ids.update(int(i) for i in configured)
    if tokenizer.eos_token_id is not None:
        ids.add(int(tokenizer.eos_token_id))
    return ids
