"""Read a GGUF file's whole index (metadata and tensor table) quickly, and refuse a damaged file.

``gguf.GGUFReader`` builds a numpy view of every field and takes about 3 s for SmolLM2's 49,152-token
vocabulary: too slow before every llama.cpp load (the app used it before converting). This reader walks
the index with ``struct`` and skips what it does not keep (the merges, the token scores), about 0.1 s for
the same file. It never reads the weights: a tensor is checked to lie
inside the file, which is what catches a truncated download before native code sees it.
"""
from __future__ import annotations

import functools
import logging
import mmap
import struct
from dataclasses import dataclass, field
from pathlib import Path

from model_backend.core.errors import ErrorKind, InvalidModelError
from model_backend.core.messages import msg

log = logging.getLogger(__name__)

# GGUF value types (gguf.constants.GGUFValueType): fixed sizes and struct codes.
_SCALARS = {0: "<B", 1: "<b", 2: "<H", 3: "<h", 4: "<I", 5: "<i", 6: "<f", 7: "<?", 10: "<Q", 11: "<q", 12: "<d"}
_STRING, _ARRAY = 8, 9
_MAX_COUNT = 1 << 40  # no real file holds more items than this; a bigger count is garbage
TOKEN_TYPE_CONTROL = 3  # gguf.constants.TokenType.CONTROL: <|im_start|>, <|im_end|>, </s> and the like
KEPT_ARRAYS = ("tokenizer.ggml.tokens", "tokenizer.ggml.token_type")

# Architectures llama.cpp runs as encoders or helpers: they cannot write a reply.
NOT_CHAT_ARCHITECTURES = {
    "bert": msg("a text-embedding model (it turns text into vectors; it cannot chat)"),
    "nomic-bert": msg("a text-embedding model (it turns text into vectors; it cannot chat)"),
    "nomic-bert-moe": msg("a text-embedding model (it turns text into vectors; it cannot chat)"),
    "jina-bert-v2": msg("a text-embedding model (it turns text into vectors; it cannot chat)"),
    "jina-bert-v3": msg("a text-embedding model (it turns text into vectors; it cannot chat)"),
    "modern-bert": msg("a text-embedding model (it turns text into vectors; it cannot chat)"),
    "neo-bert": msg("a text-embedding model (it turns text into vectors; it cannot chat)"),
    "t5encoder": msg("the text encoder of a larger model, which cannot write a reply"),
    "clip": msg("the image part (projector) of a vision model, not a chat model"),
    "wavtokenizer-dec": msg("a speech decoder, not a chat model"),
}


@dataclass
class GGUFIndex:
    """What the engine needs from a GGUF file, read without loading it."""

    path: Path
    version: int
    metadata: dict = field(default_factory=dict)  # scalar values and strings; arrays only for KEPT_ARRAYS
    tensor_count: int = 0
    data_end: int = 0  # where the last tensor's data ends (bytes from the start of the file)
    parameters: int = 0  # the tensors' elements added up: the model's parameter count (the scaling plot's x)

    @property
    def architecture(self) -> str:
        return str(self.metadata.get("general.architecture", ""))

    @property
    def name(self) -> str:
        return str(self.metadata.get("general.name", "") or self.path.stem)

    @property
    def context_length(self) -> int:
        value = self.metadata.get(f"{self.architecture}.context_length")
        return int(value) if isinstance(value, int) and value > 0 else 0

    @property
    def chat_template(self) -> str:
        value = self.metadata.get("tokenizer.chat_template", "")
        return value if isinstance(value, str) else ""

    @property
    def eos_token_id(self) -> int | None:
        value = self.metadata.get("tokenizer.ggml.eos_token_id")
        return value if isinstance(value, int) else None

    @functools.cached_property
    def token_bytes(self) -> list[bytes]:
        """The bytes each token of the vocabulary stands for (byte-level BPE decoded, SentencePiece's ▁ and
        <0x..> byte tokens resolved); built on first use (about 0.1 s for 50,000 tokens)."""
        from model_backend.chat.token_pieces import _BYTE_TOKEN, _byte_level_decoder

        tokens = self.metadata.get("tokenizer.ggml.tokens") or []
        model = self.metadata.get("tokenizer.ggml.model", "")
        if model == "gpt2":
            table = _byte_level_decoder()
            return [bytes(table[c] for c in t) if all(c in table for c in t) else t.encode() for t in tokens]
        result = []
        for token in tokens:
            byte = _BYTE_TOKEN.fullmatch(token) if model == "llama" else None
            result.append(bytes([int(byte.group(1), 16)]) if byte else token.replace("\u2581", " ").encode())
        return result

    @property
    def control_tokens(self) -> dict[int, str]:
        """Token id -> text of the control tokens (end of reply, turn markers): shown, never part of the text."""
        tokens = self.metadata.get("tokenizer.ggml.tokens") or []
        types = self.metadata.get("tokenizer.ggml.token_type") or []
        return {i: tokens[i] for i, kind in enumerate(types) if kind == TOKEN_TYPE_CONTROL and i < len(tokens)}


