"""Tokens from llama.cpp as the views want them: whole characters, labels, stop texts.

llama.cpp hands every token over as bytes (a generated token's ``bytes``, a prompt token's ``piece``), so
the whole characters are found exactly, byte by byte, as ``token_pieces.WholeCharacters`` does for
byte-level tokenizers: a token that only starts a character completes nothing (piece ""), the token that
ends it carries the whole character, and bytes that never form a character show as ``<0x..>``. A token's
own label is its text when that is whole, else its bytes. No TextChunk, piece or label holds U+FFFD.
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Callable

from model_backend.chat.chat_types import Candidate, PromptToken, TextChunk, TokenStep
from model_backend.chat.token_pieces import label_for_bytes, utf8_decoder
from model_backend.core.jobs import Emit, Partial


def token_label(data: bytes, control_text: str | None = None) -> str:
    """How a token shows on its own: a control token's text, else its text or its bytes (``<0xE6>``)."""
    return control_text if control_text is not None else label_for_bytes(data)


def prompt_tokens(ids: list[int], token_bytes: dict[int, bytes], control: dict[int, str]) -> tuple[PromptToken, ...]:
    """The prompt's tokens with their labels and the whole characters each completes (control tokens included,
    as their text: the prompt view shows the template's markers)."""
    decoder = utf8_decoder()
    tokens = []
    for token_id in ids:
        if token_id in control:
            piece = decoder.decode(b"", final=True) + control[token_id]
            decoder.reset()
            tokens.append(PromptToken(token_id, control[token_id], True, piece))
            continue
        data = token_bytes.get(token_id, b"")
        tokens.append(PromptToken(token_id, token_label(data), False, decoder.decode(data)))
    rest = decoder.decode(b"", final=True)
    if rest and tokens:
        last = tokens[-1]
        tokens[-1] = PromptToken(last.token_id, last.text, last.special, (last.piece or "") + rest)
    return tuple(tokens)


@dataclass
class _Slot:
    """One generated token in reply order. ``step`` is None for a token llama.cpp did not report (see below)."""

    token_id: int
    data: bytes  # the token's own bytes
    elapsed: float
    piece: str
    step: TokenStep | None = None


# Probe: (ids before a token, that token's id) -> (its probability, the strongest candidates), or None when
# it cannot be had (time budget spent, Stop).
Probe = Callable[[list[int], int], "tuple[float, tuple[Candidate, ...]] | None"]


