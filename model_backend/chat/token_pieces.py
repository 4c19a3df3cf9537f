"""Tokens as whole characters: what a token adds to the text on screen, and what it is on its own.

A byte-level tokenizer may split one kanji or emoji over two or three tokens; decoded alone, each of
them is "�". Views must never show that. Two things are computed here, for any tokenizer:

- the *piece* a token completes in context — the whole characters that appear when it is added ("" for
  a token that only starts a character; the token that completes it carries the whole character);
- the token's own *label* — its decoded text when that is whole, else its bytes (``<0xE6><0x97>``),
  which is what the tokenizer lesson shows ("one kanji took three tokens").

Pieces come from incremental detokenization (as inference servers do it): decode a short window of
recent ids, and release only text that no longer ends in an unfinished character.
"""
from __future__ import annotations

import codecs
import re
from functools import lru_cache
from typing import Any, Iterable

REPLACEMENT = "\ufffd"
CONTEXT_TOKENS = 5  # ids kept before the unreleased ones, so spacing rules of the decoder still apply
_BYTE_TOKEN = re.compile(r"<0x([0-9A-Fa-f]{2})>")


@lru_cache(maxsize=1)
def _byte_level_decoder() -> dict[str, int]:
    """GPT-2's byte-level alphabet, reversed: each of its 256 characters stands for one byte."""
    printable = list(range(ord("!"), ord("~") + 1)) + list(range(ord("¡"), ord("¬") + 1)) + list(
        range(ord("®"), ord("ÿ") + 1))
    codes = printable[:]
    extra = 0
    for byte in range(256):
        if byte not in printable:
            printable.append(byte)
            codes.append(256 + extra)
            extra += 1
    return {chr(code): byte for byte, code in zip(printable, codes)}


def token_bytes(tokenizer: Any, token_id: int) -> bytes | None:
    """The bytes a token stands for, when the tokenizer's vocabulary says so (byte-level BPE or
    SentencePiece byte fallback); None when it cannot be told."""
    piece = tokenizer.convert_ids_to_tokens(int(token_id))
    if not isinstance(piece, str):
        return None
    fallback = _BYTE_TOKEN.fullmatch(piece)
    if fallback:
        return bytes([int(fallback.group(1), 16)])
    decoder = _byte_level_decoder()
    if piece and all(char in decoder for char in piece):
        return bytes(decoder[char] for char in piece)
    return None


def bytes_label(data: bytes) -> str:
    return "".join(f"<0x{byte:02X}>" for byte in data)


def token_label(tokenizer: Any, token_id: int, decoded: str | None = None) -> str:
    """How a token shows on its own: its text, or its bytes when it holds part of a character."""
    text = tokenizer.decode([int(token_id)]) if decoded is None else decoded
    if REPLACEMENT not in text:
        return text
    data = token_bytes(tokenizer, token_id)
    return label_for_bytes(data) if data else text


def _label_invalid_bytes(error: UnicodeDecodeError) -> tuple[str, int]:
    return bytes_label(error.object[error.start:error.end]), error.end


codecs.register_error("genai_classroom_token_bytes", _label_invalid_bytes)


def label_for_bytes(data: bytes) -> str:
    """A token known by its bytes: its text, with the bytes that are not whole characters written as
    ``<0x..>`` (a space followed by the first bytes of an emoji reads " <0xF0><0x9F><0x98>")."""
    return data.decode("utf-8", errors="genai_classroom_token_bytes")


def utf8_decoder() -> codecs.IncrementalDecoder:
    """UTF-8 decoded as bytes arrive: an unfinished character waits for its last bytes, and bytes that can
    never form one come out as ``<0x..>``."""
    return codecs.getincrementaldecoder("utf-8")(errors="genai_classroom_token_bytes")


def _speaks_bytes(tokenizer: Any) -> bool:
    """True when every token of this tokenizer stands for known bytes (byte-level BPE: GPT-2, Llama 3,
    Qwen, SmolLM…), so text can be rebuilt exactly from bytes; False for SentencePiece-style pieces."""
    sample = "é 日本 😀"
    try:
        ids = tokenizer.encode(sample, add_special_tokens=False)
        parts = [token_bytes(tokenizer, i) for i in ids]
    except Exception:  # noqa: BLE001 - any tokenizer that cannot answer uses the decode path
        return False
    return all(part is not None for part in parts) and b"".join(parts) == sample.encode()


class WholeCharacters:
    """Feed token ids one at a time; each call returns the whole characters that token completes.

    Byte-level tokenizers are decoded byte by byte with an incremental UTF-8 decoder: exact, and
    bytes that can never form a character (a random model writes them) show as ``<0x..>``, not "�".
    Other tokenizers are decoded as inference servers do it: a short window of recent ids, releasing
    only text that no longer ends in an unfinished character."""

    def __init__(self, tokenizer: Any, context: Iterable[int] = (), skip_special_tokens: bool = True) -> None:
        self.tokenizer = tokenizer
        self.skip_special_tokens = skip_special_tokens
        self.special_ids = set(getattr(tokenizer, "all_special_ids", ()))
        self.byte_mode = _speaks_bytes(tokenizer)
        self.utf8 = utf8_decoder()
        self.ids = [int(i) for i in context]
        self.read_offset = len(self.ids)  # ids before this are released
        self.prefix_offset = max(0, self.read_offset - CONTEXT_TOKENS)

    def _decode(self, ids: list[int]) -> str:
        return self.tokenizer.decode(ids, skip_special_tokens=self.skip_special_tokens)

    def add(self, token_id: int) -> str:
        token_id = int(token_id)
        if self.byte_mode:
            return self._add_bytes(token_id)
        self.ids.append(token_id)
        released = self._decode(self.ids[self.prefix_offset:self.read_offset])
        text = self._decode(self.ids[self.prefix_offset:])
        if len(text) <= len(released) or text.endswith(REPLACEMENT):
            return ""  # nothing yet, or a character still waits for its last bytes
        self.prefix_offset, self.read_offset = self.read_offset, len(self.ids)
        return text[len(released):]

    def _add_bytes(self, token_id: int) -> str:
        if token_id in self.special_ids:
            pending = self.utf8.decode(b"", final=True)  # a control token ends any unfinished character
            self.utf8.reset()
            return pending + ("" if self.skip_special_tokens else self.tokenizer.decode([token_id]))
        data = token_bytes(self.tokenizer, token_id)
        if data is None:  # not in the byte alphabet after all: show what the tokenizer makes of it
            return self.utf8.decode(b"", final=True) + self.tokenizer.decode([token_id])
        return self.utf8.decode(data)

    def finish(self) -> str:
        """Whatever is left when the text ends mid-character (a cut-off reply), as bytes."""
        if self.byte_mode:
            rest = self.utf8.decode(b"", final=True)
            self.utf8.reset()
            return rest
        released = self._decode(self.ids[self.prefix_offset:self.read_offset])
        text = self._decode(self.ids[self.prefix_offset:])
        self.prefix_offset = self.read_offset = len(self.ids)
        return text[len(released):]


def pieces_of(tokenizer: Any, ids: Iterable[int], skip_special_tokens: bool = False) -> list[str]:
    """The piece of every id of a whole text (a prompt): joined, they are the text; none holds "�"
    unless the ids themselves are not valid UTF-8."""
    whole = WholeCharacters(tokenizer, skip_special_tokens=skip_special_tokens)
    pieces = [whole.add(token_id) for token_id in ids]
    if pieces:
        pieces[-1] += whole.finish()
    return pieces