class _Cursor:
    def __init__(self, view, name: str) -> None:
        self.view, self.pos, self.name = view, 0, name

    def need(self, size: int) -> None:
        if size < 0 or self.pos + size > len(self.view):
            raise _Damaged(msg("its index ends before the file does"))

    def scalar(self, code: str):
        size = struct.calcsize(code)
        self.need(size)
        (value,) = struct.unpack_from(code, self.view, self.pos)
        self.pos += size
        return value

    def count(self) -> int:
        value = self.scalar("<Q")
        if value > _MAX_COUNT:
            raise _Damaged(msg("a length in its index is impossibly large"))
        return value

    def string(self, keep: bool = True) -> str:
        length = self.count()
        self.need(length)
        start = self.pos
        self.pos += length
        if not keep:
            return ""
        return bytes(self.view[start:start + length]).decode("utf-8", errors="replace")

    def value(self, kind: int, keep: bool):
        if kind in _SCALARS:
            return self.scalar(_SCALARS[kind])
        if kind == _STRING:
            return self.string(keep)
        if kind == _ARRAY:
            item_kind = self.scalar("<I")
            length = self.count()
            if item_kind in _SCALARS and not keep:
                size = struct.calcsize(_SCALARS[item_kind]) * length
                self.need(size)
                self.pos += size
                return None
            if item_kind in _SCALARS:
                code = _SCALARS[item_kind]
                size = struct.calcsize(code) * length
                self.need(size)
                values = list(struct.unpack_from(f"<{length}{code[1]}", self.view, self.pos))
                self.pos += size
                return values
            items = [self.value(item_kind, keep) for _ in range(length)]
            return items if keep else None
        raise _Damaged(msg("its index holds a value of unknown type {kind}", kind=kind))


class _Damaged(Exception):
    """Why the index is unreadable: ``args[0]`` is a clause (a Message) for the error the user reads."""


def _tensor_sizes() -> dict[int, tuple[int, int]]:
    from gguf.constants import GGML_QUANT_SIZES  # heavy package: imported only here

    return {int(kind): sizes for kind, sizes in GGML_QUANT_SIZES.items()}


def read_general_keys(path: Path) -> dict:
    """The GGUF's ``general.*`` keys, string arrays included (``general.languages``, base models), or {} when
    the file cannot be read. Cheap enough for the GUI thread (about 0.2 ms, cached per file version):
    llama.cpp's converter writes the model card's keys before the vocabulary, so the walk stops at the first
    ``tokenizer.`` key instead of stepping through up to 150,000 token strings as ``read_gguf_index`` does."""
    try:
        stat = Path(path).stat()
    except OSError:
        return {}
    return _read_general_keys(str(path), stat.st_size, stat.st_mtime_ns)


@functools.lru_cache(maxsize=64)
def _read_general_keys(path: str, size: int, mtime_ns: int) -> dict:
    found: dict = {}
    try:
        with open(path, "rb") as handle, mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ) as view:
            if bytes(view[:4]) != b"GGUF":
                return {}
            cursor = _Cursor(view, Path(path).name)
            cursor.pos = 8
            cursor.count()  # tensors
            for _ in range(cursor.count()):
                key = cursor.string()
                if key.startswith("tokenizer."):
                    break
                kind = cursor.scalar("<I")
                keep = key.startswith("general.")
                value = cursor.value(kind, keep)
                if keep:
                    found[key] = value
    except (OSError, ValueError, _Damaged) as exc:
        log.info("general keys of %s unreadable: %s", path, exc)
    return found


