"""Will this model fit? An estimate before loading, so a laptop is warned with numbers (and offered the
smaller option) before it starts swapping, not after it has frozen for a minute.

What counts: the weights in the precision they will run in (a GGUF's quantisation as it is on disk; a
transformers folder in float32 on the CPU and 16-bit on a GPU, whatever the files hold), the chat model's
key/value cache for the context it will use, and a fixed allowance for the runtime. Against: free RAM
(``psutil``), or free GPU memory when the model would run on one — asked from torch only if torch is
already imported, so the GUI thread never pays for importing it. File sizes and headers only: cheap
enough for the GUI thread (a GGUF's index is read once per file version and kept).
"""
from __future__ import annotations

import functools
import json
import sys
from dataclasses import dataclass
from pathlib import Path

from model_backend.core.messages import Message, msg
from model_backend.core.model_inspection import ModelFormat, ModelKind, folder_size
from model_backend.core.registry import ModelEntry
from model_backend.library.catalogue import CatalogueEntry, load_catalogue

RUNTIME_BYTES = 300_000_000  # the engine's own buffers, activations of one step, the tokenizer
TIGHT = 0.8  # above this share of free memory the machine may start swapping once other programs grow
DTYPE_BYTES = {"float32": 4, "float16": 2, "bfloat16": 2, "float64": 8, "int8": 1}
WEIGHT_SUFFIXES = (".safetensors", ".bin", ".gguf", ".onnx", ".pt", ".pth", ".ckpt")


@dataclass(frozen=True)
class MemoryEstimate:
    needed_bytes: int
    weights_bytes: int
    cache_bytes: int
    available_bytes: int
    device: str
    fits: bool
    advice: Message | None
    smaller_entry_id: str | None = None  # a catalogue model of the same kind that would fit, if any


def _device(device: str) -> str:
    """The device a model would run on, without importing torch (a GPU is only seen once torch is loaded)."""
    torch = sys.modules.get("torch")
    if device in ("cpu", "cuda", "mps"):
        return device
    if torch is not None:
        try:
            if torch.cuda.is_available():
                return "cuda"
            if torch.backends.mps.is_available():
                return "mps"
        except Exception:  # noqa: BLE001 - a broken driver means the CPU
            return "cpu"
    return "cpu"


def available_bytes(device: str) -> int:
    torch = sys.modules.get("torch")
    if device == "cuda" and torch is not None:
        try:
            free, _ = torch.cuda.mem_get_info()
            return int(free)
        except Exception:  # noqa: BLE001
            pass
    import psutil

    return int(psutil.virtual_memory().available)  # MPS shares the system memory


