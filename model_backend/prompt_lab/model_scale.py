"""How big a chat model is, which family it belongs to, and whether it is the base or the instruction-tuned one.

The Prompt tab plots accuracy against the parameter count (the scaling-law lesson) and puts a base and an
instruct model of one family side by side (the instruction-tuning lesson). Both need these facts cheaply,
on the GUI thread, without loading any weights:

- **Parameter count**: a GGUF's ``general.size_label`` ("135M", "1.7B", "8x7B") read from its first few
  hundred bytes; without one, its tensor table added up (``GGUFIndex.parameters``, about 0.1–0.5 s). A Hugging
  Face folder: the safetensors headers' shapes added up (exact, a few kB read); without safetensors, an
  estimate from ``config.json`` for Llama-like decoders (the formula below).
- **Family and instruction tuning**: a GGUF's ``general.basename`` / ``general.finetune`` when present, else the
  model's name ("SmolLM2-360M-Instruct" → family "smollm2", size "360m", instruct); names are what model
  makers use to tell the two apart, and the GGUF converter copies them into the metadata.
"""
from __future__ import annotations

import functools
import json
import re
import struct
from dataclasses import dataclass
from pathlib import Path

from model_backend.core.model_inspection import ModelFormat
from model_backend.core.registry import ModelEntry

_SIZE = re.compile(r"^(?:(\d+)x)?(\d+(?:\.\d+)?)([KMBT])$", re.IGNORECASE)
_SCALE = {"K": 1e3, "M": 1e6, "B": 1e9, "T": 1e12}
# name parts that mark an instruction-tuned (chat) model, and those that only say how it is stored
_INSTRUCT_WORDS = {"instruct", "it", "chat", "sft", "dpo", "rlhf"}
_STORAGE = re.compile(r"^(?:q\d.*|iq\d.*|f16|f32|bf16|fp16|fp32|gguf|\d+bit|int\d)$", re.IGNORECASE)


def size_from_label(label: str) -> int | None:
    """Parameters named by a size label: "135M" → 135,000,000; "8x7B" → 56e9; None when it is not one."""
    match = _SIZE.match(str(label).strip())
    if not match:
        return None
    experts = int(match.group(1) or 1)
    return int(round(experts * float(match.group(2)) * _SCALE[match.group(3).upper()]))