def read_gguf_index(path: Path) -> GGUFIndex:
    """Read and check the index of a GGUF file; raise ``InvalidModelError`` saying what is wrong."""
    path = Path(path)
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise InvalidModelError(msg("{path} does not exist or cannot be read.", path=str(path)), details=repr(exc),
                                kind=ErrorKind.MODEL_NOT_FOUND) from exc
    if size == 0:
        raise InvalidModelError(msg("{name} is empty (0 bytes): the download or copy did not finish. Download or copy "
                                    "it again.", name=path.name))
    try:
        with path.open("rb") as handle, mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ) as view:
            return _read(path, view, size)
    except _Damaged as exc:
        raise InvalidModelError(msg(
            "{name} could not be read as a GGUF model: {reason}. It is probably truncated or corrupt ({size_mb:.1f} MB on "
            "disk). Download or copy it again.", name=path.name, reason=exc.args[0], size_mb=size / 1e6),
            details=str(exc)) from exc
    except OSError as exc:
        raise InvalidModelError(msg("{name} could not be read: {reason}.", name=path.name, reason=str(exc.strerror or exc)),
                                details=repr(exc)) from exc


def _read(path: Path, view, size: int) -> GGUFIndex:
    if size < 24 or bytes(view[:4]) != b"GGUF":
        raise InvalidModelError(msg("{name} is not a GGUF file (its header is wrong); the file may be damaged.",
                                    name=path.name))
    cursor = _Cursor(view, path.name)
    cursor.pos = 4
    version = cursor.scalar("<I")
    if version not in (2, 3):
        raise InvalidModelError(msg("{name} uses GGUF version {version}, which this app cannot read.", name=path.name,
                                    version=version))
    index = GGUFIndex(path=path, version=version)
    index.tensor_count = cursor.count()
    kv_count = cursor.count()
    for _ in range(kv_count):
        key = cursor.string()
        kind = cursor.scalar("<I")
        keep = kind != _ARRAY or key in KEPT_ARRAYS
        value = cursor.value(kind, keep)
        if keep:
            index.metadata[key] = value
    tensors = []
    for _ in range(index.tensor_count):
        name = cursor.string()
        dims = cursor.scalar("<I")
        if dims > 8:
            raise _Damaged(msg("tensor {name} has {dims} dimensions", name=name, dims=dims))
        shape = [cursor.scalar("<Q") for _ in range(dims)]
        tensors.append((name, shape, cursor.scalar("<I"), cursor.scalar("<Q")))
    alignment = index.metadata.get("general.alignment", 32)
    if not isinstance(alignment, int) or alignment <= 0 or alignment & (alignment - 1):
        raise _Damaged(msg("its alignment is not a power of two"))
    data_start = -(-cursor.pos // alignment) * alignment
    index.data_end = data_start
    sizes = _tensor_sizes()
    for name, shape, kind, offset in tensors:
        if offset % alignment:
            raise _Damaged(msg("tensor {name} is misplaced", name=name))
        elements = 1
        for dim in shape:
            elements *= dim
        index.parameters += elements
        if kind in sizes:
            block, block_bytes = sizes[kind]
            nbytes = elements // block * block_bytes
        else:  # a tensor type newer than the gguf package: llama.cpp checks its size itself
            nbytes = 0
        index.data_end = max(index.data_end, data_start + offset + nbytes)
    if index.data_end > size:
        raise InvalidModelError(msg(
            "{name} is truncated: it holds {have_mb:.1f} MB but its weights need {need_mb:.1f} MB. Download or copy "
            "it again.", name=path.name, have_mb=size / 1e6, need_mb=index.data_end / 1e6))
    return index


def refuse_non_chat(index: GGUFIndex) -> None:
    """Raise for GGUF files that hold no chat model: embedding models, projectors, adapters, no weights."""
    name = index.path.name
    general_type = str(index.metadata.get("general.type", "model"))
    if general_type == "adapter":
        raise InvalidModelError(msg("{name} is an adapter (LoRA) for another model, not a model of its own.", name=name),
                                kind=ErrorKind.WRONG_MODEL_KIND)
    if general_type == "mmproj" or index.architecture in ("clip", "mmproj"):
        raise InvalidModelError(msg("{name} is {what}.", name=name, what=NOT_CHAT_ARCHITECTURES["clip"]),
                                kind=ErrorKind.WRONG_MODEL_KIND)
    if not index.architecture:
        raise InvalidModelError(msg("{name} names no model architecture (general.architecture), so no engine can run "
                                    "it. The file may be damaged or not a model.", name=name))
    what = NOT_CHAT_ARCHITECTURES.get(index.architecture)
    if what is None and f"{index.architecture}.pooling_type" in index.metadata:
        what = NOT_CHAT_ARCHITECTURES["bert"]
    if what:
        raise InvalidModelError(msg("{name} is a '{architecture}' model: {what}.", name=name,
                                    architecture=index.architecture, what=what), kind=ErrorKind.WRONG_MODEL_KIND)
    if index.tensor_count == 0:
        raise InvalidModelError(msg("{name} holds no weights (it is a vocabulary-only file), so it cannot chat.",
                                    name=name))