@functools.lru_cache(maxsize=32)
def _gguf_cache_per_token(path: str, size: int, mtime_ns: int) -> int:
    """Bytes of the f16 key/value cache per token of context (llama.cpp's default cache type)."""
    from model_backend.chat.gguf_metadata import read_gguf_index

    meta = read_gguf_index(Path(path)).metadata
    arch = meta.get("general.architecture", "")
    layers = int(meta.get(f"{arch}.block_count", 0) or 0)
    heads = int(meta.get(f"{arch}.attention.head_count", 0) or 0)
    kv_heads = meta.get(f"{arch}.attention.head_count_kv", heads)
    kv_heads = int(kv_heads if isinstance(kv_heads, int) else heads)
    width = int(meta.get(f"{arch}.embedding_length", 0) or 0)
    head_dim = int(meta.get(f"{arch}.attention.key_length", 0) or 0) or (width // heads if heads else 0)
    return 2 * layers * kv_heads * head_dim * 2


def _config(folder: Path) -> dict:
    try:
        return json.loads((folder / "config.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def _hf_folder(folder: Path, device: str) -> tuple[int, int]:
    """(weights in the precision used, cache bytes per token) for a transformers folder."""
    config = _config(folder)
    text = config.get("text_config") or config
    stored = DTYPE_BYTES.get(str(config.get("torch_dtype") or config.get("dtype") or "float32"), 4)
    used = 4 if device == "cpu" else 2  # the app runs float32 on the CPU, 16-bit on a GPU (core/device.py)
    on_disk = sum(p.stat().st_size for p in folder.rglob("*") if p.suffix in WEIGHT_SUFFIXES and p.is_file())
    weights = on_disk * used // stored
    layers = int(text.get("num_hidden_layers", 0) or 0)
    heads = int(text.get("num_attention_heads", 0) or 0)
    kv_heads = int(text.get("num_key_value_heads", heads) or heads)
    head_dim = int(text.get("head_dim", 0) or 0) or (int(text.get("hidden_size", 0) or 0) // heads if heads else 0)
    return weights, 2 * layers * kv_heads * head_dim * used


def _weights_and_cache(model: ModelEntry, device: str, context_tokens: int) -> tuple[int, int]:
    path = Path(model.path)
    if model.format is ModelFormat.GGUF:
        weights = path.stat().st_size
        cache = 0
        if model.kind is ModelKind.CHAT:
            stat = path.stat()
            try:
                cache = _gguf_cache_per_token(str(path), stat.st_size, stat.st_mtime_ns) * context_tokens
            except Exception:  # noqa: BLE001 - a damaged file is reported when it is loaded
                cache = 0
        return weights, cache
    if model.format is ModelFormat.HF_FOLDER and path.is_dir():
        weights, per_token = _hf_folder(path, device)
        return weights, per_token * context_tokens if model.kind is ModelKind.CHAT else 0
    size = model.size_bytes or folder_size(path)
    if model.format is ModelFormat.DIFFUSERS and device == "cpu":
        size *= 2  # diffusers folders usually hold 16-bit weights; the CPU runs them in float32
    return size, 0


def _smaller(kind: ModelKind, budget: int, catalogue: tuple[CatalogueEntry, ...]) -> CatalogueEntry | None:
    fitting = [e for e in catalogue if e.kind is kind and e.memory_bytes <= budget * TIGHT]
    return max(fitting, key=lambda e: e.memory_bytes, default=None)


def estimate_memory(model: ModelEntry | CatalogueEntry, context_tokens: int = 4096, device: str = "auto",
                    catalogue: tuple[CatalogueEntry, ...] | None = None) -> MemoryEstimate:
    """What ``model`` needs against what is free, with a sentence when it will not fit well."""
    device = _device(device)
    free = available_bytes(device)
    if isinstance(model, CatalogueEntry):
        name, kind = model.title, model.kind
        weights, cache = model.memory_bytes - RUNTIME_BYTES, 0
        weights = max(weights, 0)
    else:
        name, kind = model.name, model.kind
        weights, cache = _weights_and_cache(model, device, context_tokens)
    needed = weights + cache + RUNTIME_BYTES
    fits = needed <= free
    advice = None
    smaller_id = None
    if needed > free * TIGHT:
        try:
            smaller = _smaller(kind, free, catalogue if catalogue is not None else load_catalogue())
        except Exception:  # noqa: BLE001 - the advice works without the catalogue
            smaller = None
        if smaller is not None and smaller.title != name:
            smaller_id = smaller.id
            option = msg("A smaller model that fits: {title} (about {size:.1f} GB).", title=smaller.title,
                         size=smaller.memory_bytes / 1e9)
        else:
            option = msg("Close other programs, or choose a smaller model.")
        where = msg("graphics memory") if device == "cuda" else msg("memory")
        if fits:
            advice = msg("{name} needs about {needed:.1f} GB of {where} and {free:.1f} GB is free: it will fit, but "
                         "tightly, and the computer may slow down. {option}", name=name, needed=needed / 1e9,
                         where=where, free=free / 1e9, option=option)
        else:
            advice = msg("{name} needs about {needed:.1f} GB of {where} but only {free:.1f} GB is free: the computer "
                         "would start swapping and nearly stop. {option}", name=name, needed=needed / 1e9, where=where,
                         free=free / 1e9, option=option)
    return MemoryEstimate(needed, weights, cache, free, device, fits, advice, smaller_id)