class ReplyStream:
    """Streamed tokens in (llama.cpp's logprobs entries); TokenSteps and whole-character TextChunks out.

    llama.cpp's server withholds a token that leaves the text mid-character and reports only the token that
    completes the character, with the bytes of both (its probability and candidates for the withheld one are
    never sent, also not without streaming). Those tokens are rebuilt from the bytes with the vocabulary
    (longest match, as the tokenizer's merges produce) and their probabilities asked afterwards with
    ``fill_in``. Text that could be the start of a stop text is held back until it is not; once a stop text
    appears the reply ends before it, and only the tokens wholly before it are kept (as chat_runner does)."""

    def __init__(self, emit: Emit, job_id: str, control: dict[int, str], vocabulary: Callable[[], list[bytes]],
                 stop_texts: tuple[str, ...], top_n: int, started: float) -> None:
        self.emit, self.job_id, self.control, self.top_n, self.started = emit, job_id, control, top_n, started
        self.vocabulary = vocabulary
        self._by_bytes: dict[bytes, int] | None = None
        self.stop_texts = tuple(t for t in stop_texts if t)
        self.longest_stop = max((len(t) for t in self.stop_texts), default=0)
        self.decoder = utf8_decoder()
        self.text = ""  # the reply so far, control tokens left out, whole characters only
        self.sent = 0  # how much of ``text`` went out as TextChunks
        self.slots: list[_Slot] = []
        self.ends: list[tuple[int, bool]] = []  # per slot: len(text) after it, and whether a character is open
        self.stop_at = -1  # where the first stop text starts in ``text``
        self.prompt_reused = 0  # prompt tokens the engine already held (its KV cache), from the last chunk's timings
        self.first_token_at: float | None = None

    def _candidate(self, entry: dict) -> Candidate:
        token_id = int(entry["id"])
        return Candidate(token_id, token_label(bytes(entry.get("bytes") or []), self.control.get(token_id)),
                         math.exp(float(entry["logprob"])))

    def candidates(self, entries) -> tuple[Candidate, ...]:
        ranked = sorted((self._candidate(c) for c in entries or ()), key=lambda c: c.probability, reverse=True)
        return tuple(ranked[:self.top_n])

    def _own_bytes(self, token_id: int, entry: dict) -> bytes:
        for candidate in entry.get("top_logprobs") or ():
            if int(candidate["id"]) == token_id:
                return bytes(candidate.get("bytes") or [])
        vocabulary = self.vocabulary()
        return vocabulary[token_id] if 0 <= token_id < len(vocabulary) else bytes(entry.get("bytes") or [])

    def _withheld(self, data: bytes) -> list[tuple[int, bytes]]:
        """The tokens that spelt ``data`` (longest vocabulary match); [] when the vocabulary cannot spell it."""
        if self._by_bytes is None:
            self._by_bytes = {}
            for token_id, spelling in enumerate(self.vocabulary()):
                if spelling and token_id not in self.control:
                    self._by_bytes.setdefault(spelling, token_id)
        tokens, rest = [], data
        while rest:
            size = next((n for n in range(min(len(rest), 32), 0, -1) if rest[:n] in self._by_bytes), 0)
            if not size:
                return []
            tokens.append((self._by_bytes[rest[:size]], rest[:size]))
            rest = rest[size:]
        return tokens

    def add(self, entry: dict, now: float) -> None:
        """One reported token: ``{"id", "bytes", "logprob", "top_logprobs": [...]}``."""
        token_id = int(entry["id"])
        if self.first_token_at is None:
            self.first_token_at = now
        special = token_id in self.control
        reported = bytes(entry.get("bytes") or [])
        own = b"" if special else self._own_bytes(token_id, entry)
        if not special and len(reported) > len(own) and reported.endswith(own):
            withheld = self._withheld(reported[:-len(own)])
            if withheld:
                for withheld_id, data in withheld:
                    self._add_slot(_Slot(withheld_id, data, now - self.started, self._feed(data)))
            else:  # cannot be spelt: the reported token carries all the bytes
                own = reported
        slot = _Slot(token_id, own, now - self.started, self._feed(own, special))
        slot.step = TokenStep(index=len(self.slots), token_id=token_id, text=token_label(own, self.control.get(token_id)),
                              probability=math.exp(float(entry["logprob"])),
                              candidates=self.candidates(entry.get("top_logprobs")), elapsed=slot.elapsed,
                              special=special, piece=slot.piece)
        self._add_slot(slot)
        self.emit(Partial(self.job_id, slot.step))
        self._send(final=False)

    def _feed(self, data: bytes, special: bool = False) -> str:
        """The whole characters ``data`` completes; a control token ends any unfinished character."""
        if special:
            piece = self.decoder.decode(b"", final=True)
            self.decoder.reset()
            return piece
        return self.decoder.decode(data)

    def _add_slot(self, slot: _Slot) -> None:
        self.slots.append(slot)
        self._extend(slot.piece)
        self.ends.append((len(self.text), bool(self.decoder.getstate()[0])))

    def fill_in(self, probe: Probe) -> None:
        """Ask the probabilities of the withheld tokens, in order; a token whose probe fails stays out."""
        for position, slot in enumerate(self._kept_slots()):
            if slot.step is not None:
                continue
            answer = probe([s.token_id for s in self.slots[:position]], slot.token_id)
            if answer is None:
                return
            probability, candidates = answer
            slot.step = TokenStep(index=position, token_id=slot.token_id, text=token_label(slot.data),
                                  probability=probability, candidates=candidates, elapsed=slot.elapsed,
                                  piece=slot.piece)
            self.emit(Partial(self.job_id, slot.step))

    def finish(self) -> None:
        """The reply ended by itself: bytes of an unfinished character show as bytes; send all held back."""
        if self.stop_at < 0:
            self._extend(self.decoder.decode(b"", final=True))
        self._send(final=True)

    def _extend(self, new_text: str) -> None:
        if not new_text or self.stop_at >= 0:
            return
        search_from = max(0, len(self.text) - self.longest_stop + 1)
        self.text += new_text
        found = [i for i in (self.text.find(t, search_from) for t in self.stop_texts) if i >= 0]
        if found:
            self.stop_at = min(found)

    def _held_back(self) -> int:
        """Characters at the end of ``text`` that could be the start of a stop text."""
        for size in range(min(len(self.text), self.longest_stop), 0, -1):
            if any(t.startswith(self.text[-size:]) for t in self.stop_texts):
                return size
        return 0

    def _send(self, final: bool) -> None:
        upto = self.stop_at if self.stop_at >= 0 else len(self.text) - (0 if final else self._held_back())
        if upto > self.sent:
            self.emit(Partial(self.job_id, TextChunk(self.text[self.sent:upto])))
            self.sent = upto

    def reply_text(self) -> str:
        return self.text[:self.stop_at] if self.stop_at >= 0 else self.text

    def _kept_slots(self) -> list[_Slot]:
        """All slots, or after a stop text the tokens wholly before it."""
        if self.stop_at < 0:
            return self.slots
        kept = 0
        for count, (end, open_character) in enumerate(self.ends, start=1):
            if end > self.stop_at:
                break
            if not open_character:
                kept = count
        return self.slots[:kept]

    @property
    def withheld_count(self) -> int:
        return sum(1 for slot in self._kept_slots() if slot.step is None)

    def kept_steps(self) -> tuple[TokenStep, ...]:
        return tuple(slot.step for slot in self._kept_slots() if slot.step is not None)