def parameter_count_from_config(config: dict) -> int | None:
    """The parameter count of a Llama-like decoder (Llama, Mistral, Qwen2, SmolLM…) from its config: embeddings
    (twice unless tied), per layer the attention projections (grouped-query heads included), a gated MLP of three
    matrices and two norms, and the final norm. Biases are counted when the config says the projections have them.
    None for a config that does not name these sizes."""
    try:
        hidden, layers = int(config["hidden_size"]), int(config["num_hidden_layers"])
        vocab, inner = int(config["vocab_size"]), int(config["intermediate_size"])
        heads = int(config["num_attention_heads"])
    except (KeyError, TypeError, ValueError):
        return None
    kv_heads = int(config.get("num_key_value_heads") or heads)
    head_dim = int(config.get("head_dim") or hidden // heads)
    attention = hidden * heads * head_dim * 2 + hidden * kv_heads * head_dim * 2
    if config.get("attention_bias"):
        attention += heads * head_dim + kv_heads * head_dim * 2 + hidden
    mlp = 3 * hidden * inner + (2 * inner + hidden if config.get("mlp_bias") else 0)
    embeddings = vocab * hidden * (1 if config.get("tie_word_embeddings", False) else 2)
    return embeddings + layers * (attention + mlp + 2 * hidden) + hidden


def _safetensors_count(folder: Path) -> int | None:
    """The elements of every tensor in the folder's safetensors files, read from their headers only."""
    files = sorted(folder.glob("*.safetensors"))
    if not files:
        return None
    total = 0
    for file in files:
        with open(file, "rb") as handle:
            length = struct.unpack("<Q", handle.read(8))[0]
            if length > 100_000_000:
                return None
            header = json.loads(handle.read(length))
        for name, info in header.items():
            if name != "__metadata__":
                count = 1
                for dim in info.get("shape", []):
                    count *= int(dim)
                total += count
    return total


@functools.lru_cache(maxsize=64)
def _count(path: str, model_format: str, _mtime_ns: int) -> int | None:
    from model_backend.chat.gguf_metadata import read_general_keys, read_gguf_index

    target = Path(path)
    if model_format == ModelFormat.GGUF.value:
        labelled = size_from_label(str(read_general_keys(target).get("general.size_label", "")))
        return labelled or (read_gguf_index(target).parameters or None)
    try:
        counted = _safetensors_count(target)
    except (OSError, ValueError, struct.error):
        counted = None
    if counted:
        return counted
    try:
        return parameter_count_from_config(json.loads((target / "config.json").read_text(encoding="utf-8")))
    except (OSError, ValueError):
        return None


def parameter_count(entry: ModelEntry) -> int | None:
    """How many parameters the model has, read from its files without loading its weights; None when unknown."""
    try:
        mtime = entry.path.stat().st_mtime_ns
        return _count(str(entry.path), entry.format.value, mtime)
    except Exception:  # noqa: BLE001 - a damaged or vanished file: the chart leaves the model out
        return None


@dataclass(frozen=True)
class ModelFamily:
    """Where a model stands in its family: "smollm2" at "135m", instruction-tuned or not."""

    family: str  # lower case, e.g. "smollm2"
    size: str  # lower case size label, e.g. "135m" ("" when the name gives none)
    instruct: bool


def _name_parts(text: str) -> list[str]:
    stem = re.sub(r"\.(gguf|safetensors|bin)$", "", text, flags=re.IGNORECASE)
    stem = re.sub(r"\(.*?\)", " ", stem)  # "(GGUF Q4_1)" and the like
    return [p for p in re.split(r"[-_ /]+", stem) if p]


def model_family(entry: ModelEntry) -> ModelFamily:
    """The model's family, size and whether it was instruction-tuned: GGUF metadata first, then its name."""
    keys: dict = {}
    if entry.format is ModelFormat.GGUF:
        from model_backend.chat.gguf_metadata import read_general_keys

        keys = read_general_keys(entry.path)
    names = " ".join(str(x) for x in (entry.name, entry.path.name, keys.get("general.finetune", ""),
                                      keys.get("general.name", "")))
    instruct = any(part.lower() in _INSTRUCT_WORDS for part in _name_parts(names))
    own_name = (entry.name or entry.path.name).rpartition("/")[2]  # "HuggingFaceTB/SmolLM2-135M": not the maker
    parts = [p for p in _name_parts(own_name) if not _STORAGE.match(p)]
    size_label = str(keys.get("general.size_label", "")) or next((p for p in parts if size_from_label(p)), "")
    family = str(keys.get("general.basename", ""))
    if not family:
        kept = [p for p in parts if p.lower() not in _INSTRUCT_WORDS and p.lower() != size_label.lower()
                and not re.fullmatch(r"v?\d+(\.\d+)*", p)]
        family = "-".join(kept[:1]) if kept else entry.name
    return ModelFamily(family.lower(), size_label.lower(), instruct)


def base_instruct_pairs(entries: list[ModelEntry]) -> list[tuple[ModelEntry, ModelEntry]]:
    """(base, instruct) pairs of one family and one size among ``entries``, e.g. SmolLM2-135M and -135M-Instruct."""
    known = [(entry, model_family(entry)) for entry in entries]
    pairs = []
    for base, about in known:
        if about.instruct:
            continue
        match = next((other for other, its in known
                      if its.instruct and its.family == about.family and its.size == about.size), None)
        if match is not None:
            pairs.append((base, match))
    return pairs


@dataclass(frozen=True)
class ScalingPoint:
    """One variant of a scored run on the scaling plot: its accuracy at its model's parameter count."""

    label: str  # the variant's name
    model_name: str
    parameters: int
    passed: int
    scored: int

    @property
    def accuracy(self) -> float:
        return self.passed / self.scored if self.scored else 0.0


def scaling_points(experiment, resolve) -> tuple[str, list[ScalingPoint]]:
    """The family among the experiment's models with the most sizes (two at least), and one point per scored
    variant on a model of that family, smallest first; ("", []) when no family has two sizes. ``resolve``: model
    id → ModelEntry (the registry's), raising for a model that is gone (left out)."""
    found: dict[str, list[tuple[int, ModelEntry, ModelFamily, int]]] = {}
    for index, variant in enumerate(experiment.variants):
        try:
            entry = resolve(variant.model_id)
        except Exception:  # noqa: BLE001 - a model removed since the run: not plotted
            continue
        count = parameter_count(entry)
        if count:
            about = model_family(entry)
            found.setdefault(about.family, []).append((index, entry, about, count))
    best, members = "", []
    for family, items in found.items():
        sizes = {count for *_rest, count in items}
        if len(sizes) >= 2 and len(sizes) > len({count for *_r, count in members}):
            best, members = family, items
    points = []
    for index, entry, _about, count in members:
        passed, scored = experiment.accuracy(index)
        if scored:
            points.append(ScalingPoint(experiment.variants[index].name, entry.name, count, passed, scored))
    return (best, sorted(points, key=lambda p: (p.parameters, p.label))) if points else ("", [])
